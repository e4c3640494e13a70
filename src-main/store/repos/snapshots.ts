// What a bilingual review export contained: each pair's version and target when it was exported,
// the base a re-import of the reviewed file diffs against.
import type { Db } from '../connection';
import { stmt } from './statements';

/**
 * Records every pair of the document as it is now: one row per pair, copied by one INSERT … SELECT,
 * so memory does not grow with the document (see migration 0016). In position order, which the
 * (document_id, position) index gives as it is: ORDER BY id would sort every row in a temporary b-tree.
 */
export function insertSnapshot(db: Db, documentId: number, format: string, at: string): void {
  const id = stmt(db, 'INSERT INTO export_snapshots (document_id, format, created_at) VALUES (?, ?, ?)').run(
    documentId,
    format,
    at,
  ).lastInsertRowid;
  stmt(
    db,
    `INSERT INTO export_snapshot_pairs (snapshot_id, pair_id, version, target)
     SELECT ?, id, version, target FROM pairs WHERE document_id = ? ORDER BY position`,
  ).run(id, documentId);
}

/** The latest snapshot's pairs by id, or null when the document was never exported for review. */
export function latestSnapshot(db: Db, documentId: number): Map<number, { version: number; target: string }> | null {
  const id = stmt(db, 'SELECT id FROM export_snapshots WHERE document_id = ? ORDER BY id DESC LIMIT 1')
    .pluck()
    .get(documentId) as number | undefined;
  if (id === undefined) return null;
  const rows = stmt(db, 'SELECT pair_id, version, target FROM export_snapshot_pairs WHERE snapshot_id = ?').raw(true).all(id) as [
    number,
    number,
    string,
  ][];
  return new Map(rows.map(([pairId, version, target]) => [pairId, { version, target }]));
}
