import { emptyStats, type DocumentSummary, type ImportFormat, type Role, type Stats, type Status } from '../../shared/domain';
import type { Db } from '../connection';
import { stmt } from './statements';

interface DocumentRow {
  id: number;
  name: string;
  file_name: string;
  format: ImportFormat;
  encoding: string | null;
  source_lang: string;
  target_lang: string;
  content_hash: string;
  created_at: string;
  updated_at: string;
  opened_at: string | null;
  has_skeleton: 0 | 1;
  mt_allowed: 0 | 1;
}

const DOC_COLUMNS = `d.*, EXISTS (SELECT 1 FROM document_skeletons s WHERE s.document_id = d.id) AS has_skeleton`;

/** What an import stores: the summary's own fields, before it has an id, statistics or a skeleton. */
export type NewDocument = Pick<
  DocumentSummary,
  'name' | 'fileName' | 'format' | 'encoding' | 'sourceLang' | 'targetLang' | 'contentHash' | 'createdAt'
>;

/** `by` imported it: its pairs' import revisions are implicit until each first changes (migration 0017). */
export function insertDocument(db: Db, d: NewDocument, by: { name: string; role: Role }): number {
  const r = stmt(
    db,
    `INSERT INTO documents (name, file_name, format, encoding, source_lang, target_lang, content_hash, created_at, updated_at, imported_by, imported_role)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    d.name,
    d.fileName,
    d.format,
    d.encoding,
    d.sourceLang,
    d.targetLang,
    d.contentHash,
    d.createdAt,
    d.createdAt,
    by.name,
    by.role,
  );
  return Number(r.lastInsertRowid);
}

export function getDocumentRow(db: Db, id: number): DocumentRow | undefined {
  return stmt(db, `SELECT ${DOC_COLUMNS} FROM documents d WHERE d.id = ?`).get(id) as DocumentRow | undefined;
}

export function getDocument(db: Db, id: number): DocumentSummary | undefined {
  const row = getDocumentRow(db, id);
  return row ? toSummary(row, documentStats(db, id)) : undefined;
}

export function listDocuments(db: Db): DocumentSummary[] {
  const rows = stmt(
    db,
    `SELECT ${DOC_COLUMNS} FROM documents d ORDER BY coalesce(d.opened_at, d.created_at) DESC, d.id DESC`,
  ).all() as DocumentRow[];
  const stats = allDocumentStats(db);
  return rows.map((r) => toSummary(r, stats.get(r.id) ?? finish(emptyStats())));
}

export function findByHash(db: Db, hash: string): DocumentSummary[] {
  const ids = stmt(db, 'SELECT id FROM documents WHERE content_hash = ? ORDER BY id').pluck().all(hash) as number[];
  return ids.map((id) => getDocument(db, id)).filter((d): d is DocumentSummary => d !== undefined);
}

export function renameDocument(db: Db, id: number, name: string, at: string): boolean {
  return stmt(db, 'UPDATE documents SET name = ?, updated_at = ? WHERE id = ?').run(name, at, id).changes === 1;
}

export function touchDocument(db: Db, id: number, at: string): void {
  stmt(db, 'UPDATE documents SET updated_at = ? WHERE id = ?').run(at, id);
}

export function markOpened(db: Db, id: number, at: string): boolean {
  return stmt(db, 'UPDATE documents SET opened_at = ? WHERE id = ?').run(at, id).changes === 1;
}

export function recentDocuments(db: Db, limit: number): { id: number; name: string; openedAt: string }[] {
  return stmt(
    db,
    'SELECT id, name, opened_at AS openedAt FROM documents WHERE opened_at IS NOT NULL ORDER BY opened_at DESC LIMIT ?',
  ).all(limit) as { id: number; name: string; openedAt: string }[];
}

export function deleteDocument(db: Db, id: number): number {
  return stmt(db, 'DELETE FROM documents WHERE id = ?').run(id).changes;
}

interface CountRow {
  document_id: number;
  status: Status;
  excluded: 0 | 1;
  segments: number;
  words: number;
}

const COUNT_SQL = `SELECT document_id, status, excluded, count(*) AS segments, coalesce(sum(source_words), 0) AS words FROM pairs`;

export function documentStats(db: Db, documentId: number): Stats {
  const rows = stmt(db, `${COUNT_SQL} WHERE document_id = ? GROUP BY status, excluded`).all(documentId) as CountRow[];
  return finish(rows.reduce(addRow, emptyStats()));
}

function allDocumentStats(db: Db): Map<number, Stats> {
  const rows = stmt(db, `${COUNT_SQL} GROUP BY document_id, status, excluded`).all() as CountRow[];
  const byDoc = new Map<number, Stats>();
  for (const r of rows) byDoc.set(r.document_id, addRow(byDoc.get(r.document_id) ?? emptyStats(), r));
  for (const [id, s] of byDoc) byDoc.set(id, finish(s));
  return byDoc;
}

function addRow(s: Stats, r: CountRow): Stats {
  if (r.excluded) {
    s.excluded.segments += r.segments;
    s.excluded.words += r.words;
  } else {
    s.byStatus[r.status].segments += r.segments;
    s.byStatus[r.status].words += r.words;
    s.total.segments += r.segments;
    s.total.words += r.words;
  }
  return s;
}

function finish(s: Stats): Stats {
  s.finished = s.total.segments > 0 && s.byStatus.approved.segments === s.total.segments;
  return s;
}

function toSummary(r: DocumentRow, stats: Stats): DocumentSummary {
  return {
    id: r.id,
    name: r.name,
    fileName: r.file_name,
    format: r.format,
    encoding: r.encoding,
    sourceLang: r.source_lang,
    targetLang: r.target_lang,
    contentHash: r.content_hash,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    openedAt: r.opened_at,
    hasSkeleton: r.has_skeleton === 1,
    mtAllowed: r.mt_allowed === 1,
    stats,
  };
}
