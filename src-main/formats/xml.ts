// A safe XML reader and the escaping used by the hand-written XML writers.
//
// Imported files are hostile until proven otherwise. saxes never fetches or expands anything beyond
// the five predefined entities and character references. A DOCTYPE that only names an external DTD
// (OmegaT writes `<!DOCTYPE tmx SYSTEM "tmx11.dtd">` into every TMX) is allowed and never loaded; one
// with an internal subset — the only place entities could be declared — is refused, which closes XXE
// and entity expansion ("billion laughs").
//
// Files are read as a stream: the bytes are decoded a slice at a time and only the elements a reader
// asks for (an XLIFF unit, a TMX tu) are built as trees, one at a time, so a 100 MB file does not
// become a 100 MB string plus a tree of every element. Caps on size, depth, element count and text
// keep a crafted file from exhausting the stack, memory or time, and are refused as soon as they are
// passed, not after reading the rest.
import { createRequire } from 'node:module';
import type * as Saxes from 'saxes';
import { QalamError } from '../shared/errors';

/**
 * saxes, loaded by the first parse: the module is shared with writers and with readers that mostly
 * never need the full parser (a plain TMX is read by tmx-simple.ts), and loading it costs a command
 * like `qalam translate` about 10 ms before any work.
 */
let saxes: typeof Saxes | undefined;
function newSaxesParser(): Saxes.SaxesParser<{ xmlns: true; position: true }> {
  saxes ??= createRequire(import.meta.url)('saxes') as typeof Saxes;
  return new saxes.SaxesParser({ xmlns: true, position: true });
}

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

export interface XmlLimits {
  /** Size of the file. */
  maxBytes: number;
  /** Open elements at once. */
  maxDepth: number;
  /** Start tags in the whole file. */
  maxElements: number;
  /** Characters between two pieces of markup: one text node, comment, tag or attribute value. */
  maxTextRun: number;
  /** Elements inside one collected element (an XLIFF unit, a TMX tu). */
  maxCollectedElements: number;
  /** Characters of text inside one collected element. */
  maxCollectedText: number;
}

export const XML_LIMITS: Readonly<XmlLimits> = {
  // The 500 MB memory budget of issue 8.11: `qalam import` peaks at 474 MB for a 50 MB XLIFF and
  // 822 MB for 100 MB (about 7 MB per MB of file over 125 MB of base; tests/bench/xliff-import.ts),
  // so a larger file is refused before parsing rather than taking the machine's memory.
  maxBytes: 48 * 1024 * 1024,
  maxDepth: 200,
  // A 200 MB XLIFF from a CAT tool has about 2.5 million elements; inline codes add more.
  maxElements: 10_000_000,
  // No translation unit comes near these; a file that does is refused before it fills memory.
  maxTextRun: 8 * 1024 * 1024,
  maxCollectedElements: 100_000,
  maxCollectedText: 8 * 1024 * 1024,
};

/** `parseXml` keeps the whole tree: the element count is what its memory grows with. */
const TREE_LIMITS: Readonly<XmlLimits> = {
  ...XML_LIMITS,
  maxElements: 4_000_000,
  maxCollectedElements: 4_000_000,
  maxCollectedText: 256 * 1024 * 1024,
};

/** Decoded characters fed to the parser at a time. */
const CHUNK_BYTES = 1024 * 1024;

/** `<!DOCTYPE name>`, `… SYSTEM "uri"` or `… PUBLIC "id" "uri"`: no internal subset, nothing declared. */
const EXTERNAL_ID_ONLY =
  /^\s*[\w:.-]+(?:\s+(?:SYSTEM\s+(?:"[^"]*"|'[^']*')|PUBLIC\s+(?:"[^"]*"|'[^']*')\s+(?:"[^"]*"|'[^']*')))?\s*$/;

export interface XmlAttr {
  /** As written, with its prefix (`xml:lang`). */
  name: string;
  local: string;
  /** Namespace URI; '' for unprefixed attributes. */
  uri: string;
  value: string;
}

export interface XmlElement {
  type: 'element';
  name: string;
  local: string;
  uri: string;
  attrs: XmlAttr[];
  /** Empty for elements that were not collected (see `streamXml`). */
  children: XmlNode[];
  /** 1-based line of the start tag, for error messages. */
  line: number;
}

export interface XmlText {
  type: 'text';
  text: string;
}

export type XmlNode = XmlElement | XmlText;

export interface XmlHandlers {
  /**
   * A start tag outside any collected element, with its open ancestors (outermost first; their
   * `children` are not kept). Return true to collect it: the element is then built with its whole
   * subtree — attributes, nested elements and mixed text, exactly as parsed — and handed to `close`.
   */
  open?(el: XmlElement, ancestors: readonly XmlElement[]): boolean | void;
  /** The end of every element `open` saw; a collected one arrives complete. */
  close?(el: XmlElement, ancestors: readonly XmlElement[]): void;
}

/**
 * Reads a document as a stream of elements. Text outside collected elements is not kept. Throws a
 * QalamError for anything unsafe, damaged, empty or over a limit, as soon as it is seen.
 */
export function streamXml(input: Uint8Array | string, handlers: XmlHandlers, limits: Partial<XmlLimits> = {}): void {
  const lim: XmlLimits = { ...XML_LIMITS, ...limits };
  const size = typeof input === 'string' ? input.length : input.byteLength;
  if (size > lim.maxBytes)
    throw new QalamError('import_too_large', {
      context: 'xml_size',
      sizeMb: Math.ceil(size / 1048576),
      limitMb: Math.floor(lim.maxBytes / 1048576),
    });

  const parser = newSaxesParser();
  /** Open elements, outermost first. */
  const stack: XmlElement[] = [];
  /** Index in `stack` of the element being collected, or -1. */
  let collecting = -1;
  let collectedElements = 0;
  let collectedText = 0;
  let elementCount = 0;
  let sawRoot = false;
  /**
   * Characters fed since the parser last reported anything, counted in whole chunks: the parser holds
   * a text node, comment or tag in memory until it ends, so a run without markup is refused while it
   * grows, not after. (Runs are also checked exactly when they end, below.)
   */
  let quietRun = 0;
  let reported = false;
  const mark = (): void => {
    reported = true;
  };
  const checkRun = (length: number): void => {
    if (length > lim.maxTextRun) {
      throw new QalamError('import_too_large', { context: 'xml_text', max: lim.maxTextRun, line: parser.line });
    }
  };

  const appendText = (t: string): void => {
    mark();
    checkRun(t.length);
    if (collecting < 0) return; // white space between elements nobody asked for
    collectedText += t.length;
    if (collectedText > lim.maxCollectedText) {
      throw new QalamError('import_too_large', {
        context: 'xml_unit_text',
        max: lim.maxCollectedText,
        line: stack[collecting]!.line,
      });
    }
    const parent = stack[stack.length - 1]!;
    const last = parent.children[parent.children.length - 1];
    // A copy, not a slice: a slice would keep the whole decoded chunk it came from alive.
    if (last?.type === 'text') last.text = flat(last.text + t);
    else parent.children.push({ type: 'text', text: flat(t) });
  };

  // Six handlers and no more: saxes stores each as a new property on the parser, and a seventh turns
  // it into a slow dictionary-mode object (the whole parse then runs 3× slower).
  parser.on('doctype', (doctype) => {
    mark();
    if (!EXTERNAL_ID_ONLY.test(doctype)) throw new QalamError('import_unsafe_xml', { detail: 'doctype', line: parser.line });
  });
  parser.on('error', (err) => {
    if (err instanceof QalamError) throw err;
    throw new QalamError('import_malformed', { detail: 'xml_syntax', line: parser.line });
  });
  parser.on('opentag', (tag) => {
    mark();
    if (stack.length >= lim.maxDepth) throw new QalamError('import_unsafe_xml', { detail: 'depth', line: parser.line });
    if (++elementCount > lim.maxElements) {
      throw new QalamError('import_too_large', { context: 'xml_elements', max: lim.maxElements, line: parser.line });
    }
    sawRoot = true;
    const el: XmlElement = {
      type: 'element',
      name: flat(tag.name),
      local: flat(tag.local),
      uri: flat(tag.uri),
      attrs: Object.values(tag.attributes).map((a) => ({
        name: flat(a.name),
        local: flat(a.local),
        uri: flat(a.uri),
        value: flat(a.value),
      })),
      children: [],
      line: parser.line,
    };
    if (collecting >= 0) {
      if (++collectedElements > lim.maxCollectedElements) {
        throw new QalamError('import_too_large', {
          context: 'xml_unit_elements',
          max: lim.maxCollectedElements,
          line: stack[collecting]!.line,
        });
      }
      stack[stack.length - 1]!.children.push(el);
    } else if (handlers.open?.(el, stack) === true) {
      collecting = stack.length;
      collectedElements = 0;
      collectedText = 0;
    }
    stack.push(el);
  });
  parser.on('closetag', () => {
    mark();
    const el = stack.pop()!;
    if (collecting >= 0 && stack.length > collecting) return; // inside a collected element: already attached
    if (collecting === stack.length) collecting = -1;
    handlers.close?.(el, stack);
  });
  parser.on('text', appendText);
  parser.on('cdata', appendText);

  const feed = (chunk: string): void => {
    reported = false;
    parser.write(chunk);
    quietRun = reported ? 0 : quietRun + chunk.length;
    checkRun(quietRun);
  };
  let blank = true;
  try {
    if (typeof input === 'string') {
      blank = input.trim() === '';
      if (!blank) for (let i = 0; i < input.length; i += CHUNK_BYTES) feed(input.slice(i, i + CHUNK_BYTES));
    } else {
      const { decoder, start } = xmlDecoder(input);
      for (let i = start; i < input.length; i += CHUNK_BYTES) {
        const text = decodeChunk(decoder, input.subarray(i, i + CHUNK_BYTES), true);
        if (blank && text.trim() === '') continue; // empty so far: nothing to parse yet
        blank = false;
        feed(text);
      }
      const rest = decodeChunk(decoder, undefined, false);
      if (rest.trim() !== '') blank = false;
      if (!blank) feed(rest);
    }
    if (blank) throw new QalamError('import_empty');
    parser.close();
  } catch (e) {
    if (e instanceof QalamError) throw e;
    // saxes reports most errors through the handler above; anything else is still a broken file.
    throw new QalamError('import_malformed', { detail: 'xml_syntax', line: parser.line });
  }
  if (!sawRoot) throw new QalamError('import_malformed', { detail: 'no_root' });
}

/** Parses a whole (small) document into a tree and returns its root element. Text is kept exactly as parsed. */
export function parseXml(input: Uint8Array | string, limits: Partial<XmlLimits> = {}): XmlElement {
  const doc: { root?: XmlElement } = {};
  streamXml(
    input,
    {
      open: () => true,
      close: (el) => {
        doc.root = el;
      },
    },
    { ...TREE_LIMITS, ...limits },
  );
  return doc.root!;
}

/**
 * A string that owns its characters. V8 makes substrings views of their parent, so what a reader
 * keeps would pin the megabyte chunk of the file it was cut from; and a piece of English cut from a
 * chunk with Arabic in it stays two bytes a character. A UTF-8 round trip gives a compact copy
 * (half the memory of the usual `(' ' + s).slice(1)` for English text).
 */
const LONE_SURROGATE_FREE = /^(?:[^\uD800-\uDFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF])*$/;

function flat(s: string): string {
  if (s.length < 13) return s;
  // XML cannot carry a lone surrogate, but UTF-8 would turn one into U+FFFD: never change text.
  return LONE_SURROGATE_FREE.test(s) ? Buffer.from(s, 'utf8').toString('utf8') : (' ' + s).slice(1);
}

function decodeChunk(decoder: InstanceType<typeof TextDecoder>, bytes: Uint8Array | undefined, stream: boolean): string {
  try {
    return decoder.decode(bytes, { stream });
  } catch {
    throw new QalamError('import_malformed', { detail: 'encoding' });
  }
}

/**
 * How an XML file's bytes are decoded: a BOM first, then UTF-16 sniffing, then the declared
 * encoding, defaulting to UTF-8 as XML does. Invalid bytes are an error, never replacement characters.
 */
function xmlDecoder(bytes: Uint8Array): { decoder: InstanceType<typeof TextDecoder>; start: number } {
  let label = 'utf-8';
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) [label, start] = ['utf-16le', 2];
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) [label, start] = ['utf-16be', 2];
  else if (bytes[0] === 0x3c && bytes[1] === 0x00) label = 'utf-16le';
  else if (bytes[0] === 0x00 && bytes[1] === 0x3c) label = 'utf-16be';
  else label = declaredEncoding(bytes) ?? 'utf-8';
  try {
    return { decoder: new TextDecoder(label, { fatal: true, ignoreBOM: true }), start };
  } catch {
    throw new QalamError('import_unsupported', { detail: 'xml_encoding' });
  }
}

/** The whole file as text (see `xmlDecoder`); the readers stream instead. */
export function decodeXmlBytes(bytes: Uint8Array): string {
  const { decoder, start } = xmlDecoder(bytes);
  return decodeChunk(decoder, bytes.subarray(start), false);
}

function declaredEncoding(bytes: Uint8Array): string | null {
  const head = String.fromCharCode(...bytes.subarray(0, Math.min(bytes.length, 200)));
  const m = /^<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return m ? m[1]!.toLowerCase() : null;
}

// ——— Tree helpers ———

export function getAttr(el: XmlElement, local: string, uri = ''): string | undefined {
  return el.attrs.find((a) => a.local === local && a.uri === uri)?.value;
}

export function elements(el: XmlElement, local?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) if (c.type === 'element' && (local === undefined || c.local === local)) out.push(c);
  return out;
}

export function firstElement(el: XmlElement, local: string): XmlElement | undefined {
  for (const c of el.children) if (c.type === 'element' && c.local === local) return c;
  return undefined;
}

/** Concatenated text of the element and all its descendants. */
export function textContent(el: XmlElement): string {
  let out = '';
  for (const c of el.children) out += c.type === 'text' ? c.text : textContent(c);
  return out;
}

// ——— Writing ———

/**
 * Code units XML 1.0 cannot carry at all, not even as character references: C0 controls other than
 * tab/LF/CR, U+FFFE/U+FFFF and unpaired surrogates. No `u` flag, so surrogates match one at a time.
 */
const FORBIDDEN =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Every code unit FORBIDDEN can match, surrogates paired or not: a quick test that nearly all text passes. */
const MAYBE_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

export function hasForbiddenXmlChars(s: string): boolean {
  if (!MAYBE_FORBIDDEN.test(s)) return false;
  FORBIDDEN.lastIndex = 0;
  return FORBIDDEN.test(s);
}

/**
 * Splits text into runs XML can carry (strings) and the code units it cannot (numbers), so each
 * format can write the latter its own lossless way (`<cp hex>` in XLIFF 2.0, a placeholder elsewhere).
 */
export function splitXmlChars(s: string): Array<string | number> {
  const out: Array<string | number> = [];
  let last = 0;
  FORBIDDEN.lastIndex = 0;
  for (let m = FORBIDDEN.exec(s); m !== null; m = FORBIDDEN.exec(s)) {
    if (m.index > last) out.push(s.slice(last, m.index));
    out.push(s.charCodeAt(m.index));
    last = m.index + 1;
  }
  if (last < s.length) out.push(s.slice(last));
  return out;
}

/** Four or more upper-case hex digits, as `<cp hex>` and our placeholders write a code point. */
export function hex4(code: number): string {
  return code.toString(16).toUpperCase().padStart(4, '0');
}

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };
const ATTR_ESCAPES: Record<string, string> = {
  ...TEXT_ESCAPES,
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
};

/**
 * Escapes element content. `>` is escaped too (so `]]>` cannot occur) and CR is written as `&#13;`
 * because a parser turns a literal CR or CRLF into LF. Characters XML cannot carry become U+FFFD:
 * callers that must keep them split the text with `splitXmlChars` first.
 */
export function escapeText(s: string): string {
  if (!TEXT_SPECIAL.test(s)) return s;
  return s.replace(FORBIDDEN, '\uFFFD').replace(/[&<>\r]/g, (c) => TEXT_ESCAPES[c]!);
}
/** What escapeText may change: the escaped characters and anything MAYBE_FORBIDDEN matches. */
const TEXT_SPECIAL = /[&<>\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/**
 * Text that element content carries as it is: nothing to escape and nothing XML cannot carry
 * (escapeText and splitXmlChars would leave it whole). One scan, where the two tests are two.
 */
export function isPlainXmlText(s: string): boolean {
  return !TEXT_SPECIAL.test(s);
}

/** Text with the characters XML cannot carry replaced by U+FFFD, for libraries that escape the rest. */
export function xmlSafe(s: string): string {
  return s.replace(FORBIDDEN, '\uFFFD');
}

/** Escapes an attribute value; tab, LF and CR as references so attribute normalisation keeps them. */
export function escapeAttr(s: string): string {
  return s.replace(FORBIDDEN, '\uFFFD').replace(/[&<>"'\t\n\r]/g, (c) => ATTR_ESCAPES[c]!);
}

export type AttrValues = Record<string, string | number | undefined | null>;

/** ` name="value"` pairs for the defined values, in the given order. */
export function attrs(values: AttrValues): string {
  let out = '';
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== null) out += ` ${k}="${escapeAttr(String(v))}"`;
  return out;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/**
 * JSON for text that must survive inside XML exactly: JSON.stringify already escapes C0 controls and
 * unpaired surrogates, and U+FFFE/U+FFFF are escaped here; the result is plain XML-safe text.
 */
export function xmlSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\uFFFE\uFFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

// ——— Writing a parsed tree back ———

/**
 * A parsed tree as XML again: names and attributes as written (namespace declarations included), text
 * escaped. Comments and processing instructions were not kept by the reader and are not written.
 */
export function serializeXml(el: XmlElement): string {
  const out: string[] = [];
  writeElement(el, out);
  return out.join('');
}

function writeElement(el: XmlElement, out: string[]): void {
  out.push('<', el.name);
  for (const a of el.attrs) out.push(' ', a.name, '="', escapeAttr(a.value), '"');
  if (el.children.length === 0) {
    out.push('/>');
    return;
  }
  out.push('>');
  for (const c of el.children) {
    if (c.type === 'text') out.push(escapeText(c.text));
    else writeElement(c, out);
  }
  out.push('</', el.name, '>');
}

/** A deep copy, so one parsed node can be written in two places. */
export function cloneElement(el: XmlElement): XmlElement {
  return {
    ...el,
    attrs: el.attrs.map((a) => ({ ...a })),
    children: el.children.map((c) => (c.type === 'text' ? { ...c } : cloneElement(c))),
  };
}
