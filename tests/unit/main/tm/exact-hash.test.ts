// tm/exact.ts hashes its keys on a sample of their characters (sampleHash), so different texts share
// a hash whenever they differ only between samples: ExactMemory must still tell every one apart by
// its whole text. Held here to a plain Map of whole folded sources, on generated memories full of
// such texts (near-repeats, common openings and endings, lengths around HASH_SAMPLES, short, blank).
import { describe, expect, it } from 'vitest';
import { ExactMemory, HASH_SAMPLES, sampleHash } from '../../../../src-main/tm/exact';
import { normalizeForSearch } from '../../../../src-main/text/arabic';
import { fromByteString, toByteString } from '../../../../src-main/text/utf8';
import { seeded } from '../seeded';

interface Unit {
  source: string;
  target: string;
  changedAt: string;
}

/** The memory by its definition: the best of the distinct pairs per folded source, in a Map of whole folded sources. */
class Reference {
  private readonly groups = new Map<string, Unit>();
  private readonly pairs = new Set<string>();
  stored = 0;

  add(source: string, target: string, changedAt: string): void {
    if (source.trim() === '' || target.trim() === '') return;
    const pair = JSON.stringify([source, target]);
    if (this.pairs.has(pair)) return;
    this.pairs.add(pair);
    this.stored++;
    const key = normalizeForSearch(source);
    const best = this.groups.get(key);
    // The latest changed, the later on a tie.
    if (best === undefined || changedAt >= best.changedAt) this.groups.set(key, { source, target, changedAt });
  }

  get(text: string): Unit | undefined {
    return this.groups.get(normalizeForSearch(text));
  }
}

/** Letters that fold to themselves, and characters that fold to something else (or to nothing). */
const KEPT = [...'ابتثجحخدذرزسشصضطظعغفقكلمنهوي'];
const FOLDED = ['أ', 'إ', 'آ', 'ة', 'ى', 'َ', 'ّ', 'ـ', 'A'];
const OPENING = 'وقال المتحدث باسم الوزير ';
const ENDING = ' (رويترز).';

/**
 * Texts, many of which share their sampleHash (of `enc(text)`), and how many share it: in all, among
 * those that are their own folded form (ExactMemory's keys) and among the others (kept by their own
 * text too), and among short texts.
 */
function texts(rand: () => number, enc: (s: string) => string, short: readonly string[]) {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const letters = (n: number, folding: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += rand() < folding ? pick(FOLDED) : rand() < 0.15 && i > 0 && i < n - 1 ? ' ' : pick(KEPT);
    return s.replace(/ {2,}/g, ' ');
  };
  const bases: string[] = [];
  // Lengths around the sample count and its multiples, short ones, paragraph-long ones.
  const lengths = [
    1,
    2,
    3,
    HASH_SAMPLES - 1,
    HASH_SAMPLES,
    HASH_SAMPLES + 1,
    2 * HASH_SAMPLES - 1,
    2 * HASH_SAMPLES,
    2 * HASH_SAMPLES + 1,
    90,
    150,
  ];
  for (const n of lengths) {
    bases.push(letters(n, 0), letters(n, 0.1));
    // The same opening and ending, a different middle.
    bases.push(OPENING + letters(n, 0) + ENDING, OPENING + letters(n, 0.05) + ENDING);
  }
  bases.push('', ' ', '\u00a0', 'ـ', 'ـــ', 'َ', OPENING.trim(), ENDING.trim());
  const pool = [...bases];
  // Near-repeats that share the base's hash: one character changed where no sample falls (found by
  // trying, so whatever sampleHash samples), kept or folding.
  for (const base of bases) {
    const found: string[] = [];
    for (let i = 0; i < base.length; i++) {
      for (const c of [pick(KEPT), pick(KEPT), pick(FOLDED)]) {
        const variant = base.slice(0, i) + c + base.slice(i + 1);
        if (variant !== base && sampleHash(enc(variant)) === sampleHash(enc(base))) found.push(variant);
      }
    }
    for (let k = 0; k < 6 && found.length > 0; k++) pool.push(found.splice(Math.floor(rand() * found.length), 1)[0]!);
  }
  pool.push(...short);
  const byHash = new Map<number, Set<string>>();
  for (const t of pool) {
    const set = byHash.get(sampleHash(enc(t))) ?? new Set<string>();
    set.add(t);
    byHash.set(sampleHash(enc(t)), set);
  }
  let own = 0;
  let notOwn = 0;
  for (const set of byHash.values()) {
    if (set.size < 2) continue;
    for (const t of set)
      if (normalizeForSearch(t) === t) own++;
      else notOwn++;
  }
  return { pool, sharing: { own, notOwn } };
}

/** Pairs of short texts whose hashes collide though every character is sampled (30 bits: a birthday search). */
function shortCollisions(rand: () => number, enc: (s: string) => string): string[] {
  const seen = new Map<number, string>();
  const pairs: string[] = [];
  for (let i = 0; i < 200_000; i++) {
    let s = '';
    for (let n = 4 + Math.floor(rand() * 4); n > 0; n--)
      s += rand() < 0.1 ? FOLDED[Math.floor(rand() * FOLDED.length)]! : KEPT[Math.floor(rand() * KEPT.length)]!;
    const h = sampleHash(enc(s));
    const other = seen.get(h);
    if (other === undefined) seen.set(h, s);
    else if (other !== s) pairs.push(other, s);
  }
  return pairs;
}

describe('ExactMemory with texts that share a hash', () => {
  it('answers as a Map of whole folded sources: every source and near-miss, stored, the winning unit', () => {
    const rand = seeded(12);
    for (const bytes of [false, true]) {
      const enc = bytes ? toByteString : (s: string) => s;
      const dec = bytes ? fromByteString : (s: string) => s;
      const short = shortCollisions(rand, enc);
      expect(short.length).toBeGreaterThan(10);
      for (let round = 0; round < 12; round++) {
        const { pool, sharing } = texts(rand, enc, short);
        // The inputs do what they are for: many texts share a hash, of both kinds.
        expect(sharing.own).toBeGreaterThan(40);
        expect(sharing.notOwn).toBeGreaterThan(40);
        const memory = new ExactMemory({ bytes });
        const reference = new Reference();
        // Half the pool added (so the rest are near-misses), repeats and ties included.
        const added = pool.filter(() => rand() < 0.5);
        for (let i = 0; i < added.length * 2; i++) {
          const source = added[Math.floor(rand() * added.length)]!;
          const target = ['a', 'b', 'c', ' '][Math.floor(rand() * 4)]!;
          const changedAt = ['2024', '2025', '2025'][Math.floor(rand() * 3)]!;
          memory.add(enc(source), enc(target), changedAt);
          reference.add(source, target, changedAt);
        }
        expect(memory.stored).toBe(reference.stored);
        const queries = [...pool, ...pool.map((t) => `${t}َ`), ...pool.map((t) => normalizeForSearch(t))];
        const wrong: string[] = [];
        for (const q of queries) {
          const got = memory.get(enc(q));
          const want = reference.get(q);
          const gotUnit = got && { source: dec(got.source), target: dec(got.target), changedAt: got.changedAt };
          if (JSON.stringify(gotUnit) !== JSON.stringify(want))
            wrong.push(`${JSON.stringify(q)}: ${JSON.stringify(gotUnit)} / ${JSON.stringify(want)}`);
        }
        expect(wrong, `bytes ${bytes}, round ${round}`).toEqual([]);
      }
    }
  });
});
