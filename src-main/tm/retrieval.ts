// Candidate retrieval for fuzzy matches: an inverted index from word stems to memory units, held in
// memory. Scoring every unit (what OmegaT's FindMatches does) costs a distance per unit; here a lookup
// visits the postings of the query's rarer stems, ranks units by the weight of the stems they share
// (idf), and only the best few are scored. Exact matches never depend on this: the store finds them
// by the folded source directly.
import { exactKey, maxScoreForLengths, prepareFolded } from './score';
import { stem, tokenize } from './tokens';
import { IntList } from '../shared/int-list';

export interface Candidate {
  id: number;
  /** Estimated share of the query's weight this unit holds, 0–1. */
  overlap: number;
}

/** The stems retrieval works with; numbers and punctuation carry no meaning for it. */
export function indexKeys(norm: string): { keys: string[]; units: number } {
  const keys: string[] = [];
  let units = 0;
  for (const t of tokenize(norm, true)) {
    if (t.kind === 'punct') continue;
    units++;
    if (t.kind === 'word') keys.push(stem(t.key));
  }
  return { keys, units };
}

/** Postings visited per lookup at most, once the rarest stems are in: bounds the cost of common words. */
const POSTINGS_BUDGET = 60_000;

export class TmIndex {
  private vocab = new Map<string, number>();
  private postings: IntList[] = [];
  /** Per slot: unit id (0 once removed) and word+number count. */
  private ids = new Int32Array(1024);
  private lens = new Uint16Array(1024);
  private slots = 0;
  private dead = 0;
  private slotOf = new Map<number, number>();
  private acc = new Float32Array(1024);

  get size(): number {
    return this.slotOf.size;
  }

  add(id: number, norm: string): void {
    if (this.slotOf.has(id)) this.remove(id);
    const { keys, units } = indexKeys(norm);
    const slot = this.slots++;
    if (slot === this.ids.length) {
      const ids = new Int32Array(slot * 2);
      ids.set(this.ids);
      this.ids = ids;
      const lens = new Uint16Array(slot * 2);
      lens.set(this.lens);
      this.lens = lens;
    }
    this.ids[slot] = id;
    this.lens[slot] = Math.min(units, 65535);
    this.slotOf.set(id, slot);
    for (const k of keys) {
      let term = this.vocab.get(k);
      if (term === undefined) {
        term = this.postings.length;
        this.vocab.set(k, term);
        this.postings.push(new IntList());
      }
      const list = this.postings[term]!;
      // A stem repeated in the unit is posted once: its slot is already the list's last entry.
      if (list.length === 0 || list.data[list.length - 1] !== slot) list.push(slot);
    }
  }

  remove(id: number): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.ids[slot] = 0;
    this.slotOf.delete(id);
    this.dead++;
  }

  /** Removed slots still sit in postings; past half the index the caller rebuilds. */
  get wasted(): boolean {
    return this.dead > 1000 && this.dead > this.slotOf.size;
  }

  /**
   * Up to `limit` units most likely to score at least `minScore` against a query of `norm`,
   * best estimate first.
   */
  candidates(norm: string, minScore: number, limit: number): Candidate[] {
    const { keys, units: qLen } = indexKeys(norm);
    const terms: { term: number; df: number }[] = [];
    const seen = new Set<number>();
    for (const k of keys) {
      const term = this.vocab.get(k);
      if (term === undefined || seen.has(term)) continue;
      seen.add(term);
      terms.push({ term, df: this.postings[term]!.length });
    }
    if (terms.length === 0) return [];
    terms.sort((a, b) => a.df - b.df);
    if (this.acc.length < this.slots) this.acc = new Float32Array(this.ids.length);
    const acc = this.acc;
    const touched: number[] = [];
    const n = Math.max(this.size, 1);
    let totalWeight = 0;
    for (const k of keys) {
      const term = this.vocab.get(k);
      const df = term === undefined ? 0 : this.postings[term]!.length;
      totalWeight += Math.log(1 + n / (df + 1));
    }
    let visited = 0;
    for (let t = 0; t < terms.length; t++) {
      const { term, df } = terms[t]!;
      // The rarest three stems always count; common ones only while the budget lasts.
      if (t >= 3 && visited + df > POSTINGS_BUDGET) break;
      visited += df;
      const w = Math.log(1 + n / (df + 1));
      const list = this.postings[term]!;
      const data = list.data;
      for (let p = 0; p < list.length; p++) {
        const slot = data[p]!;
        if (acc[slot] === 0) touched.push(slot);
        acc[slot]! += w;
      }
    }
    const best: Candidate[] = [];
    for (const slot of touched) {
      const weight = acc[slot]!;
      acc[slot] = 0;
      const id = this.ids[slot]!;
      if (id === 0) continue;
      const lengthBound = maxScoreForLengths(qLen, this.lens[slot]!);
      if (lengthBound < minScore) continue;
      const overlap = (Math.min(weight / totalWeight, 1) * lengthBound) / 100;
      if (best.length < limit) {
        best.push({ id, overlap });
        if (best.length === limit) best.sort((a, b) => b.overlap - a.overlap);
      } else if (overlap > best[limit - 1]!.overlap) {
        // Insert in order; limit is small.
        let i = limit - 1;
        while (i > 0 && best[i - 1]!.overlap < overlap) {
          best[i] = best[i - 1]!;
          i--;
        }
        best[i] = { id, overlap };
      }
    }
    return best.sort((a, b) => b.overlap - a.overlap);
  }
}

/** 53-bit hash of a unit's neighbours, so a context (101%) match is one integer comparison. */
export function contextHash(prevNorm: string, nextNorm: string): number {
  return hash53(`${prevNorm}\u0001${nextNorm}`);
}

/** 53-bit hash of a folded source's exact key (`exactKey`): the stored `tm_units.match_key`. */
export function matchKey(norm: string): number {
  return hash53(exactKey(prepareFolded(norm)));
}

function hash53(s: string): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return (h1 >>> 0) * 0x200000 + ((h2 >>> 0) & 0x1fffff);
}
