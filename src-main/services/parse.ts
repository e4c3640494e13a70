// Reading an imported file: recognise the format by content, then parse it. Format modules other
// than plain text are loaded on first use (mammoth, jszip and the XML readers are large).
import type { Encoding, ImportFormat } from '../shared/domain';
import { QalamError } from '../shared/errors';
import type { ImportedDocument } from '../formats/model';
import { parseTxtWithCandidates } from '../formats/txt';

export interface ParsedImport {
  doc: ImportedDocument;
  encodingCandidates: Encoding[];
}

export async function detectImportFormat(fileName: string, bytes: Uint8Array): Promise<ImportFormat> {
  const { detectFormat } = await import('../formats/detect');
  return detectFormat(bytes, fileName) ?? 'txt';
}

/** Throws a QalamError for anything unreadable; a TMX file is not a document (see `importTmx`). */
export async function parseDocument(fileName: string, bytes: Uint8Array, encoding?: Encoding): Promise<ParsedImport> {
  const format = await detectImportFormat(fileName, bytes);
  if (format === 'txt') {
    const { doc, candidates } = parseTxtWithCandidates(bytes, encoding ? { encoding } : {});
    return { doc, encodingCandidates: candidates };
  }
  if (format === 'tmx') throw new QalamError('import_unsupported', { format: 'tmx' });
  const { parseImport } = await import('../formats/index');
  const doc = await parseImport(format, bytes);
  if (doc.paragraphs.length === 0) throw new QalamError('import_empty');
  return { doc, encodingCandidates: [] };
}
