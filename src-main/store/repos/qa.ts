import type { Role } from '../../shared/domain';
import type { QaCheckId } from '../../shared/qa';
import type { Db } from '../connection';
import { SOURCE_FOLDED } from '../folded';
import { stmt } from './statements';

export interface QaRow {
  id: number;
  position: number;
  source: string;
  /** The stored search folding of the source: the checks need not fold it again (absent beside the facts: services/qa-facts.ts). */
  sourceFolded?: string;
  target: string;
  excluded: boolean;
  /** The stored summary (see migration 0011): null when not judged since the last change. */
  qaState: QaState | null;
}

/** 0: no standing issue; 1: warnings only; 2: at least one error. */
export type QaState = 0 | 1 | 2;

interface QaRowRaw {
  id: number;
  position: number;
  source: string;
  source_norm: string;
  target: string;
  excluded: number;
  qa_state: QaState | null;
}

const QA_COLUMNS = `id, position, source, ${SOURCE_FOLDED} AS source_norm, target, excluded, qa_state`;

const toQaRow = (r: QaRowRaw): QaRow => ({
  id: r.id,
  position: r.position,
  source: r.source,
  sourceFolded: r.source_norm,
  target: r.target,
  excluded: r.excluded === 1,
  qaState: r.qa_state,
});

/** The text of every pair of a document, in order: what a document-wide check reads. */
export function qaRows(db: Db, documentId: number): QaRow[] {
  return (stmt(db, `SELECT ${QA_COLUMNS} FROM pairs WHERE document_id = ? ORDER BY position`).all(documentId) as QaRowRaw[]).map(
    toQaRow,
  );
}

/**
 * The position of a document's pair at `index` in position order (where a split document QA's
 * second part starts), or null when it has no more pairs.
 */
export function positionAt(db: Db, documentId: number, index: number): number | null {
  return (
    (stmt(db, 'SELECT position FROM pairs WHERE document_id = ? ORDER BY position LIMIT 1 OFFSET ?')
      .pluck()
      .get(documentId, index) as number | undefined) ?? null
  );
}

/** {@link qaRows} before position `to` (the first part of a split document QA). */
export function qaRowsBefore(db: Db, documentId: number, to: number): QaRow[] {
  return (
    stmt(db, `SELECT ${QA_COLUMNS} FROM pairs WHERE document_id = ? AND position < ? ORDER BY position`).all(
      documentId,
      to,
    ) as QaRowRaw[]
  ).map(toQaRow);
}

/** {@link qaRows} from position `from` on (the second part of a split document QA). */
export function qaRowsFrom(db: Db, documentId: number, from: number): QaRow[] {
  return (
    stmt(db, `SELECT ${QA_COLUMNS} FROM pairs WHERE document_id = ? AND position >= ? ORDER BY position`).all(
      documentId,
      from,
    ) as QaRowRaw[]
  ).map(toQaRow);
}

/** The same rows one at a time, for a pass that need not hold the document. */
export function* iterateQaRows(db: Db, documentId: number): Generator<QaRow> {
  const rows = stmt(db, `SELECT ${QA_COLUMNS} FROM pairs WHERE document_id = ? ORDER BY position`).iterate(
    documentId,
  ) as IterableIterator<QaRowRaw>;
  for (const r of rows) yield toQaRow(r);
}

/** The pairs of a document not judged since they (or what their checks depend on) last changed. */
export function unjudgedRows(db: Db, documentId: number): QaRow[] {
  return (
    stmt(db, `SELECT ${QA_COLUMNS} FROM pairs WHERE document_id = ? AND qa_state IS NULL`).all(documentId) as QaRowRaw[]
  ).map(toQaRow);
}

/**
 * Everything a document's stored judgements depend on besides the pairs' own text: its last write
 * (the write path sets it once per transaction), profile and glossary fingerprint, the user's
 * words and its "not an error" marks. A judge compares it before storing what it found.
 */
export function qaEpoch(db: Db, documentId: number): string {
  // Marks: the append-only log's last entry, of any document (a mark elsewhere costs a retry at most).
  return JSON.stringify(
    stmt(
      db,
      `SELECT d.updated_at, d.qa_disabled, d.qa_judged_with,
         (SELECT count(*) || ':' || ifnull(max(added_at), '') FROM user_words) AS words,
         (SELECT ifnull(max(id), 0) FROM qa_ignore_log) AS marks
       FROM documents d WHERE d.id = ?`,
    )
      .raw()
      .get(documentId) ?? null,
  );
}

/** {@link countUnjudged}, counting no further than `limit` (all a caller deciding where to judge needs). */
export function countUnjudgedUpTo(db: Db, documentId: number, limit: number): number {
  return stmt(db, 'SELECT count(*) FROM (SELECT 1 FROM pairs WHERE document_id = ? AND qa_state IS NULL LIMIT ?)')
    .pluck()
    .get(documentId, limit) as number;
}

export function countUnjudged(db: Db, documentId: number): number {
  return stmt(db, 'SELECT count(*) FROM pairs WHERE document_id = ? AND qa_state IS NULL').pluck().get(documentId) as number;
}

/** Stores judged states; the caller runs it in one transaction with the reads it judged. */
export function setQaStates(db: Db, states: Iterable<readonly [pairId: number, state: QaState]>): void {
  const update = stmt(db, 'UPDATE pairs SET qa_state = ? WHERE id = ?');
  for (const [id, state] of states) update.run(state, id);
}

/** Pairs to judge again: they changed, or a pair their checks compare against did. */
export function markUnjudged(db: Db, pairIds: Iterable<number>): void {
  const update = stmt(db, 'UPDATE pairs SET qa_state = NULL WHERE id = ? AND qa_state IS NOT NULL');
  for (const id of pairIds) update.run(id);
}

/** Every pair of a document (its profile changed), or of every document (the dictionary changed). */
export function markAllUnjudged(db: Db, documentId: number | null): void {
  if (documentId === null) stmt(db, 'UPDATE pairs SET qa_state = NULL WHERE qa_state IS NOT NULL').run();
  else stmt(db, 'UPDATE pairs SET qa_state = NULL WHERE document_id = ? AND qa_state IS NOT NULL').run(documentId);
}

/** Pairs of a document whose stored state is at least `min` (1: any issue, 2: an error). */
export function pairIdsWithQaState(db: Db, documentId: number, min: 1 | 2): number[] {
  return stmt(db, 'SELECT id FROM pairs WHERE document_id = ? AND qa_state >= ? ORDER BY position')
    .pluck()
    .all(documentId, min) as number[];
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

/** False when there was no mark to take back. */
export function deleteIgnore(db: Db, pairId: number, check: QaCheckId): boolean {
  return stmt(db, 'DELETE FROM qa_ignores WHERE pair_id = ? AND check_id = ?').run(pairId, check).changes > 0;
}

/** A "not an error" mark made or taken back, as the pair's history shows it (migration 0013). */
export interface QaIgnoreLogEntry {
  id: number;
  pairId: number;
  check: QaCheckId;
  action: 'ignore' | 'unignore';
  targetHash: string;
  author: string;
  role: Role;
  createdAt: string;
}

interface IgnoreLogRow {
  id: number;
  pair_id: number;
  check_id: QaCheckId;
  action: 'ignore' | 'unignore';
  target_hash: string;
  author: string;
  role: Role;
  created_at: string;
}

export function logIgnore(db: Db, e: Omit<QaIgnoreLogEntry, 'id'>): void {
  stmt(
    db,
    'INSERT INTO qa_ignore_log (pair_id, check_id, action, target_hash, author, role, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(e.pairId, e.check, e.action, e.targetHash, e.author, e.role, e.createdAt);
}

/** Oldest first. */
export function ignoreLogOfPair(db: Db, pairId: number): QaIgnoreLogEntry[] {
  return (stmt(db, 'SELECT * FROM qa_ignore_log WHERE pair_id = ? ORDER BY id').all(pairId) as IgnoreLogRow[]).map((r) => ({
    id: r.id,
    pairId: r.pair_id,
    check: r.check_id,
    action: r.action,
    targetHash: r.target_hash,
    author: r.author,
    role: r.role,
    createdAt: r.created_at,
  }));
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

/** What the document's stored judgements were made with (see migration 0011). */
export function judgedWith(db: Db, documentId: number): string {
  return (stmt(db, 'SELECT qa_judged_with FROM documents WHERE id = ?').pluck().get(documentId) as string | undefined) ?? '';
}

export function setJudgedWith(db: Db, documentId: number, fingerprint: string): void {
  stmt(db, 'UPDATE documents SET qa_judged_with = ? WHERE id = ?').run(fingerprint, documentId);
}
