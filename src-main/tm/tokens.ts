// Tokens for translation-memory matching. Matching works on search-folded text (text/arabic.ts), so
// harakat, alef/hamza forms, tatweel, ta marbuta and digit systems never hide a match. A token is a
// word, a number or one punctuation character; white space only separates.
import { normalizeForSearch } from '../text/arabic';

export type TokenKind = 'word' | 'num' | 'punct';

export interface Token {
  kind: TokenKind;
  /** The folded form: what is compared. */
  key: string;
  /** Offsets into the text that was tokenised (the original text for spans, the folded one otherwise). */
  start: number;
  end: number;
}

const WORD = 1;
const DIGIT = 2;
const SPACE = 3;
/** Invisible marks (ZWJ/ZWNJ, bidi controls) and tatweel: part of the word they sit in. */
const GLUE = 4;
let table: Uint8Array | undefined;

function classTable(): Uint8Array {
  if (table) return table;
  const t = new Uint8Array(65536);
  for (let c = 0; c < 65536; c++) {
    if (c >= 0xd800 && c <= 0xdfff) {
      t[c] = WORD; // an astral character's halves: letters of other scripts, kept whole
      continue;
    }
    const ch = String.fromCharCode(c);
    if (/\p{Nd}/u.test(ch)) t[c] = DIGIT;
    else if (/[\p{L}\p{M}\p{N}]/u.test(ch)) t[c] = WORD;
    else if (/\s/.test(ch)) t[c] = SPACE;
    else if (/\p{Cf}/u.test(ch)) t[c] = GLUE;
  }
  table = t;
  return t;
}

const GLUED_NUMBER = /^(?:و|ف)?(?:ب|ك|ل)?\d[\d.,٫٬]*$/;

/** Joiners that stay inside a word when a word character follows. */
const WORD_JOINERS = new Set(["'", '’', '-', '‑']);
/** Decimal and group separators: inside a number only between digits (٫ ٬ are the Arabic ones). */
const NUMBER_JOINERS = new Set(['.', ',', '٫', '٬']);

/**
 * Splits text into tokens. With `folded` the text is already normalizeForSearch'd (stored
 * `source_norm`) and keys are slices of it; otherwise each token is folded on its own, and the
 * offsets point into the original text (for word diffs shown to the user).
 */
export function tokenize(text: string, folded = false): Token[] {
  const t = classTable();
  const out: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const k = t[text.charCodeAt(i)]!;
    if (k === SPACE) {
      i++;
      continue;
    }
    if (k === 0) {
      const end = i + 1;
      out.push({ kind: 'punct', key: text.slice(i, end), start: i, end });
      i = end;
      continue;
    }
    const start = i;
    let letters = false;
    let digits = false;
    while (i < n) {
      const c = t[text.charCodeAt(i)]!;
      if (c === WORD) letters = true;
      else if (c === DIGIT) digits = true;
      else if (c !== GLUE) {
        const ch = text[i]!;
        const next = t[text.charCodeAt(i + 1)];
        const prevDigit = t[text.charCodeAt(i - 1)] === DIGIT;
        if (NUMBER_JOINERS.has(ch) && prevDigit && next === DIGIT) {
          i++;
          continue;
        }
        if (WORD_JOINERS.has(ch) && (next === WORD || next === DIGIT)) {
          i++;
          continue;
        }
        break;
      }
      i++;
    }
    const raw = text.slice(start, i);
    const key = folded ? raw : normalizeForSearch(raw);
    if (key === '') continue; // only marks or tatweel
    // "و10", "ب2022": a number with a conjunction or preposition attached is still a number.
    const num = digits && (!letters || GLUED_NUMBER.test(key));
    out.push({ kind: num ? 'num' : letters || digits ? 'word' : 'punct', key, start, end: i });
  }
  return out;
}

// ——— Clitics ———
// Arabic writes the conjunctions و ف, the prepositions ب ك ل and the article ال onto the next word.
// "والاقتصاد", "بالاقتصاد" and "الاقتصاد" are the same word with different glue: matching treats
// them as a partial difference, and retrieval indexes them under one key.

const WAW = 0x648;
const FA = 0x641;
const BA = 0x628;
const KAF = 0x643;
const LAM = 0x644;
const ALEF = 0x627;

/**
 * Offsets at which a proclitic chain may end: conjunction (و ف)?, preposition (ب ك ل)?, article (ال)?,
 * with ل + ال written لل. Ascending; the word itself (offset 0) is not included. Called for every
 * word of every candidate, so it reads code units instead of trying a list of prefixes.
 */
function chainEnds(w: string): number[] {
  const ends: number[] = [];
  let i = 0;
  const c0 = w.charCodeAt(0);
  if (c0 === WAW || c0 === FA) ends.push((i = 1));
  const c = w.charCodeAt(i);
  if (c === LAM && w.charCodeAt(i + 1) === LAM) {
    ends.push(i + 1, i + 2); // ل + a word starting with ل, or ل + ال
    return ends;
  }
  if (c === BA || c === KAF || c === LAM) ends.push(++i);
  if (w.charCodeAt(i) === ALEF && w.charCodeAt(i + 1) === LAM) ends.push(i + 2);
  return ends;
}

/** A stem must keep this many letters: Arabic roots have three, so "وقت" keeps its و. */
const MIN_STEM = 3;

/**
 * The word without its longest proclitic chain (folded input). Over-stripping a word that merely
 * starts with such letters (كتاب → تاب) is harmless: both sides of a comparison strip the same way.
 */
export function stem(word: string): string {
  const ends = chainEnds(word);
  for (let k = ends.length - 1; k >= 0; k--) if (word.length - ends[k]! >= MIN_STEM) return word.slice(ends[k]);
  return word;
}

/**
 * The word and every form of it without a proclitic chain (keeping at least two letters): two words
 * are the same word with other glue when these sets meet. "وزارة" gives {وزاره, زاره} and "بوزارة"
 * gives {بوزاره, وزاره}: they meet at وزاره although stem() over-strips the first.
 */
export function cliticForms(word: string): string[] {
  const out = [word];
  for (const e of chainEnds(word)) if (word.length - e >= 2) out.push(word.slice(e));
  return out;
}

// ——— Numbers ———

/** A number's value as ASCII: folded digits, Arabic decimal separator as '.', group separators gone. */
export function numberValue(key: string): string {
  let s = key.replace(/^\D+/, '').replace(/٫/g, '.').replace(/٬/g, '');
  // A comma before exactly three digits groups thousands; any other comma is a decimal separator.
  s = s.replace(/,(?=\d{3}(?:\D|$))/g, '').replace(/,/g, '.');
  // Likewise a dot before three digits when the number has more than one dot (1.234.567).
  if ((s.match(/\./g) ?? []).length > 1) s = s.replace(/\.(?=\d{3}(?:\D|$))/g, '');
  return s;
}
