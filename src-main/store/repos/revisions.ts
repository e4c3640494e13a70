import type { Revision, RevisionKind, Role, Status } from '../../shared/domain';
import type { Db } from '../connection';
import { stmt } from './statements';

interface RevisionRow {
  id: number;
  pair_id: number;
  kind: RevisionKind;
  target: string;
  status: Status;
  author: string;
  role: Role;
  note: string | null;
  created_at: string;
  touched_at: string;
}

export interface NewRevision {
  pairId: number;
  kind: RevisionKind;
  target: string;
  status: Status;
  author: string;
  role: Role;
  note: string | null;
  at: string;
}

export function appendRevision(db: Db, r: NewRevision): number {
  const res = stmt(
    db,
    `INSERT INTO revisions (pair_id, kind, target, status, author, role, note, created_at, touched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(r.pairId, r.kind, r.target, r.status, r.author, r.role, r.note, r.at, r.at);
  return Number(res.lastInsertRowid);
}

/** The 'import' revision of every pair of a freshly imported document. */
export function importRevisions(db: Db, documentId: number, author: string, role: Role, at: string): void {
  stmt(
    db,
    `INSERT INTO revisions (pair_id, kind, target, status, author, role, note, created_at, touched_at)
     SELECT id, 'import', target, status, ?, ?, NULL, ?, ? FROM pairs WHERE document_id = ? ORDER BY position`,
  ).run(author, role, at, at, documentId);
}

/** How long a pause may last inside one burst of typing. */
export const EDIT_BURST_MS = 5 * 60 * 1000;

/**
 * Records an edit: extends the pair's latest revision when it is an 'edit' by the same author
 * touched within the burst window, otherwise appends a new one.
 */
export function recordEdit(db: Db, r: Omit<NewRevision, 'kind' | 'note'>): number {
  const last = stmt(db, 'SELECT * FROM revisions WHERE pair_id = ? ORDER BY id DESC LIMIT 1').get(r.pairId) as
    RevisionRow | undefined;
  if (
    last &&
    last.kind === 'edit' &&
    last.author === r.author &&
    last.role === r.role &&
    Date.parse(r.at) - Date.parse(last.touched_at) < EDIT_BURST_MS
  ) {
    stmt(db, 'UPDATE revisions SET target = ?, status = ?, touched_at = ? WHERE id = ?').run(r.target, r.status, r.at, last.id);
    return last.id;
  }
  return appendRevision(db, { ...r, kind: 'edit', note: null });
}

export function listRevisions(db: Db, pairId: number): Revision[] {
  return (stmt(db, 'SELECT * FROM revisions WHERE pair_id = ? ORDER BY id').all(pairId) as RevisionRow[]).map(toRevision);
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
    status: r.status,
    author: r.author,
    role: r.role,
    note: r.note,
    createdAt: r.touched_at,
  };
}
