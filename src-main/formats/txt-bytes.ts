// The paragraphs of a plain UTF-8 text as byte strings (text/utf8.ts), for `qalam translate`'s
// plain path: the file is read as Latin-1 (a copy, nothing decoded) and cut at LF, and each
// paragraph is a slice of that string. It answers only for texts where that is exactly what
// parseTextDocument reads (UTF-8 without a BOM, nothing but LF breaking lines, no control
// characters where isPlausible looks, no white space but ASCII's tab and space at a paragraph's
// edges, not hard-wrapped (the paragraphs.ts verdict), no paragraph over the limit); null for any other, which the decoding
// path reads, with its checks and its errors.
// tests/unit/main/formats/txt-bytes.test.ts holds it to parseTextDocument on generated texts.
import { Buffer, isUtf8 } from 'node:buffer';
import { isHardWrappedBy, type ParagraphSpan } from '../text/paragraphs';
import { fromByteString, NON_ASCII_SPACE_BYTES } from '../text/utf8';
import { MAX_TEXT_BYTES } from './txt';

/**
 * What the decoding path reads differently anywhere in a text, in its UTF-8: CR and the line
 * breaks other than LF (U+0085, U+2028, U+2029). Each looked for with Buffer#indexOf, which scans
 * bytes natively many times faster than a regular expression over the string.
 */
const OTHER_BREAKS = [
  Buffer.from([0x0d]),
  Buffer.from([0xc2, 0x85]),
  Buffer.from([0xe2, 0x80, 0xa8]),
  Buffer.from([0xe2, 0x80, 0xa9]),
];

/**
 * What isPlausible counts (C0 controls other than tab, LF, FF and CR; DEL; C1 controls; U+FFFD)
 * and U+FFFE, U+FFFF, in UTF-8 read as Latin-1: isPlausible reads the first 256K characters, which
 * take at most three times as many bytes, and the decoding path tells what it makes of any.
 */
const IMPLAUSIBLE = /[\x00-\x08\x0B\x0E-\x1F\x7F]|\xC2[\x80-\x9F]|\xEF\xBF[\xBD-\xBF]/;
const PLAUSIBLE_SAMPLE_BYTES = 3 * 256 * 1024;

/** A character String#trim takes off (after tab and space), at the start of a byte string. */
const EDGE_SPACE = new RegExp(`^(?:[\\x0B\\x0C]|${NON_ASCII_SPACE_BYTES})`);

/** Lead bytes of NON_ASCII_SPACE_BYTES' characters, and VT and FF: a paragraph's edge with one is looked at closer. */
const SPACE_LEAD = new Uint8Array(256);
for (const b of [0x0b, 0x0c, 0xc2, 0xe1, 0xe2, 0xe3, 0xef]) SPACE_LEAD[b] = 1;

/** The line-ending characters of paragraphs.ts's SENTENCE_END, as UTF-8 bytes read as Latin-1. */
const SENTENCE_END_ASCII = new Set(Array.from('.!?:;")]', (c) => c.charCodeAt(0)));
const SENTENCE_END_WIDE = new Set(Array.from('؟؛»”…۔', (c) => Buffer.from(c, 'utf8').toString('latin1')));

/** A byte string's last character ends a sentence (as SENTENCE_END has its last code unit). */
function endsSentence(line: string): boolean {
  const last = line.charCodeAt(line.length - 1);
  if (last < 0x80) return SENTENCE_END_ASCII.has(last);
  // Back to the lead byte of the last character (continuation bytes are 0x80–0xBF).
  let lead = line.length - 1;
  while (lead > 0 && line.length - lead < 4 && (line.charCodeAt(lead) & 0xc0) === 0x80) lead--;
  return SENTENCE_END_WIDE.has(line.slice(lead));
}

/** Tab and space, trimmed here; any other white space at a paragraph's edge sends the text to the decoding path. */
const isSpace = (c: number) => c === 0x20 || c === 0x09;

/**
 * The text as a byte string and its paragraphs (their text, and start and end in bytes), as
 * parseTextDocument would find them in the decoded text; null when the text is not plain.
 */
export function plainTextSpans(
  bytes: Uint8Array,
  /** parseTextDocument's limit (services/parse.ts MAX_PARAGRAPH_CHARS). */
  maxParagraphChars: number,
): { text: string; spans: ParagraphSpan[] } | null {
  if (bytes.length > MAX_TEXT_BYTES) return null;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // A BOM (of any encoding: FF and FE are not UTF-8) goes the decoding way.
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return null;
  if (!isUtf8(buf)) return null;
  for (const b of OTHER_BREAKS) if (buf.indexOf(b) >= 0) return null;
  const text = buf.toString('latin1');
  if (IMPLAUSIBLE.test(text.length > PLAUSIBLE_SAMPLE_BYTES ? text.slice(0, PLAUSIBLE_SAMPLE_BYTES) : text)) return null;
  const spans: ParagraphSpan[] = [];
  // paragraphs.ts's lineSpans: blocks of lines between blank ones, and of the lines followed by
  // another of their block, how many end a sentence.
  let blocks = 0;
  let inner = 0;
  let ended = 0;
  let previous: string | null = null;
  /** The paragraphs followed by another line of their block. */
  const inners: number[] = [];
  for (let at = 0; ;) {
    const nl = text.indexOf('\n', at);
    const lineEnd = nl < 0 ? text.length : nl;
    let start = at;
    let end = lineEnd;
    while (start < end && isSpace(text.charCodeAt(start))) start++;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
    if (start === end) previous = null;
    else {
      // Longer in bytes than the limit in characters: maybe too long, which the decoding path tells.
      if (end - start > maxParagraphChars) return null;
      // White space String#trim would take off beyond tab and space: the decoding path trims it.
      if (SPACE_LEAD[text.charCodeAt(start)] === 1 && EDGE_SPACE.test(text.slice(start, start + 3))) return null;
      let last = end - 1;
      while (last > start && end - last < 4 && (text.charCodeAt(last) & 0xc0) === 0x80) last--;
      if (SPACE_LEAD[text.charCodeAt(last)] === 1 && EDGE_SPACE.test(text.slice(last, end))) return null;
      if (previous === null) blocks++;
      else {
        inner++;
        inners.push(spans.length - 1);
        if (endsSentence(previous)) ended++;
      }
      const paragraph = text.slice(start, end);
      spans.push({ text: paragraph, start, end });
      previous = paragraph;
    }
    if (nl < 0) break;
    at = nl + 1;
  }
  if (spans.length === 0) return null;
  // Hard-wrapped or not: when it comes to the lines' length in characters, they are decoded to count them.
  if (blocks > 1 && inner > 0 && ended / inner < 0.5) {
    let chars = 0;
    for (const i of inners) chars += fromByteString(spans[i]!.text).length;
    if (isHardWrappedBy({ blocks, inner, ended, chars })) return null;
  }
  return { text, spans };
}
