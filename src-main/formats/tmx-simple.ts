// A fast reader for TMX in the plain form nearly every tool writes (OmegaT, Trados and memoQ
// exports, our own): <tmx><header/><body><tu><tuv xml:lang><seg>text</seg></tuv>…</tu>…</body></tmx>,
// UTF-8, segments without inline codes. It works on the bytes — markup is ASCII, so a search for
// '<' never lands inside a UTF-8 sequence — and decodes only the segments, where the streaming XML
// reader (xml.ts, saxes) decodes and tokenises every character: about ten times the work.
//
// It accepts strictly less than XML: anything outside that form, or anything XML would refuse or
// read differently (a DOCTYPE, CDATA, a raw CR, a prefixed name, an unknown entity, a character XML
// cannot carry, a limit passed), makes it answer null, and parseTmx then reads the file with the
// safe reader, which gives the one and only error message. It never expands anything but the five
// predefined entities and character references. tests/unit/main/formats/tmx-simple.test.ts holds it
// to the full reader on every fixture and on generated files.
import { isUtf8 } from 'node:buffer';
import { XML_LIMITS, XML_NS, type XmlAttr, type XmlElement } from './xml';

const LT = 0x3c;
const GT = 0x3e;

/** The declaration: version 1.x, UTF-8 or no encoding, standalone or not. */
const DECLARATION =
  /^<\?xml\s+version\s*=\s*(["'])1\.\d+\1(?:\s+encoding\s*=\s*(["'])utf-8\2)?(?:\s+standalone\s*=\s*(["'])(?:yes|no)\3)?\s*\?>$/i;
/** One attribute: a plain ASCII name or xml:lang, a quoted value without markup or white space other than the space. */
const ATTR = /\s+([A-Za-z_][\w.-]*|xml:lang)\s*=\s*(?:"([^"<\t\n\r]*)"|'([^'<\t\n\r]*)')/gy;
const TAG = /^<([A-Za-z_][\w.-]*)((?:\s+(?:[A-Za-z_][\w.-]*|xml:lang)\s*=\s*(?:"[^"<\t\n\r]*"|'[^'<\t\n\r]*'))*)\s*(\/?)>$/;
const END_TAG = /^<\/([A-Za-z_][\w.-]*)\s*>$/;
const WHITE = /^[ \t\n]*$/;
/** Code units XML cannot carry (UTF-8 already excludes lone surrogates), and CR, which a parser rewrites. */
const REFUSED_CHARS = /[\u0000-\u0008\u000B-\u001F\uFFFE\uFFFF]/;
const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d{1,7})|#x([0-9A-Fa-f]{1,6}));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Where the element a segment or note may hold text: nothing else holds text here. */
const TEXT_ELEMENTS = new Set(['seg', 'prop', 'note']);
/** Which element may sit in which, as far as this reader goes. */
const CHILDREN: Record<string, ReadonlySet<string>> = {
  '': new Set(['tmx']),
  tmx: new Set(['header', 'body']),
  header: new Set(['prop', 'note']),
  body: new Set(['tu']),
  tu: new Set(['tuv', 'prop', 'note']),
  tuv: new Set(['seg', 'prop', 'note']),
};

class NotSimple extends Error {}
const notSimple = (): never => {
  throw new NotSimple();
};

function decodeText(s: string): string {
  if (REFUSED_CHARS.test(s) || s.includes(']]>')) notSimple();
  if (!s.includes('&')) return s;
  const out = s.replace(ENTITY, (_m, name: string | undefined, dec: string | undefined, hex: string | undefined) => {
    if (name) return NAMED[name]!;
    const cp = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
    const ok =
      cp === 0x9 ||
      cp === 0xa ||
      cp === 0xd ||
      (cp >= 0x20 && cp <= 0xd7ff) ||
      (cp >= 0xe000 && cp <= 0xfffd) ||
      (cp >= 0x10000 && cp <= 0x10ffff);
    return ok ? String.fromCodePoint(cp) : notSimple();
  });
  // An ampersand left over was not a reference XML knows.
  if (s.replace(ENTITY, '').includes('&')) notSimple();
  return out;
}

function attrsOf(raw: string): XmlAttr[] {
  const attrs: XmlAttr[] = [];
  ATTR.lastIndex = 0;
  for (let m = ATTR.exec(raw); m; m = ATTR.exec(raw)) {
    const name = m[1]!;
    // A default namespace is XML's business (the full reader resolves it); a repeated name an error.
    if (name === 'xmlns' || attrs.some((a) => a.name === name)) notSimple();
    const value = decodeText(m[2] ?? m[3] ?? '');
    attrs.push(name === 'xml:lang' ? { name, local: 'lang', uri: XML_NS, value } : { name, local: name, uri: '', value });
  }
  return attrs;
}

const element = (name: string, attrs: XmlAttr[]): XmlElement => ({
  type: 'element',
  name,
  local: name,
  uri: '',
  attrs,
  children: [],
  line: 0,
});

/**
 * What `read` makes of each `tu` element of a simple TMX file (built as the streaming reader would
 * build it), or null when the file is not in the simple form.
 */
export function readSimpleTmx<T>(
  bytes: Uint8Array,
  /** Called with each tu as it ends and the header (which must come first); its answers are returned. */
  read: (tu: XmlElement, header: XmlElement | undefined) => T[],
): T[] | null {
  if (bytes.byteLength > XML_LIMITS.maxBytes) return null;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  if (!isUtf8(buf)) return null;
  try {
    const stack: XmlElement[] = [];
    const units: T[] = [];
    let header: XmlElement | undefined;
    let sawBody = false;
    let done = false;
    let elementsSeen = 0;
    let unitText = 0;
    // The declaration, if any, comes first.
    if (buf.subarray(at, at + 5).toString('latin1') === '<?xml') {
      const end = buf.indexOf('?>', at);
      if (end < 0 || !DECLARATION.test(buf.toString('latin1', at, end + 2))) return null;
      at = end + 2;
    }
    while (at < buf.length) {
      const lt = buf.indexOf(LT, at);
      const textEnd = lt < 0 ? buf.length : lt;
      if (textEnd > at) {
        const top = stack[stack.length - 1];
        if (top && TEXT_ELEMENTS.has(top.name)) {
          if (textEnd - at > XML_LIMITS.maxTextRun) return null;
          const text = decodeText(buf.toString('utf8', at, textEnd));
          unitText += text.length;
          if (unitText > XML_LIMITS.maxCollectedText) return null;
          top.children.push({ type: 'text', text });
        } else if (!WHITE.test(buf.toString('latin1', at, textEnd))) return null;
      }
      if (lt < 0) break;
      if (done) {
        // After the root: white space and comments only.
        if (buf[lt + 1] !== 0x21) return null;
      }
      if (buf[lt + 1] === 0x21) {
        // A comment, where only markup may be: not inside text-holding elements (they would split the text).
        if (buf.toString('latin1', lt, lt + 4) !== '<!--') return null;
        const end = buf.indexOf('-->', lt + 4);
        if (end < 0 || buf.subarray(lt + 4, end).includes('--') || buf[end - 1] === 0x2d) return null;
        const top = stack[stack.length - 1];
        if (top && TEXT_ELEMENTS.has(top.name)) return null;
        at = end + 3;
        continue;
      }
      const gt = buf.indexOf(GT, lt);
      if (gt < 0) return null;
      const tag = buf.toString('utf8', lt, gt + 1);
      at = gt + 1;
      if (tag.charCodeAt(1) === 0x2f) {
        const m = END_TAG.exec(tag);
        const open = stack.pop();
        if (!m || !open || m[1] !== open.name) return null;
        if (open.name === 'seg' && open.children.length === 0) return null; // empty: let the full reader decide
        if (open.name === 'tu') for (const u of read(open, header)) units.push(u);
        if (open.name === 'tmx') done = true;
        continue;
      }
      const m = TAG.exec(tag);
      if (!m) return null;
      const name = m[1]!;
      const parent = stack[stack.length - 1];
      if (done || !CHILDREN[parent?.name ?? '']?.has(name) || ++elementsSeen > XML_LIMITS.maxElements) return null;
      if (parent && TEXT_ELEMENTS.has(parent.name)) return null; // inline codes: the full reader
      const el = element(name, attrsOf(m[2]!));
      const selfClosing = m[3] === '/';
      if (name === 'header') {
        if (header || sawBody) return null;
        header = el;
      } else if (name === 'body') {
        if (sawBody || selfClosing) return null;
        sawBody = true;
      } else if (name === 'tu') {
        unitText = 0;
      }
      // Only a tu's content is kept, as the streaming reader collects only tu elements.
      if (parent && parent.name !== 'tmx' && parent.name !== 'header' && parent.name !== 'body') parent.children.push(el);
      if (selfClosing) {
        if (name === 'seg' || name === 'tu' || name === 'tuv' || name === 'tmx') return null;
        continue;
      }
      stack.push(el);
    }
    if (!done || !sawBody || stack.length > 0) return null;
    return units;
  } catch (e) {
    if (e instanceof NotSimple) return null;
    throw e;
  }
}
