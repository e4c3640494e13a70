// Translation memory: every pair confirmed or approved is a unit (kept in step by the pair write
// path, see syncPairUnit), beside the units imported from TMX. Matching itself is pure (src-main/tm/);
// this file fetches, ranks and shapes what the UI and the CLI show.
import type {
  ExportResult,
  TmAnalysis,
  TmConcordanceResult,
  TmLookupResult,
  TmMatch,
  TmOrigin,
  TmRepetitions,
  TmStats,
} from '../shared/contract';
import { emptyCount, TM_BANDS, type Count, type Pair, type TmBand } from '../shared/domain';
import { QalamError } from '../shared/errors';
import type { ImportedTmUnit } from '../formats/model';
import type { MemoryTmxUnit } from '../formats/tmx';
import { transferCodes } from '../shared/inline';
import type { Db } from '../store/connection';
import { getPair as getPairRow } from '../store/repos/pairs';
import { readSettings } from '../store/repos/settings';
import * as units from '../store/repos/tm';
import type { SegmentRow, UnitRow } from '../store/repos/tm';
import { normalizeForSearch } from '../text/arabic';
import { findFolded } from '../tm/concordance';
import { substituteNumbers } from '../tm/numbers';
import { bandOf, rank, type Query, type Scored } from '../tm/rank';
import { contextHash, matchKey } from '../tm/retrieval';
import { diffWords, exactKey, prepareFolded } from '../tm/score';
import { writeFileAtomicStream } from '../fs-atomic';
import { actor, type ServiceContext } from './context';
import { getDocument } from './documents';
import { memoryIndex, noteUnit } from './tm-memory';

export { memoryIndex } from './tm-memory';

// ——— Matching ———

/** How many candidates the index hands to scoring for each lookup. */
const CANDIDATES = 40;

export interface Segment {
  /** Excluded from the candidates: a pair never matches its own unit. */
  pairId: number | null;
  source: string;
  sourceNorm: string;
  contextHash: number | null;
}

/** The best matches for one source, scored and ranked (no display fields). */
export function findMatches(db: Db, seg: Segment, minScore: number, limit: number): Scored<MemoryUnit>[] {
  const rows = new Map<number, UnitRow>();
  for (const r of units.unitsBySourceNorm(db, seg.sourceNorm)) if (notOwn(seg, r)) rows.set(r.id, r);
  // Exact matches are all that a 100% threshold, or a best-match-only caller that has one, needs;
  // otherwise the index proposes fuzzy candidates.
  if (rows.size === 0 || (minScore < 100 && limit > 1)) {
    for (const r of fuzzyCandidates(db, seg.sourceNorm, minScore)) if (!rows.has(r.id) && notOwn(seg, r)) rows.set(r.id, r);
  }
  return rank(queryOf(seg), [...rows.values()].map(ranked), minScore, limit);
}

const notOwn = (seg: Segment, r: UnitRow): boolean => seg.pairId === null || r.pair_id !== seg.pairId;
const queryOf = (seg: Segment): Query => ({ norm: seg.sourceNorm, contextHash: seg.contextHash });

/** The units the retrieval index proposes for a folded source (own units not yet left out). */
function fuzzyCandidates(db: Db, sourceNorm: string, minScore: number): UnitRow[] {
  const ids = memoryIndex(db)
    .candidates(sourceNorm, Math.min(minScore, 99), CANDIDATES)
    .map((c) => c.id);
  return units.unitsByIds(db, ids);
}

/**
 * The best match for each of many sources, the same one `findMatches(db, seg, minScore, 1)` gives,
 * found by the cheapest way that gives it: units with the same folded source (100%, 101% with the
 * same neighbours) by the store's index; else units whose source scores exactly 100 by their
 * `match_key` (only such units can reach 100: fuzzy retrieval would rank them first); only then the
 * fuzzy index, never at a threshold of 100 or more (nothing else can reach it), and once per folded
 * source (a repetition has the same candidates; the own-unit rule is applied per paragraph).
 * tests/unit/main/tm/best-match.test.ts holds it to `findMatches` over a generated corpus.
 */
export class BestMatcher {
  private fuzzy = new Map<string, Scored<MemoryUnit>[]>();
  /** `repeated`: the folded sources worth remembering a fuzzy answer for (all when not given). */
  constructor(
    private db: Db,
    private minScore: number,
    private repeated?: ReadonlySet<string>,
  ) {}

  best(seg: Segment): Scored<MemoryUnit> | undefined {
    const same = units.unitsBySourceNorm(this.db, seg.sourceNorm).filter((r) => notOwn(seg, r));
    if (same.length > 0) return rank(queryOf(seg), same.map(ranked), this.minScore, 1)[0];
    const key = prepareFolded(seg.sourceNorm);
    // Retrieval indexes words: a source of numbers and punctuation alone gets no fuzzy candidates,
    // so findMatches offers it nothing, and neither does this.
    if (key.units.some((u) => u.kind === 'word')) {
      const wanted = exactKey(key);
      const equal = units
        .unitsByMatchKey(this.db, matchKey(seg.sourceNorm))
        .filter((r) => notOwn(seg, r) && exactKey(prepareFolded(r.source_norm)) === wanted);
      if (equal.length > 0) return rank({ ...queryOf(seg), prepared: key }, equal.map(ranked), this.minScore, 1)[0];
    }
    if (this.minScore >= 100) return undefined;
    let scored = this.fuzzy.get(seg.sourceNorm);
    if (!scored) {
      // Every candidate scored, in ranking order and not de-duplicated: findMatches leaves the
      // paragraph's own unit out before ranking, so the answer is the first unit of another pair.
      // (Context counts only for units with the same folded source, which reach this point only as
      // the paragraph's own: the list does not depend on which repetition asks.)
      const all = rank(
        { ...queryOf(seg), prepared: key },
        fuzzyCandidates(this.db, seg.sourceNorm, this.minScore).map(ranked),
        this.minScore,
        Infinity,
        false,
      );
      // What any paragraph can need: up to the first unit of a pair other than the first unit's.
      const other = all.findIndex((s) => s.unit.pair_id === null || s.unit.pair_id !== all[0]!.unit.pair_id);
      scored = all.slice(0, other < 0 ? all.length : other + 1);
      if (!this.repeated || this.repeated.has(seg.sourceNorm)) this.fuzzy.set(seg.sourceNorm, scored);
    }
    return scored.find((s) => notOwn(seg, s.unit));
  }
}

/** A stored unit with the fields ranking reads. */
export type MemoryUnit = UnitRow & { sourceNorm: string; contextHash: number | null; changedAt: string };
const ranked = (r: UnitRow): MemoryUnit => ({
  ...r,
  sourceNorm: r.source_norm,
  contextHash: r.context_hash,
  changedAt: r.changed_at,
});

function origin(r: UnitRow): TmOrigin {
  return {
    kind: r.origin,
    name: r.origin_name,
    documentId: r.document_id,
    pairId: r.pair_id,
    author: r.author,
    changedAt: r.changed_at,
    status: r.status,
  };
}

function pairSegment(ctx: ServiceContext, pair: Pair): Segment {
  const around = units.neighbourNorms(ctx.db, pair.documentId, pair.position);
  return {
    pairId: pair.id,
    source: pair.source,
    sourceNorm: normalizeForSearch(pair.source),
    contextHash: contextHash(around.prev, around.next),
  };
}

export function toMatch(source: string, s: Scored<MemoryUnit>): TmMatch {
  const sub = substituteNumbers(source, s.unit.source, s.unit.target);
  return {
    unitId: s.unit.id,
    score: s.score,
    kind: s.kind,
    source: s.unit.source,
    diff: diffWords(source, s.unit.source),
    target: sub.text,
    storedTarget: s.unit.target,
    numbersReplaced: sub.replaced,
    origin: origin(s.unit),
  };
}

/**
 * A match for a pair with inline codes gets the pair's codes mapped in order onto the match's English,
 * at the places the memory's own translation had its tags. Memory units keep clean text; a unit taken
 * from a confirmed pair still has that pair, whose codes sit on the same English. When numbers were
 * substituted the positions no longer hold, and the tags are left for the translator (F9).
 */
function withCodes(ctx: ServiceContext, pair: Pair, unit: MemoryUnit, match: TmMatch): TmMatch {
  if (!pair.sourceCodes || unit.pair_id === null || match.target !== match.storedTarget) return match;
  const from = getPairRow(ctx.db, unit.pair_id);
  if (!from?.targetCodes || from.target !== unit.target) return match;
  const mapped = transferCodes(from.targetCodes, pair.sourceCodes);
  return mapped.length > 0 ? { ...match, targetCodes: mapped } : match;
}

export function lookup(
  ctx: ServiceContext,
  input: { pairId: number; limit?: number | undefined; minScore?: number | undefined },
): TmLookupResult {
  const pair = getPairRow(ctx.db, input.pairId);
  if (!pair) throw new QalamError('not_found', { what: 'pair' });
  const minScore = input.minScore ?? readSettings(ctx.db).tmMinScore;
  const seg = pairSegment(ctx, pair);
  const found = findMatches(ctx.db, seg, minScore, input.limit ?? 5);
  return {
    pairId: pair.id,
    matches: found.map((s) => withCodes(ctx, pair, s.unit, toMatch(pair.source, s))),
    repetitions: units.countRepeats(ctx.db, pair.documentId, seg.sourceNorm, pair.id),
  };
}

// ——— Concordance ———

export function concordance(
  ctx: ServiceContext,
  input: { query: string; side?: 'source' | 'target' | 'both' | undefined; limit?: number | undefined },
): TmConcordanceResult {
  const folded = normalizeForSearch(input.query);
  if (folded === '') throw new QalamError('bad_input', { field: 'query' });
  const side = input.side ?? 'both';
  const { total, rows } = units.searchUnits(ctx.db, folded, side, input.limit ?? 50);
  return {
    total,
    hits: rows.map((r) => ({
      unitId: r.id,
      source: r.source,
      target: r.target,
      sourceHits: side === 'target' ? [] : findFolded(r.source, folded),
      targetHits: side === 'source' ? [] : findFolded(r.target, folded),
      origin: origin(r),
    })),
  };
}

// ——— Analysis ———

const PROGRESS_EVERY = 500;

/** Each non-excluded segment of a document with its context hash and best score. */
export function bestScores(
  ctx: ServiceContext,
  documentId: number,
  phase: 'analyze' | 'pretranslate',
  minScore: number,
  each: (row: SegmentRow, best: Scored<MemoryUnit> | undefined, seg: Segment) => void,
): void {
  const rows = units.documentSegments(ctx.db, documentId);
  const total = rows.length;
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const r of rows) (seen.has(r.source_norm) ? repeated : seen).add(r.source_norm);
  const matcher = new BestMatcher(ctx.db, minScore, repeated);
  ctx.events.emit('tm:progress', { documentId, phase, done: 0, total });
  for (let i = 0; i < total; i++) {
    const row = rows[i]!;
    if (row.excluded === 0) {
      const seg: Segment = {
        pairId: row.id,
        source: row.source,
        sourceNorm: row.source_norm,
        contextHash: contextHash(rows[i - 1]?.source_norm ?? '', rows[i + 1]?.source_norm ?? ''),
      };
      each(row, matcher.best(seg), seg);
    }
    if ((i + 1) % PROGRESS_EVERY === 0) ctx.events.emit('tm:progress', { documentId, phase, done: i + 1, total });
  }
  ctx.events.emit('tm:progress', { documentId, phase, done: total, total });
}

/**
 * Words and segments per match band, as translators quote from: context (101%), 100%, then
 * repetitions (a folded source seen earlier in the document that has no 100% match), then the
 * fuzzy bands of the best match and no match.
 */
export function analyze(ctx: ServiceContext, documentId: number): TmAnalysis {
  getDocument(ctx, documentId);
  const bands = Object.fromEntries(TM_BANDS.map((b) => [b, emptyCount()])) as Record<TmBand, Count>;
  const total = emptyCount();
  const seen = new Set<string>();
  bestScores(ctx, documentId, 'analyze', 50, (row, best) => {
    const score = best?.score ?? 0;
    let band: TmBand = bandOf(score);
    if (score < 100 && seen.has(row.source_norm)) band = 'repetition';
    seen.add(row.source_norm);
    bands[band].segments++;
    bands[band].words += row.source_words;
    total.segments++;
    total.words += row.source_words;
  });
  return { documentId, bands, total, memoryUnits: units.unitCount(ctx.db) };
}

export function repetitions(ctx: ServiceContext, documentId: number): TmRepetitions {
  getDocument(ctx, documentId);
  return { documentId, ...units.repetitionCounts(ctx.db, documentId) };
}

// ——— Stats, removal ———

export function getMemoryStats(ctx: ServiceContext): TmStats {
  const c = units.memoryCounts(ctx.db);
  return {
    units: c.byStatus.imported + c.byStatus.translated + c.byStatus.approved,
    byStatus: c.byStatus,
    origins: c.origins.map((o) => ({
      kind: o.origin,
      name: o.originName,
      documentId: o.documentId,
      documentExists: o.documentExists,
      units: o.units,
    })),
  };
}

export function removeUnits(ctx: ServiceContext, of: { documentId: number } | { tmxName: string }): { removed: number } {
  const ids = ctx.db.transaction(() => units.deleteUnitsOf(ctx.db, of)).immediate();
  for (const id of ids) noteUnit(ctx.db, id, null);
  return { removed: ids.length };
}

// ——— TMX in and out ———

/** A TMX file's units join the memory; units already there (same source and English) are skipped. */
/**
 * What importing these TMX units would do: the units to store, and how many the memory already
 * holds (or the file repeats) or that lack a source or a translation. The import preview and the
 * import count with this one function, so the two never disagree.
 */
export function planTmx(
  db: Db,
  parsed: ImportedTmUnit[],
): { store: (ImportedTmUnit & { sourceNorm: string })[]; known: number; empty: number } {
  const store: (ImportedTmUnit & { sourceNorm: string })[] = [];
  const seen = new Set<string>();
  let known = 0;
  let empty = 0;
  for (const u of parsed) {
    if (!u.source.trim() || !u.target.trim()) {
      empty++;
      continue;
    }
    const sourceNorm = normalizeForSearch(u.source);
    const key = `${u.source}\u0000${u.target}`;
    if (seen.has(key) || units.unitExists(db, sourceNorm, u.source, u.target)) {
      known++;
      continue;
    }
    seen.add(key);
    store.push({ ...u, sourceNorm });
  }
  return { store, known, empty };
}

export async function importTmx(
  ctx: ServiceContext,
  fileName: string,
  bytes: Uint8Array,
): Promise<{ stored: number; skipped: number; known: number }> {
  const { parseTmx } = await import('../formats/tmx');
  const parsed = parseTmx(bytes);
  const who = actor(ctx);
  const at = ctx.now();
  const added: [number, string][] = [];
  let known = 0;
  ctx.db
    .transaction(() => {
      const plan = planTmx(ctx.db, parsed);
      known = plan.known;
      const total = plan.store.length;
      for (const [i, u] of plan.store.entries()) {
        // A file's import progress, and a cancelled job's checkpoint (jobs/), inside the transaction.
        if (i % 2000 === 0) ctx.events.emit('import:progress', { fileName, done: i, total });
        const sourceNorm = u.sourceNorm;
        const id = units.insertUnit(ctx.db, {
          source: u.source,
          target: u.target,
          source_norm: sourceNorm,
          target_norm: normalizeForSearch(u.target),
          source_lang: u.sourceLang,
          target_lang: u.targetLang,
          status: 'imported',
          origin: 'tmx',
          origin_name: fileName,
          pair_id: null,
          document_id: null,
          context_hash: null,
          author: u.author ?? who.name,
          created_at: u.createdAt ?? at,
          changed_at: u.changedAt ?? u.createdAt ?? at,
        });
        added.push([id, sourceNorm]);
      }
      ctx.events.emit('import:progress', { fileName, done: total, total });
    })
    .immediate();
  for (const [id, norm] of added) noteUnit(ctx.db, id, norm);
  return { stored: added.length, skipped: parsed.length - added.length, known };
}

/** The units of the whole memory, or of one document, as the TMX writers take them. */
function* memoryTmxUnits(ctx: ServiceContext, documentId: number | undefined): Generator<MemoryTmxUnit> {
  for (const r of units.allUnits(ctx.db, documentId)) {
    yield {
      id: r.id,
      source: r.source,
      target: r.target,
      sourceLang: r.source_lang,
      targetLang: r.target_lang,
      author: r.author,
      createdAt: r.created_at,
      changedAt: r.changed_at,
      status: r.status,
      origin: r.origin_name,
    };
  }
}

/** The whole memory as TMX 1.4b, or the units of one document. */
export async function renderMemoryTmx(ctx: ServiceContext, of: { documentId?: number } = {}): Promise<Uint8Array> {
  const { writeMemoryTmx } = await import('../formats/tmx');
  return writeMemoryTmx(memoryTmxUnits(ctx, of.documentId), { exportedAt: ctx.now(), exportedBy: actor(ctx).name });
}

/** The same TMX written to a file as it is read from the store, never whole in memory. */
export async function writeMemoryTmxFile(
  ctx: ServiceContext,
  path: string,
  opts: { documentId?: number; overwrite: boolean },
): Promise<number> {
  const { streamMemoryTmx } = await import('../formats/tmx');
  const meta = {
    exportedAt: ctx.now(),
    exportedBy: actor(ctx).name,
    srcLang: units.commonSourceLang(ctx.db, opts.documentId) || 'ar',
  };
  let bytes = 0;
  writeFileAtomicStream(
    path,
    (write) =>
      streamMemoryTmx(memoryTmxUnits(ctx, opts.documentId), meta, (chunk) => {
        bytes += chunk.length;
        write(chunk);
      }),
    { overwrite: opts.overwrite },
  );
  return bytes;
}

export async function exportMemoryToFile(
  ctx: ServiceContext,
  path: string,
  overwrite = false,
): Promise<{ bytes: number; units: number }> {
  const bytes = await writeMemoryTmxFile(ctx, path, { overwrite });
  return { bytes, units: getMemoryStats(ctx).units };
}

export async function exportMemoryForRenderer(ctx: ServiceContext, saveAs: boolean): Promise<ExportResult> {
  const bytes = await renderMemoryTmx(ctx);
  const fileName = `translation-memory-${ctx.now().slice(0, 10)}.tmx`;
  const mime = 'application/x-tmx+xml';
  if (saveAs) {
    if (!ctx.host.saveFile) throw new QalamError('unsupported');
    const savedPath = await ctx.host.saveFile(fileName, bytes);
    return savedPath === null
      ? { fileName, mime, cancelled: true, bytes: bytes.length }
      : { fileName, mime, savedPath, cancelled: false, bytes: bytes.length };
  }
  return { fileName, mime, dataBase64: Buffer.from(bytes).toString('base64'), cancelled: false, bytes: bytes.length };
}
