// What a bilingual review export contained: each pair's version and target when it was exported,
// the base a re-import of the reviewed file diffs against.
import type { Db } from '../connection';
import { stmt } from './statements';

/** Records every pair of the document as it is now, in one statement. */
export function insertSnapshot(db: Db, documentId: number, format: string, at: string): void {
  stmt(
    db,
    `INSERT INTO export_snapshots (document_id, format, created_at, pairs)
     SELECT ?, ?, ?, json_group_object(CAST(id AS TEXT), json_array(version, target)) FROM pairs WHERE document_id = ?`,
  ).run(documentId, format, at, documentId);
}

/** The latest snapshot's pairs by id, or null when the document was never exported for review. */
export function latestSnapshot(db: Db, documentId: number): Map<number, { version: number; target: string }> | null {
  const json = stmt(db, 'SELECT pairs FROM export_snapshots WHERE document_id = ? ORDER BY id DESC LIMIT 1')
    .pluck()
    .get(documentId) as string | undefined;
  if (!json) return null;
  const parsed = JSON.parse(json) as Record<string, [number, string]>;
  return new Map(Object.entries(parsed).map(([id, [version, target]]) => [Number(id), { version, target }]));
}
