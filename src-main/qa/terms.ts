// Glossary recognition in Arabic source text. Arabic writes conjunctions, prepositions and the
// article onto the word (وبالسلام = and + with + the + peace) and possessive pronouns after it
// (بمعاهدته = with + treaty + his), turning a final ta marbuta into ta. A term is recognised when
// every word of it equals a word of the text once those affixes are taken off BY RULE (the tables
// below), never as a bare substring: سلام is in وبالسلام and للسلام, but not in إسلام.
//
// Words are compared in the search folding (harakat, tatweel, hamza forms of alef, digits), except
// that ta marbuta (ة) and alef maqsura (ى) keep their identity: they tell a noun ending (معاهدة)
// from a pronoun suffix (معاهده = his institutes), which plain folding would confuse.

import { FOLD_DROP, FOLD_SPACE, foldTable, foldWithMap } from '../text/arabic';

export interface Term {
  id: number;
  /** Arabic form(s) as the glossary holds them. */
  source: string;
  /** English form. */
  target: string;
  forbidden?: boolean;
  note?: string;
}

export interface TermHit {
  term: Term;
  /** Range of the original source text (harakat included). */
  start: number;
  end: number;
}

/** Conjunctions, then a preposition, then the article: each optional, in this order. */
const CONJUNCTIONS = ['', 'و', 'ف'];
const PREPOSITIONS = ['', 'ب', 'ك', 'ل'];
/** Pronoun suffixes, longest first. */
const SUFFIXES = ['هما', 'كما', 'هم', 'هن', 'كم', 'كن', 'ها', 'نا', 'ه', 'ي', 'ك'];
/** The shortest stem a rule may leave: two letters (يد، أب). */
const MIN_STEM = 2;

interface Token {
  text: string;
  start: number;
  end: number;
}

let wordChars: Uint8Array | undefined;

/** 1 for the code units of letters and digits (one table lookup instead of a regex per character). */
function isWordChar(c: number): boolean {
  if (!wordChars) {
    wordChars = new Uint8Array(65536);
    const re = /[\p{L}\p{N}]/u;
    for (let i = 0; i < 65536; i++) if (re.test(String.fromCharCode(i))) wordChars[i] = 1;
  }
  return wordChars[c] === 1;
}

/**
 * Folded words with their original ranges; ة and ى kept (see the file comment). The reference
 * tokenizer: {@link TermIndex.find} scans the same tokens without building the folding map, and falls
 * back to this one for text it cannot scan code unit by code unit.
 */
function tokenize(text: string): Token[] {
  const map = foldWithMap(text);
  const tokens: Token[] = [];
  let cur = '';
  let from = -1;
  const flush = (i: number): void => {
    if (cur) tokens.push({ text: cur, start: map.origin[from]!, end: map.origin[i]! });
    cur = '';
    from = -1;
  };
  for (let i = 0; i < map.folded.length; i++) {
    const ch = map.folded[i]!;
    if (isWordChar(map.folded.charCodeAt(i))) {
      if (from === -1) from = i;
      const original = text[map.origin[i]!];
      cur += original === 'ة' || original === 'ى' ? original : ch;
    } else flush(i);
  }
  flush(map.folded.length);
  return tokens;
}

/** How the scanner treats a code unit: see {@link classify}. 0: not classified yet. */
const SEPARATOR = 1;
const WORD = 2;
/** Removed by the folding (harakat, tatweel, invisible marks): inside a word, it does not end it. */
const DROPPED = 3;
/** NFKC changes it (presentation forms, ligatures) or it is half a surrogate pair: the reference tokenizer handles such text. */
const COMPLEX = 4;
let classes: Uint8Array | undefined;

function classify(c: number): number {
  if (c >= 0xd800 && c <= 0xdfff) return COMPLEX;
  if (c >= 0x80) {
    const ch = String.fromCharCode(c);
    if (ch.normalize('NFKC') !== ch) return COMPLEX;
  }
  const m = foldTable()[c]!;
  if (m === FOLD_DROP) return DROPPED;
  if (m === FOLD_SPACE) return SEPARATOR;
  return isWordChar(m === 0 ? c : m) ? WORD : SEPARATOR;
}

/** Classified on first sight (most of the 65,536 code units never occur). */
function classOf(c: number): number {
  classes ??= new Uint8Array(65536);
  let k = classes[c]!;
  if (k === 0) classes[c] = k = classify(c);
  return k;
}

const TA_MARBUTA = 0x0629;
const ALEF_MAQSURA = 0x0649;

/** The folded form of one word as {@link tokenize} spells it (the word holds no separator nor complex character). */
function foldWord(raw: string): string {
  const t = foldTable();
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (classOf(c) === DROPPED) continue;
    const m = t[c]!;
    out += String.fromCharCode(c === TA_MARBUTA || c === ALEF_MAQSURA || m === 0 ? c : m);
  }
  return out;
}

/** Stems a text word may stand for once proclitics and a pronoun suffix are removed by rule. */
export function wordStems(word: string): Set<string> {
  const out = new Set<string>([word]);
  /** Stems without proclitics; those that lost the article take no pronoun suffix (see below). */
  const bases: string[] = [];
  const definite: string[] = [];
  for (const c of CONJUNCTIONS) {
    if (!word.startsWith(c)) continue;
    const afterC = word.slice(c.length);
    for (const p of PREPOSITIONS) {
      if (!afterC.startsWith(p)) continue;
      const afterP = afterC.slice(p.length);
      if (afterP.length >= MIN_STEM) bases.push(afterP);
      if (afterP.startsWith('ال') && afterP.length - 2 >= MIN_STEM) definite.push(afterP.slice(2));
      // ل + ال is written لل (للسلام), and so after a conjunction (وللسلام).
      if (p === '' && afterP.startsWith('لل') && afterP.length - 2 >= MIN_STEM) definite.push(afterP.slice(2));
    }
  }
  // A noun with the article never carries a possessive pronoun (الكتابه is not Arabic), so after
  // the article a final ي is the adjective ending, not "my": الكازاخستاني is "the Kazakh", not Kazakhstan.
  for (const d of definite) out.add(d);
  for (const b of bases) {
    out.add(b);
    for (const s of SUFFIXES) {
      if (!b.endsWith(s) || b.length - s.length < MIN_STEM) continue;
      const stem = b.slice(0, -s.length);
      out.add(stem);
      // A ta marbuta becomes ta before a suffix: معاهدة → معاهدته.
      if (stem.endsWith('ت')) out.add(stem.slice(0, -1) + 'ة');
      // Alef maqsura becomes alef before a suffix: مستوى → مستواه.
      if (stem.endsWith('ا')) out.add(stem.slice(0, -1) + 'ى');
    }
  }
  return out;
}

/** The form a term's word is indexed by: its own stem without the article. */
function termWordKey(word: string): string {
  return word.startsWith('ال') && word.length - 2 >= MIN_STEM ? word.slice(2) : word;
}

interface Entry {
  term: Term;
  keys: string[];
}

/** What the index knows of one word of a text: its stems, and the terms whose first word is one of them. */
interface WordInfo {
  stems: readonly string[];
  entries: readonly Entry[];
}

const NO_ENTRIES: readonly Entry[] = Object.freeze([]);
/**
 * Words remembered per index. A document repeats its vocabulary, so most words of a paragraph are
 * looked up, not stemmed; the bound keeps a document of rare words from growing it without limit
 * (it is cleared when full: about 20 MB at most).
 */
const MAX_WORDS = 50_000;

/** By start, the longest first. */
const byPlace = (a: TermHit, b: TermHit): number => a.start - b.start || b.end - a.end;

/** A remembered word: its original spelling, what it matches, and the next word of the same hash. */
interface Remembered {
  raw: string;
  info: WordInfo;
  next: Remembered | undefined;
}

/**
 * The hash under which a word (`text` from `start` to `end`) is remembered: the paragraph's words
 * are looked up where they stand, without cutting each one out of it (millions of short strings
 * a document, as much garbage to collect). Exported for the tests, which make words collide.
 */
export function wordHash(text: string, start: number, end: number): number {
  let h = end - start;
  for (let i = start; i < end; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return h & 0x3fffffff;
}

function sameWord(raw: string, text: string, start: number, end: number): boolean {
  if (raw.length !== end - start) return false;
  for (let i = 0; i < raw.length; i++) if (raw.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}

/**
 * Where {@link TermIndex.find} keeps a paragraph's words while it matches (reused: find runs
 * start to end without yielding, and keeps nothing of them).
 */
const scratch = { starts: [] as number[], ends: [] as number[], infos: [] as WordInfo[] };

/**
 * Terms indexed by their first word. A word of the text is stemmed once (then remembered, see
 * {@link MAX_WORDS}), and each of its stems is one hash lookup: the cost of a paragraph does not
 * grow with the size of the glossary.
 */
export class TermIndex {
  private readonly byFirst = new Map<string, Entry[]>();
  /** Original spelling of a word (harakat included) → what it matches, by {@link wordHash}. */
  private readonly words = new Map<number, Remembered>();
  private remembered = 0;

  constructor(terms: readonly Term[]) {
    for (const term of terms) this.add(term);
  }

  /** One more term: a glossary that grew by one need not be indexed again (10k terms take a moment). */
  add(term: Term): void {
    this.forget();
    if (term.forbidden) {
      this.forbidden.push(term);
      return;
    }
    for (const form of term.source.split(/[;|]/)) {
      const keys = tokenize(form).map((t) => termWordKey(t.text));
      if (keys.length === 0) continue;
      const list = this.byFirst.get(keys[0]!) ?? [];
      list.push({ term, keys });
      this.byFirst.set(keys[0]!, list);
    }
  }

  private readonly forbidden: Term[] = [];

  get size(): number {
    return this.byFirst.size;
  }

  /** Terms whose English must not be used, wherever it appears. */
  forbiddenTerms(): readonly Term[] {
    return this.forbidden;
  }

  private forget(): void {
    this.words.clear();
    this.remembered = 0;
  }

  private infoOf(folded: string): WordInfo {
    const stems = [...wordStems(folded)];
    let entries: Entry[] | undefined;
    for (const stem of stems) {
      const list = this.byFirst.get(stem);
      if (list) (entries ??= []).push(...list);
    }
    return { stems, entries: entries ?? NO_ENTRIES };
  }

  /** What the word of `text` from `start` to `end` matches (its original spelling, harakat included). */
  private infoAt(text: string, start: number, end: number): WordInfo {
    const hash = wordHash(text, start, end);
    const first = this.words.get(hash);
    for (let w = first; w; w = w.next) if (sameWord(w.raw, text, start, end)) return w.info;
    if (this.remembered >= MAX_WORDS) this.forget();
    const raw = text.slice(start, end);
    const info = this.infoOf(foldWord(raw));
    this.words.set(hash, { raw, info, next: this.words.get(hash) });
    this.remembered++;
    return info;
  }

  /** Every term of the glossary found in `source`, by position; a term is reported once per place. */
  find(source: string): TermHit[] {
    if (this.byFirst.size === 0) return [];
    const { starts, ends, infos } = scratch;
    let count = 0;
    // The words of `source` as original ranges (from the first letter to the next separator: marks
    // after the last letter belong to the word, as in tokenize), in one pass over the code units.
    // Text holding a character the folding would first decompose (NFKC) or a surrogate goes to
    // the reference tokenizer.
    let complex = false;
    let from = -1;
    let any = false;
    for (let i = 0, n = source.length; i <= n; i++) {
      const k = i === n ? SEPARATOR : classOf(source.charCodeAt(i));
      if (k === WORD) {
        if (from === -1) from = i;
      } else if (k === SEPARATOR) {
        if (from !== -1) {
          const info = this.infoAt(source, from, i);
          if (info.entries.length > 0) any = true;
          starts[count] = from;
          ends[count] = i;
          infos[count++] = info;
          from = -1;
        }
      } else if (k === COMPLEX) {
        complex = true;
        break;
      }
    }
    if (complex) {
      const tokens = tokenize(source);
      any = false;
      for (count = 0; count < tokens.length; count++) {
        const t = tokens[count]!;
        const info = this.infoOf(t.text);
        if (info.entries.length > 0) any = true;
        starts[count] = t.start;
        ends[count] = t.end;
        infos[count] = info;
      }
    }
    // No word begins a term (most paragraphs against most glossaries' rare terms).
    if (!any) return [];
    const hits: TermHit[] = [];
    let sorted = true;
    for (let i = 0; i < count; i++) {
      const entries = infos[i]!.entries;
      if (entries.length === 0) continue;
      const here = hits.length;
      for (let e = 0; e < entries.length; e++) {
        const entry = entries[e]!;
        const n = entry.keys.length;
        if (i + n > count) continue;
        let ok = true;
        for (let k = 1; k < n && ok; k++) ok = infos[i + k]!.stems.includes(entry.keys[k]!);
        if (!ok) continue;
        // Once per term and place: its alternative forms may match the same words.
        let seen = false;
        for (let h = here; h < hits.length && !seen; h++) seen = hits[h]!.term.id === entry.term.id;
        if (seen) continue;
        const end = ends[i + n - 1]!;
        // Hits come by start; those of one start are sorted only when a longer one came later.
        if (hits.length > here && hits[hits.length - 1]!.end < end) sorted = false;
        hits.push({ term: entry.term, start: starts[i]!, end });
      }
    }
    return sorted ? hits : hits.sort(byPlace);
  }
}

/**
 * Where an English term occurs in a target, allowing the plural and possessive endings English
 * adds (treaty → treaties, minister → minister's); whole words, case-insensitive. `haystack` is
 * {@link termHaystack} of the target, when the caller looks for many terms in it: the term's
 * pattern then runs only where the target holds its literal text (a term none of whose words is
 * there is refused outright), not at every character of it.
 */
export function findEnglishTerm(
  target: string,
  term: string,
  haystack?: TermHaystack | null,
): { start: number; end: number } | null {
  const p = englishTermPattern(term);
  if (!p) return null;
  if (haystack) {
    // Every match begins with the anchor, and, when the target separates its words by one space,
    // with the phrase. The haystack's positions are the target's when lower-casing kept its length
    // (it lengthens only İ); the first place the pattern matches from is the unanchored pattern's match.
    const anchor = haystack.singleSpaced && p.phrase !== null ? p.phrase : p.anchor;
    if (anchor !== p.phrase && p.needle !== null && !haystack.lower.includes(p.needle)) return null;
    if (anchor !== null && haystack.aligned) {
      for (let at = haystack.lower.indexOf(anchor); at !== -1; at = haystack.lower.indexOf(anchor, at + 1)) {
        p.sticky.lastIndex = at;
        const m = p.sticky.exec(target);
        if (m) return { start: at, end: at + m[0].length };
      }
      return null;
    }
  }
  const m = p.re.exec(target);
  return m ? { start: m.index, end: m.index + m[0].length } : null;
}

/** A target as {@link findEnglishTerm} searches it for many terms. */
export interface TermHaystack {
  /** The target lower-cased. */
  lower: string;
  /** Whether `lower`'s positions are the target's (lower-casing kept its length). */
  aligned: boolean;
  /** Whether every white space of the target is one ' ' between non-spaces (so `\s+` matches one ' '). */
  singleSpaced: boolean;
}

/**
 * The target prepared for {@link findEnglishTerm}; null when the target holds one of the two
 * characters a case-insensitive pattern matches to an ASCII letter but lower-casing does not make
 * one (KELVIN SIGN ~ k, LONG S ~ s).
 */
export function termHaystack(target: string): TermHaystack | null {
  if (/[\u017F\u212A]/.test(target)) return null;
  const lower = target.toLowerCase();
  return { lower, aligned: lower.length === target.length, singleSpaced: !/[^\S ]| {2}/.test(target) };
}

interface EnglishPattern {
  re: RegExp;
  /** Lower-case ASCII text every match contains (its longest literal word), or null. */
  needle: string | null;
  /** Lower-case ASCII text every match begins with (its first word, or the last but its y), or null. */
  anchor: string | null;
  /** Lower-case ASCII text every match begins with when its words are one space apart, or null. */
  phrase: string | null;
  /** `re` matching only where its `lastIndex` points. */
  sticky: RegExp;
}

const patterns = new Map<string, EnglishPattern | null>();

function englishTermPattern(term: string): EnglishPattern | null {
  let re = patterns.get(term);
  if (re !== undefined) return re;
  if (patterns.size > 50_000) patterns.clear(); // a bound, not a cache policy: glossaries are smaller
  re = compileEnglishTerm(term);
  patterns.set(term, re);
  return re;
}

function compileEnglishTerm(term: string): EnglishPattern | null {
  const words = term.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  const esc = (w: string): string => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const last = words[words.length - 1]!;
  const pluralY = /[^aeiou]y$/i.test(last);
  const lastAlt = pluralY ? `(?:${esc(last)}|${esc(last.slice(0, -1))}ies)` : esc(last);
  const body = [...words.slice(0, -1).map(esc), `${lastAlt}(?:s|es|['’]s|['’])?`].join('\\s+');
  // Every match holds each word but the last as written, and the last but its y.
  const literal = [...words.slice(0, -1), pluralY ? last.slice(0, -1) : last]
    .filter((w) => /^[\x21-\x7E]+$/.test(w))
    .sort((a, b) => b.length - a.length)[0];
  const stems = [...words.slice(0, -1), pluralY ? last.slice(0, -1) : last];
  const ascii = (w: string): string | null => (/^[\x21-\x7E]+$/.test(w) ? w.toLowerCase() : null);
  const source = `(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`;
  return {
    re: new RegExp(source, 'iu'),
    needle: literal ? literal.toLowerCase() : null,
    anchor: ascii(stems[0]!),
    phrase: stems.every((w) => ascii(w) !== null) ? stems.join(' ').toLowerCase() : null,
    sticky: new RegExp(source, 'iuy'),
  };
}
