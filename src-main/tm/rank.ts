// Which memory units to offer, in which order: by score, then approved above translated above
// imported, then the most recently changed. Identical units (same folded source, same English) are
// offered once, as their best-ranked copy.
import { prepare, prepareFolded, score, type MatchKind, type Prepared } from './score';
import { tokenize } from './tokens';

import type { TmBand, TmUnitStatus as UnitStatus } from '../shared/domain';

const STATUS_RANK: Record<UnitStatus, number> = { approved: 2, translated: 1, imported: 0 };

export const CONTEXT_SCORE = 101;

export interface RankedUnit {
  id: number;
  sourceNorm: string;
  target: string;
  status: UnitStatus;
  /** Hash of the neighbours the unit was translated between; null when unknown (TMX). */
  contextHash: number | null;
  changedAt: string;
}

export interface Query {
  norm: string;
  /** Hash of the current paragraph's neighbours; null when not asked for context. */
  contextHash: number | null;
  prepared?: Prepared;
}

export interface Scored<U extends RankedUnit> {
  unit: U;
  score: number;
  kind: MatchKind;
}

export function prepareQuery(q: Query): Prepared {
  return (q.prepared ??= prepareFolded(q.norm));
}

export function scoreUnit<U extends RankedUnit>(q: Query, unit: U): Scored<U> {
  if (unit.sourceNorm === q.norm) {
    const context = q.contextHash !== null && unit.contextHash === q.contextHash;
    return { unit, score: context ? CONTEXT_SCORE : 100, kind: context ? 'context' : 'exact' };
  }
  const s = score(prepareQuery(q), prepare(tokenize(unit.sourceNorm, true)));
  return { unit, score: s, kind: s === 100 ? 'exact' : 'fuzzy' };
}

export function compareScored(a: Scored<RankedUnit>, b: Scored<RankedUnit>): number {
  return (
    b.score - a.score ||
    STATUS_RANK[b.unit.status] - STATUS_RANK[a.unit.status] ||
    (b.unit.changedAt < a.unit.changedAt ? -1 : b.unit.changedAt > a.unit.changedAt ? 1 : 0) ||
    b.unit.id - a.unit.id
  );
}

/** Scores, filters by `minScore`, ranks and (unless told not to) de-duplicates. */
export function rank<U extends RankedUnit>(q: Query, units: U[], minScore: number, limit: number, dedupe = true): Scored<U>[] {
  const scored = units.map((u) => scoreUnit(q, u)).filter((s) => s.score >= minScore);
  scored.sort(compareScored);
  if (!dedupe) return scored.slice(0, limit);
  const seen = new Set<string>();
  const out: Scored<U>[] = [];
  for (const s of scored) {
    const key = `${s.unit.sourceNorm}\u0000${s.unit.target}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(s);
    if (out.length === limit) break;
  }
  return out;
}

// ——— Analysis bands ———

/** The band of a segment's best score; repetitions are decided by the caller (first occurrence wins). */
export function bandOf(best: number): Exclude<TmBand, 'repetition'> {
  if (best >= CONTEXT_SCORE) return 'context';
  if (best >= 100) return 'exact';
  if (best >= 95) return 'fuzzy95';
  if (best >= 85) return 'fuzzy85';
  if (best >= 75) return 'fuzzy75';
  if (best >= 50) return 'fuzzy50';
  return 'none';
}
