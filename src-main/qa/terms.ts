// Glossary recognition in Arabic source text. Arabic writes conjunctions, prepositions and the
// article onto the word (وبالسلام = and + with + the + peace) and possessive pronouns after it
// (بمعاهدته = with + treaty + his), turning a final ta marbuta into ta. A term is recognised when
// every word of it equals a word of the text once those affixes are taken off BY RULE (the tables
// below), never as a bare substring: سلام is in وبالسلام and للسلام, but not in إسلام.
//
// Words are compared in the search folding (harakat, tatweel, hamza forms of alef, digits), except
// that ta marbuta (ة) and alef maqsura (ى) keep their identity: they tell a noun ending (معاهدة)
// from a pronoun suffix (معاهده = his institutes), which plain folding would confuse.

import { foldWithMap } from '../text/arabic';

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

/** Folded words with their original ranges; ة and ى kept (see the file comment). */
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

/** Terms indexed by their first word, so a paragraph costs one lookup per stem of each word. */
export class TermIndex {
  private readonly byFirst = new Map<string, Entry[]>();

  constructor(terms: readonly Term[]) {
    for (const term of terms) this.add(term);
  }

  /** One more term: a glossary that grew by one need not be indexed again (10k terms take a moment). */
  add(term: Term): void {
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

  /** Every term of the glossary found in `source`, by position; a term is reported once per place. */
  find(source: string): TermHit[] {
    if (this.byFirst.size === 0) return [];
    const tokens = tokenize(source);
    const stems = tokens.map((t) => wordStems(t.text));
    const hits: TermHit[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < tokens.length; i++) {
      for (const stem of stems[i]!) {
        for (const entry of this.byFirst.get(stem) ?? []) {
          const n = entry.keys.length;
          if (i + n > tokens.length) continue;
          let ok = true;
          for (let k = 1; k < n && ok; k++) ok = stems[i + k]!.has(entry.keys[k]!);
          if (!ok) continue;
          const key = `${entry.term.id}:${i}`;
          if (seen.has(key)) continue;
          seen.add(key);
          hits.push({ term: entry.term, start: tokens[i]!.start, end: tokens[i + n - 1]!.end });
        }
      }
    }
    return hits.sort((a, b) => a.start - b.start || b.end - a.end);
  }
}

/**
 * Where an English term occurs in a target, allowing the plural and possessive endings English
 * adds (treaty → treaties, minister → minister's); whole words, case-insensitive.
 */
export function findEnglishTerm(target: string, term: string): { start: number; end: number } | null {
  const m = englishTermPattern(term)?.exec(target);
  return m ? { start: m.index, end: m.index + m[0].length } : null;
}

const patterns = new Map<string, RegExp | null>();

function englishTermPattern(term: string): RegExp | null {
  let re = patterns.get(term);
  if (re !== undefined) return re;
  if (patterns.size > 50_000) patterns.clear(); // a bound, not a cache policy: glossaries are smaller
  re = compileEnglishTerm(term);
  patterns.set(term, re);
  return re;
}

function compileEnglishTerm(term: string): RegExp | null {
  const words = term.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  const esc = (w: string): string => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const last = words[words.length - 1]!;
  const lastAlt = /[^aeiou]y$/i.test(last) ? `(?:${esc(last)}|${esc(last.slice(0, -1))}ies)` : esc(last);
  const body = [...words.slice(0, -1).map(esc), `${lastAlt}(?:s|es|['’]s|['’])?`].join('\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'iu');
}
