import type { PairFilter, NavKind } from '../../shared/contract';
import {
  STATUSES,
  type Comment,
  type ErrorCategory,
  type Pair,
  type PairOrigin,
  type Severity,
  type Status,
} from '../../shared/domain';
import { codesOrNull, type InlineCode } from '../../shared/inline';
import { normalizeForSearch } from '../../text/arabic';
import type { Db } from '../connection';
import { FOLD_PENDING, P_SOURCE_FOLDED } from '../folded';
import { all, get, sql, value, values, type Sql } from '../sql';
import { countIndexed, indexedText, matchingRowids, type IndexedText } from './search';
import { stmt } from './statements';

interface PairRow {
  id: number;
  document_id: number;
  position: number;
  source: string;
  target: string;
  source_codes: string | null;
  target_codes: string | null;
  status: Status;
  excluded: 0 | 1;
  version: number;
  source_words: number;
  target_words: number;
  rejection_reason: string | null;
  open_comments: number;
  updated_at: string;
  updated_by: string | null;
  origin: PairOrigin | null;
}

const COLUMNS = sql`p.id, p.document_id, p.position, p.source, p.target, p.source_codes, p.target_codes, p.status, p.excluded, p.version,
  p.source_words, p.target_words, p.rejection_reason, p.updated_at, p.updated_by, p.origin,
  (SELECT count(*) FROM comments c WHERE c.pair_id = p.id AND c.parent_id IS NULL AND c.resolved = 0) AS open_comments`;

export interface NewPair {
  position: number;
  source: string;
  sourceCodes?: readonly InlineCode[] | null | undefined;
  sourceNorm: string;
  sourceWords: number;
  target: string;
  targetCodes?: readonly InlineCode[] | null | undefined;
  targetNorm: string;
  targetWords: number;
  status: Status;
  excluded: boolean;
  origin?: PairOrigin | null | undefined;
}

const INSERT_PAIR = `INSERT INTO pairs (document_id, position, source, target, source_codes, target_codes, source_norm, target_norm,
  status, excluded, source_words, target_words, created_at, updated_at, updated_by, origin)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** Codes as stored: NULL when there are none. */
export function codesJson(codes: readonly InlineCode[] | null | undefined): string | null {
  const c = codesOrNull(codes);
  return c ? JSON.stringify(c) : null;
}

export function parseCodes(json: string | null): InlineCode[] | null {
  return json === null ? null : codesOrNull(JSON.parse(json) as InlineCode[]);
}

/** Rows per statement of insertPairs: 16 parameters each, well under SQLite's limit. */
export const INSERT_BATCH = 50;

/**
 * Inserts up to INSERT_BATCH pairs in one statement (an import's 100k rows cost 2k statements, not
 * 100k) and answers their ids in the order given.
 */
export function insertPairs(db: Db, documentId: number, ps: readonly NewPair[], at: string, by: string): number[] {
  if (ps.length === 0) return [];
  if (ps.length > INSERT_BATCH) throw new RangeError(`at most ${INSERT_BATCH} pairs per statement`);
  const values = `, (${new Array(16).fill('?').join(', ')})`.repeat(ps.length).slice(2);
  const params: unknown[] = [];
  for (const p of ps) {
    params.push(
      documentId,
      p.position,
      p.source,
      p.target,
      codesJson(p.sourceCodes),
      codesJson(p.targetCodes),
      p.sourceNorm,
      p.targetNorm,
      p.status,
      p.excluded ? 1 : 0,
      p.sourceWords,
      p.targetWords,
      at,
      at,
      by,
      p.origin ?? null,
    );
  }
  // RETURNING's row order is unspecified: map the ids back by position.
  const rows = stmt(db, `${INSERT_PAIR.slice(0, INSERT_PAIR.indexOf('VALUES'))}VALUES ${values} RETURNING id, position`).all(
    ...params,
  ) as { id: number; position: number }[];
  const byPosition = new Map(rows.map((r) => [r.position, r.id]));
  return ps.map((p) => byPosition.get(p.position)!);
}

/**
 * A paragraph of a plain-text import: no target, codes or origin, status 'new', and its folded
 * source left pending (store/folded.ts) for the job after the import to write.
 */
export interface NewTextPair {
  /** The text, or its UTF-8 bytes (valid UTF-8), stored as they are. */
  source: string | Uint8Array;
  sourceWords: number;
}

/** Rows per statement of insertTextPairs: 7 parameters each. */
export const TEXT_INSERT_BATCH = 100;

/**
 * Inserts the paragraphs of a plain-text import at positions `first`, `first + 1`, … in up to
 * TEXT_INSERT_BATCH rows a statement; what every row shares is in the statement, not bound per row.
 */
export function insertTextPairs(
  db: Db,
  documentId: number,
  first: number,
  ps: readonly NewTextPair[],
  at: string,
  by: string,
): void {
  if (ps.length === 0) return;
  if (ps.length > TEXT_INSERT_BATCH) throw new RangeError(`at most ${TEXT_INSERT_BATCH} pairs per statement`);
  // A source given as bytes is bound as a blob and stored as the text it encodes (the store is UTF-8).
  const row = `(?, ?, CAST(? AS TEXT), '', NULL, NULL, '${FOLD_PENDING}', '', 'new', 0, ?, 0, ?, ?, ?, NULL)`;
  const text = `${INSERT_PAIR.slice(0, INSERT_PAIR.indexOf('VALUES'))}VALUES ${new Array<string>(ps.length).fill(row).join(', ')}`;
  const params: unknown[] = new Array(ps.length * 7);
  let k = 0;
  ps.forEach((p, i) => {
    params[k++] = documentId;
    params[k++] = first + i;
    params[k++] = p.source;
    params[k++] = p.sourceWords;
    params[k++] = at;
    params[k++] = at;
    params[k++] = by;
  });
  stmt(db, text).run(...params);
}

export function getPair(db: Db, id: number): Pair | undefined {
  const row = get<PairRow>(db, sql`SELECT ${COLUMNS} FROM pairs p WHERE p.id = ${id}`);
  return row && toPair(row);
}

export function pairsOfDocument(db: Db, documentId: number): Pair[] {
  return all<PairRow>(db, sql`SELECT ${COLUMNS} FROM pairs p WHERE p.document_id = ${documentId} ORDER BY p.position`).map(
    toPair,
  );
}

/** A pair as the bilingual review writes it: no counts, no comment subquery, no search columns. */
export type ReviewRow = Pick<
  Pair,
  'id' | 'version' | 'source' | 'target' | 'sourceCodes' | 'targetCodes' | 'status' | 'excluded' | 'rejectionReason'
>;

/** Every pair of a document in order, read one at a time (the streamed bilingual review). */
export function* iterateReviewRows(db: Db, documentId: number): Generator<ReviewRow> {
  const rows = stmt(
    db,
    `SELECT id, version, source, target, source_codes, target_codes, status, excluded, rejection_reason
     FROM pairs WHERE document_id = ? ORDER BY position`,
  )
    .raw(true)
    .iterate(documentId) as IterableIterator<
    [number, number, string, string, string | null, string | null, Status, 0 | 1, string | null]
  >;
  for (const [id, version, source, target, sourceCodes, targetCodes, status, excluded, rejectionReason] of rows)
    yield {
      id,
      version,
      source,
      target,
      sourceCodes: sourceCodes === null ? null : parseCodes(sourceCodes),
      targetCodes: targetCodes === null ? null : parseCodes(targetCodes),
      status,
      excluded: excluded === 1,
      rejectionReason,
    };
}

/** An open comment as the bilingual review shows it (the shape of formats/model's ExportComment): the domain's Comment without its thread and resolver fields. */
export type ReviewComment = Pick<Comment, 'id' | 'author' | 'body' | 'createdAt' | 'resolved' | 'category' | 'severity'> & {
  role: string;
};

/** A review row with its open comments. */
export type ReviewRowWithComments = ReviewRow & { comments: readonly ReviewComment[] };

const NO_REVIEW_COMMENTS: readonly ReviewComment[] = Object.freeze([]);

/**
 * Every pair of a document in order with its open comments (oldest first), read one row at a time:
 * the comments come in the row (a subquery on comments_pair), so no map of the document's comments
 * is held. The row object is built here whole, not spread from another: V8 pretenures objects made
 * by a spread in a hot loop, and old space then fills with dead rows until a full collection (the
 * 100k review's peak RSS grew by half over the 10k one).
 */
export function* iterateReviewRowsWithComments(db: Db, documentId: number): Generator<ReviewRowWithComments> {
  const rows = stmt(
    db,
    `SELECT p.id, p.version, p.source, p.target, p.source_codes, p.target_codes, p.status, p.excluded, p.rejection_reason,
       (SELECT json_group_array(json_array(c.id, c.author, c.role, c.body, c.created_at, c.category, c.severity) ORDER BY c.id)
          FROM comments c WHERE c.pair_id = p.id AND c.resolved = 0) AS comments
     FROM pairs p WHERE p.document_id = ? ORDER BY p.position`,
  )
    .raw(true)
    .iterate(documentId) as IterableIterator<
    [number, number, string, string, string | null, string | null, Status, 0 | 1, string | null, string]
  >;
  for (const [id, version, source, target, sourceCodes, targetCodes, status, excluded, rejectionReason, comments] of rows)
    yield {
      id,
      version,
      source,
      target,
      sourceCodes: sourceCodes === null ? null : parseCodes(sourceCodes),
      targetCodes: targetCodes === null ? null : parseCodes(targetCodes),
      status,
      excluded: excluded === 1,
      rejectionReason,
      comments: comments === '[]' ? NO_REVIEW_COMMENTS : reviewComments(comments),
    };
}

function reviewComments(json: string): ReviewComment[] {
  return (JSON.parse(json) as [number, string, string, string, string, ErrorCategory | null, Severity | null][]).map(
    ([id, author, role, body, createdAt, category, severity]) => ({
      id,
      author,
      role,
      body,
      createdAt,
      resolved: false,
      category,
      severity,
    }),
  );
}

/** Target words of the pairs not excluded. */
export function includedTargetWords(db: Db, documentId: number): number {
  return stmt(db, 'SELECT coalesce(sum(target_words), 0) FROM pairs WHERE document_id = ? AND excluded = 0')
    .pluck()
    .get(documentId) as number;
}

export function countPairs(db: Db, documentId: number): number {
  const max = stmt(db, 'SELECT max(position) FROM pairs WHERE document_id = ?').pluck().get(documentId) as number | null;
  return max === null ? 0 : max + 1;
}

function isUnfiltered(f: PairFilter | undefined): boolean {
  return (
    !f ||
    ((!f.statuses || f.statuses.length === 0) &&
      !f.text?.trim() &&
      !f.openComments &&
      !f.qaIssues &&
      (f.excluded === undefined || f.excluded === 'include'))
  );
}

/**
 * The WHERE condition of a filtered pair list, as one fragment with its parameters. Text goes
 * through the trigram index when it can answer (see repos/search.ts) and is scanned otherwise;
 * `scan` forces the scan, which is what the index's results are tested against.
 */
export function filterWhere(db: Db, documentId: number, f: PairFilter | undefined, scan = false): Sql {
  const { where, text } = filterParts(db, documentId, f, scan);
  return text ? sql`${where} AND p.id IN (${matchingRowids(text)})` : where;
}

/** The filter's conditions on the pair row, and apart from them its text query when the index answers it. */
function filterParts(
  db: Db,
  documentId: number,
  f: PairFilter | undefined,
  scan: boolean,
): { where: Sql; text: IndexedText | null; onlyText: boolean; scanText: Sql | null } {
  const parts = [sql`p.document_id = ${documentId}`];
  if (f?.statuses && f.statuses.length > 0) parts.push(sql`p.status IN (${sql.list(f.statuses)})`);
  // Every status (the column allows no other): the pairs_stats index (document, status, excluded,
  // …) then seeks to the exclusion within each status instead of reading the document's entries.
  else if (f?.excluded === 'exclude' || f?.excluded === 'only') parts.push(sql`p.status IN (${sql.list(STATUSES)})`);
  if (f?.excluded === 'exclude') parts.push(sql`p.excluded = 0`);
  if (f?.excluded === 'only') parts.push(sql`p.excluded = 1`);
  const query = f?.text ? normalizeForSearch(f.text) : '';
  let text: IndexedText | null = null;
  let scanText: Sql | null = null;
  if (query) {
    const where = f?.textIn ?? 'both';
    text = scan ? null : indexedText(db, documentId, query, where);
    scanText = scanned(query, where);
    if (!text) parts.push(scanText);
  }
  if (f?.openComments) {
    parts.push(sql`EXISTS (SELECT 1 FROM comments c WHERE c.pair_id = p.id AND c.parent_id IS NULL AND c.resolved = 0)`);
  }
  // The stored summary (services/qa.ts judges unjudged pairs before a query with this filter runs).
  if (f?.qaIssues) parts.push(sql`p.qa_state > 0`);
  return { where: sql.join(parts, sql` AND `), text, onlyText: text !== null && parts.length === 1, scanText };
}

function scanned(query: string, where: 'source' | 'target' | 'both'): Sql {
  if (where === 'source') return sql`instr(${P_SOURCE_FOLDED}, ${query}) > 0`;
  if (where === 'target') return sql`instr(p.target_norm, ${query}) > 0`;
  return sql`(instr(${P_SOURCE_FOLDED}, ${query}) > 0 OR instr(p.target_norm, ${query}) > 0)`;
}

export function listPairs(
  db: Db,
  documentId: number,
  offset: number,
  limit: number,
  filter?: PairFilter,
  scan = false,
): { total: number; items: Pair[] } {
  if (isUnfiltered(filter)) {
    // Positions are dense, so a page is a range scan on the (document_id, position) index.
    const total = countPairs(db, documentId);
    const rows = all<PairRow>(
      db,
      sql`SELECT ${COLUMNS} FROM pairs p WHERE p.document_id = ${documentId} AND p.position >= ${offset} AND p.position < ${offset + limit} ORDER BY p.position`,
    );
    return { total, items: rows.map(toPair) };
  }
  const { where, text, onlyText, scanText } = filterParts(db, documentId, filter, scan);
  if (text && scanText && !onlyText && !filter?.openComments && !filter?.qaIssues) {
    const page = hitsAmongAllowed(db, where, refusedPairs(documentId, filter), text, scanText, offset, limit);
    if (page) return page;
  }
  if (text) {
    // The text alone: the index counts without reading a pair. With open comments or QA issues
    // asked for too, the pairs the other conditions allow are looked up in the index's hits.
    const total = onlyText
      ? countIndexed(db, text)
      : value<number>(db, sql`SELECT count(*) FROM pairs p WHERE ${where} AND p.id IN (${matchingRowids(text)})`)!;
    // The hits in the index's order, which is the document's (repos/search.ts): the page stops at
    // its last row. CROSS JOIN keeps the index as the outer loop; the planner would otherwise
    // run the MATCH once per pair.
    const rows = all<PairRow>(
      db,
      sql`SELECT ${COLUMNS} FROM pairs_search s CROSS JOIN pairs p ON p.id = s.rowid
          WHERE pairs_search MATCH ${text.match} AND s.rowid BETWEEN ${text.lo} AND ${text.hi} AND ${where}
          ORDER BY s.rowid LIMIT ${limit} OFFSET ${offset}`,
    );
    return { total, items: rows.map(toPair) };
  }
  const total = value<number>(db, sql`SELECT count(*) FROM pairs p WHERE ${where}`)!;
  const rows = all<PairRow>(
    db,
    sql`SELECT ${COLUMNS} FROM pairs p WHERE ${where} ORDER BY p.position LIMIT ${limit} OFFSET ${offset}`,
  );
  return { total, items: rows.map(toPair) };
}

/**
 * Below this share of the document (1/RARE_HITS), the hits are looked up one by one (their rows'
 * status and exclusion, ~1 µs a hit) instead of meeting a list of every allowed pair (~0.1 µs an
 * allowed pair, up to the whole document).
 */
const RARE_HITS = 32;

/**
 * Below this share of the document (1/FEW_ALLOWED, or this many pairs), the allowed pairs' folded
 * text is searched row by row (~2 µs a pair, what the scan does) instead of matching the index,
 * whose hits may be most of the document (~0.3 µs a hit).
 */
const FEW_ALLOWED = 64;

/**
 * Text and a status (or exclusion) filter, answered with one match of the index for the total and
 * the page alike, or none. Allowed pairs that are few (the covering pairs_stats index lists them,
 * no pair row read) are searched in their rows, as the scan does. Otherwise the index's hits (all
 * of them, for the total) are read as one id list in one string (cheaper than a row per hit).
 * Hits that are many meet the allowed pairs (one list too) in a bitmap over the document's id range
 * (its ids are one contiguous run in position order: repos/search.ts); hits that are few are
 * looked up in the pairs. Only the page's rows are then read. null when the document has no id range.
 */
function hitsAmongAllowed(
  db: Db,
  where: Sql,
  refused: Sql | null,
  text: IndexedText,
  scanText: Sql,
  offset: number,
  limit: number,
): { total: number; items: Pair[] } | null {
  const span = text.hi - text.lo + 1;
  if (span <= 0) return null;
  let found: number[] | null = null;
  const cap = Math.max(FEW_ALLOWED, Math.ceil(span / FEW_ALLOWED));
  const few = get<{ n: number; ids: string | null }>(
    db,
    sql`SELECT count(*) AS n, group_concat(id) AS ids FROM (SELECT p.id FROM pairs p INDEXED BY pairs_stats WHERE ${where} LIMIT ${cap})`,
  )!;
  if (few.n < cap) found = idsWhere(db, few.ids ?? null, scanText);
  const bits = new Uint8Array(span);
  let hitList: string | null = null;
  let hits = 0;
  if (!found) {
    hitList = value<string | null>(db, sql`SELECT group_concat(rowid) FROM (${matchingRowids(text)})`) ?? null;
    hits = markIds(hitList, text, bits, 2);
    if (hits * RARE_HITS < span) found = idsWhere(db, hitList, where);
  }
  let total = 0;
  let ids: number[] = [];
  if (found) {
    total = found.length;
    ids = found.slice(offset, offset + limit);
  } else {
    // The pairs the filter refuses, when they are few (a filter that hides only the excluded
    // pairs, say), else the allowed ones: a hit is wanted with its allowed bit, or without its
    // refused one.
    const fewRefused =
      refused &&
      get<{ n: number; ids: string | null }>(
        db,
        sql`SELECT count(*) AS n, group_concat(id) AS ids FROM (${refused} LIMIT ${cap})`,
      )!;
    let wanted = 3;
    if (!fewRefused || fewRefused.n < cap) {
      markIds(fewRefused?.ids, text, bits, 1);
      wanted = 2;
    } else {
      const allowed = value<string | null>(db, sql`SELECT group_concat(p.id) FROM pairs p INDEXED BY pairs_stats WHERE ${where}`);
      markIds(allowed, text, bits, 1);
    }
    for (let i = 0; i < span; i++) {
      if (bits[i] !== wanted) continue;
      if (total >= offset && ids.length < limit) ids.push(text.lo + i);
      total++;
    }
  }
  const rows =
    ids.length === 0
      ? []
      : all<PairRow>(db, sql`SELECT ${COLUMNS} FROM pairs p WHERE p.id IN (${sql.list(ids)}) ORDER BY p.position`);
  return { total, items: rows.map(toPair) };
}

/**
 * The ids of the document's pairs that a status or exclusion filter refuses, as a query on the
 * pairs_stats index (seeks by status, then exclusion); null when it refuses none.
 */
function refusedPairs(documentId: number, f: PairFilter | undefined): Sql | null {
  const statuses: readonly Status[] = f?.statuses && f.statuses.length > 0 ? f.statuses : STATUSES;
  const others = STATUSES.filter((s) => !statuses.includes(s));
  const parts: Sql[] = [];
  const pairs = sql`SELECT p.id FROM pairs p INDEXED BY pairs_stats WHERE p.document_id = ${documentId}`;
  if (others.length > 0) parts.push(sql`${pairs} AND p.status IN (${sql.list(others)})`);
  if (f?.excluded === 'exclude' || f?.excluded === 'only') {
    parts.push(sql`${pairs} AND p.status IN (${sql.list(statuses)}) AND p.excluded = ${f.excluded === 'exclude' ? 1 : 0}`);
  }
  return parts.length === 0 ? null : sql.join(parts, sql` UNION ALL `);
}

/** The ids of a group_concat list whose pair rows meet a condition, in id (page) order. */
function idsWhere(db: Db, list: string | null, condition: Sql): number[] {
  if (!list) return [];
  // json_each keeps the list's order; CROSS JOIN makes it the outer loop, a row looked up by id each.
  return values<number>(
    db,
    sql`SELECT p.id FROM json_each(${`[${list}]`}) h CROSS JOIN pairs p ON p.id = h.value WHERE ${condition} ORDER BY p.id`,
  );
}

/**
 * Sets `bit` for each id of a group_concat list (decimal ids, comma-separated) in the range's
 * bitmap; answers how many ids the list holds.
 */
function markIds(list: string | null | undefined, range: IndexedText, bits: Uint8Array, bit: number): number {
  if (!list) return 0;
  const lo = range.lo;
  const size = bits.length;
  const length = list.length;
  let id = 0;
  let n = 1;
  for (let i = 0; i < length; i++) {
    const c = list.charCodeAt(i);
    if (c !== 44) id = id * 10 + c - 48;
    else {
      if (id - lo >= 0 && id - lo < size) bits[id - lo]! |= bit;
      id = 0;
      n++;
    }
  }
  if (id - lo >= 0 && id - lo < size) bits[id - lo]! |= bit;
  return n;
}

export function matchingPairIds(db: Db, documentId: number, filter?: PairFilter): number[] {
  return values<number>(db, sql`SELECT p.id FROM pairs p WHERE ${filterWhere(db, documentId, filter)} ORDER BY p.position`);
}

/** The index of a pair within the filtered list, or null when the filter hides it. */
export function locatePair(db: Db, documentId: number, pairId: number, filter?: PairFilter): number | null {
  const pair = getPair(db, pairId);
  if (!pair || pair.documentId !== documentId) return null;
  if (isUnfiltered(filter)) return pair.position;
  const where = filterWhere(db, documentId, filter);
  if (value<number>(db, sql`SELECT count(*) FROM pairs p WHERE ${where} AND p.id = ${pairId}`) === 0) return null;
  return value<number>(db, sql`SELECT count(*) FROM pairs p WHERE ${where} AND p.position < ${pair.position}`)!;
}

const NAV_WHERE: Record<NavKind, Sql> = {
  any: sql`p.excluded = 0`,
  'needs-work': sql`p.excluded = 0 AND p.status IN ('new', 'draft', 'rejected')`,
  untranslated: sql`p.excluded = 0 AND p.status = 'new'`,
  'needs-review': sql`p.excluded = 0 AND p.status = 'translated'`,
};

export function navigate(db: Db, documentId: number, from: number, direction: 'next' | 'prev', kind: NavKind): Pair | null {
  const step =
    direction === 'next' ? sql`p.position > ${from} ORDER BY p.position ASC` : sql`p.position < ${from} ORDER BY p.position DESC`;
  const row = get<PairRow>(
    db,
    sql`SELECT ${COLUMNS} FROM pairs p WHERE p.document_id = ${documentId} AND ${NAV_WHERE[kind]} AND ${step} LIMIT 1`,
  );
  return row ? toPair(row) : null;
}

export interface PairWrite {
  target: string;
  targetCodes: readonly InlineCode[] | null;
  targetNorm: string;
  targetWords: number;
  status: Status;
  excluded: boolean;
  rejectionReason: string | null;
  updatedAt: string;
  updatedBy: string;
}

/** Writes only when the stored version is still `expectedVersion`; returns false otherwise. */
export function writePair(db: Db, id: number, expectedVersion: number, w: PairWrite): boolean {
  const r = stmt(
    db,
    `UPDATE pairs SET target = ?, target_codes = ?, target_norm = ?, target_words = ?, status = ?, excluded = ?, rejection_reason = ?,
       updated_at = ?, updated_by = ?, version = version + 1
     WHERE id = ? AND version = ?`,
  ).run(
    w.target,
    codesJson(w.targetCodes),
    w.targetNorm,
    w.targetWords,
    w.status,
    w.excluded ? 1 : 0,
    w.rejectionReason,
    w.updatedAt,
    w.updatedBy,
    id,
    expectedVersion,
  );
  return r.changes === 1;
}

export function toPair(r: PairRow): Pair {
  return {
    id: r.id,
    documentId: r.document_id,
    position: r.position,
    source: r.source,
    target: r.target,
    sourceCodes: parseCodes(r.source_codes),
    targetCodes: parseCodes(r.target_codes),
    status: r.status,
    excluded: r.excluded === 1,
    version: r.version,
    sourceWords: r.source_words,
    targetWords: r.target_words,
    rejectionReason: r.rejection_reason,
    openComments: r.open_comments,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
    origin: r.origin,
  };
}
