import type { PairTimeline, ParsedInput, QaIgnoreEvent } from '../shared/contract';
import { checkAction, statusAfterEdit, type Batch, type Pair, type Revision } from '../shared/domain';
import { QalamError, type ErrorCode } from '../shared/errors';
import * as repo from '../store/repos/pairs';
import { ignoreLogOfPair } from '../store/repos/qa';
import {
  getBatch,
  latestRevision,
  listBatchRevisions,
  listBatches as listBatchRows,
  listRevisions,
  pairRevision,
  revisionBefore,
} from '../store/repos/revisions';
import { actor, type ServiceContext } from './context';
import { getDocument } from './documents';
import { applyChange, batchTransaction, writeTransaction } from './pair-writes';
import { getPair } from './pairs';
import { targetHash } from './qa';
import { listBatches as listDocumentBatches } from './tm-writes';

export function listHistory(ctx: ServiceContext, pairId: number): Revision[] {
  getPair(ctx, pairId);
  return listRevisions(ctx.db, pairId);
}

/**
 * What the pair's history shows beside its revisions: each "not an error" mark (and whether it still
 * applies, or lapsed when the text changed) and the batches its revisions belong to.
 */
export function pairTimeline(ctx: ServiceContext, pairId: number): PairTimeline {
  const pair = getPair(ctx, pairId);
  const revisions = listRevisions(ctx.db, pairId);
  const log = ignoreLogOfPair(ctx.db, pairId);
  const currentHash = log.length ? targetHash(pair.target) : '';
  const ignores = log.map((e, i): QaIgnoreEvent => {
    const event = { id: e.id, check: e.check, action: e.action, author: e.author, role: e.role, createdAt: e.createdAt };
    if (e.action === 'unignore') return { ...event, standing: null, lapsedAt: null };
    const lapse = revisions.find((r) => r.createdAt > e.createdAt && targetHash(r.target) !== e.targetHash);
    const later = log.slice(i + 1).some((x) => x.check === e.check);
    // The service compares the mark with the text as it is now (a text changed and changed back
    // brings the mark back); the revision that first changed it away is when it lapsed.
    const standing = later ? 'superseded' : currentHash === e.targetHash ? 'applies' : 'lapsed';
    return { ...event, standing, lapsedAt: standing === 'applies' ? null : (lapse?.createdAt ?? null) };
  });
  const batchIds = new Set(revisions.flatMap((r) => (r.batchId ? [r.batchId] : [])));
  return { ignores, batches: batchIds.size ? listDocumentBatches(ctx, pair.documentId, batchIds) : [] };
}

/** Restoring an earlier text is itself a new revision; nothing is rewritten. */
export function restore(ctx: ServiceContext, input: ParsedInput<'history:restore'>): Pair {
  const who = actor(ctx);
  const pairId = writeTransaction(ctx, () => {
    const pair = getPair(ctx, input.pairId);
    if (pair.version !== input.expectedVersion) throw new QalamError('conflict', { currentVersion: pair.version });
    const verdict = checkAction(who.role, 'restore', pair);
    if (!verdict.ok) throw new QalamError(verdict.reason, { action: 'restore', status: pair.status });
    const rev = pairRevision(ctx.db, pair.id, input.revisionId);
    if (!rev) throw new QalamError('not_found', { what: 'revision' });
    const status = rev.target === pair.target ? pair.status : statusAfterEdit(pair.status, rev.target);
    applyChange(ctx, pair, { target: rev.target, targetCodes: rev.targetCodes, status }, who, {
      kind: 'restore',
      note: `#${rev.id}`,
    });
    return pair.id;
  });
  return getPair(ctx, pairId);
}

export function listBatches(ctx: ServiceContext, documentId: number): Batch[] {
  getDocument(ctx, documentId);
  return listBatchRows(ctx.db, documentId);
}

export interface UndoResult {
  restored: number[];
  /** Pairs left as they are: 'conflict' when changed since the batch, else the permission refusal. */
  refused: { pairId: number; reason: ErrorCode }[];
}

/**
 * Puts every pair a batch wrote back to its target and status from just before the batch, as
 * 'restore' revisions of a new 'undo' batch (so the undo is history too, never a rewrite). A pair
 * changed since the batch (its latest revision is no longer the batch's) keeps its newer work.
 */
export function undoBatch(ctx: ServiceContext, batchId: number): UndoResult {
  const who = actor(ctx);
  const batch = getBatch(ctx.db, batchId);
  if (!batch) throw new QalamError('not_found', { what: 'batch' });
  const result: UndoResult = { restored: [], refused: [] };
  batchTransaction(ctx, { documentId: batch.documentId, origin: 'undo', who, note: `#${batch.id}` }, () => {
    const at = ctx.now();
    for (const rev of listBatchRevisions(ctx.db, batch.id)) {
      const pair = repo.getPair(ctx.db, rev.pairId);
      const before = revisionBefore(ctx.db, rev.pairId, rev.id);
      if (!pair || !before) continue;
      if (latestRevision(ctx.db, pair.id)?.id !== rev.id) {
        result.refused.push({ pairId: pair.id, reason: 'conflict' });
        continue;
      }
      const verdict = checkAction(who.role, 'restore', pair);
      if (!verdict.ok || (before.status === 'approved' && who.role !== 'editor')) {
        result.refused.push({ pairId: pair.id, reason: verdict.ok ? 'forbidden' : verdict.reason });
        continue;
      }
      applyChange(ctx, pair, { target: before.target, targetCodes: before.targetCodes, status: before.status }, who, {
        kind: 'restore',
        origin: 'undo',
        note: `#${batch.id}`,
        at,
      });
      result.restored.push(pair.id);
    }
  });
  return result;
}
