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

const CONJUNCTIONS = ['', 'و', 'ف'];
const PREPOSITIONS = ['', 'ب', 'ك', 'ل'];
const ARTICLES = ['', 'ال'];
/** Every proclitic chain, longest first (ل + ال is written لل). */
export const PROCLITICS: readonly string[] = (() => {
  const set = new Set<string>();
  for (const c of CONJUNCTIONS)
    for (const p of PREPOSITIONS)
      for (const a of ARTICLES) {
        const chain = p === 'ل' && a === 'ال' ? `${c}لل` : c + p + a;
        if (chain) set.add(chain);
      }
  return [...set].sort((a, b) => b.length - a.length);
})();

/** A stem must keep this many letters: Arabic roots have three, so "وقت" keeps its و. */
const MIN_STEM = 3;

/**
 * The word without its longest proclitic chain (folded input). Over-stripping a word that merely
 * starts with such letters (كتاب → تاب) is harmless: both sides of a comparison strip the same way.
 */
export function stem(word: string): string {
  for (const p of PROCLITICS) {
    if (word.length - p.length >= MIN_STEM && word.startsWith(p)) return word.slice(p.length);
  }
  return word;
}

/**
 * The word and every form of it without a proclitic chain (keeping at least two letters): two words
 * are the same word with other glue when these sets meet. "وزارة" gives {وزاره, زاره} and "بوزارة"
 * gives {بوزاره, وزاره}: they meet at وزاره although stem() over-strips the first.
 */
export function cliticForms(word: string): string[] {
  const out = [word];
  for (const p of PROCLITICS) {
    if (word.length - p.length >= 2 && word.startsWith(p)) out.push(word.slice(p.length));
  }
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
