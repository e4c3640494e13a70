// The folded source of a pair (pairs.source_norm, the search folding of shared/fold.ts) may not be
// stored yet: a plain-text import stores only the text, with source_norm '' (the fold is not
// written through the WAL twice the text's size while the user waits), and the job that follows
// it (services/documents.ts indexForSearch) folds what is pending, then builds the search index.
// Every reader of pairs.source_norm reads it through SOURCE_FOLDED, which folds a pending row on
// the fly with qalam_fold (registered on every connection, store/connection.ts): no reader ever
// sees an unfolded value. A source whose fold is really '' reads the same either way.
import type { Db } from './connection';
import { stmt } from './repos/statements';
import { sql, type Sql } from './sql';

/** source_norm as stored for a pair whose fold is pending. */
export const FOLD_PENDING = '';

/** The folded source of the row of `pairs` (unaliased), in SQL. */
export const SOURCE_FOLDED = `iif(source_norm = '', qalam_fold(source), source_norm)`;

/** The same for the row aliased `p`. */
export const P_SOURCE_FOLDED: Sql = sql`iif(p.source_norm = '', qalam_fold(p.source), p.source_norm)`;

/** Pair ids a transaction of foldPendingSources covers: short enough for an edit to wait on. */
export const FOLD_CHUNK = 5000;

/**
 * Writes the folded source of every pair of a document whose fold is pending,
 * FOLD_CHUNK ids a transaction, so the store stays writable between them (a reader folds what is
 * still pending itself). Answers how many rows it wrote.
 */
export function foldPendingSources(db: Db, documentId: number): number {
  const range = stmt(db, 'SELECT min(id) AS lo, max(id) AS hi FROM pairs WHERE document_id = ?').get(documentId) as {
    lo: number | null;
    hi: number | null;
  };
  if (range.lo === null || range.hi === null) return 0;
  // By rowid range (+document_id keeps the planner off the document indexes, which would be
  // walked whole for every chunk).
  const fold = stmt(
    db,
    `UPDATE pairs SET source_norm = qalam_fold(source)
     WHERE id BETWEEN ? AND ? AND +document_id = ? AND source_norm = '${FOLD_PENDING}' AND source <> ''`,
  );
  let written = 0;
  for (let lo = range.lo; lo <= range.hi; lo += FOLD_CHUNK) {
    written += db.transaction(() => fold.run(lo, Math.min(range.hi!, lo + FOLD_CHUNK - 1), documentId).changes)();
  }
  return written;
}
