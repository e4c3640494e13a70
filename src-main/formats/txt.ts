// Plain-text Arabic documents: detect the encoding, decode without mojibake, split into paragraphs.
import { isUtf8 } from 'node:buffer';
import type { Encoding } from '../shared/domain';
import { QalamError } from '../shared/errors';
import { paragraphSpans, type ParagraphSpan } from '../text/paragraphs';
import { decodeValidUtf8 } from '../text/utf8';
import type { ImportedDocument } from './model';

/** Larger files are refused before decoding: a document this size is not a text to review. */
export const MAX_TEXT_BYTES = 256 * 1024 * 1024;

export interface DecodedText {
  text: string;
  encoding: Encoding;
  /** Every encoding the bytes decode as cleanly, best first. */
  candidates: Encoding[];
}

const LEGACY: Encoding[] = ['windows-1256', 'iso-8859-6'];
const CANDIDATE_SAMPLE_BYTES = 256 * 1024;

/**
 * `candidates: false`: the caller keeps no choice of encoding (qalam translate without a store), so
 * the legacy code pages are not tried on a UTF-8 text; its candidates are then UTF-8 alone.
 */
export function decodeText(bytes: Uint8Array, forced?: Encoding, opts: { candidates?: boolean } = {}): DecodedText {
  if (bytes.length > MAX_TEXT_BYTES) throw new QalamError('import_too_large', { limitMb: MAX_TEXT_BYTES / 1048576 });
  const bom = detectBom(bytes);
  if (forced) {
    const text = decodeStrict(bytes, forced, bom);
    if (text === null) throw new QalamError('import_encoding', { encoding: forced });
    return checkTextual({ text, encoding: forced, candidates: [forced] });
  }
  if (bom) {
    const text = decodeStrict(bytes, bom, bom);
    if (text === null) throw new QalamError('import_encoding', { encoding: bom });
    return checkTextual({ text, encoding: bom, candidates: [bom] });
  }
  if (looksBinary(bytes)) {
    const utf16 = guessBomlessUtf16(bytes);
    const text = utf16 ? decodeStrict(bytes, utf16, null) : null;
    if (!utf16 || !isPlausible(text)) throw new QalamError('import_binary');
    return checkTextual({ text, encoding: utf16, candidates: [utf16] });
  }

  const utf8 = decodeStrict(bytes, 'utf-8', null);
  if (utf8 !== null) {
    // Which legacy code pages would also read these bytes: a sample tells as well as the whole file.
    const sample = bytes.subarray(0, CANDIDATE_SAMPLE_BYTES);
    const legacy = opts.candidates === false ? [] : LEGACY.filter((e) => isPlausible(decodeStrict(sample, e, null)));
    return checkTextual({ text: utf8, encoding: 'utf-8', candidates: ['utf-8', ...legacy] });
  }
  // Not valid UTF-8. If most multi-byte sequences are valid UTF-8 it is damaged UTF-8 (truncated,
  // spliced): decoding it as a legacy code page would store mojibake, so refuse.
  const scan = scanUtf8(bytes);
  if (scan.valid > 0 && scan.valid >= scan.invalid) {
    throw new QalamError('import_encoding', { encoding: 'utf-8', offset: scan.firstInvalid });
  }
  const scored = LEGACY.map((encoding) => ({ encoding, text: decodeStrict(bytes, encoding, null) }))
    .filter((c): c is { encoding: Encoding; text: string } => isPlausible(c.text))
    .map((c) => ({ ...c, score: arabicScore(c.text) }))
    .sort((a, b) => b.score - a.score);
  const best = scored[0];
  if (!best) throw new QalamError('import_encoding', { encoding: 'unknown' });
  return checkTextual({ text: best.text, encoding: best.encoding, candidates: scored.map((s) => s.encoding) });
}

export function parseTxt(bytes: Uint8Array, opts: { encoding?: Encoding } = {}): ImportedDocument {
  return parseTxtWithCandidates(bytes, opts).doc;
}

export function parseTxtWithCandidates(
  bytes: Uint8Array,
  opts: { encoding?: Encoding } = {},
): { doc: ImportedDocument; candidates: Encoding[] } {
  const { doc, candidates } = parseTxtWithSpans(bytes, opts);
  return { doc, candidates };
}

/** parseTxt with the decoded text and where each paragraph sits in it (to put translations in their place). */
export function parseTxtWithSpans(
  bytes: Uint8Array,
  opts: { encoding?: Encoding; candidates?: boolean } = {},
): { doc: ImportedDocument; candidates: Encoding[]; text: string; spans: ParagraphSpan[] } {
  const decoded = decodeText(bytes, opts.encoding, { candidates: opts.candidates });
  const spans = paragraphSpans(decoded.text);
  if (spans.length === 0) throw new QalamError('import_empty');
  const doc: ImportedDocument = {
    format: 'txt',
    sourceLang: 'ar',
    targetLang: 'en',
    encoding: decoded.encoding,
    paragraphs: spans.map((p) => ({ source: p.text })),
    warnings: [],
  };
  return { doc, candidates: decoded.candidates, text: decoded.text, spans };
}

function detectBom(b: Uint8Array): Encoding | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  return null;
}

/** Decodes, or returns null when the bytes are not valid in that encoding. Strips a matching BOM. */
function decodeStrict(bytes: Uint8Array, encoding: Encoding, bom: Encoding | null): string | null {
  if (encoding === 'utf-8') {
    const body = bom === 'utf-8' ? bytes.subarray(3) : bytes;
    return isUtf8(body) ? decodeValidUtf8(body) : null;
  }
  try {
    // ignoreBOM: false lets TextDecoder drop a BOM that matches the encoding.
    const text = new TextDecoder(encoding, { fatal: true, ignoreBOM: bom !== encoding }).decode(bytes);
    return text;
  } catch {
    return null;
  }
}

/** A NUL in the first 64 KiB (found natively: a loop over the bytes runs in V8's interpreter in a one-shot command). */
function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 64 * 1024).indexOf(0) >= 0;
}

/**
 * UTF-16 without a BOM, only when the bytes really look like it: the zero bytes of ASCII spaces,
 * digits and punctuation all fall on one parity, and there are many of them (Arabic prose has a
 * space every five or six letters). One stray NUL in an ASCII file is not UTF-16.
 */
export function guessBomlessUtf16(bytes: Uint8Array): Encoding | null {
  if (bytes.length % 2 !== 0) return null;
  const n = Math.min(bytes.length, 64 * 1024);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) {
    if (bytes[i] !== 0) continue;
    if (i % 2 === 0) even++;
    else odd++;
  }
  const units = n / 2;
  const enough = (zeros: number) => zeros >= 2 && zeros >= units * MIN_UTF16_ZERO_SHARE;
  if (even === 0 && enough(odd)) return 'utf-16le';
  if (odd === 0 && enough(even)) return 'utf-16be';
  return null;
}

/** Share of code units with a zero byte below which a NUL-containing file is binary, not UTF-16. */
const MIN_UTF16_ZERO_SHARE = 0.05;

/** A decoded text is plausible when control characters (other than white space) are rare. */
export function isPlausible(text: string | null): text is string {
  if (text === null) return false;
  return controlRatio(text) < 0.001;
}

/** The characters controlRatio counts. */
const CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F\uFFFD]/;

function controlRatio(text: string): number {
  const n = Math.min(text.length, 256 * 1024);
  if (n === 0) return 0;
  // Nearly every text has none: one native scan says so.
  if (!CONTROL.test(n === text.length ? text : text.slice(0, n))) return 0;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || (c >= 0x7f && c < 0xa0) || c === 0xfffd) bad++;
  }
  return bad / n;
}

function checkTextual(d: DecodedText): DecodedText {
  if (d.text.replace(/^\uFEFF/, '').trim() === '') throw new QalamError('import_empty');
  if (!isPlausible(d.text)) throw new QalamError('import_binary');
  return { ...d, text: d.text.replace(/^\uFEFF/, '') };
}

/** More Arabic letters and fewer Latin-1 symbols means the code page was guessed right. */
function arabicScore(text: string): number {
  let score = 0;
  const n = Math.min(text.length, 256 * 1024);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x0621 && c <= 0x064a) score += 2;
    else if (c >= 0x0600 && c <= 0x06ff) score += 1;
    else if (c >= 0x80 && c <= 0x2000) score -= 3;
  }
  return score;
}

/** Counts well-formed and malformed UTF-8 multi-byte sequences. */
export function scanUtf8(b: Uint8Array): { valid: number; invalid: number; firstInvalid: number } {
  let valid = 0;
  let invalid = 0;
  let firstInvalid = -1;
  const bad = (i: number) => {
    invalid++;
    if (firstInvalid < 0) firstInvalid = i;
  };
  for (let i = 0; i < b.length;) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    const len = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (len === 0) {
      bad(i);
      i++;
      continue;
    }
    let ok = i + len <= b.length;
    for (let k = 1; ok && k < len; k++) ok = (b[i + k]! & 0xc0) === 0x80;
    if (ok) {
      valid++;
      i += len;
    } else {
      bad(i);
      i++;
    }
  }
  return { valid, invalid, firstInvalid };
}
