// The one write path for a pair. Every change to a pair's target, status, exclusion or rejection
// reason goes through applyChange, inside writeTransaction or batchTransaction, so that the derived
// columns, the version, the history, the document's timestamp and the change event can never drift
// apart between writers (they once did: the bilingual re-import skipped the document timestamp).
//
// Contract of applyChange(ctx, pair, change, who, revision):
// - It must run inside writeTransaction/batchTransaction (it throws otherwise): the caller's reads,
//   permission checks and every write of one operation commit or roll back together.
// - `pair` is the pair as the caller read it inside that transaction; the caller has already
//   checked the actor's permission (checkAction) and, for user input, the expected version.
// - It writes target, target_norm (normalizeForSearch), target_words (countWords), status,
//   excluded, rejection_reason, updated_at/by and version + 1, only if the stored version is still
//   `pair.version`; otherwise it throws 'conflict' with the current version.
// - It refuses to change the text of an approved or excluded pair ('locked' / 'excluded'), whatever
//   the caller checked: a writer that forgets its permission check cannot overwrite reviewed work.
// - Before a pair's first change it writes the pair's implicit import revision (migration 0017).
// - It records one revision: `revision.kind` (+ note, origin, score); inside batchTransaction the
//   revision also carries the batch id. A plain 'edit' (no origin, no batch) extends the author's
//   open edit revision during a burst of typing instead of appending one per keystroke.
// - The transaction sets the document's updated_at once (to the latest change's time) before it
//   commits, and emits 'pairs:changed' once per document after it commits; nothing on rollback.
// - It keeps the pair's translation-memory unit in step (services/tm-memory.ts syncPairUnit).
// - A change of text or exclusion voids the stored QA judgement of the pair and its consistency
//   peers (services/qa.ts qaTextChanged, once per document before commit; the in-memory figures
//   follow after commit, so a rollback leaves them as they were).
// - It returns the pair as written (openComments as read: comments are not its business).
import type { Pair, RevisionKind, RevisionOrigin, Status } from '../shared/domain';
import { QalamError } from '../shared/errors';
import { codesOrNull, plainText, sameCodes, type InlineCode } from '../shared/inline';
import type { Db } from '../store/connection';
import { touchDocument } from '../store/repos/documents';
import { getPair, writePair } from '../store/repos/pairs';
import { appendRevision, deleteBatchIfEmpty, insertBatch, keepImportRevision, recordEdit } from '../store/repos/revisions';
import { normalizeForSearch } from '../text/arabic';
import { countWords } from '../text/words';
import type { Actor, ServiceContext } from './context';
import { qaFiguresChanged, qaTextChanged, type QaTextChange } from './qa';
import { syncPairUnit } from './tm-memory';

/** The fields a writer may change; anything left out keeps its value. */
export interface PairChange {
  target?: string;
  /** The target's inline codes; a new `target` without codes has none. */
  targetCodes?: InlineCode[] | null;
  status?: Status;
  excluded?: boolean;
  rejectionReason?: string | null;
}

/** What the history records about the change. */
export interface RevisionMeta {
  kind: RevisionKind;
  note?: string | null;
  /** Where the text came from when not typed: 'tm', 'mt', 'pretranslate', 'replace', … */
  origin?: RevisionOrigin | null;
  /** A match score in percent, for text taken from memory or machine translation. */
  score?: number | null;
  /** The change's time; pass the one the operation uses for its other rows (comments). */
  at?: string;
}

interface OpenWrite {
  batchId: number | null;
  /** documentId → the latest change time and the ids changed, for the timestamp and the event. */
  documents: Map<number, { at: string; pairIds: Set<number>; qa: QaTextChange[] }>;
}

const openWrites = new WeakMap<Db, OpenWrite>();

/**
 * Runs `fn` in one IMMEDIATE transaction in which applyChange may be called. A call nested in an
 * open write transaction joins it.
 */
export function writeTransaction<T>(ctx: ServiceContext, fn: () => T): T {
  if (openWrites.has(ctx.db)) return fn();
  return run(ctx, null, () => fn());
}

/**
 * A write transaction whose revisions all carry one new batch id, so the operation can be listed
 * (listBatchRevisions) and undone as one (history.undoBatch). A batch that writes nothing is not kept.
 */
export function batchTransaction<T>(
  ctx: ServiceContext,
  batch: { documentId: number; origin: RevisionOrigin; who: Actor; note?: string | null },
  fn: (batchId: number) => T,
): T {
  if (openWrites.has(ctx.db)) throw new Error('a batch cannot be nested in another write transaction');
  return run(ctx, batch, fn);
}

function run<T>(
  ctx: ServiceContext,
  batch: { documentId: number; origin: RevisionOrigin; who: Actor; note?: string | null } | null,
  fn: (batchId: number) => T,
): T {
  const open: OpenWrite = { batchId: null, documents: new Map() };
  openWrites.set(ctx.db, open);
  let result: T;
  try {
    result = ctx.db
      .transaction(() => {
        if (batch) {
          open.batchId = insertBatch(ctx.db, {
            documentId: batch.documentId,
            origin: batch.origin,
            author: batch.who.name,
            role: batch.who.role,
            note: batch.note ?? null,
            createdAt: ctx.now(),
          });
        }
        const value = fn(open.batchId ?? 0);
        for (const [documentId, { at, qa }] of open.documents) {
          touchDocument(ctx.db, documentId, at);
          if (qa.length) qaTextChanged(ctx, documentId, qa);
        }
        if (open.batchId !== null) deleteBatchIfEmpty(ctx.db, open.batchId);
        return value;
      })
      .immediate();
  } finally {
    openWrites.delete(ctx.db);
  }
  for (const [documentId, { pairIds, qa }] of open.documents) {
    if (qa.length) qaFiguresChanged(ctx, documentId, qa);
    ctx.events.emit('pairs:changed', { documentId, pairIds: [...pairIds] });
  }
  return result;
}

export function applyChange(ctx: ServiceContext, pair: Pair, change: PairChange, who: Actor, revision: RevisionMeta): Pair {
  const open = openWrites.get(ctx.db);
  if (!open) throw new Error('applyChange must run inside writeTransaction or batchTransaction');
  const target = change.target ?? pair.target;
  const targetCodes = codesOrNull(
    change.targetCodes !== undefined ? change.targetCodes : change.target !== undefined ? null : pair.targetCodes,
  );
  const textChanged = target !== pair.target || !sameCodes(targetCodes, pair.targetCodes);
  if (textChanged) {
    if (pair.status === 'approved') throw new QalamError('locked', { action: 'edit', status: pair.status });
    if (pair.excluded) throw new QalamError('excluded', { action: 'edit', status: pair.status });
  }
  const at = revision.at ?? ctx.now();
  const next: Pair = {
    ...pair,
    target,
    targetCodes,
    status: change.status ?? pair.status,
    excluded: change.excluded ?? pair.excluded,
    rejectionReason: change.rejectionReason === undefined ? pair.rejectionReason : change.rejectionReason,
    // Counts and search read plain text: a line-break code keeps the words on either side apart.
    targetWords: textChanged ? countWords(plainText(target, targetCodes)) : pair.targetWords,
    version: pair.version + 1,
    updatedAt: at,
    updatedBy: who.name,
  };
  // A pair's first change: its import revision, implicit until now, is written while it still holds.
  if (pair.version === 0) keepImportRevision(ctx.db, pair.id);
  const ok = writePair(ctx.db, pair.id, pair.version, {
    target,
    targetCodes,
    targetNorm: normalizeForSearch(plainText(target, targetCodes)),
    targetWords: next.targetWords,
    status: next.status,
    excluded: next.excluded,
    rejectionReason: next.rejectionReason,
    updatedAt: at,
    updatedBy: who.name,
  });
  if (!ok) throw new QalamError('conflict', { currentVersion: getPair(ctx.db, pair.id)?.version ?? -1 });

  const base = { pairId: pair.id, target, targetCodes, status: next.status, author: who.name, role: who.role, at };
  if (revision.kind === 'edit' && open.batchId === null && !revision.origin) recordEdit(ctx.db, base);
  else {
    appendRevision(ctx.db, {
      ...base,
      kind: revision.kind,
      note: revision.note ?? null,
      batchId: open.batchId,
      origin: revision.origin ?? null,
      score: revision.score ?? null,
    });
  }

  // Translation memory holds every confirmed or approved pair as it is now.
  syncPairUnit(ctx, next);

  let doc = open.documents.get(pair.documentId);
  if (!doc) open.documents.set(pair.documentId, (doc = { at, pairIds: new Set([pair.id]), qa: [] }));
  else {
    if (at > doc.at) doc.at = at;
    doc.pairIds.add(pair.id);
  }
  // QA reads the plain text: a change of codes alone leaves its judgement standing.
  if (target !== pair.target || next.excluded !== pair.excluded) {
    doc.qa.push({
      pairId: pair.id,
      before: { target: pair.target, excluded: pair.excluded },
      after: { target, excluded: next.excluded },
    });
  }
  return next;
}
