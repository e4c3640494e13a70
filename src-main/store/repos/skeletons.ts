// The imported file of a document, kept so layout exports can write the translation into it.
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Db } from '../connection';
import { stmt } from './statements';

/**
 * Stored gzipped: SQLite copies a bound blob twice on the way in (the binding, then the row), which
 * for a 100 MB XLIFF was the import's peak memory; compressed, markup shrinks about tenfold.
 */
export function saveSkeleton(db: Db, documentId: number, bytes: Uint8Array): void {
  stmt(db, 'INSERT OR REPLACE INTO document_skeletons (document_id, bytes) VALUES (?, ?)').run(
    documentId,
    gzipSync(bytes, { level: 1 }),
  );
}

export function getSkeleton(db: Db, documentId: number): Uint8Array | null {
  const stored = stmt(db, 'SELECT bytes FROM document_skeletons WHERE document_id = ?').pluck().get(documentId) as
    Buffer | undefined;
  if (!stored) return null;
  // Rows written before compression hold the file itself (XML or a zip, never gzip's 1f 8b).
  const bytes = stored[0] === 0x1f && stored[1] === 0x8b ? gunzipSync(stored) : stored;
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
