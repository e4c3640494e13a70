// A safe XML reader and the escaping used by the hand-written XML writers.
//
// Imported files are hostile until proven otherwise. saxes never fetches or expands anything beyond
// the five predefined entities and character references. A DOCTYPE that only names an external DTD
// (OmegaT writes `<!DOCTYPE tmx SYSTEM "tmx11.dtd">` into every TMX) is allowed and never loaded; one
// with an internal subset — the only place entities could be declared — is refused, which closes XXE
// and entity expansion ("billion laughs"). Depth and size caps keep a crafted file from exhausting
// the stack or memory.
import { SaxesParser } from 'saxes';
import { QalamError } from '../shared/errors';

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
export const MAX_XML_BYTES = 200 * 1024 * 1024;
export const MAX_XML_DEPTH = 200;

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
  children: XmlNode[];
  /** 1-based line of the start tag, for error messages. */
  line: number;
}

export interface XmlText {
  type: 'text';
  text: string;
}

export type XmlNode = XmlElement | XmlText;

export interface ParseXmlOptions {
  maxBytes?: number;
  maxDepth?: number;
}

/** Parses a whole document into a tree and returns its root element. Text is kept exactly as parsed. */
export function parseXml(input: Uint8Array | string, opts: ParseXmlOptions = {}): XmlElement {
  const maxBytes = opts.maxBytes ?? MAX_XML_BYTES;
  const maxDepth = opts.maxDepth ?? MAX_XML_DEPTH;
  const size = typeof input === 'string' ? input.length : input.byteLength;
  if (size > maxBytes) throw new QalamError('import_too_large', { limitMb: Math.round(maxBytes / 1048576) });
  const text = typeof input === 'string' ? input : decodeXmlBytes(input);
  if (text.trim() === '') throw new QalamError('import_empty');
  return buildTree(text, maxDepth);
}

function buildTree(text: string, maxDepth: number): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;

  const appendText = (t: string): void => {
    const parent = stack[stack.length - 1];
    if (!parent) return; // white space around the root element
    const last = parent.children[parent.children.length - 1];
    if (last?.type === 'text') last.text += t;
    else parent.children.push({ type: 'text', text: t });
  };

  parser.on('doctype', (doctype) => {
    if (!EXTERNAL_ID_ONLY.test(doctype)) throw new QalamError('import_unsafe_xml', { detail: 'doctype', line: parser.line });
  });
  parser.on('error', (err) => {
    if (err instanceof QalamError) throw err;
    throw new QalamError('import_malformed', { detail: 'xml_syntax', line: parser.line });
  });
  parser.on('opentag', (tag) => {
    if (stack.length >= maxDepth) throw new QalamError('import_unsafe_xml', { detail: 'depth', line: parser.line });
    const el: XmlElement = {
      type: 'element',
      name: tag.name,
      local: tag.local,
      uri: tag.uri,
      attrs: Object.values(tag.attributes).map((a) => ({ name: a.name, local: a.local, uri: a.uri, value: a.value })),
      children: [],
      line: parser.line,
    };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else root = el;
    if (!tag.isSelfClosing) stack.push(el);
  });
  parser.on('closetag', (tag) => {
    if (!tag.isSelfClosing) stack.pop();
  });
  parser.on('text', appendText);
  parser.on('cdata', appendText);

  try {
    parser.write(text).close();
  } catch (e) {
    if (e instanceof QalamError) throw e;
    // saxes reports most errors through the handler above; anything else is still a broken file.
    throw new QalamError('import_malformed', { detail: 'xml_syntax', line: parser.line });
  }
  if (!root) throw new QalamError('import_malformed', { detail: 'no_root' });
  return root;
}

/**
 * Decodes an XML file's bytes: a BOM first, then UTF-16 sniffing, then the declared encoding,
 * defaulting to UTF-8 as XML does. Invalid bytes are an error, never replacement characters.
 */
export function decodeXmlBytes(bytes: Uint8Array): string {
  let label = 'utf-8';
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) [label, start] = ['utf-16le', 2];
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) [label, start] = ['utf-16be', 2];
  else if (bytes[0] === 0x3c && bytes[1] === 0x00) label = 'utf-16le';
  else if (bytes[0] === 0x00 && bytes[1] === 0x3c) label = 'utf-16be';
  else label = declaredEncoding(bytes) ?? 'utf-8';

  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(label, { fatal: true, ignoreBOM: true });
  } catch {
    throw new QalamError('import_unsupported', { detail: 'xml_encoding' });
  }
  try {
    return decoder.decode(bytes.subarray(start));
  } catch {
    throw new QalamError('import_malformed', { detail: 'encoding' });
  }
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

export function hasForbiddenXmlChars(s: string): boolean {
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
  return s.replace(FORBIDDEN, '\uFFFD').replace(/[&<>\r]/g, (c) => TEXT_ESCAPES[c]!);
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
