// Reading an imported file: recognise the format by content, then parse it. Format modules other
// than plain text are loaded on first use (mammoth, jszip and the XML readers are large).
import type { Encoding, ImportFormat } from '../shared/domain';
import { QalamError } from '../shared/errors';
import type { ImportedDocument } from '../formats/model';
import { parseTxtWithCandidates, parseTxtWithSpans } from '../formats/txt';
import { excerpt } from '../text/paragraphs';

/**
 * A longer "paragraph" is a broken or hostile file (a 50 MB single line), not a paragraph to
 * translate. Every format is held to it, and the refusal names the paragraph and the limit.
 */
export const MAX_PARAGRAPH_CHARS = 100_000;

export interface ParsedImport {
  doc: ImportedDocument;
  encodingCandidates: Encoding[];
}

/** The names Word gives its documents (.docx, .docm, and the templates .dotx, .dotm). */
const WORD_NAME = /\.do[ct][xm]$/i;

export async function detectImportFormat(fileName: string, bytes: Uint8Array): Promise<ImportFormat> {
  const { detectFormat } = await import('../formats/detect');
  const format = detectFormat(bytes, fileName);
  const wordName = WORD_NAME.test(fileName);
  // A file named as a Word document is never read as plain text: its bytes would be gibberish.
  if (format !== null && !(format === 'txt' && wordName)) return format;
  // Never a fallback to plain text: an unknown format imported line by line is gibberish.
  const head = bytes.subarray(0, 64 * 1024);
  // A zip is a package of some kind: say so, rather than calling it binary (a damaged .docx, an .xlsx, an .odt).
  if (head[0] === 0x50 && head[1] === 0x4b) throw new QalamError('import_zip_not_docx');
  // Named .docx and no package at all: cut short by a download, or damaged; "binary" would not say that.
  if (wordName) throw new QalamError('import_malformed', { context: 'docx' });
  throw new QalamError(head.includes(0) ? 'import_binary' : 'import_unsupported');
}

/** Throws a QalamError for anything unreadable; a TMX file is not a document (see `importTmx`). */
export async function parseDocument(fileName: string, bytes: Uint8Array, encoding?: Encoding): Promise<ParsedImport> {
  const format = await detectImportFormat(fileName, bytes);
  if (format === 'txt') {
    const { doc, candidates } = parseTxtWithCandidates(bytes, encoding ? { encoding } : {});
    checkParagraphLengths(doc);
    return { doc, encodingCandidates: candidates };
  }
  if (format === 'tmx') throw new QalamError('import_unsupported', { format: 'tmx' });
  const { parseImport } = await import('../formats/index');
  const doc = await parseImport(format, bytes);
  if (doc.paragraphs.length === 0) throw new QalamError('import_empty');
  checkParagraphLengths(doc);
  return { doc, encodingCandidates: [] };
}

/**
 * parseDocument for a file already known to be plain text, with its decoded text and paragraph
 * spans, so a caller that writes the text back translated decodes it once. The caller keeps no
 * choice of encoding: the legacy code pages are not tried on a UTF-8 text (candidates: UTF-8 alone).
 */
export function parseTextDocument(bytes: Uint8Array): ReturnType<typeof parseTxtWithSpans> {
  const parsed = parseTxtWithSpans(bytes, { candidates: false });
  checkParagraphLengths(parsed.doc);
  return parsed;
}

/** Refuses the first paragraph (source or translation) over the limit, by number and first words. */
export function checkParagraphLengths(doc: ImportedDocument, limit = MAX_PARAGRAPH_CHARS): void {
  doc.paragraphs.forEach((p, i) => {
    const side = p.source.length > limit ? 'source' : (p.target ?? '').length > limit ? 'target' : null;
    if (side === null) return;
    const text = side === 'source' ? p.source : p.target!;
    throw new QalamError('import_paragraph_too_long', {
      paragraph: i + 1,
      side,
      chars: text.length,
      limit,
      start: excerpt(text.slice(0, 200).replace(/\s+/g, ' '), 40),
    });
  });
}
