import type { Db } from '../connection';
import { SOURCE_FOLDED } from '../folded';
import type { Status, TmUnitStatus as UnitStatus } from '../../shared/domain';
import { matchKey } from '../../tm/retrieval';
import { stmt } from './statements';

export interface UnitRow {
  id: number;
  source: string;
  target: string;
  source_norm: string;
  target_norm: string;
  source_lang: string;
  target_lang: string;
  status: UnitStatus;
  origin: 'tmx' | 'document';
  origin_name: string;
  pair_id: number | null;
  document_id: number | null;
  context_hash: number | null;
  author: string | null;
  created_at: string;
  changed_at: string;
}

export type NewUnit = Omit<UnitRow, 'id'>;

const COLUMNS = `source, target, source_norm, target_norm, source_lang, target_lang, status, origin, origin_name, pair_id,
  document_id, context_hash, author, created_at, changed_at, match_key`;
const VALUES = '?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?';

const values = (u: NewUnit) =>
  [
    u.source,
    u.target,
    u.source_norm,
    u.target_norm,
    u.source_lang,
    u.target_lang,
    u.status,
    u.origin,
    u.origin_name,
    u.pair_id,
    u.document_id,
    u.context_hash,
    u.author,
    u.created_at,
    u.changed_at,
    // Derived from source_norm here, so no writer can store one without the other.
    matchKey(u.source_norm),
  ] as const;

export function insertUnit(db: Db, u: NewUnit): number {
  return Number(stmt(db, `INSERT INTO tm_units (${COLUMNS}) VALUES (${VALUES})`).run(...values(u)).lastInsertRowid);
}

/** The unit mirroring a pair: created on its first confirmation, rewritten on every later one. */
export function upsertPairUnit(db: Db, u: NewUnit & { pair_id: number }): number {
  return stmt(
    db,
    `INSERT INTO tm_units (${COLUMNS}) VALUES (${VALUES})
     ON CONFLICT (pair_id) DO UPDATE SET source = excluded.source, target = excluded.target, source_norm = excluded.source_norm,
       target_norm = excluded.target_norm, match_key = excluded.match_key, status = excluded.status, origin_name = excluded.origin_name,
       document_id = excluded.document_id, context_hash = excluded.context_hash, author = excluded.author,
       changed_at = excluded.changed_at
     RETURNING id`,
  )
    .pluck()
    .get(...values(u)) as number;
}

export function deletePairUnit(db: Db, pairId: number): number | undefined {
  return stmt(db, 'DELETE FROM tm_units WHERE pair_id = ? RETURNING id').pluck().get(pairId) as number | undefined;
}

export function unitExists(db: Db, sourceNorm: string, source: string, target: string): boolean {
  return (
    stmt(db, 'SELECT 1 FROM tm_units WHERE source_norm = ? AND source = ? AND target = ? LIMIT 1')
      .pluck()
      .get(sourceNorm, source, target) !== undefined
  );
}

export function unitsBySourceNorm(db: Db, sourceNorm: string): UnitRow[] {
  return stmt(db, 'SELECT * FROM tm_units WHERE source_norm = ?').all(sourceNorm) as UnitRow[];
}

/** Units whose source scores 100 against a source with this `matchKey` (or collides with it: check). */
export function unitsByMatchKey(db: Db, key: number): UnitRow[] {
  return stmt(db, 'SELECT * FROM tm_units WHERE match_key = ?').all(key) as UnitRow[];
}

export function unitCount(db: Db): number {
  return stmt(db, 'SELECT count(*) FROM tm_units').pluck().get() as number;
}

export function unitsByIds(db: Db, ids: number[]): UnitRow[] {
  if (ids.length === 0) return [];
  return stmt(db, 'SELECT * FROM tm_units WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as UnitRow[];
}

export function getUnit(db: Db, id: number): UnitRow | undefined {
  return stmt(db, 'SELECT * FROM tm_units WHERE id = ?').get(id) as UnitRow | undefined;
}

/** What the retrieval index is built from. */
export function indexRows(db: Db): IterableIterator<{ id: number; source_norm: string }> {
  return stmt(db, 'SELECT id, source_norm FROM tm_units').iterate() as IterableIterator<{ id: number; source_norm: string }>;
}

/** Every unit, or the units of one document's pairs. */
export function allUnits(db: Db, documentId?: number): IterableIterator<UnitRow> {
  return (
    documentId === undefined
      ? stmt(db, 'SELECT * FROM tm_units ORDER BY id').iterate()
      : stmt(db, "SELECT * FROM tm_units WHERE document_id = ? AND origin = 'document' ORDER BY id").iterate(documentId)
  ) as IterableIterator<UnitRow>;
}

/** The source language most units of `allUnits(db, documentId)` have (the first seen among equals), or null. */
export function commonSourceLang(db: Db, documentId?: number): string | null {
  const where = documentId === undefined ? '' : "WHERE document_id = ? AND origin = 'document'";
  const row = stmt(
    db,
    `SELECT source_lang FROM tm_units ${where} GROUP BY source_lang ORDER BY count(*) DESC, min(id) LIMIT 1`,
  ).get(...(documentId === undefined ? [] : [documentId])) as { source_lang: string } | undefined;
  return row?.source_lang ?? null;
}

/** Substring search on the folded columns, as document search does. */
export function searchUnits(
  db: Db,
  folded: string,
  side: 'source' | 'target' | 'both',
  limit: number,
): { total: number; rows: UnitRow[] } {
  const where =
    side === 'source'
      ? 'instr(source_norm, @q) > 0'
      : side === 'target'
        ? 'instr(target_norm, @q) > 0'
        : '(instr(source_norm, @q) > 0 OR instr(target_norm, @q) > 0)';
  const total = stmt(db, `SELECT count(*) FROM tm_units WHERE ${where}`).pluck().get({ q: folded }) as number;
  // Approved first, then newest: the order matches are offered in.
  const rows = stmt(
    db,
    `SELECT * FROM tm_units WHERE ${where}
     ORDER BY CASE status WHEN 'approved' THEN 0 WHEN 'translated' THEN 1 ELSE 2 END, changed_at DESC, id DESC LIMIT @limit`,
  ).all({ q: folded, limit }) as UnitRow[];
  return { total, rows };
}

export interface OriginCount {
  origin: 'tmx' | 'document';
  originName: string;
  documentId: number | null;
  /** False once the document was deleted: its units stay until removed. */
  documentExists: boolean;
  units: number;
}

export function memoryCounts(db: Db): { byStatus: Record<UnitStatus, number>; origins: OriginCount[] } {
  const byStatus: Record<UnitStatus, number> = { imported: 0, translated: 0, approved: 0 };
  for (const r of stmt(db, 'SELECT status, count(*) AS n FROM tm_units GROUP BY status').all() as {
    status: UnitStatus;
    n: number;
  }[])
    byStatus[r.status] = r.n;
  const origins = (
    stmt(
      db,
      `SELECT u.origin, u.origin_name, u.document_id, count(*) AS n, EXISTS (SELECT 1 FROM documents d WHERE d.id = u.document_id) AS live
       FROM tm_units u GROUP BY u.origin, u.origin_name, u.document_id ORDER BY n DESC, u.origin_name`,
    ).all() as { origin: 'tmx' | 'document'; origin_name: string; document_id: number | null; n: number; live: 0 | 1 }[]
  ).map((r) => ({
    origin: r.origin,
    originName: r.origin_name,
    documentId: r.document_id,
    documentExists: r.live === 1,
    units: r.n,
  }));
  return { byStatus, origins };
}

/** Removes the units of one document (also after it was deleted) or of one imported file; returns their ids. */
export function deleteUnitsOf(db: Db, of: { documentId: number } | { tmxName: string }): number[] {
  return 'documentId' in of
    ? (stmt(db, "DELETE FROM tm_units WHERE document_id = ? AND origin = 'document' RETURNING id")
        .pluck()
        .all(of.documentId) as number[])
    : (stmt(db, "DELETE FROM tm_units WHERE origin = 'tmx' AND origin_name = ? RETURNING id")
        .pluck()
        .all(of.tmxName) as number[]);
}

/** The folded sources of the paragraphs before and after a position (empty at the document's edges). */
export function neighbourNorms(db: Db, documentId: number, position: number): { prev: string; next: string } {
  const rows = stmt(
    db,
    `SELECT position, ${SOURCE_FOLDED} AS source_norm FROM pairs WHERE document_id = ? AND position IN (?, ?)`,
  ).all(documentId, position - 1, position + 1) as { position: number; source_norm: string }[];
  return {
    prev: rows.find((r) => r.position === position - 1)?.source_norm ?? '',
    next: rows.find((r) => r.position === position + 1)?.source_norm ?? '',
  };
}

export interface SegmentRow {
  id: number;
  position: number;
  source: string;
  source_norm: string;
  target: string;
  status: Status;
  excluded: 0 | 1;
  source_words: number;
  version: number;
  updated_at: string;
  updated_by: string | null;
}

/** Every pair of a document in order, with what analysis and pre-translation need. */
export function documentSegments(db: Db, documentId: number): SegmentRow[] {
  return stmt(
    db,
    `SELECT id, position, source, ${SOURCE_FOLDED} AS source_norm, target, status, excluded, source_words, version, updated_at, updated_by
     FROM pairs WHERE document_id = ? ORDER BY position`,
  ).all(documentId) as SegmentRow[];
}

/** Other unconfirmed, non-excluded paragraphs of a document with the same folded source. */
export function countRepeats(db: Db, documentId: number, sourceNorm: string, exceptPairId: number): number {
  return stmt(
    db,
    `SELECT count(*) FROM pairs WHERE document_id = ? AND ${SOURCE_FOLDED} = ? AND id <> ? AND excluded = 0
       AND status IN ('new', 'draft')`,
  )
    .pluck()
    .get(documentId, sourceNorm, exceptPairId) as number;
}

/** Unconfirmed, non-excluded pairs of a document with this folded source, in order. */
export function unconfirmedRepeats(db: Db, documentId: number, sourceNorm: string, exceptPairId: number): number[] {
  return stmt(
    db,
    `SELECT id FROM pairs WHERE document_id = ? AND ${SOURCE_FOLDED} = ? AND id <> ? AND excluded = 0
       AND status IN ('new', 'draft') ORDER BY position`,
  )
    .pluck()
    .all(documentId, sourceNorm, exceptPairId) as number[];
}

/** Repeated paragraphs of a document: every occurrence after the first of each folded source. */
export function repetitionCounts(db: Db, documentId: number): { segments: number; words: number; groups: number } {
  const r = stmt(
    db,
    `SELECT coalesce(sum(n - 1), 0) AS segments, coalesce(sum(words - first_words), 0) AS words, count(*) AS groups
     FROM (SELECT count(*) AS n, sum(source_words) AS words, min(source_words) AS first_words
           FROM pairs WHERE document_id = ? AND excluded = 0 GROUP BY ${SOURCE_FOLDED} HAVING count(*) > 1)`,
  ).get(documentId) as { segments: number; words: number; groups: number };
  return r;
}
