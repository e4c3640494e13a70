// Reading WordprocessingML safely: the zip (with zip-bomb limits), part lookup through relationships,
// and the text of paragraphs as Word shows it (tracked insertions kept, deletions, field codes, hidden
// text and note reference marks left out). Shared by the source DOCX reader and the reviewed
// bilingual DOCX reader.
import type JSZip from 'jszip';
import { QalamError } from '../shared/errors';
import { elements, getAttr, parseXml, textContent, type XmlElement } from './xml';

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
