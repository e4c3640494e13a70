import type { Batch, Revision, RevisionKind, RevisionOrigin, Role, Status } from '../../shared/domain';
import type { InlineCode } from '../../shared/inline';
import type { Db } from '../connection';
import { codesJson, parseCodes } from './pairs';
import { stmt } from './statements';

interface RevisionRow {
  id: number;
  pair_id: number;
  kind: RevisionKind;
  target: string;
  target_codes: string | null;
  status: Status;
  author: string;
  role: Role;
  note: string | null;
  created_at: string;
  touched_at: string;
  batch_id: number | null;
  origin: RevisionOrigin | null;
  score: number | null;
}

export interface NewRevision {
  pairId: number;
  kind: RevisionKind;
  target: string;
  targetCodes?: readonly InlineCode[] | null | undefined;
  status: Status;
  author: string;
  role: Role;
  note: string | null;
  at: string;
  batchId?: number | null;
  origin?: RevisionOrigin | null;
  score?: number | null;
}

export function appendRevision(db: Db, r: NewRevision): number {
  const res = stmt(
    db,
    `INSERT INTO revisions (pair_id, kind, target, target_codes, status, author, role, note, created_at, touched_at, batch_id, origin, score)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    r.pairId,
    r.kind,
    r.target,
    codesJson(r.targetCodes),
    r.status,
    r.author,
    r.role,
    r.note,
    r.at,
    r.at,
    r.batchId ?? null,
    r.origin ?? null,
    r.score ?? null,
  );
  return Number(res.lastInsertRowid);
}

/**
 * Writes a pair's implicit import revision (migration 0017) while the pair is still as imported:
 * call it before the pair's first change. Nothing for a pair that has revisions already, or whose
 * document stored them at import.
 */
export function keepImportRevision(db: Db, pairId: number): void {
  stmt(
    db,
    `INSERT INTO revisions (pair_id, kind, target, target_codes, status, author, role, note, created_at, touched_at)
     SELECT p.id, 'import', p.target, p.target_codes, p.status, d.imported_by, d.imported_role, NULL, p.created_at, p.created_at
     FROM pairs p JOIN documents d ON d.id = p.document_id
     WHERE p.id = ? AND d.imported_by IS NOT NULL AND NOT EXISTS (SELECT 1 FROM revisions r WHERE r.pair_id = p.id)`,
  ).run(pairId);
}

/**
 * A never-changed pair's implicit import revision, as keepImportRevision would write it; id 0, since
 * it is not stored yet (nothing restores to it: it is the pair as it is).
 */
function implicitImportRevision(db: Db, pairId: number): RevisionRow | undefined {
  return stmt(
    db,
    `SELECT 0 AS id, p.id AS pair_id, 'import' AS kind, p.target, p.target_codes, p.status, d.imported_by AS author,
       d.imported_role AS role, NULL AS note, p.created_at, p.created_at AS touched_at, NULL AS batch_id, NULL AS origin, NULL AS score
     FROM pairs p JOIN documents d ON d.id = p.document_id
     WHERE p.id = ? AND d.imported_by IS NOT NULL AND NOT EXISTS (SELECT 1 FROM revisions r WHERE r.pair_id = p.id)`,
  ).get(pairId) as RevisionRow | undefined;
}

/** How long a pause may last inside one burst of typing. */
export const EDIT_BURST_MS = 5 * 60 * 1000;

/**
 * Records an edit: extends the pair's latest revision when it is an 'edit' by the same author
 * touched within the burst window, otherwise appends a new one.
 */
export function recordEdit(db: Db, r: Omit<NewRevision, 'kind' | 'note'>): number {
  const last = latestRevisionRow(db, r.pairId);
  if (
    last &&
    last.kind === 'edit' &&
    last.batch_id === null &&
    last.origin === null &&
    last.author === r.author &&
    last.role === r.role &&
    Date.parse(r.at) - Date.parse(last.touched_at) < EDIT_BURST_MS
  ) {
    stmt(db, 'UPDATE revisions SET target = ?, target_codes = ?, status = ?, touched_at = ? WHERE id = ?').run(
      r.target,
      codesJson(r.targetCodes),
      r.status,
      r.at,
      last.id,
    );
    return last.id;
  }
  return appendRevision(db, { ...r, kind: 'edit', note: null });
}

function latestRevisionRow(db: Db, pairId: number): RevisionRow | undefined {
  return stmt(db, 'SELECT * FROM revisions WHERE pair_id = ? ORDER BY id DESC LIMIT 1').get(pairId) as RevisionRow | undefined;
}

export function latestRevision(db: Db, pairId: number): Revision | undefined {
  const row = latestRevisionRow(db, pairId);
  return row && toRevision(row);
}

/** The revision a pair had just before `revisionId`: its state before that change. */
export function revisionBefore(db: Db, pairId: number, revisionId: number): Revision | undefined {
  const row = stmt(db, 'SELECT * FROM revisions WHERE pair_id = ? AND id < ? ORDER BY id DESC LIMIT 1').get(
    pairId,
    revisionId,
  ) as RevisionRow | undefined;
  return row && toRevision(row);
}

/** A pair's revisions, oldest first; for a pair never changed since its import, that implicit import revision. */
export function listRevisions(db: Db, pairId: number): Revision[] {
  const rows = stmt(db, 'SELECT * FROM revisions WHERE pair_id = ? ORDER BY id').all(pairId) as RevisionRow[];
  if (rows.length === 0) {
    const implicit = implicitImportRevision(db, pairId);
    if (implicit) rows.push(implicit);
  }
  return rows.map(toRevision);
}

/** One of a pair's revisions, as listRevisions shows it: id 0 is a never-changed pair's implicit import revision. */
export function pairRevision(db: Db, pairId: number, revisionId: number): Revision | undefined {
  const row =
    revisionId === 0
      ? implicitImportRevision(db, pairId)
      : (stmt(db, 'SELECT * FROM revisions WHERE id = ? AND pair_id = ?').get(revisionId, pairId) as RevisionRow | undefined);
  return row && toRevision(row);
}

export function getRevision(db: Db, id: number): Revision | undefined {
  const row = stmt(db, 'SELECT * FROM revisions WHERE id = ?').get(id) as RevisionRow | undefined;
  return row && toRevision(row);
}

function toRevision(r: RevisionRow): Revision {
  return {
    id: r.id,
    pairId: r.pair_id,
    kind: r.kind,
    target: r.target,
    targetCodes: parseCodes(r.target_codes),
    status: r.status,
    author: r.author,
    role: r.role,
    note: r.note,
    createdAt: r.touched_at,
    batchId: r.batch_id,
    origin: r.origin,
    score: r.score,
  };
}

interface BatchRow {
  id: number;
  document_id: number;
  origin: RevisionOrigin;
  author: string;
  role: Role;
  note: string | null;
  created_at: string;
}

export function insertBatch(db: Db, b: Omit<Batch, 'id'>): number {
  const res = stmt(db, 'INSERT INTO batches (document_id, origin, author, role, note, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    b.documentId,
    b.origin,
    b.author,
    b.role,
    b.note,
    b.createdAt,
  );
  return Number(res.lastInsertRowid);
}

export function getBatch(db: Db, id: number): Batch | undefined {
  const row = stmt(db, 'SELECT * FROM batches WHERE id = ?').get(id) as BatchRow | undefined;
  return row && toBatch(row);
}

export function listBatches(db: Db, documentId: number): Batch[] {
  return (stmt(db, 'SELECT * FROM batches WHERE document_id = ? ORDER BY id').all(documentId) as BatchRow[]).map(toBatch);
}

/** How many revisions (one per pair) a batch wrote. */
export function countBatchRevisions(db: Db, batchId: number): number {
  return stmt(db, 'SELECT count(*) FROM revisions WHERE batch_id = ?').pluck().get(batchId) as number;
}

/** A batch that ended up writing nothing leaves no row behind. */
export function deleteBatchIfEmpty(db: Db, id: number): boolean {
  return (
    stmt(db, 'DELETE FROM batches WHERE id = ? AND NOT EXISTS (SELECT 1 FROM revisions WHERE batch_id = ?)').run(id, id)
      .changes === 1
  );
}

/** The revisions a batch wrote, one per pair, in document order. */
export function listBatchRevisions(db: Db, batchId: number): Revision[] {
  return (
    stmt(db, 'SELECT r.* FROM revisions r JOIN pairs p ON p.id = r.pair_id WHERE r.batch_id = ? ORDER BY p.position, r.id').all(
      batchId,
    ) as RevisionRow[]
  ).map(toRevision);
}

function toBatch(r: BatchRow): Batch {
  return {
    id: r.id,
    documentId: r.document_id,
    origin: r.origin,
    author: r.author,
    role: r.role,
    note: r.note,
    createdAt: r.created_at,
  };
}

/**
 * Segments an editor has reviewed, and their source words: approved or rejected now, or at any
 * time before (a rejected segment fixed since was still reviewed), or carrying a rejection from an
 * imported file. Excluded segments are not part of the review.
 */
export function reviewedCounts(db: Db, documentId: number): { segments: number; words: number } {
  return stmt(
    db,
    `SELECT count(*) AS segments, coalesce(sum(p.source_words), 0) AS words FROM pairs p
     WHERE p.document_id = ? AND p.excluded = 0 AND (
       p.status IN ('approved', 'rejected')
       OR EXISTS (SELECT 1 FROM revisions r WHERE r.pair_id = p.id AND r.kind IN ('approve', 'reject'))
       OR EXISTS (SELECT 1 FROM comments c WHERE c.pair_id = p.id AND c.kind = 'rejection'))`,
  ).get(documentId) as { segments: number; words: number };
}
