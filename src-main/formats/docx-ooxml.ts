// Reading WordprocessingML safely: the zip (with zip-bomb limits), part lookup through relationships,
// and the text of paragraphs as Word shows it (tracked insertions kept, deletions, field codes, hidden
// text and note reference marks left out). Shared by the source DOCX reader and the reviewed
// bilingual DOCX reader.
//
// And writing it as a stream (the bilingual review and the target-only DOCX): the package's few
// fixed parts, text as runs, and the main part deflated piece by piece into a streaming zip, so
// memory does not grow with the document.
import { crc32, constants as zlibConstants, deflateRawSync } from 'node:zlib';
import { Zip, type AsyncFlateStreamHandler, type ZipInputFile } from 'fflate';
import type JSZip from 'jszip';
import { QalamError } from '../shared/errors';
import { elements, escapeText, getAttr, hex4, parseXml, splitXmlChars, textContent, type XmlElement } from './xml';

export const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
export const MAX_DOCX_BYTES = 200 * 1024 * 1024;
/** No XML part of a real document comes near this once decompressed. */
export const MAX_PART_BYTES = 200 * 1024 * 1024;
/** Past this many decompressed bytes, a part expanding more than MAX_RATIO times is a zip bomb. */
const RATIO_FLOOR = 16 * 1024 * 1024;
const MAX_RATIO = 200;
/** The character style our bilingual writer gives a code point XML cannot carry (written as U+XXXX). */
export const CODE_POINT_STYLE = 'QalamCodePoint';
/** Character style of the tag tokens ({1}, {/1}, {2/}) in the bilingual review DOCX. */
export const TAG_STYLE = 'QalamTag';

export async function openZip(bytes: Uint8Array): Promise<JSZip> {
  if (bytes.length > MAX_DOCX_BYTES) throw new QalamError('import_too_large', { limitMb: MAX_DOCX_BYTES / 1048576 });
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)) {
    throw new QalamError('import_malformed', { detail: 'not_zip' });
  }
  // Loaded here, not with the module: the bilingual review's writer shares this module and never
  // reads a zip, and jszip costs a CLI export about 30 ms to load.
  const { default: JSZipClass } = await import('jszip');
  try {
    // No checkCRC32: it would inflate every entry up front, zip bombs included, before our limits apply.
    return await JSZipClass.loadAsync(bytes);
  } catch {
    throw new QalamError('import_malformed', { detail: 'zip_corrupt' });
  }
}

/** A part's bytes, decompressed under the size and ratio limits; null when the zip has no such part. */
export async function readPart(zip: JSZip, name: string, maxBytes = MAX_PART_BYTES): Promise<Uint8Array | null> {
  const file = zip.file(name);
  if (!file) return null;
  // jszip keeps the central directory's compressed size privately; it is what the ratio check needs.
  const compressed = (file as unknown as { _data?: { compressedSize?: number } })._data?.compressedSize ?? 0;
  return new Promise<Uint8Array>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const stream = file.nodeStream('nodebuffer');
    const fail = (e: QalamError) => {
      stream.pause();
      stream.removeAllListeners('data');
      reject(e);
    };
    stream.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > maxBytes || (total > RATIO_FLOOR && total > compressed * MAX_RATIO)) {
        fail(new QalamError('import_malformed', { detail: 'zip_bomb' }));
        return;
      }
      chunks.push(chunk);
    });
    stream.on('error', () => reject(new QalamError('import_malformed', { detail: 'zip_corrupt' })));
    stream.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks, total))));
  });
}

export async function readXmlPart(zip: JSZip, name: string): Promise<XmlElement | null> {
  const bytes = await readPart(zip, name);
  return bytes === null ? null : parseXml(bytes);
}

/** The targets of a part's relationships by type suffix (`officeDocument`, `footnotes`, …), as zip paths. */
export async function relationships(zip: JSZip, partName: string): Promise<Map<string, string>> {
  const dir = partName.includes('/') ? partName.slice(0, partName.lastIndexOf('/') + 1) : '';
  const relsName = `${dir}_rels/${partName.slice(dir.length)}.rels`;
  const rels = await readXmlPart(zip, relsName);
  const out = new Map<string, string>();
  if (!rels) return out;
  for (const r of elements(rels, 'Relationship')) {
    const type = getAttr(r, 'Type') ?? '';
    const target = getAttr(r, 'Target');
    if (!target || getAttr(r, 'TargetMode') === 'External') continue;
    const kind = type.slice(type.lastIndexOf('/') + 1);
    if (!out.has(kind)) out.set(kind, resolvePath(dir, target));
  }
  return out;
}

function resolvePath(dir: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : dir + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

/** The main document part: found through the package relationships, as Word does. */
export async function mainDocument(zip: JSZip): Promise<{ name: string; root: XmlElement }> {
  const name = (await relationships(zip, '')).get('officeDocument') ?? 'word/document.xml';
  const root = await readXmlPart(zip, name);
  if (!root || root.local !== 'document') throw new QalamError('import_malformed', { detail: 'not_docx' });
  return { name, root };
}

// ——— Paragraph text ———

export interface TextOptions {
  /** Leave out runs hidden with <w:vanish/> (a source document's hidden text is not for translation). */
  dropHidden: boolean;
  /** Collects runs in the tag-token style as tokens at their offset instead of reading them as text. */
  tags?: Array<{ pos: number; token: string }>;
}

interface Walk {
  opts: TextOptions;
  out: string;
  /** Open complex fields: 'code' until <w:fldChar separate>, then 'result' until <w:fldChar end>. */
  fields: Array<'code' | 'result'>;
  /** Text-box contents met inside the paragraph: read as paragraphs of their own. */
  nested: XmlElement[];
  /** A note reference mark was just dropped: the words on either side must not run together. */
  separate: boolean;
}

/** The visible text of one <w:p>, and any text boxes anchored in it. */
export function paragraphText(p: XmlElement, opts: TextOptions): { text: string; nested: XmlElement[] } {
  const w: Walk = { opts, out: '', fields: [], nested: [], separate: false };
  walkInline(p, w);
  return { text: w.out, nested: w.nested };
}

/** Containers whose content is not text: properties, deletions, anchors. */
const SKIP = new Set([
  'pPr',
  'rPr',
  'del',
  'moveFrom',
  'sdtPr',
  'sdtEndPr',
  'customXmlPr',
  'smartTagPr',
  'proofErr',
  'bookmarkStart',
  'bookmarkEnd',
  'commentRangeStart',
  'commentRangeEnd',
  'permStart',
  'permEnd',
]);

function walkInline(el: XmlElement, w: Walk): void {
  for (const c of el.children) {
    if (c.type === 'text' || SKIP.has(c.local)) continue;
    if (c.local === 'r') runText(c, w);
    else if (c.local === 'AlternateContent') walkInline(alternative(c), w);
    else if (c.local === 'p' || c.local === 'tbl') w.nested.push(c);
    else walkInline(c, w); // ins, moveTo, hyperlink, smartTag, sdt/sdtContent, fldSimple, dir, bdo, …
  }
}

function runText(r: XmlElement, w: Walk): void {
  const rPr = elements(r, 'rPr')[0];
  if (rPr && w.opts.dropHidden && isOn(elements(rPr, 'vanish')[0])) return;
  const style = rPr ? elements(rPr, 'rStyle')[0] : undefined;
  if (style && w.opts.tags && getAttr(style, 'val', W_NS) === TAG_STYLE) {
    const token = elements(r, 't').map(textContent).join('');
    const last = w.opts.tags[w.opts.tags.length - 1];
    // Word may split one token over several runs of the same style: they join.
    if (last && last.pos === w.out.length && !last.token.endsWith('}')) last.token += token;
    else w.opts.tags.push({ pos: w.out.length, token });
    return;
  }
  if (style && getAttr(style, 'val', W_NS) === CODE_POINT_STYLE) {
    const m = /^U\+([0-9A-Fa-f]{4,6})$/.exec(elements(r, 't').map(textContent).join(''));
    if (m) {
      emit(w, String.fromCharCode(parseInt(m[1]!, 16)));
      return;
    }
  }
  for (const c of r.children) {
    if (c.type === 'text') continue;
    switch (c.local) {
      case 'fldChar': {
        const type = getAttr(c, 'fldCharType', W_NS);
        if (type === 'begin') w.fields.push('code');
        else if (type === 'separate' && w.fields.length > 0) w.fields[w.fields.length - 1] = 'result';
        else if (type === 'end') w.fields.pop();
        break;
      }
      case 't':
        emit(w, textContent(c));
        break;
      case 'tab':
      case 'ptab':
        emit(w, '\t');
        break;
      case 'br':
        emit(w, '\n');
        break;
      case 'cr':
        emit(w, '\r');
        break;
      case 'noBreakHyphen':
        emit(w, '\u2011');
        break;
      case 'drawing':
      case 'pict':
      case 'object':
        w.nested.push(...textBoxes(c));
        break;
      case 'AlternateContent':
        w.nested.push(...textBoxes(alternative(c)));
        break;
      case 'footnoteReference':
      case 'endnoteReference':
        w.separate = true;
        break;
      // delText, instrText, softHyphen, sym, comment references, page-break marks: not text.
      default:
        break;
    }
  }
}

const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;

function emit(w: Walk, s: string): void {
  if (s === '' || w.fields.includes('code')) return;
  // "word¹next" shows as two words in Word; without the mark they need a space to stay two.
  if (w.separate && WORD_CHAR.test(w.out.slice(-1)) && WORD_CHAR.test(s[0]!)) w.out += ' ';
  w.separate = false;
  w.out += s;
}

/** Word writes a shape twice (modern Choice, VML Fallback): read one of them only. */
function alternative(ac: XmlElement): XmlElement {
  return elements(ac, 'Choice')[0] ?? elements(ac, 'Fallback')[0] ?? ac;
}

function textBoxes(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of elements(el)) {
    if (c.local === 'txbxContent') out.push(c);
    else if (c.local === 'AlternateContent') out.push(...textBoxes(alternative(c)));
    else out.push(...textBoxes(c));
  }
  return out;
}

/** An on/off property: present means on unless its value says otherwise. */
export function isOn(el: XmlElement | undefined): boolean {
  if (!el) return false;
  const v = getAttr(el, 'val', W_NS);
  return v === undefined || !['0', 'false', 'off'].includes(v);
}

// ——— Writing ———

export const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
export const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/**
 * Runs for text with the given run properties: line feeds as <w:br/>, carriage returns as <w:cr/>
 * (so "\r\n" reads back exactly), tabs as <w:tab/>, and characters XML 1.0 forbids as a visible
 * "U+XXXX" run in the QalamCodePoint style, which the reader turns back into the character.
 */
export function textRunsXml(text: string, rPr: string): string {
  if (text === '') return '';
  // Most text has no break, tab or character XML cannot carry: one run, escaped in one pass.
  if (!NEEDS_SPLIT.test(text)) return `<w:r><w:rPr>${rPr}</w:rPr><w:t xml:space="preserve">${escapeMarkup(text)}</w:t></w:r>`;
  let out = '';
  for (const part of splitXmlChars(text)) {
    if (typeof part === 'number') {
      out += `<w:r><w:rPr><w:rStyle w:val="${CODE_POINT_STYLE}"/>${rPr}</w:rPr><w:t xml:space="preserve">U+${hex4(part)}</w:t></w:r>`;
      continue;
    }
    let body = '';
    let from = 0;
    for (let i = 0; i < part.length; i++) {
      const c = part.charCodeAt(i);
      if (c !== 10 && c !== 13 && c !== 9) continue;
      if (i > from) body += `<w:t xml:space="preserve">${escapeText(part.slice(from, i))}</w:t>`;
      body += c === 10 ? '<w:br/>' : c === 13 ? '<w:cr/>' : '<w:tab/>';
      from = i + 1;
    }
    if (from < part.length) body += `<w:t xml:space="preserve">${escapeText(from === 0 ? part : part.slice(from))}</w:t>`;
    out += `<w:r><w:rPr>${rPr}</w:rPr>${body}</w:r>`;
  }
  return out;
}

/**
 * Code units that need more than escaping: C0 controls (tab, LF and CR become elements, the others
 * a code point run) and every surrogate, U+FFFE and U+FFFF (paired surrogates pass through the slow
 * path unchanged; `splitXmlChars` tells them from unpaired ones).
 */
const NEEDS_SPLIT = /[\u0000-\u001f\ud800-\udfff\ufffe\uffff]/;
const MARKUP = /[&<>]/g;
const MARKUP_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** `escapeText` for text without controls or surrogates: only & < > can need escaping. */
export function escapeMarkup(s: string): string {
  MARKUP.lastIndex = 0;
  return MARKUP.test(s) ? s.replace(MARKUP, (c) => MARKUP_ESCAPES[c]!) : s;
}

export const SETTINGS =
  `${XML_HEAD}<w:settings xmlns:w="${W}"><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>` +
  '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>';

const CONTENT_TYPES =
  `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>' +
  '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>' +
  '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
  '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
  '</Types>';

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_RELS =
  `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/>` +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
  `<Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/>` +
  '</Relationships>';

const DOCUMENT_RELS =
  `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  `<Relationship Id="rId1" Type="${REL}/styles" Target="styles.xml"/>` +
  `<Relationship Id="rId2" Type="${REL}/settings" Target="settings.xml"/>` +
  '</Relationships>';

const APP =
  `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
  '<Application>Qalam</Application></Properties>';

/** The document's XML is deflated in pieces of this many bytes, from one reused buffer. */
export const PIECE_BYTES = 1 << 20;
/** Deflate level: the XML is repetitive, so a fast level loses little size and saves most of the time. */
const LEVEL = 1;
/** An empty final block: ends a deflate stream made of sync-flushed pieces. */
const LAST_BLOCK = new Uint8Array(deflateRawSync(new Uint8Array(0)));

/**
 * A zip entry deflated by Node's zlib (native, about ten times fflate's JavaScript deflate) while
 * fflate's Zip does the container. Text is UTF-8 encoded straight into one reused buffer; each full
 * buffer is deflated on its own and ends with a sync flush, so the pieces concatenate into one
 * valid deflate stream (closed by LAST_BLOCK); only the window restarts at each 1 MiB piece, which
 * costs about a per cent of size.
 */
export class DeflatedEntry implements ZipInputFile {
  readonly compression = 8;
  size = 0;
  crc = 0;
  ondata?: AsyncFlateStreamHandler;
  private readonly buf: Buffer;
  private used = 0;

  constructor(
    readonly filename: string,
    capacity = PIECE_BYTES,
  ) {
    this.buf = Buffer.allocUnsafe(capacity);
  }

  /** Appends text (already XML); a piece is deflated whenever the buffer could overflow. */
  write(text: string): void {
    // A UTF-16 unit takes at most three bytes in UTF-8 (a surrogate pair: four for two units).
    if (this.used + text.length * 3 > this.buf.length) {
      this.flush();
      if (text.length * 3 > this.buf.length) {
        // Longer than a piece (a very long paragraph): deflated on its own.
        this.deflate(Buffer.from(text, 'utf8'));
        return;
      }
    }
    this.used += this.buf.write(text, this.used, 'utf8');
  }

  end(): void {
    this.flush();
    this.ondata!(null, LAST_BLOCK, true);
  }

  private flush(): void {
    if (this.used === 0) return;
    this.deflate(this.buf.subarray(0, this.used));
    this.used = 0;
  }

  private deflate(bytes: Uint8Array): void {
    this.crc = crc32(bytes, this.crc);
    this.size += bytes.length;
    // deflateRawSync returns a new buffer, so the input buffer is free to be reused at once.
    this.ondata!(null, deflateRawSync(bytes, { level: LEVEL, finishFlush: zlibConstants.Z_SYNC_FLUSH }), false);
  }
}

/** Core properties: the title (the document's name), Qalam as creator, what the file is, when. */
export function coreXml(title: string, description: string | null, at: string): string {
  const when = escapeText(at);
  return (
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${escapeText(title)}</dc:title><dc:creator>Qalam</dc:creator>` +
    (description === null ? '' : `<dc:description>${escapeText(description)}</dc:description>`) +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

/**
 * A WordprocessingML package written as a stream: the fixed parts (content types, relationships,
 * app properties, settings), the given core properties and styles, then word/document.xml, whose
 * text `body` writes in order. `out` receives the zip's bytes in order as they are produced.
 */
export function streamDocxPackage(
  parts: { core: string; styles: string },
  body: (write: (xml: string) => void) => void,
  out: (chunk: Uint8Array) => void,
): void {
  let failed: Error | null = null;
  const zip = new Zip((err, chunk) => {
    if (err) failed = err;
    else out(chunk);
  });
  const part = (name: string, text: string) => {
    const file = new DeflatedEntry(name, text.length * 3);
    zip.add(file);
    file.write(text);
    file.end();
  };
  part('[Content_Types].xml', CONTENT_TYPES);
  part('_rels/.rels', PACKAGE_RELS);
  part('docProps/core.xml', parts.core);
  part('docProps/app.xml', APP);
  part('word/_rels/document.xml.rels', DOCUMENT_RELS);
  part('word/styles.xml', parts.styles);
  part('word/settings.xml', SETTINGS);
  const doc = new DeflatedEntry('word/document.xml');
  zip.add(doc);
  body((xml) => doc.write(xml));
  doc.end();
  zip.end();
  if (failed) throw failed;
}

/** A stream's chunks joined: the whole file in memory (tests, the renderer's download). */
export function collectChunks(produce: (out: (chunk: Uint8Array) => void) => void): Uint8Array {
  const chunks: Uint8Array[] = [];
  let size = 0;
  produce((c) => {
    chunks.push(c);
    size += c.length;
  });
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
