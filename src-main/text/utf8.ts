// Decoding bytes already known to be valid UTF-8 (node:buffer's isUtf8) at the speed of a copy.
import { Buffer, transcode } from 'node:buffer';

/**
 * The string of valid UTF-8 bytes, a BOM kept as U+FEFF (as Buffer#toString('utf8')). ICU's
 * converter into UTF-16 and a copy of that into a string take about a fifth of the time of V8's
 * UTF-8 decoder on Arabic text (5.6 MB: 9 ms against 40 ms, whether through TextDecoder or
 * Buffer#toString). For valid input every decoder gives the same string, so the caller must have
 * checked the bytes; where ICU is missing (a Node built without it) V8's decoder does the work.
 */
export function decodeValidUtf8(bytes: Uint8Array): string {
  try {
    return transcode(bytes, 'utf8', 'utf16le').toString('utf16le');
  } catch {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  }
}

/**
 * Byte strings: a text's UTF-8 held as a string of one character per byte (U+0000–U+00FF), what
 * Buffer#toString('latin1') makes of the bytes. Reading a file this way and writing such strings
 * back with Buffer#write(…, 'latin1') copies bytes with no decoding or encoding at all; equal texts
 * have equal byte strings, so they serve as keys as well as the texts. `qalam translate`'s plain
 * path carries paragraphs and memory units this way from the files it reads to the files it writes.
 */
export function toByteString(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

/** The text of a byte string of valid UTF-8 (toByteString's inverse). */
export function fromByteString(bytes: string): string {
  return decodeValidUtf8(Buffer.from(bytes, 'latin1'));
}

/**
 * The white space String#trim removes, as UTF-8 byte strings, beyond ASCII's tab, LF, VT, FF, CR
 * and space: NBSP, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000 and U+FEFF.
 * tests/unit/main/text/utf8.test.ts holds it to String#trim for every BMP character.
 */
export const NON_ASCII_SPACE_BYTES =
  '\\xC2\\xA0|\\xE1\\x9A\\x80|\\xE2\\x80[\\x80-\\x8A\\xA8\\xA9\\xAF]|\\xE2\\x81\\x9F|\\xE3\\x80\\x80|\\xEF\\xBB\\xBF';

/** A byte string String#trim would leave empty: white space only (or nothing). */
const BLANK_BYTES = new RegExp(`^(?:[\\t\\n\\v\\f\\r ]|${NON_ASCII_SPACE_BYTES})*$`);

/** Whether the text of a byte string trims to nothing, without decoding it. */
export function isBlankByteString(bytes: string): boolean {
  return BLANK_BYTES.test(bytes);
}
