import type { Encoding } from '../shared/domain';
import { parseTxtWithCandidates } from '../formats/txt';
import type { ImportedDocument } from '../formats/model';

export interface ParsedImport {
  doc: ImportedDocument;
  encodingCandidates: Encoding[];
}

/** Recognises the format by content and parses it; throws a QalamError for anything unreadable. */
export function parseDocument(_fileName: string, bytes: Uint8Array, encoding?: Encoding): ParsedImport {
  const { doc, candidates } = parseTxtWithCandidates(bytes, encoding ? { encoding } : {});
  return { doc, encodingCandidates: candidates };
}
