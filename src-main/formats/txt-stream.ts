// Plain UTF-8 text read for the import as a stream of paragraphs: the bytes are decoded a chunk at
// a time and split as they go, so neither the whole decoded text (twice the file's size as UTF-16)
// nor an array of every paragraph is ever held. The paragraphs are exactly those of parseTxt
// (text/paragraphs.ts paragraphSpans); anything this path does not handle (another encoding, a
// BOM other than UTF-8's, NUL bytes, invalid UTF-8, an implausible or empty text) is left to
// parseTxt, which decides and reports it as before.
import { Buffer, isUtf8 } from 'node:buffer';
import type { Encoding } from '../shared/domain';
import { isHardWrappedBy, type WrapStats } from '../text/paragraphs';
import { isPlausible, MAX_TEXT_BYTES } from './txt';

export interface Utf8TextPlan {
  /** Where the text starts (after a UTF-8 BOM). */
  start: number;
  /** How many paragraphs the text holds (for progress; {@link forEachParagraph} tells the exact count). */
  paragraphs: number;
  /** Whether the text reads as hard-wrapped (see paragraphSpans), as the byte scan found it. */
  hardWrapped: boolean;
  /**
   * Its lines end at LF or CRLF (no other break, no CR alone) and it is certainly not hard-wrapped
   * (no block has two lines): each non-blank line is a paragraph, and {@link forEachLfLine} reads
   * them without decoding.
   */
  lfLines: boolean;
}

/** The first characters a plausibility check reads, as in decodeText. */
const PLAUSIBLE_CHARS = 256 * 1024;
/** Bytes decoded per step: small enough to stay in cache, large enough that the steps cost nothing. */
const CHUNK_BYTES = 256 * 1024;

/**
 * The plan for reading valid UTF-8 text as a stream, or null when parseTxt must read it (any case
 * where it would choose another encoding or refuse the file). The paragraph count and the
 * hard-wrap verdict come from one scan of the bytes, without decoding them.
 */
export function planUtf8Text(bytes: Uint8Array, forced?: Encoding): Utf8TextPlan | null {
  if (forced && forced !== 'utf-8') return null;
  if (bytes.length > MAX_TEXT_BYTES) return null;
  const bomUtf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (bomUtf16) return null;
  if (bytes.subarray(0, 64 * 1024).includes(0)) return null;
  if (!isUtf8(bytes)) return null;
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  // At most 4 bytes a character: this many bytes hold the characters the check reads.
  const head = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(start, start + PLAUSIBLE_CHARS * 4), {
    stream: true,
  });
  if (!isPlausible(head.slice(0, PLAUSIBLE_CHARS))) return null;
  const scan = scanUtf8Lines(bytes, start);
  const hardWrapped = isHardWrappedBy(scan);
  const paragraphs = hardWrapped ? scan.blocks : scan.lines;
  return paragraphs === 0 ? null : { start, paragraphs, hardWrapped, lfLines: scan.lfLines };
}

/** Line and block figures of UTF-8 text, as paragraphSpans counts them on the decoded text. */
export interface Utf8LineScan extends WrapStats {
  /** Lines with anything but white space. */
  lines: number;
  /** The only line breaks are LF and CRLF and no block has two lines, so the verdict is "not hard-wrapped" whatever the lengths. */
  lfLines: boolean;
}

/**
 * One pass over the bytes: lines (split at CRLF, LF, CR, U+2028, U+2029, U+0085), which are blank
 * (only what String.prototype.trim removes), the blocks between blank lines, and for every line
 * but a block's last its trimmed length in UTF-16 code units and whether it ends a sentence.
 * `bytes` must be valid UTF-8.
 */
export function scanUtf8Lines(bytes: Uint8Array, start = 0): Utf8LineScan {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (OTHER_BREAKS.every((b) => buf.indexOf(b, start) < 0) && everyCrBeforeLf(buf, start)) {
    // Lines end at LF (or CRLF, whose CR trim() removes with the line's white space): found by
    // memchr, and each line read only until its first letter. The lengths and sentence ends matter
    // only when there are blocks of several lines between blank lines.
    const quick = scanLfLines(buf, start);
    if (quick.blocks <= 1 || quick.inner === 0) return { ...quick, lfLines: true };
  }
  return { ...scanAllLines(bytes, start), lfLines: false };
}

const OTHER_BREAKS = [Buffer.from('\u2028'), Buffer.from('\u2029'), Buffer.from('\u0085')];

/** Whether every CR is the first half of a CRLF (a CR alone breaks a line where no LF does). */
function everyCrBeforeLf(buf: Buffer, start: number): boolean {
  for (let cr = buf.indexOf(0x0d, start); cr >= 0; cr = buf.indexOf(0x0d, cr + 2)) if (buf[cr + 1] !== 0x0a) return false;
  return true;
}

/** scanUtf8Lines for text whose only line break is LF, without the lengths and sentence ends. */
function scanLfLines(buf: Buffer, start: number): Omit<Utf8LineScan, 'lfLines'> {
  let lines = 0;
  let blocks = 0;
  let inner = 0;
  let inBlock = false;
  for (let at = start; ;) {
    const lf = buf.indexOf(0x0a, at);
    const end = lf < 0 ? buf.length : lf;
    if (isBlank(buf, at, end)) inBlock = false;
    else {
      lines++;
      if (inBlock) inner++;
      else blocks++;
      inBlock = true;
    }
    if (lf < 0) break;
    at = lf + 1;
  }
  return { lines, blocks, inner, ended: 0, chars: 0 };
}

/** Whether bytes [i, end) hold only what trim() removes. */
function isBlank(b: Uint8Array, i: number, end: number): boolean {
  return trimStart(b, i, end) === end;
}

/** Where the UTF-8 text in bytes [i, end) starts once trim() has removed its leading white space. */
function trimStart(b: Uint8Array, i: number, end: number): number {
  while (i < end) {
    const c = b[i]!;
    if (c === 0x20 || c === 0x09 || c === 0x0b || c === 0x0c || c === 0x0d) {
      i++;
      continue;
    }
    if (c < 0x80 || c >= 0xf0) return i;
    const width = c < 0xe0 ? 2 : 3;
    const cp =
      width === 2 ? ((c & 0x1f) << 6) | (b[i + 1]! & 0x3f) : ((c & 0x0f) << 12) | ((b[i + 1]! & 0x3f) << 6) | (b[i + 2]! & 0x3f);
    if (!isTrimmedSpace(cp)) return i;
    i += width;
  }
  return end;
}

/** Where the UTF-8 text in bytes [start, end) ends once trim() has removed its trailing white space. */
function trimEnd(b: Uint8Array, start: number, end: number): number {
  while (end > start) {
    const c = b[end - 1]!;
    if (c === 0x20 || c === 0x09 || c === 0x0b || c === 0x0c || c === 0x0d) {
      end--;
      continue;
    }
    if (c < 0x80) return end;
    // The last character's first byte: at most three continuation bytes back.
    let at = end - 1;
    while (at > start && (b[at]! & 0xc0) === 0x80) at--;
    const lead = b[at]!;
    if (lead >= 0xf0 || lead < 0xc0) return end;
    const cp =
      lead < 0xe0
        ? ((lead & 0x1f) << 6) | (b[at + 1]! & 0x3f)
        : ((lead & 0x0f) << 12) | ((b[at + 1]! & 0x3f) << 6) | (b[at + 2]! & 0x3f);
    if (!isTrimmedSpace(cp)) return end;
    end = at;
  }
  return start;
}

/**
 * The paragraphs of a text whose plan has `lfLines`, without decoding it: each non-blank line
 * (split at LF; a CR before it is trimmed as trim() removes it), trimmed, handed to `visit` as the range [from, to) of `bytes` it holds (valid UTF-8, the exact
 * bytes of what forEachParagraph would hand over as a string). Answers how many there were.
 */
export function forEachLfLine(bytes: Uint8Array, start: number, visit: (from: number, to: number) => void): number {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let paragraphs = 0;
  for (let at = start; ;) {
    const lf = buf.indexOf(0x0a, at);
    const end = lf < 0 ? buf.length : lf;
    const from = trimStart(buf, at, end);
    if (from < end) {
      paragraphs++;
      visit(from, trimEnd(buf, from, end));
    }
    if (lf < 0) return paragraphs;
    at = lf + 1;
  }
}

/** scanUtf8Lines byte by byte: every line break, lengths and sentence ends. */
function scanAllLines(bytes: Uint8Array, start: number): Omit<Utf8LineScan, 'lfLines'> {
  const blocks = new BlockCounter();
  const n = bytes.length;
  // The current line: code units so far, where its first non-space unit is, the end of its last.
  // Locals, not captured by a closure: this loop runs once per byte.
  let units = 0;
  let first = -1;
  let last = 0;
  let sentence = false;
  let i = start;
  while (i < n) {
    const b = bytes[i]!;
    let cp: number;
    if (b < 0x80) {
      i++;
      if (b === 0x20 || b === 0x09 || b === 0x0b || b === 0x0c) {
        units++;
        continue;
      }
      if (b !== 0x0a && b !== 0x0d) {
        if (first < 0) first = units;
        units++;
        last = units;
        sentence = ASCII_SENTENCE_END[b] === 1;
        continue;
      }
      if (b === 0x0d && bytes[i] === 0x0a) i++;
      cp = 0x0a;
    } else if (b < 0xe0) {
      cp = ((b & 0x1f) << 6) | (bytes[i + 1]! & 0x3f);
      i += 2;
    } else if (b < 0xf0) {
      cp = ((b & 0x0f) << 12) | ((bytes[i + 1]! & 0x3f) << 6) | (bytes[i + 2]! & 0x3f);
      i += 3;
    } else {
      cp = 0x10000;
      i += 4;
    }
    if (cp === 0x0a || cp === 0x85 || cp === 0x2028 || cp === 0x2029) {
      blocks.line(first < 0 ? -1 : last - first, sentence);
      units = 0;
      first = -1;
      last = 0;
      sentence = false;
      continue;
    }
    const width = cp >= 0x10000 ? 2 : 1;
    if (isTrimmedSpace(cp)) {
      units += width;
      continue;
    }
    if (first < 0) first = units;
    units += width;
    last = units;
    sentence = isSentenceEnd(cp);
  }
  blocks.line(first < 0 ? -1 : last - first, sentence);
  return blocks.result();
}

/** Lines into blocks and the figures of the hard-wrap verdict, one line at a time. */
class BlockCounter {
  private lines = 0;
  private stats: WrapStats = { blocks: 0, inner: 0, ended: 0, chars: 0 };
  /** The previous line, while it was not blank: it is inner when a non-blank line follows. */
  private prevLength = -1;
  private prevEnded = false;

  /** A line: its trimmed length (-1 when blank) and whether it ends a sentence. */
  line(length: number, ended: boolean): void {
    if (length < 0) {
      this.prevLength = -1;
      return;
    }
    this.lines++;
    if (this.prevLength < 0) this.stats.blocks++;
    else {
      this.stats.inner++;
      this.stats.chars += this.prevLength;
      if (this.prevEnded) this.stats.ended++;
    }
    this.prevLength = length;
    this.prevEnded = ended;
  }

  result(): Omit<Utf8LineScan, 'lfLines'> {
    return { lines: this.lines, ...this.stats };
  }
}

const ASCII_SENTENCE_END = new Uint8Array(128);
for (const c of '.!?:;")]') ASCII_SENTENCE_END[c.charCodeAt(0)] = 1;

/** The non-ASCII characters of SENTENCE_END (text/paragraphs.ts): ؟ ؛ » ” … ۔ */
function isSentenceEnd(cp: number): boolean {
  return cp === 0x061f || cp === 0x061b || cp === 0x00bb || cp === 0x201d || cp === 0x2026 || cp === 0x06d4;
}

/** Non-ASCII white space that trim() removes (line separators split lines before this is asked). */
function isTrimmedSpace(cp: number): boolean {
  return (
    cp === 0xa0 ||
    cp === 0x1680 ||
    (cp >= 0x2000 && cp <= 0x200a) ||
    cp === 0x202f ||
    cp === 0x205f ||
    cp === 0x3000 ||
    cp === 0xfeff
  );
}

const SENTENCE_END = /[.!?؟:;؛"»”)\]…۔]$/u;
const LINE_BREAK = /\r\n|\n|\r|\u2028|\u2029|\u0085/g;

/**
 * Decodes the text a chunk at a time and hands each paragraph to `visit` in order: each non-blank
 * line trimmed, or when `hardWrapped` each block's lines trimmed and joined with a space. Answers
 * the paragraph count and the exact hard-wrap verdict of the whole text; when that verdict is not
 * `hardWrapped`, the paragraphs visited were the wrong ones and the caller reads again.
 */
export function forEachParagraph(
  bytes: Uint8Array,
  plan: { start: number; hardWrapped: boolean },
  visit: (paragraph: string) => void,
  chunkBytes = CHUNK_BYTES,
): { paragraphs: number; hardWrapped: boolean } {
  const { hardWrapped } = plan;
  const stats: WrapStats = { blocks: 0, inner: 0, ended: 0, chars: 0 };
  let paragraphs = 0;
  let block: string[] = [];
  let prev: string | null = null;
  const endBlock = () => {
    if (hardWrapped && block.length > 0) {
      paragraphs++;
      visit(block.join(' '));
    }
    block = [];
  };
  const line = (raw: string) => {
    const t = raw.trim();
    if (t === '') {
      endBlock();
      prev = null;
      return;
    }
    if (prev === null) stats.blocks++;
    else {
      stats.inner++;
      stats.chars += prev.length;
      if (SENTENCE_END.test(prev)) stats.ended++;
    }
    prev = t;
    if (hardWrapped) block.push(t);
    else {
      paragraphs++;
      visit(t);
    }
  };
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  // The line not finished at the end of the last chunk, in pieces (a 50 MB line is joined once),
  // and whether that chunk ended with a CR, which may be the first half of a CRLF.
  let pieces: string[] = [];
  let pendingCr = false;
  const take = (tail: string) => {
    const whole = pieces.length === 0 ? tail : pieces.join('') + tail;
    pieces = [];
    line(whole);
  };
  const split = (s: string, final: boolean) => {
    let from = 0;
    if (pendingCr) {
      pendingCr = false;
      take('');
      if (s.startsWith('\n')) from = 1;
    }
    LINE_BREAK.lastIndex = from;
    for (let m = LINE_BREAK.exec(s); m; m = LINE_BREAK.exec(s)) {
      if (!final && m[0] === '\r' && m.index === s.length - 1) {
        pieces.push(s.slice(from, m.index));
        pendingCr = true;
        return;
      }
      take(s.slice(from, m.index));
      from = m.index + m[0].length;
    }
    if (from < s.length) pieces.push(s.slice(from));
  };
  for (let at = plan.start; at < bytes.length; at += chunkBytes) {
    split(decoder.decode(bytes.subarray(at, Math.min(bytes.length, at + chunkBytes)), { stream: true }), false);
  }
  split(decoder.decode(), true);
  take('');
  endBlock();
  return { paragraphs, hardWrapped: isHardWrappedBy(stats) };
}
