// What translation memory writes into documents: pre-translation of empty targets and propagation of
// a confirmed translation to the paragraph's repetitions. Both go through the one pair write path
// (applyChange) as batches, so each can be listed and undone as one and every pair keeps its history.
import type { TmBatch, TmPretranslateResult } from '../shared/contract';
import { checkAction, type Pair } from '../shared/domain';
import { countBatchRevisions, listBatches as listBatchRows } from '../store/repos/revisions';
import * as repo from '../store/repos/pairs';
import { readSettings } from '../store/repos/settings';
import { unconfirmedRepeats } from '../store/repos/tm';
import { normalizeForSearch } from '../text/arabic';
import { CONTEXT_SCORE } from '../tm/rank';
import { substituteNumbers } from '../tm/numbers';
import { actor, type Actor, type ServiceContext } from './context';
import { getDocument } from './documents';
import { applyChange, batchTransaction } from './pair-writes';
import { bestScores } from './tm';

interface Fill {
  pairId: number;
  version: number;
  target: string;
  score: number;
}

/**
 * Fills every empty, non-excluded target whose best match scores at least `minScore`: 100% and
 * context matches as Translated, lower ones as Draft, each with a 'pretranslate' revision carrying
 * the score, all in one batch. Matching runs first and writes nothing; the writes are one transaction.
 */
export function pretranslate(
  ctx: ServiceContext,
  input: { documentId: number; minScore?: number | undefined; dryRun?: boolean | undefined },
): TmPretranslateResult {
  getDocument(ctx, input.documentId);
  const minScore = input.minScore ?? 100;
  const who = actor(ctx);
  const fills: Fill[] = [];
  let unmatched = 0;
  bestScores(ctx, input.documentId, 'pretranslate', minScore, (row, best) => {
    if (
      row.target.trim() !== '' ||
      !checkAction(who.role, 'edit', { status: row.status as Pair['status'], excluded: false, target: '' }).ok
    )
      return;
    if (!best) {
      unmatched++;
      return;
    }
    fills.push({
      pairId: row.id,
      version: row.version,
      target: substituteNumbers(row.source, best.unit.source, best.unit.target).text,
      score: best.score,
    });
  });
  const result: TmPretranslateResult = {
    documentId: input.documentId,
    batchId: null,
    filled: 0,
    translated: 0,
    draft: 0,
    unmatched,
  };
  if (input.dryRun || fills.length === 0) {
    result.filled = fills.length;
    result.translated = fills.filter((f) => f.score >= 100).length;
    result.draft = fills.length - result.translated;
    return result;
  }
  batchTransaction(ctx, { documentId: input.documentId, origin: 'pretranslate', who, note: `≥${minScore}%` }, (batchId) => {
    const at = ctx.now();
    for (const f of fills) {
      const pair = repo.getPair(ctx.db, f.pairId);
      // Typed into since matching began: the translator's text wins.
      if (!pair || pair.version !== f.version || pair.target.trim() !== '') continue;
      const exact = f.score >= 100;
      applyChange(ctx, pair, { target: f.target, status: exact ? 'translated' : 'draft' }, who, {
        kind: exact ? 'confirm' : 'edit',
        origin: 'pretranslate',
        // The history keeps percentages; a context match is noted as such.
        score: Math.min(f.score, 100),
        note: f.score >= CONTEXT_SCORE ? 'context' : null,
        at,
      });
      if (exact) result.translated++;
      else result.draft++;
      result.filled++;
    }
    result.batchId = result.filled > 0 ? batchId : null;
  });
  return result;
}

/**
 * After a pair is confirmed: its unconfirmed repetitions in the document (same folded source, New or
 * Draft, not excluded) get its translation as Translated, in one 'propagate' batch. Off when the
 * tmPropagate setting is off. Returns the ids filled.
 */
export function propagateRepetitions(ctx: ServiceContext, pair: Pair, who: Actor = actor(ctx)): number[] {
  if (!readSettings(ctx.db).tmPropagate || pair.target.trim() === '' || pair.excluded) return [];
  const ids = unconfirmedRepeats(ctx.db, pair.documentId, normalizeForSearch(pair.source), pair.id);
  if (ids.length === 0) return [];
  const filled: number[] = [];
  batchTransaction(ctx, { documentId: pair.documentId, origin: 'propagate', who, note: `#${pair.id}` }, () => {
    const at = ctx.now();
    for (const id of ids) {
      const repeat = repo.getPair(ctx.db, id);
      if (!repeat || !checkAction(who.role, 'confirm', { ...repeat, target: pair.target }).ok) continue;
      applyChange(ctx, repeat, { target: pair.target, status: 'translated', rejectionReason: null }, who, {
        kind: 'confirm',
        origin: 'propagate',
        note: `#${pair.id}`,
        at,
      });
      filled.push(id);
    }
  });
  return filled;
}

/**
 * The batches listed to the user, each undoable as one. A bilingual re-import is undone from its own
 * dialog; an 'undo' batch shows as the mark on the batch it undid.
 */
const LISTED_ORIGINS: ReadonlySet<string> = new Set(['pretranslate', 'propagate', 'mt', 'replace']);

/** Newest first; `only`: just these batches (those a pair's history refers to). */
export function listBatches(ctx: ServiceContext, documentId: number, only?: ReadonlySet<number>): TmBatch[] {
  getDocument(ctx, documentId);
  const rows = listBatchRows(ctx.db, documentId);
  // history.undoBatch notes the batch it undid as '#<id>' on its own 'undo' batch.
  const undoneAt = new Map<string, string>();
  for (const b of rows) if (b.origin === 'undo' && b.note && !undoneAt.has(b.note)) undoneAt.set(b.note, b.createdAt);
  return rows
    .filter((b) => LISTED_ORIGINS.has(b.origin) && (!only || only.has(b.id)))
    .reverse()
    .map((b) => ({
      id: b.id,
      documentId: b.documentId,
      origin: b.origin,
      author: b.author,
      note: b.note,
      createdAt: b.createdAt,
      pairs: countBatchRevisions(ctx.db, b.id),
      undoneAt: undoneAt.get(`#${b.id}`) ?? null,
    }));
}
