// The document figures of the bilingual review's QA column in bounded memory. The full figures
// (qa/checks.ts documentFigures) hold every pair's folded source and target in maps: 100k pairs cost
// the export hundreds of megabytes. But only a pair that shares its folded source or its target key
// with another pair can be inconsistent, and the length fences need only each pair's ratio. So a
// first pass keeps, per translated pair, a 32-bit hash of each side and its length ratio (typed
// arrays: 16 bytes a pair); a second pass gives documentFigures only the pairs whose hash repeats
// on either side, and the fences come from the ratios. A hash collision only
// brings a pair in that could have stayed out: the figures see every pair that shares a side with
// another, grouped in document order as the full figures group them, so the issues are the same.
import { documentFigures, hasWords, logRatio, targetKey, tukeyFences, type DocumentFigures } from '../qa/checks';
import type { QaPair } from '../qa/types';
import type { Db } from '../store/connection';
import * as repo from '../store/repos/qa';
import { normalizeForSearch } from '../text/arabic';

/** FNV-1a over UTF-16 code units: fast, and good enough to tell most distinct strings apart. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0;
}

/** Figures for the pair-by-pair checks of a whole document, holding only what consistency can need. */
export function compactFigures(db: Db, documentId: number, hash: (s: string) => number = hash32): DocumentFigures {
  const sources = new Grow(Int32Array);
  const keys = new Grow(Int32Array);
  const ratios = new Grow(Float64Array);
  for (const p of repo.iterateQaRows(db, documentId)) {
    // As documentFigures: excluded and untranslated pairs are in no group and have no ratio.
    if (!counted(p)) continue;
    sources.push(hash(folded(p)));
    keys.push(hash(targetKey(p.target)));
    if (hasWords(p.source, 3)) ratios.push(logRatio(p.source, p.target));
  }
  const sharedSources = repeated(sources.view());
  const sharedKeys = repeated(keys.view());
  const s = sources.view();
  const k = keys.view();
  // The second pass reads the same rows in the same order (the caller's read transaction).
  const figures = documentFigures(
    (function* (): Generator<QaPair> {
      // Pairs that share a folded source hold it as one string, not one copy each.
      const interned = new Map<string, string>();
      let i = 0;
      for (const p of repo.iterateQaRows(db, documentId)) {
        if (!counted(p)) continue;
        const at = i++;
        if (!sharedSources.has(s[at]!) && !sharedKeys.has(k[at]!)) continue;
        const f = folded(p);
        let one = interned.get(f);
        if (one === undefined) interned.set(f, (one = f));
        p.sourceFolded = one;
        yield p;
      }
    })(),
  );
  figures.lengthFences = tukeyFences(Array.from(ratios.view()));
  return figures;
}

const counted = (p: QaPair): boolean => !p.excluded && p.target.trim() !== '';
const folded = (p: QaPair): string => p.sourceFolded ?? normalizeForSearch(p.source);

/** The values that occur more than once. */
function repeated(values: Int32Array): Set<number> {
  const sorted = values.slice().sort();
  const out = new Set<number>();
  for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) out.add(sorted[i]!);
  return out;
}

type TypedArray = Float64Array | Int32Array;

/** A typed array that doubles as it fills. */
class Grow<T extends TypedArray> {
  private data: T;
  private length = 0;
  constructor(private readonly make: new (n: number) => T) {
    this.data = new make(1024);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  view(): T {
    return this.data.subarray(0, this.length) as T;
  }
}
