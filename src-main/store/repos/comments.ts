import type { Comment, ErrorCategory, Role, Severity } from '../../shared/domain';
import type { Db } from '../connection';
import { stmt } from './statements';

export type CommentKind = 'comment' | 'rejection' | 'reopen';

interface CommentRow {
  id: number;
  pair_id: number;
  parent_id: number | null;
  kind: CommentKind;
  author: string;
  role: Role;
  body: string;
  category: ErrorCategory | null;
  severity: Severity | null;
  resolved: 0 | 1;
  resolved_by: string | null;
  created_at: string;
}

export interface NewComment {
  pairId: number;
  parentId: number | null;
  kind: CommentKind;
  author: string;
  role: Role;
  body: string;
  category: ErrorCategory | null;
  severity: Severity | null;
  resolved?: boolean;
  at: string;
}

export function insertComment(db: Db, c: NewComment): number {
  const r = stmt(
    db,
    `INSERT INTO comments (pair_id, parent_id, kind, author, role, body, category, severity, resolved, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(c.pairId, c.parentId, c.kind, c.author, c.role, c.body, c.category, c.severity, c.resolved ? 1 : 0, c.at);
  return Number(r.lastInsertRowid);
}

export function getComment(db: Db, id: number): (Comment & { kind: CommentKind }) | undefined {
  const row = stmt(db, 'SELECT * FROM comments WHERE id = ?').get(id) as CommentRow | undefined;
  return row && toComment(row);
}

export function listComments(db: Db, pairId: number): (Comment & { kind: CommentKind })[] {
  return (stmt(db, 'SELECT * FROM comments WHERE pair_id = ? ORDER BY id').all(pairId) as CommentRow[]).map(toComment);
}

export function setResolved(db: Db, id: number, resolved: boolean, by: string, at: string): void {
  stmt(db, 'UPDATE comments SET resolved = ?, resolved_by = ?, resolved_at = ? WHERE id = ?').run(
    resolved ? 1 : 0,
    resolved ? by : null,
    resolved ? at : null,
    id,
  );
}

/** Closes the open rejection threads of a pair (its approval answers them). */
export function resolveRejections(db: Db, pairId: number, by: string, at: string): void {
  stmt(
    db,
    `UPDATE comments SET resolved = 1, resolved_by = ?, resolved_at = ? WHERE pair_id = ? AND kind = 'rejection' AND resolved = 0`,
  ).run(by, at, pairId);
}

export interface RatedError {
  category: ErrorCategory;
  severity: Severity;
}

/** Categorised rejection comments of a document's non-excluded pairs. */
export function documentErrors(db: Db, documentId: number): RatedError[] {
  return stmt(
    db,
    `SELECT c.category, coalesce(c.severity, 'minor') AS severity FROM comments c JOIN pairs p ON p.id = c.pair_id
     WHERE p.document_id = ? AND p.excluded = 0 AND c.kind = 'rejection' AND c.category IS NOT NULL`,
  ).all(documentId) as RatedError[];
}

export function commentsOfDocument(db: Db, documentId: number): Map<number, (Comment & { kind: CommentKind })[]> {
  const rows = stmt(db, 'SELECT c.* FROM comments c JOIN pairs p ON p.id = c.pair_id WHERE p.document_id = ? ORDER BY c.id').all(
    documentId,
  ) as CommentRow[];
  const byPair = new Map<number, (Comment & { kind: CommentKind })[]>();
  for (const r of rows) {
    const list = byPair.get(r.pair_id) ?? [];
    list.push(toComment(r));
    byPair.set(r.pair_id, list);
  }
  return byPair;
}

function toComment(r: CommentRow): Comment & { kind: CommentKind } {
  return {
    id: r.id,
    pairId: r.pair_id,
    parentId: r.parent_id,
    kind: r.kind,
    author: r.author,
    role: r.role,
    body: r.body,
    category: r.category,
    severity: r.severity,
    resolved: r.resolved === 1,
    resolvedBy: r.resolved_by,
    createdAt: r.created_at,
  };
}
