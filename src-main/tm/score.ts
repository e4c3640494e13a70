// Fuzzy-match scores, after OmegaT's FuzzyMatcher: a word-level Levenshtein distance normalised by
// the longer segment, similarity = 100 × (max(m, n) − distance) / max(m, n). What Qalam adds for Arabic:
//  • tokens are compared folded (harakat, hamza forms, tatweel, ta marbuta, digit systems), so a
//    source that differs only there scores 100;
//  • a word that differs from the other only by its proclitics (و ف ب ك ل ال) costs half a word,
//    where OmegaT's stemmed pass would call it equal and its verbatim pass a whole substitution;
//  • numbers compare as a class and punctuation is left out of the distance, like OmegaT's
//    stemmed/non-stemmed passes; when that is the only difference the score is 99 (a match whose
//    numbers are then replaced in the English), never 100.
import { cliticForms, tokenize, numberValue, type Token } from './tokens';

export const CLITIC_COST = 0.5;

export type MatchKind = 'context' | 'exact' | 'fuzzy';

/** A source prepared once for many comparisons. */
export interface Prepared {
  /** Words and numbers: what the distance counts. */
  units: Token[];
  /** cliticForms of each of `units` (numbers: none). */
  forms: string[][];
  /** Number values in order. */
  numbers: string[];
  /** Punctuation keys in order. */
  punct: string[];
}

export function prepare(tokens: Token[]): Prepared {
  const units: Token[] = [];
  const forms: string[][] = [];
  const numbers: string[] = [];
  const punct: string[] = [];
  for (const t of tokens) {
    if (t.kind === 'punct') {
      punct.push(t.key);
      continue;
    }
    units.push(t);
    if (t.kind === 'num') {
      // The glue stays part of the comparison: "و10" and "10" are not the same text.
      numbers.push(t.key.slice(0, t.key.search(/\d/)) + numberValue(t.key));
      forms.push([]);
    } else forms.push(cliticForms(t.key));
  }
  return { units, forms, numbers, punct };
}

export const prepareFolded = (norm: string): Prepared => prepare(tokenize(norm, true));

/**
 * What `score` compares when it finds no difference: the words, the numbers' values (with their
 * glue), the punctuation in order. Two sources score 100 against each other exactly when their keys
 * are equal (distance 0 needs word for word the same keys and numbers against numbers; then 100 needs
 * the same numbers and punctuation), so a 100% match that is not the same folded text ("كذا ، وكذا"
 * against "كذا، وكذا", 1,000 against 1000) is found by this key instead of by fuzzy retrieval.
 */
export function exactKey(p: Prepared): string {
  let out = '';
  for (const u of p.units) out += u.kind === 'num' ? '\u0001#' : `\u0001${u.key}`;
  return `${out}\u0002${p.numbers.join('\u0001')}\u0002${p.punct.join('\u0001')}`;
}

function cost(a: Prepared, i: number, b: Prepared, j: number): number {
  const x = a.units[i]!;
  const y = b.units[j]!;
  if (x.kind === 'num' || y.kind === 'num') return x.kind === y.kind ? 0 : 1;
  if (x.key === y.key) return 0;
  return meet(a.forms[i]!, b.forms[j]!) ? CLITIC_COST : 1;
}

function meet(a: string[], b: string[]): boolean {
  for (const x of a) for (const y of b) if (x === y) return true;
  return false;
}

let rowA = new Float64Array(256);
let rowB = new Float64Array(256);

/** Weighted word-level edit distance (two rows: scoring runs on every candidate). */
export function distance(a: Prepared, b: Prepared): number {
  const m = a.units.length;
  const n = b.units.length;
  if (rowA.length <= n) {
    rowA = new Float64Array(n * 2 + 2);
    rowB = new Float64Array(n * 2 + 2);
  }
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const sub = prev[j - 1]! + cost(a, i - 1, b, j - 1);
      const del = prev[j]! + 1;
      const ins = cur[j - 1]! + 1;
      cur[j] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
    }
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[n]!;
}

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * The score of memory source `b` for current source `a`, 0–100 (context matches are decided by the
 * caller, which knows the neighbours). `foldedEqual` short-cuts the common exact case.
 */
export function score(a: Prepared, b: Prepared): number {
  const len = Math.max(a.units.length, b.units.length);
  if (len === 0) return sameList(a.punct, b.punct) ? 100 : 0;
  const d = distance(a, b);
  if (d === 0) return sameList(a.numbers, b.numbers) && sameList(a.punct, b.punct) ? 100 : 99;
  return Math.max(0, Math.min(99, Math.floor((100 * (len - d)) / len)));
}

/** The most any candidate of `candLen` units can score against `queryLen` units: the length filter. */
export function maxScoreForLengths(queryLen: number, candLen: number): number {
  const hi = Math.max(queryLen, candLen);
  return hi === 0 ? 100 : Math.floor((100 * Math.min(queryLen, candLen)) / hi);
}

// ——— Word diffs for display ———

export type DiffOp =
  /** The same word (folded) in both: text of the memory source. */
  | { op: 'equal'; text: string }
  /** Only in the memory source. */
  | { op: 'delete'; text: string }
  /** Only in the current source. */
  | { op: 'insert'; text: string }
  /**
   * A memory-source word where the current source has `with`. `partial`: the same word with other
   * proclitics, or another number.
   */
  | { op: 'replace'; text: string; with: string; partial: boolean };

/**
 * Word-level differences of the memory source `mem` against the current source `cur`, on the
 * original texts (so harakat and letter forms show as written). Concatenating the `text` of every
 * op except `insert` gives `mem` back exactly; white space sticks to the word before it.
 */
export function diffWords(cur: string, mem: string): DiffOp[] {
  const a = tokenize(cur);
  const b = tokenize(mem);
  const m = a.length;
  const n = b.length;
  const formsA = a.map((t) => (t.kind === 'word' ? cliticForms(t.key) : []));
  const formsB = b.map((t) => (t.kind === 'word' ? cliticForms(t.key) : []));
  const c = (i: number, j: number): number => {
    const x = a[i]!;
    const y = b[j]!;
    if (x.key === y.key) return 0;
    if (x.kind !== y.kind) return 1;
    if (x.kind === 'num') return CLITIC_COST; // another number, or the same with other glue
    return x.kind === 'word' && meet(formsA[i]!, formsB[j]!) ? CLITIC_COST : 1;
  };
  const w = n + 1;
  const dp = new Float64Array((m + 1) * w);
  for (let j = 0; j <= n; j++) dp[j] = j;
  for (let i = 1; i <= m; i++) {
    dp[i * w] = i;
    for (let j = 1; j <= n; j++) {
      dp[i * w + j] = Math.min(dp[(i - 1) * w + j - 1]! + c(i - 1, j - 1), dp[(i - 1) * w + j]! + 1, dp[i * w + j - 1]! + 1);
    }
  }
  // Walk back from the end, then reverse.
  const rev: DiffOp[] = [];
  const memText = (j: number) => mem.slice(b[j]!.start, j + 1 < n ? b[j + 1]!.start : mem.length);
  const curText = (i: number) => cur.slice(a[i]!.start, a[i]!.end);
  let i = m;
  let j = n;
  while (i > 0 || j > 0) {
    const here = dp[i * w + j]!;
    if (i > 0 && j > 0 && here === dp[(i - 1) * w + j - 1]! + c(i - 1, j - 1)) {
      const cc = c(i - 1, j - 1);
      rev.push(
        cc === 0
          ? { op: 'equal', text: memText(j - 1) }
          : { op: 'replace', text: memText(j - 1), with: curText(i - 1), partial: cc < 1 },
      );
      i--;
      j--;
    } else if (j > 0 && here === dp[i * w + j - 1]! + 1) {
      rev.push({ op: 'delete', text: memText(j - 1) });
      j--;
    } else {
      rev.push({ op: 'insert', text: curText(i - 1) });
      i--;
    }
  }
  const ops = rev.reverse();
  // Leading white space or marks before the first token belong to the memory source too.
  const lead = n > 0 ? mem.slice(0, b[0]!.start) : mem;
  if (lead) ops.unshift({ op: 'equal', text: lead });
  return merge(ops);
}

function merge(ops: DiffOp[]): DiffOp[] {
  const out: DiffOp[] = [];
  for (const op of ops) {
    const last = out[out.length - 1];
    if (last && (op.op === 'equal' || op.op === 'delete' || op.op === 'insert') && last.op === op.op) {
      last.text += op.op === 'insert' ? ` ${op.text}` : op.text;
    } else out.push({ ...op });
  }
  return out;
}
