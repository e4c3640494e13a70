// TMX 1.4b translation memory: approved pairs out, translation units in.
//
// The reader is tolerant of what other tools write: `lang` (TMX 1.1) or `xml:lang`, codes in any
// case with regions (`AR-sa`), a `*all*` source language, and inline codes (<bpt>, <ph>, …), whose
// native markup is dropped so the memory holds only text.
import { tagNumbers, toPieces, type InlineCode } from '../shared/inline';
import { QalamError } from '../shared/errors';
import type { ExportModel, ExportPair, ImportedTmUnit } from './model';
import { readSimpleTmx, type SimpleTuv } from './tmx-simple';
import { primaryLang } from './xliff-common';
import { fromByteString, toByteString } from '../text/utf8';
import {
  XML_DECLARATION,
  XML_NS,
  attrs,
  elements,
  escapeText,
  firstElement,
  getAttr,
  hasForbiddenXmlChars,
  hex4,
  isPlainXmlText,
  splitXmlChars,
  streamXml,
  textContent,
  type XmlAttr,
  type XmlElement,
} from './xml';

const CP_TYPE = 'x-qalam-cp';
/** The version of this writer's TMX, not of the app: formats stay free of app metadata. */
const TOOL_VERSION = '1';

// ——— Writer ———

/** The declaration, the header and the opening <body>: one for the document writer and the memory writer. */
function tmxHead(srclang: string, exportedAt: string, exportedBy: string | undefined): string {
  const header = attrs({
    creationtool: 'Qalam',
    creationtoolversion: TOOL_VERSION,
    segtype: 'paragraph',
    'o-tmf': 'Qalam',
    adminlang: 'en',
    srclang,
    datatype: 'plaintext',
    creationdate: toTmxDate(exportedAt),
    creationid: exportedBy || undefined,
  });
  return `${XML_DECLARATION}<tmx version="1.4">\n  <header${header}/>\n  <body>\n`;
}

/** Only approved, non-excluded pairs: a memory must hold translations an editor has signed off. */
export function writeTmx(model: ExportModel): Uint8Array {
  const src = model.document.sourceLang || 'ar';
  const trg = model.document.targetLang || 'en';
  const out: string[] = [tmxHead(src, model.exportedAt, model.exportedBy)];
  for (const pair of model.pairs) {
    if (pair.status === 'approved' && !pair.excluded) out.push(tu(pair, src, trg, model.exportedBy));
  }
  out.push('  </body>\n</tmx>\n');
  return new TextEncoder().encode(out.join(''));
}

function tu(pair: ExportPair, src: string, trg: string, exportedBy: string): string {
  const user = pair.updatedBy || exportedBy || undefined;
  const numbers = tagNumbers(pair.sourceCodes ?? [], pair.targetCodes ?? []);
  return (
    `    <tu${attrs({
      tuid: pair.id,
      creationdate: toTmxDate(pair.createdAt),
      creationid: user,
      changedate: toTmxDate(pair.updatedAt),
      changeid: user,
    })}>\n` +
    `      <tuv${attrs({ 'xml:lang': src })}><seg>${coded(pair.source, pair.sourceCodes, numbers)}</seg></tuv>\n` +
    `      <tuv${attrs({ 'xml:lang': trg })}><seg>${coded(pair.target, pair.targetCodes, numbers)}</seg></tuv>\n` +
    '    </tu>\n'
  );
}

/** A memory unit as the whole-memory export writes it. */
export interface MemoryTmxUnit {
  id: number;
  source: string;
  target: string;
  sourceLang: string;
  targetLang: string;
  author: string | null;
  createdAt: string;
  changedAt: string;
  /** 'imported', 'translated' or 'approved': kept as a property so a round trip can tell them apart. */
  status: string;
  /** The TMX file or document the unit came from. */
  origin: string;
}

/**
 * The whole translation memory as TMX 1.4b: every unit, whatever its languages (the header's
 * srclang is the most common source language unless given, each <tuv> says its own).
 */
export function writeMemoryTmx(
  units: Iterable<MemoryTmxUnit>,
  meta: { exportedAt: string; exportedBy: string; srcLang?: string },
): Uint8Array {
  const body: string[] = [];
  const langs = new Map<string, number>();
  for (const u of units) {
    langs.set(u.sourceLang, (langs.get(u.sourceLang) ?? 0) + 1);
    body.push(memoryTu(u));
  }
  const src = meta.srcLang ?? ([...langs].sort((a, b) => b[1] - a[1])[0]?.[0] || 'ar');
  const head = tmxHead(src, meta.exportedAt, meta.exportedBy);
  return new TextEncoder().encode(head + body.join('') + TMX_TAIL);
}

/** Bytes gathered before they are written: few writes, one buffer reused. */
const STREAM_BYTES = 192 * 1024;

/**
 * The same document as `writeMemoryTmx`, handed to `write` a piece at a time as the units are read,
 * so a large memory never exists whole in memory (as one string, nor as bytes). The header's
 * source language must be known up front. The bytes handed to `write` are one reused buffer: they
 * are valid until `write` returns.
 *
 * Units are joined into batches of about 32K characters, each encoded into the buffer in one call:
 * a call per piece of a unit (three a unit) cost more in V8's interpreter than flattening a batch
 * (one copy, native) in a one-shot command. The pieces are whole strings, so their UTF-8 is that of
 * the whole document.
 */
export function streamMemoryTmx(
  units: Iterable<MemoryTmxUnit>,
  meta: { exportedAt: string; exportedBy: string; srcLang: string },
  write: (bytes: Uint8Array) => void,
): void {
  let buf = Buffer.allocUnsafe(STREAM_BYTES);
  let at = 0;
  const put = (text: string) => {
    // UTF-8 takes at most three bytes for a UTF-16 code unit.
    if (at + 3 * text.length > buf.length) {
      if (at > 0) write(buf.subarray(0, at));
      at = 0;
      if (3 * text.length > buf.length) buf = Buffer.allocUnsafe(3 * text.length);
    }
    at += buf.write(text, at, 'utf8');
  };
  let batch = tmxHead(meta.srcLang, meta.exportedAt, meta.exportedBy);
  for (const u of units) {
    batch += memoryTuHead(u) + inline(u.source) + memoryTuTail(u);
    if (batch.length >= STREAM_BATCH) {
      put(batch);
      batch = '';
    }
  }
  put(batch + TMX_TAIL);
  write(buf.subarray(0, at));
}

/** The fields every unit of streamSameUnitsTmxBytes shares. */
export type SharedUnitFields = Omit<MemoryTmxUnit, 'id' | 'source' | 'target'>;

/**
 * streamMemoryTmx of units whose source and target are byte strings (text/utf8.ts) and that differ
 * only in their id (`firstId`, then one more each), source, target and `plain` flag (`plain[k] ===
 * 1`: both are text XML carries as it is, so they are not looked at again), as a project TMX's units
 * do: the same bytes, with no text encoded, the markup made once and no unit object
 * (tests/unit/main/formats/tmx.test.ts compares the two).
 *
 * Each piece goes straight into the reused buffer, the markup as bytes made once: joined into
 * batches first, the 12 MB of a 20k-paragraph project were copied
 * twice, once to flatten each batch into a string of its own, fresh memory every time (~3,300 of
 * the command's ~18,300 page faults, and 10-20 ms of its 0.21-0.26 s in A/Bs of whole processes).
 */
export function streamSameUnitsTmxBytes(
  shared: SharedUnitFields,
  firstId: number,
  sources: readonly string[],
  targets: readonly string[],
  plain: Uint8Array | undefined,
  meta: { exportedAt: string; exportedBy: string; srcLang: string },
  write: (bytes: Uint8Array) => void,
): void {
  const out = new ByteStringBuffer(write);
  const unit: MemoryTmxUnit = { ...shared, id: firstId, source: '', target: '' };
  // `    <tu tuid="${id}"${rest}${source}${tail}${target}</seg></tuv>\n    </tu>\n`, in bytes.
  const afterId = Buffer.from(`"${toByteString(headRest(unit))}`, 'latin1');
  const tail = Buffer.from(toByteString(tailOpen(shared.targetLang)), 'latin1');
  out.text(toByteString(tmxHead(meta.srcLang, meta.exportedAt, meta.exportedBy)));
  for (let k = 0; k < sources.length; k++) {
    out.bytes(k === 0 ? UNIT_OPEN : UNIT_BETWEEN);
    out.digits(firstId + k);
    out.bytes(afterId);
    const bare = plain !== undefined && plain[k] === 1;
    out.text(bare ? sources[k]! : inlineBytes(sources[k]!));
    out.bytes(tail);
    out.text(bare ? targets[k]! : inlineBytes(targets[k]!));
  }
  if (sources.length > 0) out.bytes(UNIT_CLOSE);
  out.text(TMX_TAIL);
  out.flush();
}

const UNIT_OPEN = Buffer.from('    <tu tuid="', 'latin1');
const UNIT_CLOSE = Buffer.from('</seg></tuv>\n    </tu>\n', 'latin1');
/** One unit's end and the next one's start. */
const UNIT_BETWEEN = Buffer.concat([UNIT_CLOSE, UNIT_OPEN]);

/** Byte strings (text/utf8.ts) and bytes gathered in one reused buffer, handed to `write` when it is full. */
class ByteStringBuffer {
  private buf = Buffer.allocUnsafe(STREAM_BYTES);
  private at = 0;

  constructor(private readonly write: (bytes: Uint8Array) => void) {}

  /** A byte string: each of its characters one byte. */
  text(s: string): void {
    if (this.at + s.length > this.buf.length) this.room(s.length);
    this.at += this.buf.write(s, this.at, 'latin1');
  }

  /** A whole number that is not negative, in decimal digits, without making a string of it. */
  digits(n: number): void {
    let length = 1;
    for (let m = n; m >= 10; m = Math.floor(m / 10)) length++;
    if (this.at + length > this.buf.length) this.room(length);
    let at = this.at + length;
    for (let m = n; at > this.at; m = Math.floor(m / 10)) this.buf[--at] = 0x30 + (m % 10);
    this.at += length;
  }

  bytes(b: Uint8Array): void {
    if (this.at + b.length > this.buf.length) this.room(b.length);
    this.buf.set(b, this.at);
    this.at += b.length;
  }

  /** What is gathered, handed over (valid until `write` returns). */
  flush(): void {
    if (this.at > 0) this.write(this.buf.subarray(0, this.at));
    this.at = 0;
  }

  private room(length: number): void {
    this.flush();
    if (length > this.buf.length) this.buf = Buffer.allocUnsafe(length);
  }
}

/**
 * What inline would change in a text, in its byte string: `&`, `<`, `>`, CR, controls XML cannot
 * carry, U+FFFE and U+FFFF (UTF-8 has no lone surrogates; a pair inline leaves as it is).
 */
const BYTES_SPECIAL = /[&<>\r\x00-\x08\x0B\x0C\x0E-\x1F]|\xEF\xBF[\xBE\xBF]/;

/** inline over a byte string. */
function inlineBytes(bytes: string): string {
  return BYTES_SPECIAL.test(bytes) ? toByteString(inline(fromByteString(bytes))) : bytes;
}

/** Characters of units joined before they are encoded (UTF-8 of at most three bytes each fits STREAM_BYTES). */
const STREAM_BATCH = 32 * 1024;

const TMX_TAIL = '  </body>\n</tmx>\n';

function memoryTu(u: MemoryTmxUnit): string {
  return memoryTuHead(u) + inline(u.source) + memoryTuTail(u);
}

/** A unit's markup up to its source text. */
function memoryTuHead(u: MemoryTmxUnit): string {
  return `    <tu tuid="${u.id}"${headRest(u)}`;
}

/**
 * A unit's markup after its id, up to its source text: units written together mostly share it
 * (their times, author, status, origin and language), so the last answer is kept.
 */
function headRest(u: MemoryTmxUnit): string {
  const attrsText = unitAttrs(u);
  const last = lastHeadRest;
  if (attrsText === last.attrs && u.status === last.status && u.origin === last.origin && u.sourceLang === last.lang)
    return last.text;
  const text =
    `${attrsText}>\n` +
    `      <prop type="x-qalam-status">${escapeText(u.status)}</prop>\n` +
    `      <prop type="x-qalam-origin">${inlineOrigin(u.origin)}</prop>\n` +
    `      ${tuvOpen(u.sourceLang)}`;
  lastHeadRest = { attrs: attrsText, status: u.status, origin: u.origin, lang: u.sourceLang, text };
  return text;
}
let lastHeadRest = { attrs: '\u0000', status: '', origin: '', lang: '', text: '' };

/** A unit's markup after its source text, with its target. */
function memoryTuTail(u: MemoryTmxUnit): string {
  return tailOpen(u.targetLang) + inline(u.target) + '</seg></tuv>\n    </tu>\n';
}

/** The markup between a unit's source and target text, for each of the few target languages. */
function tailOpen(lang: string): string {
  if (lang !== lastTailOpen.lang) lastTailOpen = { lang, text: `</seg></tuv>\n      ${tuvOpen(lang)}` };
  return lastTailOpen.text;
}
let lastTailOpen = { lang: '\u0000', text: '' };

/** A tu's attributes after its id: units written together mostly share them, so the last answer is kept. */
function unitAttrs(u: MemoryTmxUnit): string {
  const last = lastUnitAttrs;
  if (u.createdAt === last.createdAt && u.changedAt === last.changedAt && u.author === last.author) return last.text;
  const user = u.author || undefined;
  const text = attrs({
    creationdate: toTmxDate(u.createdAt),
    creationid: user,
    changedate: toTmxDate(u.changedAt),
    changeid: user,
  });
  lastUnitAttrs = { createdAt: u.createdAt, changedAt: u.changedAt, author: u.author, text };
  return text;
}
let lastUnitAttrs: { createdAt: string; changedAt: string; author: string | null; text: string } = {
  createdAt: '\u0000',
  changedAt: '',
  author: '',
  text: '',
};

/** `<tuv xml:lang="…"><seg>` for each of the few languages a memory holds. */
function tuvOpen(lang: string): string {
  let open = tuvOpens.get(lang);
  if (open === undefined) {
    open = `<tuv${attrs({ 'xml:lang': lang })}><seg>`;
    if (tuvOpens.size < 256) tuvOpens.set(lang, open);
  }
  return open;
}
const tuvOpens = new Map<string, string>();

function inlineOrigin(origin: string): string {
  if (origin !== lastOrigin.origin) lastOrigin = { origin, text: inline(origin) };
  return lastOrigin.text;
}
let lastOrigin = { origin: '', text: inline('') };

/**
 * Segment content with inline codes as TMX's own: a pair as <bpt i>/<ept i> (numbered as the editor
 * numbers tags, so source and target match), an end without its partner as <it>, a standalone code as
 * <ph x>. Each carries the code's original markup as its native content; readers that do not know it
 * keep the clean text.
 */
function coded(text: string, codes: readonly InlineCode[] | null | undefined, numbers: ReadonlyMap<string, number>): string {
  if (!codes || codes.length === 0) return inline(text);
  const opened = new Set(codes.filter((c) => c.kind === 'open').map((c) => c.id));
  const closed = new Set(codes.filter((c) => c.kind === 'close').map((c) => c.id));
  return toPieces(text, codes)
    .map((p) => {
      if (typeof p === 'string') return inline(p);
      const n = numbers.get(p.id) ?? 0;
      const native = escapeText(p.native ?? '');
      const type = p.type === CP_TYPE ? undefined : p.type;
      if (p.kind === 'standalone') return `<ph${attrs({ x: n, type })}>${native}</ph>`;
      if (!(opened.has(p.id) && closed.has(p.id))) {
        return `<it${attrs({ pos: p.kind === 'open' ? 'begin' : 'end', x: n, type })}>${native}</it>`;
      }
      return p.kind === 'open' ? `<bpt${attrs({ i: n, x: n, type })}>${native}</bpt>` : `<ept${attrs({ i: n })}>${native}</ept>`;
    })
    .join('');
}

function inline(text: string): string {
  // Nearly every segment: written as it is, after one scan of its text.
  if (isPlainXmlText(text)) return text;
  if (!hasForbiddenXmlChars(text)) return escapeText(text);
  return splitXmlChars(text)
    .map((part) => (typeof part === 'string' ? escapeText(part) : `<ph type="${CP_TYPE}">${hex4(part)}</ph>`))
    .join('');
}

/** ISO 8601 → TMX's `YYYYMMDDThhmmssZ` (UTC); undefined when the time cannot be read. */
export function toTmxDate(iso: string): string | undefined {
  // Units written together mostly share their times: the last answer is kept.
  if (iso === lastDate.iso) return lastDate.tmx;
  const d = new Date(iso);
  const tmx = Number.isNaN(d.getTime())
    ? undefined
    : d
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z')
        .replace(/[-:]/g, '');
  lastDate = { iso, tmx };
  return tmx;
}
let lastDate: { iso: string; tmx: string | undefined } = { iso: '', tmx: undefined };

/** TMX's `YYYYMMDDThhmmssZ` → ISO 8601; undefined for anything else. */
export function fromTmxDate(tmx: string | undefined): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(tmx?.trim() ?? '');
  if (!m) return undefined;
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

// ——— Reader ———

export function parseTmx(bytes: Uint8Array): ImportedTmUnit[] {
  const units = readSimpleTmx(bytes, (tu, header) => unitsOf(tu.attrs, simpleVariants(tu.variants), headerSrclang(header)));
  // Refusals (an empty memory included) come from the full reader, with its message.
  return units && units.length > 0 ? units : parseTmxStreaming(bytes);
}

/**
 * parseTmx a unit at a time, for a reader that keeps only part of each unit: `each` gets every unit
 * in file order. Should the fast reader give up part-way through (something outside its form late
 * in the file), `restart` is called and the safe reader hands every unit over again. Returns the
 * number of units read; throws as parseTmx does.
 */
export function eachTmxUnit(bytes: Uint8Array, each: (unit: ImportedTmUnit) => void, restart: () => void): number {
  let read = 0;
  const none: never[] = [];
  const simple = readSimpleTmx(bytes, (tu, header) => {
    const units = unitsOf(tu.attrs, simpleVariants(tu.variants), headerSrclang(header));
    for (let i = 0; i < units.length; i++) each(units[i]!);
    read += units.length;
    return none;
  });
  if (simple !== null && read > 0) return read;
  if (read > 0) restart();
  const units = parseTmxStreaming(bytes);
  for (const u of units) each(u);
  return units.length;
}

/** What a unit says besides its texts: its languages, dates and author (ImportedTmUnit's other fields). */
export type TmxUnitMeta = Omit<ImportedTmUnit, 'source' | 'target'>;

/**
 * eachTmxUnit for a file of plain units with bare segments only (readSimpleTmx's `bytes`), their
 * sources and targets as byte strings (text/utf8.ts), with no unit made: `each` gets the texts and
 * the unit's other fields, one object for all the units written alike. Null for any other file,
 * which eachTmxUnit reads (`each` may have had some of its units by then: what it gathered is to
 * be dropped).
 */
export function eachTmxUnitBytes(
  bytes: Uint8Array,
  each: (source: string, target: string, meta: Readonly<TmxUnitMeta>) => void,
): number | null {
  let read = 0;
  // What unitsOf makes of the last tags: which segment is the source, which the target of each unit.
  let lastTags: readonly unknown[] = [];
  let plan: { source: 0 | 1; target: 0 | 1; meta: TmxUnitMeta }[] = [];
  const simple = readSimpleTmx(
    bytes,
    () => {
      // Only plain units are read as bytes: the tag-by-tag loop gives up at a unit.
      throw new Error('eachTmxUnitBytes: a unit outside the plain form');
    },
    {
      bytes: true,
      plain: (tu, first, firstText, second, secondText, header) => {
        if (tu !== lastTags[0] || first !== lastTags[1] || second !== lastTags[2] || header !== lastTags[3]) {
          lastTags = [tu, first, second, header];
          // Stand-ins for the texts (bare segments are never empty, nor hold U+0000).
          const variants = [
            { attrs: first.attrs, lang: first.lang, text: '\u0000first' },
            { attrs: second.attrs, lang: second.lang, text: '\u0000second' },
          ];
          plan = unitsOf(tu.attrs, simpleVariants(variants), headerSrclang(header)).map(({ source, target, ...meta }) => ({
            source: source === variants[0]!.text ? 0 : 1,
            target: target === variants[0]!.text ? 0 : 1,
            meta,
          }));
        }
        for (let i = 0; i < plan.length; i++) {
          const p = plan[i]!;
          each(p.source === 0 ? firstText : secondText, p.target === 0 ? firstText : secondText, p.meta);
        }
        read += plan.length;
      },
    },
  );
  return simple === null || read === 0 ? null : read;
}

/** The header's srclang, read once for the file's one header (the simple reader hands the same list with every unit). */
function headerSrclang(header: readonly XmlAttr[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (header !== lastHeader.attrs) lastHeader = { attrs: header, srclang: attr(header, 'srclang') };
  return lastHeader.srclang;
}
let lastHeader: { attrs: readonly XmlAttr[] | undefined; srclang: string | undefined } = { attrs: undefined, srclang: undefined };

/** The safe streaming reader: any TMX, and every refusal. */
export function parseTmxStreaming(bytes: Uint8Array): ImportedTmUnit[] {
  let rootLine = 1;
  let header: XmlElement | undefined;
  let body: XmlElement | null = null;
  const units: ImportedTmUnit[] = [];
  streamXml(bytes, {
    open(el, ancestors) {
      const depth = ancestors.length;
      if (depth === 0) {
        rootLine = el.line;
        // Refused at the first tag, before the rest of a large file is read.
        if (el.local !== 'tmx') throw new QalamError('import_malformed', { detail: 'wrong_root', line: el.line });
      } else if (depth === 1 && el.local === 'header') {
        header ??= el;
      } else if (depth === 1 && el.local === 'body') {
        body ??= el;
      } else if (depth === 2 && el.local === 'tu') {
        return ancestors[1] === body;
      }
      return false;
    },
    close(el, ancestors) {
      if (el.local === 'tu' && ancestors.length === 2 && ancestors[1] === body)
        units.push(...readTu(el, header && getAttr(header, 'srclang')));
    },
  });
  if (!body) throw new QalamError('import_malformed', { detail: 'no_body', line: rootLine });
  if (units.length === 0) throw new QalamError('import_empty');
  return units;
}

/** primaryLang of the few language codes a memory uses, each worked out once. */
const primaries = new Map<string, string>();
function primaryOf(code: string): string {
  let p = primaries.get(code);
  if (p === undefined) {
    p = primaryLang(code);
    if (primaries.size < 256) primaries.set(code, p);
  }
  return p;
}

interface Variant {
  lang: string;
  text: string;
  attrs: readonly XmlAttr[];
}

/** getAttr over an attribute list. */
function attr(attrs: readonly XmlAttr[], local: string, uri = ''): string | undefined {
  // Indexed: this runs a few times for every unit, and for-of over a frozen list allocates in V8's interpreter.
  for (let i = 0; i < attrs.length; i++) if (attrs[i]!.local === local && attrs[i]!.uri === uri) return attrs[i]!.value;
  return undefined;
}

function readTu(tuEl: XmlElement, headerSrc: string | undefined): ImportedTmUnit[] {
  const variants: Variant[] = [];
  for (const tuv of elements(tuEl, 'tuv')) {
    const lang = attr(tuv.attrs, 'lang', XML_NS) ?? attr(tuv.attrs, 'lang');
    const seg = firstElement(tuv, 'seg');
    if (!lang || !seg) continue;
    variants.push({ lang, text: segText(seg), attrs: tuv.attrs });
  }
  return unitsOf(tuEl.attrs, variants, headerSrc);
}

/** readTu's variants of a tu the simple reader read: its tuvs, less any without a language or a seg. */
function simpleVariants(tuvs: readonly SimpleTuv[]): readonly Variant[] {
  return tuvs.every(usable) ? tuvs : tuvs.filter(usable);
}
const usable = (t: SimpleTuv): t is SimpleTuv & Variant => !!t.lang && t.text !== undefined;

/**
 * What unitsOf makes of a tu whatever its texts: which variant is the source, and for each other
 * language its dates and author. It depends only on the attribute lists (the variants' languages
 * are theirs) and the header's srclang; the simple reader hands the same frozen list for the same
 * tag, so units written alike (`<tu>`, `<tuv xml:lang="ar">`…) share one plan: the last is kept.
 */
interface UnitPlan {
  tuAttrs: readonly XmlAttr[];
  variantAttrs: (readonly XmlAttr[])[];
  headerSrc: string | undefined;
  /** Index of the source variant, -1 for none. */
  source: number;
  targets: { index: number; createdAt: string | undefined; changedAt: string | undefined; author: string | undefined }[];
}
let lastPlan: UnitPlan | undefined;

function planOf(tuAttrs: readonly XmlAttr[], variants: readonly Variant[], headerSrc: string | undefined): UnitPlan {
  const last = lastPlan;
  if (last && last.tuAttrs === tuAttrs && last.headerSrc === headerSrc && last.variantAttrs.length === variants.length) {
    let same = true;
    for (let i = 0; i < variants.length && same; i++) same = variants[i]!.attrs === last.variantAttrs[i];
    if (same) return last;
  }
  const source = pickSource(variants, attr(tuAttrs, 'srclang') ?? headerSrc);
  const plan: UnitPlan = {
    tuAttrs,
    variantAttrs: variants.map((v) => v.attrs),
    headerSrc,
    source: source ? variants.indexOf(source) : -1,
    targets: [],
  };
  if (source) {
    for (let i = 0; i < variants.length; i++) {
      const v = variants[i]!;
      if (v === source || primaryOf(v.lang) === primaryOf(source.lang)) continue;
      plan.targets.push({
        index: i,
        createdAt: fromTmxDate(attr(tuAttrs, 'creationdate') ?? attr(v.attrs, 'creationdate')),
        changedAt: fromTmxDate(attr(tuAttrs, 'changedate') ?? attr(v.attrs, 'changedate')),
        author:
          attr(tuAttrs, 'changeid') ?? attr(tuAttrs, 'creationid') ?? attr(v.attrs, 'changeid') ?? attr(v.attrs, 'creationid'),
      });
    }
  }
  lastPlan = plan;
  return plan;
}

/** The units of a tu: its source variant against each variant in another language. */
function unitsOf(tuAttrs: readonly XmlAttr[], variants: readonly Variant[], headerSrc: string | undefined): ImportedTmUnit[] {
  const plan = planOf(tuAttrs, variants, headerSrc);
  const source = plan.source < 0 ? undefined : variants[plan.source]!;
  if (!source || source.text === '') return [];
  const out: ImportedTmUnit[] = [];
  for (let k = 0; k < plan.targets.length; k++) {
    const t = plan.targets[k]!;
    const v = variants[t.index]!;
    if (v.text === '') continue;
    const unit: ImportedTmUnit = { source: source.text, target: v.text, sourceLang: source.lang, targetLang: v.lang };
    if (t.createdAt) unit.createdAt = t.createdAt;
    if (t.changedAt) unit.changedAt = t.changedAt;
    if (t.author) unit.author = t.author;
    out.push(unit);
  }
  return out;
}

/** The declared source language (exact, then by primary subtag), else Arabic, else the first variant. */
function pickSource(variants: readonly Variant[], declared: string | undefined): Variant | undefined {
  const want = declared && declared !== '*all*' ? declared.toLowerCase() : undefined;
  if (want) {
    const exact = variants.find((v) => v.lang.toLowerCase() === want);
    const primary = variants.find((v) => primaryOf(v.lang) === primaryOf(want));
    if (exact ?? primary) return exact ?? primary;
  }
  return variants.find((v) => primaryOf(v.lang) === 'ar') ?? variants[0];
}

/** Segment text: <hi> keeps its text; native codes are dropped; our placeholders become characters. */
function segText(el: XmlElement): string {
  let out = '';
  for (const c of el.children) {
    if (c.type === 'text') out += c.text;
    else if (c.local === 'hi') out += segText(c);
    else if (c.local === 'ph' && getAttr(c, 'type') === CP_TYPE && /^[0-9A-Fa-f]{4}$/.test(textContent(c))) {
      out += String.fromCharCode(parseInt(textContent(c), 16));
    }
  }
  return out;
}
