// Source documents from Word: every non-empty paragraph in reading order — per section its headers,
// then its text (headings, list items, table cells row by row, text boxes after their anchor
// paragraph, each footnote and endnote after the paragraph that cites it), then its footers — as clean
// text with the run formatting, links, images, fields and note marks as inline codes. The package is
// kept as the skeleton of the target DOCX (docx-layout.ts has the walk both directions share).
//
// This reads the WordprocessingML directly (jszip + our hardened XML reader) rather than through
// mammoth: mammoth turns a document into HTML and loses what we need to be exact about (tracked
// changes, fields, text boxes, note reference marks).
import { QalamError } from '../shared/errors';
import type { ImportedDocument, ImportedParagraph } from './model';
import { loadLayout } from './docx-layout';
import { readXmlPart } from './docx-ooxml';
import { elements, textContent } from './xml';

export async function parseDocx(bytes: Uint8Array): Promise<ImportedDocument> {
  const layout = await loadLayout(bytes);
  const paragraphs: ImportedParagraph[] = layout.slots.map((s) => ({
    source: s.text,
    ...(s.codes.length > 0 ? { sourceCodes: s.codes } : {}),
    ...(s.origin ? { origin: s.origin } : {}),
  }));
  if (paragraphs.length === 0) throw new QalamError('import_empty');
  const doc: ImportedDocument = {
    format: 'docx',
    sourceLang: 'ar',
    targetLang: 'en',
    paragraphs,
    warnings: layout.warnings,
    original: bytes,
  };
  const title = await documentTitle(layout.zip);
  if (title) doc.name = title;
  return doc;
}

/** dc:title from the core properties, when the author set one. */
async function documentTitle(zip: Awaited<ReturnType<typeof loadLayout>>['zip']): Promise<string | null> {
  const core = await readXmlPart(zip, 'docProps/core.xml').catch(() => null);
  const title = core ? elements(core, 'title')[0] : undefined;
  const text = title ? textContent(title).trim() : '';
  return text === '' ? null : text;
}
