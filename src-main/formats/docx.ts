// Source documents from Word: every non-empty paragraph in reading order (headings, list items, table
// cells row by row, text boxes after their anchor paragraph), then footnotes and endnotes.
//
// This reads word/document.xml directly (jszip + our hardened XML reader) rather than through
// mammoth: mammoth turns a document into HTML and loses what we need to be exact about (tracked
// changes, fields, text boxes, note reference marks), and one reader shared with the reviewed
// bilingual DOCX keeps both consistent.
import { QalamError } from '../shared/errors';
import type { ImportedDocument, ImportedParagraph } from './model';
import { mainDocument, openZip, paragraphText, readXmlPart, relationships, W_NS } from './docx-ooxml';
import { elements, getAttr, textContent, type XmlElement } from './xml';

/** Elements holding properties or layout, never paragraphs of their own. */
const NOT_CONTENT = new Set(['sectPr', 'tblPr', 'tblGrid', 'trPr', 'tcPr', 'sdtPr', 'sdtEndPr', 'customXmlPr']);

export async function parseDocx(bytes: Uint8Array): Promise<ImportedDocument> {
  const zip = await openZip(bytes);
  const { name: mainName, root } = await mainDocument(zip);
  const body = elements(root, 'body')[0];
  if (!body) throw new QalamError('import_malformed', { detail: 'not_docx' });

  const texts: string[] = [];
  collectParagraphs(body, texts);
  const warnings: string[] = [];
  const rels = await relationships(zip, mainName);
  for (const kind of ['footnotes', 'endnotes'] as const) {
    const part = rels.get(kind);
    const notes = part ? await readXmlPart(zip, part) : null;
    if (!notes) continue;
    const before = texts.length;
    for (const note of elements(notes)) {
      // Separator "notes" (the line above the notes) have a type; real notes do not.
      if (getAttr(note, 'type', W_NS) === undefined) collectParagraphs(note, texts);
    }
    if (texts.length > before) warnings.push(`docx_${kind}_appended`);
  }

  // Trimmed like plain-text paragraphs: edge white space in Word is layout (a space after a note mark).
  const paragraphs: ImportedParagraph[] = texts
    .map((t) => t.trim())
    .filter((t) => t !== '')
    .map((source) => ({ source }));
  if (paragraphs.length === 0) throw new QalamError('import_empty');
  const doc: ImportedDocument = { format: 'docx', sourceLang: 'ar', targetLang: 'en', paragraphs, warnings, original: bytes };
  const title = await documentTitle(zip);
  if (title) doc.name = title;
  return doc;
}

function collectParagraphs(container: XmlElement, out: string[]): void {
  for (const el of elements(container)) {
    if (NOT_CONTENT.has(el.local)) continue;
    if (el.local === 'p') {
      const { text, nested } = paragraphText(el, { dropHidden: true });
      out.push(text);
      for (const n of nested) collectParagraphs(n.local === 'p' || n.local === 'tbl' ? wrap(n) : n, out);
    } else if (el.local === 'AlternateContent') {
      const branch = elements(el, 'Choice')[0] ?? elements(el, 'Fallback')[0];
      if (branch) collectParagraphs(branch, out);
    } else {
      collectParagraphs(el, out); // tbl, tr, tc, sdt, sdtContent, customXml, txbxContent, …
    }
  }
}

function wrap(el: XmlElement): XmlElement {
  return { type: 'element', name: 'wrap', local: 'wrap', uri: '', attrs: [], children: [el], line: el.line };
}

/** dc:title from the core properties, when the author set one. */
async function documentTitle(zip: Awaited<ReturnType<typeof openZip>>): Promise<string | null> {
  const core = await readXmlPart(zip, 'docProps/core.xml').catch(() => null);
  const title = core ? elements(core, 'title')[0] : undefined;
  const text = title ? textContent(title).trim() : '';
  return text === '' ? null : text;
}
