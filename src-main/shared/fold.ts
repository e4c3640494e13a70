// Arabic text as search needs it. FTS5's own diacritic folding ignores Arabic harakat, so Qalam
// folds text itself and stores the folded form beside the original. Imports fold every paragraph,
// so the folding is one pass over the text through a lookup table rather than a chain of regexes.
// It lives in shared/ because the renderer highlights search hits with the very folding the store
// searched with: a copy there could drift and mark text the filter did not match (or miss it).

/** Harakat, Quranic annotation marks, superscript alef, tatweel, and invisible formatting marks. */
const STRIP =
  /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED\u0640\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/;

const FOLD: Record<string, string> = {
  أ: 'ا',
  إ: 'ا',
  آ: 'ا',
  ٱ: 'ا',
  ٲ: 'ا',
  ٳ: 'ا',
  ى: 'ي',
  ئ: 'ي',
  ی: 'ي',
  ؤ: 'و',
  ة: 'ه',
  ک: 'ك',
};

const ARABIC_INDIC_ZERO = 0x0660;
const EXTENDED_INDIC_ZERO = 0x06f0;
const DIGITS_RE = /[\u0660-\u0669\u06F0-\u06F9]/g;

const DROP = 0xffff;
const SPACE = 0xfffe;
/** Values of {@link foldTable} besides 0 (kept) and a replacement code unit. */
export const FOLD_DROP = DROP;
export const FOLD_SPACE = SPACE;
let table: Uint16Array | undefined;

/**
 * For every UTF-16 code unit: 0 keep, FOLD_DROP, FOLD_SPACE, or the code unit to write instead
 * (before NFKC, which {@link foldWithMap} applies per character first). Exported for scanners that
 * fold word by word without building the whole map (qa/terms.ts).
 */
export function foldTable(): Uint16Array {
  if (table) return table;
  const t = new Uint16Array(65536);
  for (let c = 0; c < 65536; c++) t[c] = foldCodeUnit(c);
  table = t;
  return t;
}

/** {@link foldTable}'s entry for one code unit, worked out alone (for callers that need a few). */
export function foldCodeUnit(c: number): number {
  if (c >= 0xd800 && c <= 0xdfff) return 0; // surrogate halves are kept as they are
  const ch = String.fromCharCode(c);
  if (STRIP.test(ch)) return DROP;
  if (/\s/.test(ch)) return SPACE;
  if (FOLD[ch]) return FOLD[ch].charCodeAt(0);
  if (c >= 0x0660 && c <= 0x0669) return 0x30 + c - ARABIC_INDIC_ZERO;
  if (c >= 0x06f0 && c <= 0x06f9) return 0x30 + c - EXTENDED_INDIC_ZERO;
  // Lower case through the table too (one code unit to one code unit: nearly all of Unicode).
  const lower = ch.toLowerCase();
  return lower.length === 1 && lower !== ch ? lower.charCodeAt(0) : 0;
}

/** Arabic-Indic and Persian digits to ASCII digits. */
export function toAsciiDigits(text: string): string {
  return text.replace(DIGITS_RE, (d) => {
    const c = d.charCodeAt(0);
    return String(c >= EXTENDED_INDIC_ZERO ? c - EXTENDED_INDIC_ZERO : c - ARABIC_INDIC_ZERO);
  });
}

const utf16 = new TextDecoder('utf-16le');
let buffer = new Uint16Array(4096);

/**
 * The search form of a text: compatibility forms decomposed (presentation forms, ligatures),
 * marks and tatweel removed, letter variants folded, digits unified, lower-cased (per code unit),
 * white space collapsed and trimmed. Applied identically to stored text and to queries.
 */
export function normalizeForSearch(text: string): string {
  const t = foldTable();
  const s = text.normalize('NFKC');
  if (buffer.length < s.length) buffer = new Uint16Array(s.length * 2);
  const out = buffer;
  let n = 0;
  let pendingSpace = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const m = t[c]!;
    if (m === DROP) continue;
    if (m === SPACE) {
      pendingSpace = n > 0;
      continue;
    }
    if (pendingSpace) {
      out[n++] = 0x20;
      pendingSpace = false;
    }
    out[n++] = m === 0 ? c : m;
  }
  return utf16.decode(out.subarray(0, n));
}

/** A folded text with, for every folded code unit, the index of the original code unit it came from. */
export interface FoldedWithMap {
  folded: string;
  /** `origin[i]` is where folded[i] starts in the original; `origin[folded.length]` is the original's length. */
  origin: Int32Array;
}

/**
 * The same folding as {@link normalizeForSearch} (per character, which agrees with it on real
 * text), keeping where each folded character came from, so that a match in the folded text can be
 * highlighted on the original characters, harakat and tatweel included. White space is collapsed
 * but not trimmed, so offsets stay meaningful at both ends.
 */
export function foldWithMap(text: string): FoldedWithMap {
  const t = foldTable();
  const out: number[] = [];
  const origin: number[] = [];
  let lastWasSpace = false;
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const ch = text.slice(i, i + width);
    const norm = cp < 0x80 ? ch : ch.normalize('NFKC');
    for (let k = 0; k < norm.length; k++) {
      const c = norm.charCodeAt(k);
      const m = t[c]!;
      if (m === DROP) continue;
      if (m === SPACE) {
        if (lastWasSpace) continue;
        lastWasSpace = true;
        out.push(0x20);
      } else {
        lastWasSpace = false;
        out.push(m === 0 ? c : m);
      }
      origin.push(i);
    }
    i += width;
  }
  origin.push(text.length);
  return { folded: utf16.decode(Uint16Array.from(out)), origin: Int32Array.from(origin) };
}

/** The original range [start, end) that the folded range [from, to) came from. */
export function originalRange(map: FoldedWithMap, from: number, to: number): [number, number] {
  const start = map.origin[from]!;
  // The end is where the next folded character starts: marks after the last letter go with it.
  return [start, Math.max(map.origin[to]!, to > from ? map.origin[to - 1]! + 1 : start)];
}

/** [start, end) ranges in `text` of every occurrence of the already-folded `query`. */
export function findFolded(text: string, query: string): [number, number][] {
  if (query === '') return [];
  const map = foldWithMap(text);
  const out: [number, number][] = [];
  for (let at = map.folded.indexOf(query); at >= 0; at = map.folded.indexOf(query, at + query.length)) {
    out.push(originalRange(map, at, at + query.length));
  }
  return out;
}
