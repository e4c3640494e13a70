// The imported file of a document, kept so layout exports can write the translation into it.
import type { Db } from '../connection';
import { stmt } from './statements';

export function saveSkeleton(db: Db, documentId: number, bytes: Uint8Array): void {
  stmt(db, 'INSERT OR REPLACE INTO document_skeletons (document_id, bytes) VALUES (?, ?)').run(documentId, Buffer.from(bytes));
}

export function getSkeleton(db: Db, documentId: number): Uint8Array | null {
  const bytes = stmt(db, 'SELECT bytes FROM document_skeletons WHERE document_id = ?').pluck().get(documentId) as
    Buffer | undefined;
  return bytes ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : null;
}
