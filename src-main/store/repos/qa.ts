import type { Role } from '../../shared/domain';
import type { QaCheckId } from '../../shared/qa';
import type { Db } from '../connection';
import { stmt } from './statements';

export interface QaRow {
  id: number;
  position: number;
  source: string;
  target: string;
  excluded: boolean;
}

/** The text of every pair of a document, in order: what a document-wide check reads. */
export function qaRows(db: Db, documentId: number): QaRow[] {
  const rows = stmt(db, 'SELECT id, position, source, target, excluded FROM pairs WHERE document_id = ? ORDER BY position').all(
    documentId,
  ) as (Omit<QaRow, 'excluded'> & { excluded: number })[];
  return rows.map((r) => ({ ...r, excluded: r.excluded === 1 }));
}

export interface QaIgnore {
  pairId: number;
  check: QaCheckId;
  targetHash: string;
  author: string;
  createdAt: string;
}

interface IgnoreRow {
  pair_id: number;
  check_id: QaCheckId;
  target_hash: string;
  author: string;
  created_at: string;
}

const toIgnore = (r: IgnoreRow): QaIgnore => ({
  pairId: r.pair_id,
  check: r.check_id,
  targetHash: r.target_hash,
  author: r.author,
  createdAt: r.created_at,
});

export function ignoresOfPair(db: Db, pairId: number): QaIgnore[] {
  return (stmt(db, 'SELECT * FROM qa_ignores WHERE pair_id = ?').all(pairId) as IgnoreRow[]).map(toIgnore);
}

export function ignoresOfDocument(db: Db, documentId: number): QaIgnore[] {
  return (
    stmt(db, 'SELECT i.* FROM qa_ignores i JOIN pairs p ON p.id = i.pair_id WHERE p.document_id = ?').all(
      documentId,
    ) as IgnoreRow[]
  ).map(toIgnore);
}

export function putIgnore(db: Db, i: QaIgnore & { role: Role }): void {
  stmt(
    db,
    `INSERT INTO qa_ignores (pair_id, check_id, target_hash, author, role, created_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (pair_id, check_id) DO UPDATE SET target_hash = excluded.target_hash, author = excluded.author,
       role = excluded.role, created_at = excluded.created_at`,
  ).run(i.pairId, i.check, i.targetHash, i.author, i.role, i.createdAt);
}

export function deleteIgnore(db: Db, pairId: number, check: QaCheckId): void {
  stmt(db, 'DELETE FROM qa_ignores WHERE pair_id = ? AND check_id = ?').run(pairId, check);
}

export function qaDisabled(db: Db, documentId: number): QaCheckId[] {
  const row = stmt(db, 'SELECT qa_disabled FROM documents WHERE id = ?').get(documentId) as { qa_disabled: string } | undefined;
  return row ? (JSON.parse(row.qa_disabled) as QaCheckId[]) : [];
}

export function setQaDisabled(db: Db, documentId: number, checks: readonly QaCheckId[]): boolean {
  return stmt(db, 'UPDATE documents SET qa_disabled = ? WHERE id = ?').run(JSON.stringify(checks), documentId).changes === 1;
}

export function userWords(db: Db): string[] {
  return (stmt(db, 'SELECT word FROM user_words ORDER BY word').all() as { word: string }[]).map((r) => r.word);
}

export function addUserWord(db: Db, word: string, at: string): void {
  stmt(db, 'INSERT INTO user_words (word, added_at) VALUES (?, ?) ON CONFLICT (word) DO NOTHING').run(word, at);
}

export function removeUserWord(db: Db, word: string): void {
  stmt(db, 'DELETE FROM user_words WHERE word = ?').run(word);
}
