// Word counts the way CAT tools bill them: runs of letters, marks and digits, with inner
// apostrophes, hyphens and decimal separators kept inside the word. Imports count millions of
// words, so the count is one pass over the code units through a lookup table (Intl.Segmenter and
// a Unicode-property regex are several times slower).

const WORD_CHAR = 1;
const JOINER = 2;
let table: Uint8Array | undefined;

function classTable(): Uint8Array {
  if (table) return table;
  const t = new Uint8Array(65536);
  const word = /[\p{L}\p{M}\p{N}]/u;
  for (let c = 0; c < 65536; c++) {
    // A surrogate pair is one astral character; letters there (CJK extensions, historic scripts) count.
    if (c >= 0xd800 && c <= 0xdfff) t[c] = WORD_CHAR;
    else if (word.test(String.fromCharCode(c))) t[c] = WORD_CHAR;
  }
  for (const j of "'’-.,٫٬") t[j.charCodeAt(0)] = JOINER;
  table = t;
  return t;
}

export function countWords(text: string): number {
  const t = classTable();
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const k = t[text.charCodeAt(i)];
    if (k === WORD_CHAR) {
      if (!inWord) n++;
      inWord = true;
    } else if (k === JOINER && inWord && t[text.charCodeAt(i + 1)] === WORD_CHAR) {
      // "well-known", "3.5", "spokeswoman’s": the joiner stays inside the word
    } else {
      inWord = false;
    }
  }
  return n;
}

/**
 * countWords of the text that UTF-8 bytes [from, to) hold, read from the bytes without decoding
 * them (the plain-text import stores the bytes as they are). `bytes` must be valid UTF-8 there.
 * Each character is looked up by its first UTF-16 code unit: an astral character is a surrogate
 * pair, whose two units are both word characters, so one lookup of a surrogate answers for both.
 */
export function countWordsUtf8(bytes: Uint8Array, from: number, to: number): number {
  const t = classTable();
  let n = 0;
  let inWord = false;
  // The class of the character at i, and i moved past it: one decode per character, the joiner's
  // look-ahead reused as the next character's class.
  let i = from;
  let k = i < to ? t[unitAt(bytes, i)]! : 0;
  while (i < to) {
    const c = bytes[i]!;
    i += c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
    const next = i < to ? t[unitAt(bytes, i)]! : 0;
    if (k === WORD_CHAR) {
      if (!inWord) n++;
      inWord = true;
    } else if (!(k === JOINER && inWord && next === WORD_CHAR)) {
      inWord = false;
    }
    k = next;
  }
  return n;
}

/** The first UTF-16 code unit of the character whose UTF-8 starts at `i` (a high surrogate for an astral one). */
function unitAt(b: Uint8Array, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return c;
  if (c < 0xe0) return ((c & 0x1f) << 6) | (b[i + 1]! & 0x3f);
  if (c < 0xf0) return ((c & 0x0f) << 12) | ((b[i + 1]! & 0x3f) << 6) | (b[i + 2]! & 0x3f);
  return 0xd800;
}
