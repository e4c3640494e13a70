// Substring search over the folded columns through an FTS5 trigram index. A phrase of trigrams
// matches exactly where instr() does (the text is folded before it is stored and before it is
// queried, so the tokenizer is case-sensitive and folds nothing itself); queries shorter than a
// trigram cannot use it and scan. The index is contentless (it stores no copy of the text) and
// allows DELETE by rowid, so a pair can leave it without its old text.
//
// A document is indexed by a job of its own after its import commits (services/documents.ts
// indexForSearch; imports stay at the insert floor, and search scans until then). Triggers keep the index current only for documents in
// search_indexed, so the import's inserts do not pay for it; the delete trigger is not gated:
// deleting a rowid the index never held is harmless, and a stale rowid could match a later pair.
import type { Db } from '../connection';
import { foldPendingSources, SOURCE_FOLDED } from '../folded';
import { sql, type Sql } from '../sql';
import { stmt } from './statements';

/** Trigrams are of characters (code points): a shorter query has none to look up. */
export const MIN_INDEXED_CHARS = 3;

/**
 * Writes a document's pending folded sources (store/folded.ts, in transactions of their own), then
 * indexes its pairs in one transaction (joining the caller's if one is open); answers how many
 * folds it wrote. Does nothing for a document already indexed: an indexed document has no pending
 * fold. Call it after the import's transaction has committed.
 */
export function buildSearchIndex(db: Db, documentId: number): number {
  if (isSearchIndexed(db, documentId)) return 0;
  const folded = foldPendingSources(db, documentId);
  db.transaction(() => {
    // Indexed meanwhile, or deleted since the job listed it (the job runs on a connection of its
    // own while the app keeps writing): nothing to index, and a search_indexed row for a deleted
    // document would break the job on its foreign key.
    if (isSearchIndexed(db, documentId) || !documentExists(db, documentId)) return;
    stmt(
      db,
      `INSERT INTO pairs_search (rowid, source_norm, target_norm)
       SELECT id, ${SOURCE_FOLDED}, target_norm FROM pairs WHERE document_id = ? ORDER BY id`,
    ).run(documentId);
    stmt(db, 'INSERT INTO search_indexed (document_id) VALUES (?)').run(documentId);
  })();
  return folded;
}

/** Documents whose pairs are not in the index yet, oldest first. */
export function unindexedDocuments(db: Db): number[] {
  return stmt(
    db,
    'SELECT id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM search_indexed s WHERE s.document_id = d.id) ORDER BY id',
  )
    .pluck()
    .all() as number[];
}

function documentExists(db: Db, documentId: number): boolean {
  return stmt(db, 'SELECT 1 FROM documents WHERE id = ?').pluck().get(documentId) !== undefined;
}

export function isSearchIndexed(db: Db, documentId: number): boolean {
  return stmt(db, 'SELECT 1 FROM search_indexed WHERE document_id = ?').pluck().get(documentId) !== undefined;
}

/**
 * A text query the index can answer: the FTS5 MATCH expression and the document's rowid range.
 * A document's pairs are inserted once, by its import, in position order and in one transaction
 * (repos/pairs.ts insertPairs; positions never change), so its ids are one contiguous run that
 * grows with position: the range keeps the index to the document, and the index's own rowid order
 * is the document's order, which lets a page stop after its last row instead of sorting every hit.
 */
export interface IndexedText {
  match: string;
  lo: number;
  hi: number;
}

/** null when the index cannot answer (query under three characters, or the document not indexed yet). */
export function indexedText(db: Db, documentId: number, folded: string, where: 'source' | 'target' | 'both'): IndexedText | null {
  if (codePoints(folded) < MIN_INDEXED_CHARS || !isSearchIndexed(db, documentId)) return null;
  const range = stmt(
    db,
    `SELECT (SELECT id FROM pairs WHERE document_id = ? ORDER BY position LIMIT 1) AS lo,
            (SELECT id FROM pairs WHERE document_id = ? ORDER BY position DESC LIMIT 1) AS hi`,
  ).get(documentId, documentId) as { lo: number | null; hi: number | null };
  const phrase = `"${folded.replaceAll('"', '""')}"`;
  // Both columns are the whole table, and a phrase never spans two columns: a bare phrase means the
  // same as one filtered to {source_norm target_norm}, and skips the filter's check of every hit's
  // column list (~15% of a common word's match).
  const match = where === 'source' ? `source_norm : ${phrase}` : where === 'target' ? `target_norm : ${phrase}` : phrase;
  return { match, lo: range.lo ?? 1, hi: range.hi ?? 0 };
}

/** The condition "the pair's folded text contains the query", for queries that filter by it. */
export function indexedTextMatch(db: Db, documentId: number, folded: string, where: 'source' | 'target' | 'both'): Sql | null {
  const q = indexedText(db, documentId, folded, where);
  return q && sql`p.id IN (${matchingRowids(q)})`;
}

/** The ids of the matching pairs, in the index's (the document's) order. */
export function matchingRowids(q: IndexedText): Sql {
  return sql`SELECT rowid FROM pairs_search WHERE pairs_search MATCH ${q.match} AND rowid BETWEEN ${q.lo} AND ${q.hi}`;
}

/** How many pairs match, from the index alone: no pair row is read. */
export function countIndexed(db: Db, q: IndexedText): number {
  return stmt(db, 'SELECT count(*) FROM pairs_search WHERE pairs_search MATCH ? AND rowid BETWEEN ? AND ?')
    .pluck()
    .get(q.match, q.lo, q.hi) as number;
}

function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
}
