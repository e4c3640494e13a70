// A fast reader for TMX in the plain form nearly every tool writes (OmegaT, Trados and memoQ
// exports, our own): <tmx><header/><body><tu><tuv xml:lang><seg>text</seg></tuv>…</tu>…</body></tmx>,
// UTF-8, segments without inline codes. It works on the bytes — markup is ASCII, so a search for
// '<' never lands inside a UTF-8 sequence — and decodes only the segments, where the streaming XML
// reader (xml.ts, saxes) decodes and tokenises every character: about ten times the work. Each
// distinct tag (`<tu>`, `<tuv xml:lang="ar">`, `</seg>`…) is parsed once and then recognised by its
// bytes; each segment becomes a string of its own (English one byte a character), not a view that
// would keep a decoded file alive. Units are handed over as plain records, not element trees.
//
// It accepts strictly less than XML: anything outside that form, or anything XML would refuse or
// read differently (a DOCTYPE, CDATA, a raw CR, a prefixed name, an unknown entity, a character XML
// cannot carry, a limit passed), makes it answer null, and parseTmx then reads the file with the
// safe reader, which gives the one and only error message. It never expands anything but the five
// predefined entities and character references. tests/unit/main/formats/tmx-simple.test.ts holds it
// to the full reader on every fixture and on generated files.
import { Buffer, isUtf8 } from 'node:buffer';
import { decodeValidUtf8 } from '../text/utf8';
import { XML_LIMITS, XML_NS, type XmlAttr } from './xml';

const LT = 0x3c;
const GT = 0x3e;

/** The declaration: version 1.x, UTF-8 or no encoding, standalone or not. */
const DECLARATION =
  /^<\?xml\s+version\s*=\s*(["'])1\.\d+\1(?:\s+encoding\s*=\s*(["'])utf-8\2)?(?:\s+standalone\s*=\s*(["'])(?:yes|no)\3)?\s*\?>$/i;
/** One attribute: a plain ASCII name or xml:lang, a quoted value without markup or white space other than the space. */
const ATTR = /\s+([A-Za-z_][\w.-]*|xml:lang)\s*=\s*(?:"([^"<\t\n\r]*)"|'([^'<\t\n\r]*)')/gy;
const TAG = /^<([A-Za-z_][\w.-]*)((?:\s+(?:[A-Za-z_][\w.-]*|xml:lang)\s*=\s*(?:"[^"<\t\n\r]*"|'[^'<\t\n\r]*'))*)\s*(\/?)>$/;
const END_TAG = /^<\/([A-Za-z_][\w.-]*)\s*>$/;
/** Code units XML cannot carry (UTF-8 already excludes lone surrogates), and CR, which a parser rewrites. */
const REFUSED_CHARS = /[\u0000-\u0008\u000B-\u001F\uFFFE\uFFFF]/;
/** Anything in a segment that needs a closer look: a refused character, a reference, `]]>`. */
const NOT_PLAIN = /[\u0000-\u0008\u000B-\u001F\uFFFE\uFFFF&]|\]\]>/;
/** NOT_PLAIN's characters and any `]`: one character class, which a regular expression scans fastest. */
const MAYBE_NOT_PLAIN = /[\u0000-\u0008\u000B-\u001F\uFFFE\uFFFF&\]]/;
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
  if (!MAYBE_NOT_PLAIN.test(s) || !NOT_PLAIN.test(s)) return s;
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

/** A start or end tag as read once: the same bytes are read the same way again. */
type Tag = { end: true; name: string } | { end: false; name: string; attrs: readonly XmlAttr[]; selfClosing: boolean };

/**
 * Tags remembered with their bytes, by length, a few of each: the markup of a TMX file repeats (all
 * but attributes such as tuid and dates), and comparing a few bytes in place is cheaper than
 * decoding the tag to look it up.
 */
const REMEMBERED_LENGTH = 128;
const REMEMBERED_PER_LENGTH = 8;

function readTag(text: string): Tag | null {
  if (text.charCodeAt(1) === 0x2f) {
    const m = END_TAG.exec(text);
    return m ? { end: true, name: m[1]! } : null;
  }
  const m = TAG.exec(text);
  if (!m) return null;
  // Shared by every element the tag opens, so never to be changed.
  const attrs = Object.freeze(attrsOf(m[2]!).map((a) => Object.freeze(a)));
  return { end: false, name: m[1]!, attrs, selfClosing: m[3] === '/' };
}

/** A tuv's language: xml:lang, else TMX 1.1's lang. */
function langOf(attrs: readonly XmlAttr[]): string | undefined {
  let plain: string | undefined;
  for (let i = 0; i < attrs.length; i++) {
    const a = attrs[i]!;
    if (a.local === 'lang' && a.uri === XML_NS) return a.value;
    if (a.local === 'lang' && a.uri === '') plain = a.value;
  }
  return plain;
}

function sameBytes(src: Uint8Array, at: number, bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (src[at + i] !== bytes[i]) return false;
  return true;
}

/** White space outside segments: space, tab and LF only (a CR is rewritten by XML parsers, so not simple). */
function isWhite(src: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = src[i];
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a) return false;
  }
  return true;
}

/** The next `byte` from `from`: a look at the next few first (markup is mostly adjacent and short), then indexOf. */
function next(src: Uint8Array, byte: number, from: number): number {
  const near = Math.min(from + 32, src.length);
  for (let i = from; i < near; i++) if (src[i] === byte) return i;
  return near === src.length ? -1 : src.indexOf(byte, near);
}

/** Where the ASCII `text` next starts at or after `from`, or -1. */
function find(src: Uint8Array, text: string, from: number): number {
  const first = text.charCodeAt(0);
  for (let i = src.indexOf(first, from); i >= 0; i = src.indexOf(first, i + 1)) {
    let k = 1;
    while (k < text.length && src[i + k] === text.charCodeAt(k)) k++;
    if (k === text.length) return i;
  }
  return -1;
}

/** Printable ASCII but `<` and `>`. */
const TAG_CHAR = '[\\x20-\\x3b\\x3d\\x3f-\\x7e]';

/**
 * The unit nearly every file is made of, read in one match over the decoded file: white space,
 * `<tu …>`, two `<tuv …><seg>text</seg></tuv>` and `</tu>`, with only space, tab and LF between
 * the tags, tags of printable ASCII, segments of `segChar` (never markup). One native match a
 * unit, where the tag-by-tag loop below is a dozen JS scans (it runs in V8's interpreter in a
 * one-shot command). Groups: 1 the tu tag, 2 the first tuv tag, 3 its segment, 4 the second tuv
 * tag, 5 its segment (the white space between is not captured: a capture is a string made).
 */
const unitPattern = (segChar: string) =>
  new RegExp(
    `[ \\t\\n]*(<tu(?:[ \\t\\n]${TAG_CHAR}*)?>)[ \\t\\n]*(<tuv[ \\t\\n]${TAG_CHAR}*>)[ \\t\\n]*<seg>(${segChar}+)</seg>[ \\t\\n]*</tuv>` +
      `[ \\t\\n]*(<tuv[ \\t\\n]${TAG_CHAR}*>)[ \\t\\n]*<seg>(${segChar}+)</seg>[ \\t\\n]*</tuv>[ \\t\\n]*</tu>`,
    'y',
  );
/** A plain unit: segments of any text but markup (decodeText reads each). */
const PLAIN_UNIT = unitPattern('[^<]');
/**
 * A plain unit whose segments hold nothing decodeText looks at (no reference, no `]`, no character
 * XML refuses): its segments are their text as they are. Tried first; PLAIN_UNIT when it fails.
 */
const BARE_UNIT = unitPattern('[^<&\\]\\u0000-\\u0008\\u000B-\\u001F\\uFFFE\\uFFFF]');

/**
 * BYTES_UNIT for units written with these tags exactly: the segments are its only groups. A tag's
 * text runs from its `<` to the first `>` (TAG_CHAR holds neither), so where BYTES_UNIT captures
 * these tags this matches, with the same segments, and nowhere else.
 */
function repeatPattern(tu: string, first: string, second: string): RegExp {
  const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(
    `[ \\t\\n]*${literal(tu)}[ \\t\\n]*${literal(first)}[ \\t\\n]*<seg>(${BYTES_SEG}+)</seg>[ \\t\\n]*</tuv>` +
      `[ \\t\\n]*${literal(second)}[ \\t\\n]*<seg>(${BYTES_SEG}+)</seg>[ \\t\\n]*</tuv>[ \\t\\n]*</tu>`,
    'y',
  );
}

/** U+FFFE and U+FFFF in UTF-8: characters XML cannot carry (found by Buffer#indexOf, a native byte search). */
const NONCHARACTERS = [Buffer.from([0xef, 0xbf, 0xbe]), Buffer.from([0xef, 0xbf, 0xbf])];

/**
 * BARE_UNIT over a file read as Latin-1 (readSimpleTmx's `bytes`): segments with no `>` either,
 * so that a segment's byte string is text an XML writer writes as it is (streamSameUnitsTmxBytes'
 * `plain`); U+FFFE and U+FFFF are looked for in the bytes instead.
 */
const BYTES_SEG = '[^<>&\\]\\u0000-\\u0008\\u000B-\\u001F]';
const BYTES_UNIT = unitPattern(BYTES_SEG);

/** The most a plain unit may take, with the white space before it: within both limits the loop checks. */
const PLAIN_UNIT_BYTES = Math.min(XML_LIMITS.maxTextRun, XML_LIMITS.maxCollectedText);

/** A start tag of a plain unit as read once, by its text. */
export interface PlainTag {
  attrs: readonly XmlAttr[];
  lang: string | undefined;
}

/** A tu as this reader hands it over: only what a TMX reader uses (props and notes are checked, not kept). */
export interface SimpleTu {
  attrs: readonly XmlAttr[];
  variants: SimpleTuv[];
}

export interface SimpleTuv {
  attrs: readonly XmlAttr[];
  /** Its xml:lang (or TMX 1.1's lang), if it has one. */
  lang: string | undefined;
  /** The text of its first seg (a simple seg holds text and nothing else), if it has one. */
  text: string | undefined;
}

/**
 * What `read` makes of each `tu` element of a simple TMX file, or null when the file is not in the
 * simple form.
 */
export function readSimpleTmx<T>(
  bytes: Uint8Array,
  /** Called with each tu as it ends and the header's attributes (the header must come first); its answers are returned. */
  read: (tu: SimpleTu, header: readonly XmlAttr[] | undefined) => T[],
  /**
   * `bytes: true`: segments are handed over as byte strings (text/utf8.ts: each character one byte
   * of their UTF-8), read by one match a unit over the file read as Latin-1 with nothing decoded,
   * and only files whose every unit is plain with bare segments holding no `>` are read (null for
   * any other): every segment is then text an XML writer writes as it is.
   */
  opts: {
    bytes?: boolean;
    /**
     * Called instead of `read` with each plain unit (one match) as it is read: its tags as read
     * once (the same objects for the same tags) and its two segments' texts, with no unit made.
     */
    plain?: (
      tu: PlainTag,
      first: PlainTag,
      firstText: string,
      second: PlainTag,
      secondText: string,
      header: readonly XmlAttr[] | undefined,
    ) => void;
  } = {},
): T[] | null {
  if (bytes.byteLength > XML_LIMITS.maxBytes) return null;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!isUtf8(buf)) return null;
  const byteStrings = opts.bytes === true;
  const plain = opts.plain;
  const src = buf;
  const decode = (from: number, to: number) => buf.toString('utf8', from, to);
  const ascii = (from: number, to: number) => buf.toString('latin1', from, to);
  /**
   * The whole file decoded once, for PLAIN_UNIT (the segments of a plain unit are slices of it, no
   * decoding of their own), and where the last match left off in it and in the bytes.
   */
  let whole: string | undefined;
  const wholeAt = { byte: 0, char: 0 };
  /** The start tags of plain units by their text, a few hundred at most (null: not the expected element). */
  const plainTags = new Map<string, PlainTag | null>();
  const plainTag = (text: string, name: string): PlainTag | null => {
    let known = plainTags.get(text);
    if (known === undefined) {
      const tag = readTag(text);
      known = tag && !tag.end && tag.name === name && !tag.selfClosing ? { attrs: tag.attrs, lang: langOf(tag.attrs) } : null;
      if (plainTags.size < 256) plainTags.set(text, known);
    }
    return known;
  };
  /**
   * plainTag of a unit's tu, first and second tuv tags (slots 0, 1 and 2), the text last seen in
   * each slot answered again without a look-up: most units repeat their neighbour's tags.
   */
  const recentText = ['', '', ''];
  const recentAnswer: (PlainTag | null)[] = [null, null, null];
  const recentTag = (slot: number, text: string, name: string): PlainTag | null => {
    if (text === recentText[slot]) return recentAnswer[slot]!;
    const known = plainTag(text, name);
    recentText[slot] = text;
    recentAnswer[slot] = known;
    return known;
  };
  /**
   * BYTES_UNIT with some tags as they are (repeatPattern) and their answers: the tags of the last
   * unit that repeated the tags of the unit before it.
   */
  let repeat: { pattern: RegExp; tu: PlainTag; first: PlainTag; second: PlainTag } | null = null;
  let at = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  // Where the parser last reported something (a tag's end): the full reader refuses a stretch
  // without markup longer than maxTextRun characters, so this reader steps aside for any longer gap
  // between two tags (text, white space, comments and the tag itself), counted in bytes (never
  // fewer than the characters).
  let lastTagEnd = 0;
  try {
    /** The names of the open elements, outermost first. */
    const stack: string[] = [];
    const units: T[] = [];
    const remembered: ({ bytes: Uint8Array; tag: Tag | null }[] | undefined)[] = [];
    let header: readonly XmlAttr[] | undefined;
    let sawBody = false;
    let done = false;
    let elementsSeen = 0;
    /** The tu being read, and its tuv; with its elements and characters of text (white space too), as the full reader counts a collected element's. */
    let tu: SimpleTu | undefined;
    let tuv: SimpleTuv | undefined;
    let unitElements = 0;
    let unitText = 0;
    /** The text of the open text-holding element, if it has any yet. */
    let text: string | undefined;
    // The declaration, if any, comes first.
    if (ascii(at, at + 5) === '<?xml') {
      const end = find(src, '?>', at);
      if (end < 0 || !DECLARATION.test(ascii(at, end + 2))) return null;
      at = end + 2;
    }
    while (at < src.length) {
      if (tu === undefined && stack.length === 2 && stack[1] === 'body' && !done) {
        // Between units: the plain ones that follow, one match each (the loop below reads any other).
        if (whole === undefined) {
          // As Latin-1, a character is a byte: U+FFFE and U+FFFF, which BARE_UNIT's class leaves out,
          // are looked for in their UTF-8 instead.
          if (byteStrings && NONCHARACTERS.some((b) => buf.indexOf(b) >= 0)) return null;
          whole = byteStrings ? buf.toString('latin1') : decodeValidUtf8(buf);
        }
        // The loop may have read on from where the matches left off: as many characters further as its bytes decode to.
        let char = byteStrings ? at : at === wholeAt.byte ? wholeAt.char : wholeAt.char + decode(wholeAt.byte, at).length;
        const from = char;
        /** Bytes since the last tag before the unit (a comment is not one): 0 after a unit. */
        let gap = at - lastTagEnd;
        for (;;) {
          let units16: number;
          let tuTag: PlainTag | null;
          let firstTag: PlainTag | null;
          let secondTag: PlainTag | null;
          let firstText: string;
          let secondText: string;
          const repeated = repeat === null ? null : ((repeat.pattern.lastIndex = char), repeat.pattern.exec(whole));
          if (repeated !== null) {
            // The repeated tags again: their answers, the segments the pattern's two groups.
            units16 = repeat!.pattern.lastIndex - char;
            if (gap + units16 > PLAIN_UNIT_BYTES) break;
            tuTag = repeat!.tu;
            firstTag = repeat!.first;
            secondTag = repeat!.second;
            firstText = repeated[1]!;
            secondText = repeated[2]!;
          } else {
            const unit = byteStrings ? BYTES_UNIT : BARE_UNIT;
            unit.lastIndex = char;
            const bareMatch = unit.exec(whole);
            const bare = bareMatch !== null;
            let m = bareMatch;
            if (m === null && !byteStrings) {
              PLAIN_UNIT.lastIndex = char;
              m = PLAIN_UNIT.exec(whole);
            }
            if (m === null) break;
            // No stretch without markup longer than the limit (the whole unit is not), no more text
            // collected than the limit (no more characters than bytes; UTF-8 takes at most three bytes
            // for a UTF-16 code unit), its five elements within the limit.
            units16 = m[0].length;
            if (
              byteStrings
                ? gap + units16 > PLAIN_UNIT_BYTES
                : gap + 3 * units16 > PLAIN_UNIT_BYTES && gap + Buffer.byteLength(m[0]) > PLAIN_UNIT_BYTES
            )
              break;
            const again = m[1] === recentText[0] && m[2] === recentText[1] && m[4] === recentText[2];
            tuTag = recentTag(0, m[1]!, 'tu');
            firstTag = recentTag(1, m[2]!, 'tuv');
            secondTag = recentTag(2, m[4]!, 'tuv');
            firstText = bare ? m[3]! : decodeText(m[3]!);
            secondText = bare ? m[5]! : decodeText(m[5]!);
            // A unit written with the same tags as the one before: in bytes mode, the units that
            // follow are matched with those tags as they are, two groups and no look at the tags.
            if (byteStrings && again && tuTag !== null && firstTag !== null && secondTag !== null)
              repeat = { pattern: repeatPattern(m[1]!, m[2]!, m[4]!), tu: tuTag, first: firstTag, second: secondTag };
          }
          if (elementsSeen + 5 > XML_LIMITS.maxElements) break;
          if (tuTag === null || firstTag === null || secondTag === null) break;
          if (plain) plain(tuTag, firstTag, firstText, secondTag, secondText, header);
          else {
            const answers = read(
              {
                attrs: tuTag.attrs,
                variants: [
                  { attrs: firstTag.attrs, lang: firstTag.lang, text: firstText },
                  { attrs: secondTag.attrs, lang: secondTag.lang, text: secondText },
                ],
              },
              header,
            );
            for (let i = 0; i < answers.length; i++) units.push(answers[i]!);
          }
          elementsSeen += 5;
          gap = 0;
          char += units16;
        }
        // Where the last unit ended in the bytes (its end tag was the last tag). Kept in step even
        // when no unit was plain, so the next catch-up decodes only what the loop reads meanwhile.
        // (Counted over the shorter side: the bytes are the whole file's, decoded exactly.)
        if (char !== from)
          at = lastTagEnd = byteStrings
            ? char
            : char - from <= whole.length - char
              ? at + Buffer.byteLength(whole.slice(from, char))
              : src.length - Buffer.byteLength(whole.slice(char));
        wholeAt.byte = at;
        wholeAt.char = char;
        if (char !== from) continue;
      }
      const lt = src[at] === LT ? at : next(src, LT, at);
      const textEnd = lt < 0 ? src.length : lt;
      if (textEnd > at) {
        const top = stack[stack.length - 1];
        if (top !== undefined && TEXT_ELEMENTS.has(top)) {
          // One run of text: markup inside a text-holding element is refused below.
          text = decodeText(decode(at, textEnd));
          unitText += text.length;
        } else if (!isWhite(src, at, textEnd)) return null;
        else if (tu) unitText += textEnd - at;
        if (unitText > XML_LIMITS.maxCollectedText) return null;
      }
      if (lt < 0) break;
      if (done) {
        // After the root: white space and comments only.
        if (src[lt + 1] !== 0x21) return null;
      }
      if (src[lt + 1] === 0x21) {
        // A comment, where only markup may be: not inside text-holding elements (they would split the text).
        if (ascii(lt, lt + 4) !== '<!--') return null;
        const end = find(src, '-->', lt + 4);
        // No '--' inside, and no '-' just before the end ('--->').
        if (end < 0 || find(src, '--', lt + 4) < end) return null;
        const top = stack[stack.length - 1];
        if (top !== undefined && TEXT_ELEMENTS.has(top)) return null;
        at = end + 3;
        continue;
      }
      const gt = next(src, GT, lt);
      if (gt < 0) return null;
      at = gt + 1;
      if (at - lastTagEnd > XML_LIMITS.maxTextRun) return null;
      lastTagEnd = at;
      const length = at - lt;
      const known = length < REMEMBERED_LENGTH ? remembered[length] : undefined;
      let tag: Tag | null | undefined;
      if (known) {
        for (const k of known) {
          if (sameBytes(src, lt, k.bytes)) {
            tag = k.tag;
            break;
          }
        }
      }
      if (tag === undefined) {
        tag = readTag(decode(lt, at));
        if (length < REMEMBERED_LENGTH) {
          const list = (remembered[length] ??= []);
          if (list.length < REMEMBERED_PER_LENGTH) list.push({ bytes: Buffer.from(src.subarray(lt, at)), tag });
        }
      }
      if (!tag) return null;
      const name = tag.name;
      if (tag.end) {
        if (stack.pop() !== name) return null;
        if (name === 'seg') {
          if (text === undefined) return null; // empty: let the full reader decide
          if (tuv && tuv.text === undefined) tuv.text = text;
        }
        if (TEXT_ELEMENTS.has(name)) text = undefined;
        else if (name === 'tuv') tuv = undefined;
        else if (name === 'tu') {
          const unit = tu!;
          tu = undefined;
          const answers = read(unit, header);
          for (let i = 0; i < answers.length; i++) units.push(answers[i]!);
        } else if (name === 'tmx') done = true;
        continue;
      }
      const parent = stack[stack.length - 1];
      if (done || !CHILDREN[parent ?? '']?.has(name) || ++elementsSeen > XML_LIMITS.maxElements) return null;
      if (parent !== undefined && TEXT_ELEMENTS.has(parent)) return null; // inline codes: the full reader
      if (tag.selfClosing && (name === 'seg' || name === 'tu' || name === 'tuv' || name === 'tmx' || name === 'body'))
        return null;
      if (name === 'header') {
        if (header || sawBody) return null;
        header = tag.attrs;
      } else if (name === 'body') {
        if (sawBody) return null;
        sawBody = true;
      } else if (name === 'tu') {
        // Byte strings come only from plain units with bare segments.
        if (byteStrings) return null;
        tu = { attrs: tag.attrs, variants: [] };
        unitElements = 0;
        unitText = 0;
      } else if (tu) {
        if (++unitElements > XML_LIMITS.maxCollectedElements) return null;
        if (name === 'tuv') {
          tuv = { attrs: tag.attrs, lang: langOf(tag.attrs), text: undefined };
          tu.variants.push(tuv);
        }
      }
      if (!tag.selfClosing) stack.push(name);
    }
    if (!done || !sawBody || stack.length > 0 || src.length - lastTagEnd > XML_LIMITS.maxTextRun) return null;
    return units;
  } catch (e) {
    if (e instanceof NotSimple) return null;
    throw e;
  }
}
