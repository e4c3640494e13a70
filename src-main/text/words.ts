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
