// What the checks read of a pair's Arabic source, as facts: its lengths, numbers, Latin tokens and
// words, last punctuation mark, the key its consistency group goes by, and the glossary terms found
// in it. The checks (checks.ts) read the source only through these. A pair checked on its own
// gets them from its text as they are asked for (TextFacts); a whole document's QA gets them
// packed (packSourceFacts / packTermFacts: typed arrays and a table of strings, one blob each a
// document, stored by services/qa-facts.ts), so it need not read and decode every Arabic
// source again. Both answer the same: the packed facts are made from TextFacts.
import { normalizeForSearch } from '../text/arabic';
import { findNumbers, type FoundNumber } from './numbers';
import type { Term, TermHit, TermIndex } from './terms';
import { IntList } from '../shared/int-list';

/** A number of the source and how it is written there. */
export interface SourceNumber extends FoundNumber {
  text: string;
}

/** A Latin token of the source (an acronym, a name, a URL…), trailing punctuation cut. */
export interface SourceToken {
  token: string;
  start: number;
}

/** A glossary term found in the source, and how it is written there. */
export interface SourceTermHit extends TermHit {
  written: string;
}

export interface SourceFacts {
  /** source.length (a range over the whole source). */
  readonly length: number;
  /** source.trim().length (the length ratio). */
  readonly trimmedLength: number;
  /** Whether the source has at least three words (a shorter one has no length ratio). */
  readonly words3: boolean;
  /** The last character before closing quotes, brackets and spaces, and where (end punctuation). */
  readonly lastMark: { ch: string; at: number } | null;
  /** What the consistency maps group the source by: equal for sources whose search folding is equal. */
  readonly key: string;
  numbers(): readonly FoundNumber[];
  /** How a number of {@link numbers} is written in the source. */
  numberText(n: FoundNumber): string;
  latinTokens(): readonly SourceToken[];
  /** The source's Latin words, lower case (a name in the source is not a misspelling in the target). */
  latinWords(): ReadonlySet<string>;
  /** The terms of `glossary` found in the source, by position. */
  termHits(glossary: TermIndex): readonly TermHit[];
  /** How a term of {@link termHits} is written in the source. */
  termText(hit: TermHit): string;
  /** Whether source.trim() is `trimmedTarget`. */
  sameTrimmed(trimmedTarget: string): boolean;
}

/** Whatever LATIN_TOKEN matches holds one of these: an Arabic source without them has no Latin token. */
const MAY_HAVE_LATIN = /[A-Za-z@#]/;
const LATIN_TOKEN =
  /\b(?:https?:\/\/[^\s«»"]+|www\.[^\s«»"]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|[#@][A-Za-z_][\w]*|[A-Za-z][A-Za-z0-9]*(?:[.&'’-][A-Za-z0-9]+)*)/g;
const CLOSER_CHARS = new Set([...' \t\n\r\u00A0"\'”’»)]']);

/** The last character of `text` before closing quotes, brackets and spaces. */
export function lastMark(text: string): { ch: string; at: number } | null {
  let at = text.length - 1;
  while (at >= 0 && (CLOSER_CHARS.has(text[at]!) || /\s/.test(text[at]!))) at--;
  return at < 0 ? null : { ch: text[at]!, at };
}

/** Whether the text has at least `n` words (runs of non-space), counted without splitting it. */
export function hasWords(text: string, n: number): boolean {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x2028 || c === 0x2029 || (c >= 0x2000 && c <= 0x200a);
    if (space) inWord = false;
    else if (!inWord) {
      inWord = true;
      if (++words >= n) return true;
    }
  }
  return false;
}

/** The words the spelling check reads (what `/[A-Za-z]+(?:['’][A-Za-z]+)*\/g` matches); its tests hold it to that. */
export function englishWords(text: string, each: (word: string, at: number) => boolean | void): void {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    if (!isAsciiLetter(text.charCodeAt(i))) continue;
    const start = i;
    for (;;) {
      while (i < n && isAsciiLetter(text.charCodeAt(i))) i++;
      const c = text.charCodeAt(i);
      if ((c === 0x27 || c === 0x2019) && i + 1 < n && isAsciiLetter(text.charCodeAt(i + 1))) i++;
      else break;
    }
    if (each(text.slice(start, i), start) === false) return;
  }
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

const NO_NUMBERS: readonly SourceNumber[] = [];
const NO_TOKENS: readonly SourceToken[] = [];
const NO_WORDS: ReadonlySet<string> = new Set();
const NO_HITS: readonly SourceTermHit[] = [];

/** A source's facts worked out from its text, each when first asked for. */
export class TextFacts implements SourceFacts {
  private numbersFound: readonly FoundNumber[] | undefined;
  private tokens: readonly SourceToken[] | undefined;
  private words: ReadonlySet<string> | undefined;
  private hits: { glossary: TermIndex; hits: readonly TermHit[] } | undefined;
  private mark: { ch: string; at: number } | null | undefined;
  private folded: string | undefined;

  /** `folded`: the source's search folding when the caller has it stored (pairs.source_norm). */
  constructor(
    readonly source: string,
    folded?: string,
  ) {
    this.folded = folded;
  }

  get length(): number {
    return this.source.length;
  }

  get trimmedLength(): number {
    return this.source.trim().length;
  }

  get words3(): boolean {
    return hasWords(this.source, 3);
  }

  get lastMark(): { ch: string; at: number } | null {
    if (this.mark === undefined) this.mark = lastMark(this.source);
    return this.mark;
  }

  get key(): string {
    return (this.folded ??= normalizeForSearch(this.source));
  }

  numbers(): readonly FoundNumber[] {
    return (this.numbersFound ??= findNumbers(this.source));
  }

  numberText(n: FoundNumber): string {
    return this.source.slice(n.start, n.end);
  }

  latinTokens(): readonly SourceToken[] {
    if (this.tokens === undefined) {
      const out: SourceToken[] = [];
      if (MAY_HAVE_LATIN.test(this.source)) {
        for (const m of this.source.matchAll(LATIN_TOKEN)) {
          const token = m[0].replace(/[.,;:!?)]+$/, '');
          if (token.length < 2 && !/[#@]/.test(token)) continue;
          out.push({ token, start: m.index });
        }
      }
      this.tokens = out.length === 0 ? NO_TOKENS : out;
    }
    return this.tokens;
  }

  latinWords(): ReadonlySet<string> {
    if (this.words === undefined) {
      const words = new Set<string>();
      englishWords(this.source, (w) => void words.add(w.toLowerCase()));
      this.words = words.size === 0 ? NO_WORDS : words;
    }
    return this.words;
  }

  termHits(glossary: TermIndex): readonly TermHit[] {
    if (this.hits?.glossary !== glossary) this.hits = { glossary, hits: glossary.find(this.source) };
    return this.hits.hits;
  }

  termText(hit: TermHit): string {
    return this.source.slice(hit.start, hit.end);
  }

  sameTrimmed(trimmedTarget: string): boolean {
    return trimmedTarget === this.source.trim();
  }
}

/** The facts the checks read of a pair's source: those it carries, or its text's. */
export function factsOf(pair: {
  source: string;
  sourceFolded?: string | undefined;
  facts?: SourceFacts | undefined;
}): SourceFacts {
  return pair.facts ?? new TextFacts(pair.source, pair.sourceFolded);
}

/** FNV-1a over UTF-16 code units. */
function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0;
}

// ---------------------------------------------------------------------------------------------
// Packed: a document's facts in one blob. Layout (all int32, then a JSON array of strings):
//   [FORMAT, kind, n, stringsAt, ...]
// Source facts (kind 1): ids[n]; fixed[n * FIXED]; listAt[n] (-1: no lists); lists.
// Term facts (kind 2): hitAt[n + 1]; hits (term id, start, end, written) per hit.

/** Bumped whenever what the facts hold, or how the checks derive them, changes: older blobs are made again. */
export const FACTS_FORMAT = 1;
const SOURCE_KIND = 1;
const TERMS_KIND = 2;
const HEADER = 4;
const FIXED = 7;
const F_WORDS3 = 1;
const F_MARK = 2;

class Strings {
  readonly list: string[] = [];
  private readonly at = new Map<string, number>();
  index(s: string): number {
    let i = this.at.get(s);
    if (i === undefined) {
      this.at.set(s, (i = this.list.length));
      this.list.push(s);
    }
    return i;
  }
}

function toBlob(ints: IntList, strings: Strings): Buffer {
  const json = Buffer.from(JSON.stringify(strings.list), 'utf8');
  const out = Buffer.alloc(ints.length * 4 + json.length);
  ints.data[3] = ints.length;
  Buffer.from(ints.data.buffer, 0, ints.length * 4).copy(out, 0);
  json.copy(out, ints.length * 4);
  return out;
}

/** `count` int32s of a blob, copied (the store's buffer need not be aligned for an Int32Array). */
function intsOf(blob: Uint8Array, count: number): Int32Array {
  const out = new Int32Array(count);
  new Uint8Array(out.buffer).set(blob.subarray(0, count * 4));
  return out;
}

/** The int32 part and the strings of a blob, when it is of `kind` and this format. */
function fromBlob(blob: Uint8Array, kind: number): { ints: Int32Array; strings: string[] } | null {
  if (blob.byteLength < HEADER * 4) return null;
  const head = intsOf(blob, HEADER);
  if (head[0] !== FACTS_FORMAT || head[1] !== kind) return null;
  const count = head[3]!;
  if (count < HEADER || count * 4 > blob.byteLength) return null;
  const ints = intsOf(blob, count);
  const json = Buffer.from(blob.buffer, blob.byteOffset + count * 4, blob.byteLength - count * 4).toString('utf8');
  return { ints, strings: JSON.parse(json) as string[] };
}

/** A document's source facts, packed: its pairs (id, source, stored folding) in position order. */
export function packSourceFacts(pairs: Iterable<{ id: number; source: string; sourceFolded?: string | undefined }>): Buffer {
  const list = [...pairs];
  const n = list.length;
  const ints = new IntList(4096);
  ints.push(FACTS_FORMAT);
  ints.push(SOURCE_KIND);
  ints.push(n);
  ints.push(0);
  for (const p of list) ints.push(p.id);
  const strings = new Strings();
  const facts = list.map((p) => new TextFacts(p.source, p.sourceFolded));
  const classOf = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const f = facts[i]!;
    const mark = f.lastMark;
    let cls = classOf.get(f.key);
    if (cls === undefined) classOf.set(f.key, (cls = i));
    ints.push(f.length);
    ints.push(f.trimmedLength);
    ints.push(hash32(f.source.trim()));
    ints.push((f.words3 ? F_WORDS3 : 0) | (mark ? F_MARK : 0));
    ints.push(mark ? mark.ch.charCodeAt(0) : 0);
    ints.push(mark ? mark.at : 0);
    ints.push(cls);
  }
  const listAt = ints.length;
  for (let i = 0; i < n; i++) ints.push(-1);
  for (let i = 0; i < n; i++) {
    const f = facts[i]!;
    const nums = f.numbers();
    const tokens = f.latinTokens();
    const words = f.latinWords();
    if (nums.length === 0 && tokens.length === 0 && words.size === 0) continue;
    ints.data[listAt + i] = ints.length;
    ints.push(nums.length);
    for (const x of nums) {
      ints.push(x.start);
      ints.push(x.end);
      ints.push(strings.index(x.value));
      ints.push(strings.index(f.numberText(x)));
    }
    ints.push(tokens.length);
    for (const t of tokens) {
      ints.push(t.start);
      ints.push(strings.index(t.token));
    }
    ints.push(words.size);
    for (const w of words) ints.push(strings.index(w));
  }
  return toBlob(ints, strings);
}

/**
 * More terms found in a document than this many a source on average and they are not packed: a
 * glossary made of the document's commonest words (tens of hits a paragraph; a real one finds a
 * few) would make a blob larger than reading the sources again costs (4 int32 a hit).
 */
export const MAX_TERM_HITS_A_SOURCE = 32;

/**
 * The glossary terms found in each source (in position order, as {@link packSourceFacts}), packed;
 * null when they are more than {@link MAX_TERM_HITS_A_SOURCE} a source (the search stops there).
 */
export function packTermFacts(sources: Iterable<string>, glossary: TermIndex): Buffer | null {
  const list = [...sources];
  const maxHits = MAX_TERM_HITS_A_SOURCE * Math.max(1, list.length);
  const ints = new IntList(4096);
  ints.push(FACTS_FORMAT);
  ints.push(TERMS_KIND);
  ints.push(list.length);
  ints.push(0);
  const hitAt = ints.length;
  for (let i = 0; i <= list.length; i++) ints.push(0);
  const strings = new Strings();
  let count = 0;
  for (let i = 0; i < list.length; i++) {
    ints.data[hitAt + i] = count;
    const f = new TextFacts(list[i]!);
    for (const h of f.termHits(glossary)) {
      ints.push(h.term.id);
      ints.push(h.start);
      ints.push(h.end);
      ints.push(strings.index(f.termText(h)));
      count++;
    }
    if (count > maxHits) return null;
  }
  ints.data[hitAt + list.length] = count;
  return toBlob(ints, strings);
}

/** A document's packed facts, read back: each pair's {@link SourceFacts} by its index in position order. */
export class PackedFacts {
  readonly n: number;
  private readonly ints: Int32Array;
  private readonly strings: string[];
  private readonly fixedAt: number;
  private readonly listAt: number;
  private readonly keys: (string | undefined)[] = [];
  private terms: { glossary: TermIndex; ints: Int32Array; strings: string[]; byId: Map<number, Term>; hitsAt: number } | null =
    null;

  private constructor(
    ints: Int32Array,
    strings: string[],
    /** A pair's source, for the rare question only its text answers (see {@link SourceFacts.sameTrimmed}). */
    readonly sourceOf: (index: number) => string,
  ) {
    this.ints = ints;
    this.strings = strings;
    this.n = ints[2]!;
    this.fixedAt = HEADER + this.n;
    this.listAt = this.fixedAt + this.n * FIXED;
  }

  /** The blob of {@link packSourceFacts}, or null when it is not one of this format. */
  static read(blob: Uint8Array, sourceOf: (index: number) => string): PackedFacts | null {
    const got = fromBlob(blob, SOURCE_KIND);
    if (!got) return null;
    const n = got.ints[2]!;
    if (n < 0 || HEADER + n * (FIXED + 2) > got.ints.length) return null;
    return new PackedFacts(got.ints, got.strings, sourceOf);
  }

  /**
   * Adds the terms of `glossary` found in each source (the blob of {@link packTermFacts} made with
   * that glossary's version); false when the blob is not one of this format and document, or
   * names a term the glossary lacks.
   */
  withTerms(blob: Uint8Array, glossary: TermIndex, terms: readonly Term[]): boolean {
    const got = fromBlob(blob, TERMS_KIND);
    if (!got || got.ints[2] !== this.n) return false;
    const byId = new Map<number, Term>();
    for (const t of terms) byId.set(t.id, t);
    const hitsAt = HEADER + this.n + 1;
    for (let i = hitsAt; i < got.ints.length; i += 4) if (!byId.has(got.ints[i]!)) return false;
    this.terms = { glossary, ints: got.ints, strings: got.strings, byId, hitsAt };
    return true;
  }

  /** The id of the pair at `index` (position order). */
  id(index: number): number {
    return this.ints[HEADER + index]!;
  }

  /** The facts of the pair at `index`. */
  at(index: number): SourceFacts {
    return new PackedSource(this, index);
  }

  fixed(index: number, field: number): number {
    return this.ints[this.fixedAt + index * FIXED + field]!;
  }

  key(index: number): string {
    const cls = this.fixed(index, 6);
    // A class is the index of the first source folded the same: a key no folded text can equal.
    return (this.keys[cls] ??= `\u0000${cls}`);
  }

  lists(index: number): number {
    return this.ints[this.listAt + index]!;
  }

  int(at: number): number {
    return this.ints[at]!;
  }

  string(at: number): string {
    return this.strings[at]!;
  }

  hits(index: number, glossary: TermIndex): readonly SourceTermHit[] | null {
    const t = this.terms;
    if (!t || t.glossary !== glossary) return null;
    const from = t.ints[HEADER + index]!;
    const to = t.ints[HEADER + index + 1]!;
    if (from === to) return NO_HITS;
    const out = new Array<SourceTermHit>(to - from);
    for (let h = from, k = 0; h < to; h++, k++) {
      const at = t.hitsAt + h * 4;
      out[k] = {
        term: t.byId.get(t.ints[at]!)!,
        start: t.ints[at + 1]!,
        end: t.ints[at + 2]!,
        written: t.strings[t.ints[at + 3]!]!,
      };
    }
    return out;
  }
}

class PackedSource implements SourceFacts {
  constructor(
    private readonly p: PackedFacts,
    private readonly i: number,
  ) {}

  get length(): number {
    return this.p.fixed(this.i, 0);
  }

  get trimmedLength(): number {
    return this.p.fixed(this.i, 1);
  }

  get words3(): boolean {
    return (this.p.fixed(this.i, 3) & F_WORDS3) !== 0;
  }

  get lastMark(): { ch: string; at: number } | null {
    return (this.p.fixed(this.i, 3) & F_MARK) === 0
      ? null
      : { ch: String.fromCharCode(this.p.fixed(this.i, 4)), at: this.p.fixed(this.i, 5) };
  }

  get key(): string {
    return this.p.key(this.i);
  }

  numbers(): readonly SourceNumber[] {
    const at = this.p.lists(this.i);
    if (at < 0) return NO_NUMBERS;
    const count = this.p.int(at);
    if (count === 0) return NO_NUMBERS;
    const out = new Array<SourceNumber>(count);
    for (let k = 0, x = at + 1; k < count; k++, x += 4) {
      out[k] = {
        start: this.p.int(x),
        end: this.p.int(x + 1),
        value: this.p.string(this.p.int(x + 2)),
        text: this.p.string(this.p.int(x + 3)),
      };
    }
    return out;
  }

  latinTokens(): readonly SourceToken[] {
    const at = this.p.lists(this.i);
    if (at < 0) return NO_TOKENS;
    const x = at + 1 + this.p.int(at) * 4;
    const count = this.p.int(x);
    if (count === 0) return NO_TOKENS;
    const out = new Array<SourceToken>(count);
    for (let k = 0; k < count; k++)
      out[k] = { start: this.p.int(x + 1 + k * 2), token: this.p.string(this.p.int(x + 2 + k * 2)) };
    return out;
  }

  latinWords(): ReadonlySet<string> {
    const at = this.p.lists(this.i);
    if (at < 0) return NO_WORDS;
    const t = at + 1 + this.p.int(at) * 4;
    const x = t + 1 + this.p.int(t) * 2;
    const count = this.p.int(x);
    if (count === 0) return NO_WORDS;
    const out = new Set<string>();
    for (let k = 0; k < count; k++) out.add(this.p.string(this.p.int(x + 1 + k)));
    return out;
  }

  termHits(glossary: TermIndex): readonly TermHit[] {
    const packed = this.p.hits(this.i, glossary);
    if (packed) return packed;
    this.text ??= new TextFacts(this.p.sourceOf(this.i));
    return this.text.termHits(glossary);
  }

  termText(hit: TermHit): string {
    // A hit of the packed terms carries its text; one found in the source's text (another glossary) is read there.
    return (hit as Partial<SourceTermHit>).written ?? this.text!.termText(hit);
  }

  numberText(n: FoundNumber): string {
    return (n as SourceNumber).text;
  }

  /** The source's own facts, for a question the packed ones cannot answer (another glossary's terms). */
  private text: TextFacts | undefined;

  sameTrimmed(trimmedTarget: string): boolean {
    if (trimmedTarget.length !== this.p.fixed(this.i, 1) || hash32(trimmedTarget) !== this.p.fixed(this.i, 2)) return false;
    return this.p.sourceOf(this.i).trim() === trimmedTarget;
  }
}
