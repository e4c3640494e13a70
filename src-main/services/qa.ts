// Automatic quality checks over the store: one pair as it is edited, a whole document as a report,
// warnings marked "not an error", the document's check profile, the user dictionary. The checks
// themselves are pure (src-main/qa/); this file decides what they see.
import {
  checkPair,
  consistencyFindings,
  documentFigures,
  lengthRatios,
  followChange,
  pairsUnder,
  targetKey,
  type DocumentFigures,
  type QaContext,
} from '../qa/checks';
import type { QaPair } from '../qa/types';
import {
  QA_CHECKS,
  QA_SEVERITY,
  standingErrors,
  type QaCheckId,
  type QaIssue,
  type QaPairIssues,
  type QaReport,
} from '../shared/qa';
import { QalamError } from '../shared/errors';
import { getDocumentRow } from '../store/repos/documents';
import { countPairs, getPair } from '../store/repos/pairs';
import * as repo from '../store/repos/qa';
import { actor, type ServiceContext } from './context';
import { glossaryFingerprint, glossaryIndex, type GlossaryIndex } from './glossary';
import { factRows, factsGlossary, factsUsable, makeFacts, storeFacts, type FactsGlossary, type MadeFacts } from './qa-facts';
import { compactFigures } from './qa-figures';
import { markIgnored, QaTally, reportHead, targetHash, type QaTallyPart } from './qa-tally';
import { packPairIssues, unpackPart, type PackedReport, type PackedReportPart } from '../jobs/qa-issues-pack';
import type { QaThreadFigures } from '../jobs/qa-thread-protocol';
import { englishSpeller } from './spell';

export { targetHash } from './qa-tally';

interface CachedFigures {
  updatedAt: string;
  computedAt: number;
  figures: DocumentFigures;
}

// Document-wide figures (length fences, consistency) cost a pass over the document. They are
// recomputed when the document has changed, but for a large document at most every few seconds:
// a live check while typing may see a consistency picture a moment old.
const LARGE_DOCUMENT = 20_000;
const LARGE_REFRESH_MS = 5_000;
const figuresCache = new WeakMap<ServiceContext['db'], Map<number, CachedFigures>>();

/** Drops what this process holds about every document (as a fresh process starts). */
export function forgetFigures(ctx: ServiceContext): void {
  figuresCache.delete(ctx.db);
}

/** The figures this process holds for a document while they are still usable, else undefined. */
function usableFigures(ctx: ServiceContext, documentId: number, updatedAt: string): DocumentFigures | undefined {
  const cached = figuresCache.get(ctx.db)?.get(documentId);
  if (!cached) return undefined;
  const fresh = cached.updatedAt === updatedAt;
  const largeAndRecent =
    cached.figures.targetsBySource.size > LARGE_DOCUMENT && Date.now() - cached.computedAt < LARGE_REFRESH_MS;
  return fresh || largeAndRecent ? cached.figures : undefined;
}

function figuresFor(ctx: ServiceContext, documentId: number, rows?: QaPair[], ratios?: readonly number[]): DocumentFigures {
  const doc = getDocumentRow(ctx.db, documentId);
  if (!doc) throw new QalamError('not_found', { what: 'document' });
  const usable = rows ? undefined : usableFigures(ctx, documentId, doc.updated_at);
  if (usable) return usable;
  let byDoc = figuresCache.get(ctx.db);
  if (!byDoc) figuresCache.set(ctx.db, (byDoc = new Map()));
  const figures = documentFigures(rows ?? repo.qaRows(ctx.db, documentId), ratios);
  byDoc.set(documentId, { updatedAt: doc.updated_at, computedAt: Date.now(), figures });
  return figures;
}

function contextFor(ctx: ServiceContext, documentId: number, figures: DocumentFigures): QaContext {
  return contextAndGlossary(ctx, documentId, figures).qa;
}

/** The checks' context, and the glossary behind it (a second thread builds its own index from its terms). */
function contextAndGlossary(
  ctx: ServiceContext,
  documentId: number,
  figures: DocumentFigures,
): { qa: QaContext; glossary: GlossaryIndex | null } {
  const disabled = new Set(repo.qaDisabled(ctx.db, documentId));
  const glossary = glossaryIndex(ctx, documentId);
  return {
    qa: {
      disabled,
      document: figures,
      glossary: glossary?.index,
      speller: disabled.has('spelling') ? undefined : englishSpeller(),
      acceptedWords: acceptedWords(repo.userWords(ctx.db), glossary?.englishWords),
    },
    glossary,
  };
}

/**
 * Starts the second thread of a split document QA (its start-up and speller) while this one reads
 * the document, when the document is large enough to be split (see {@link checkRows}).
 */
function prepareThreads(ctx: ServiceContext, documentId: number, pairs: number): void {
  if (!ctx.qaThreads || ctx.qaThreads.splitAt(pairs) === null) return;
  ctx.qaThreads.prepare(!repo.qaDisabled(ctx.db, documentId).includes('spelling'));
}

const NO_FIGURES: DocumentFigures = {
  lengthFences: null,
  targetsBySource: new Map(),
  sourcesByTarget: new Map(),
  byPair: new Map(),
};

interface Checked {
  /** The state of the document the rows were read in (see storeJudgements). */
  epoch: string;
  /** The rows checked here, in order, and their issues. */
  rows: repo.QaRow[];
  own: QaIssue[][];
  /** The other thread's part, tallied there (qa-tally.ts), when the document was split. */
  theirs: QaTallyPart | null;
  ignores: Map<number, repo.QaIgnore[]>;
  qa: QaContext;
  /** Facts made for this check and not stored yet: the caller stores them with what it writes (storeFacts). */
  made: MadeFacts | null;
}

/**
 * Reads the whole document and checks it, in one read transaction (one state of the document),
 * with `progress(n)` at every {@link QA_PROGRESS_EVERY} rows below the last (each a cancel
 * checkpoint in the job worker). In the job worker a large document is split over two threads
 * (ctx.qaThreads: jobs/qa-threads.ts): the second reads its part (the larger) itself, from its own
 * connection, and answers what the figures need of it (length ratios, folded sources, targets);
 * this one reads its own part meanwhile, builds the document's figures (the fences from both
 * parts' ratios, the consistency maps from both parts), and gives the second thread the fences and
 * its pairs' consistency findings; the second thread, which ran every other check while it waited,
 * finishes and tallies its part (marks, counts, states, and for a report its entries packed:
 * qa-tally.ts). Should the second thread have read another state of the document (a write in
 * between), or be lost, its part is read and checked here.
 */
function readAndCheck(
  ctx: ServiceContext,
  documentId: number,
  total: number,
  progress: (done: number) => void,
  mode: { judge: boolean; follow: boolean },
): Checked {
  // The sources' facts stand for the sources (services/qa-facts.ts), made first if missing.
  const withGlossary = factsGlossary(ctx, documentId);
  // The judging of the "has QA issues" filter stops at what settles a state: it reads the facts a
  // report made, and does not make them (a glossary of common words finds terms it never looks at).
  const made = mode.judge ? null : makeFacts(ctx, documentId, withGlossary, () => progress(0));
  trace(made ? 'made the facts' : 'facts');
  if (!factsUsable(ctx.db, documentId, withGlossary, made))
    return { ...readAndCheckIn(ctx, documentId, total, progress, mode, null), made };
  try {
    return { ...readAndCheckIn(ctx, documentId, total, progress, mode, { glossary: withGlossary, made }), made };
  } catch (e) {
    // The facts do not fit the document's pairs after all: everything is read as before.
    if (!(e instanceof FactsMismatch)) throw e;
    return { ...readAndCheckIn(ctx, documentId, total, progress, mode, null), made: null };
  }
}

/** Thrown when a part's stored facts turn out not to be of the document's pairs (see factRows). */
class FactsMismatch extends Error {}

function readAndCheckIn(
  ctx: ServiceContext,
  documentId: number,
  total: number,
  progress: (done: number) => void,
  mode: { judge: boolean; follow: boolean },
  facts: { glossary: FactsGlossary | null; made: MadeFacts | null } | null,
): Omit<Checked, 'made'> {
  return ctx.db.transaction((): Omit<Checked, 'made'> => {
    const epoch = repo.qaEpoch(ctx.db, documentId);
    const ignores = ignoresByPair(ctx, documentId);
    const setUp = contextAndGlossary(ctx, documentId, NO_FIGURES);
    progress(0);
    trace('set-up');
    const threads = ctx.qaThreads && !ctx.db.memory ? ctx.qaThreads : null;
    const at = threads?.splitAt(total) ?? null;
    const from = at === null ? null : repo.positionAt(ctx.db, documentId, at);
    /** The rows from `start` (index `first`) to before `end` (null: the end), with their facts or their sources. */
    const part = (start: number | null, end: number | null, first: number): repo.QaRow[] => {
      if (!facts) {
        if (start === null) return end === null ? repo.qaRows(ctx.db, documentId) : repo.qaRowsBefore(ctx.db, documentId, end);
        return repo.qaRowsFrom(ctx.db, documentId, start);
      }
      const rows = factRows(ctx.db, documentId, { from: start, to: end, first }, facts.glossary, facts.made);
      if (!rows) throw new FactsMismatch();
      return rows;
    };
    const g = setUp.glossary;
    const run =
      from === null
        ? null
        : threads!.start(
            {
              dbPath: ctx.db.name,
              documentId,
              from,
              first: at!,
              facts: facts !== null,
              ...(facts?.made ? { made: facts.made } : {}),
            },
            {
              disabled: [...(setUp.qa.disabled ?? [])],
              glossary: g ? { key: `${g.glossaryId}:${g.version}`, terms: g.terms } : null,
              accepted: [...(setUp.qa.acceptedWords ?? [])],
              speller: setUp.qa.speller !== undefined,
              judge: mode.judge,
              follow: mode.follow,
            },
          );
    trace('started the other thread');
    try {
      const rows = part(null, from, 0);
      trace('read the rows here');
      let theirs: { rows: QaPair[]; ratios: Float64Array } | null = null;
      if (run) {
        const read = run.read(() => progress(0));
        trace('waited for the other thread to read');
        if (read && read.epoch === epoch) {
          // What the figures need of the other part (its sources stay there: its thread marks them).
          const figureRows = new Array<QaPair>(read.ids.length);
          for (let i = 0; i < figureRows.length; i++) {
            figureRows[i] = {
              id: read.ids[i]!,
              source: '',
              sourceFolded: read.folded[i]!,
              target: read.targets[i]!,
              excluded: read.excluded[i] === 1,
            };
          }
          theirs = { rows: figureRows, ratios: read.ratios };
        } else {
          // Another state of the document, or no thread: its part is read and checked here.
          run.drop();
          rows.push(...part(from, null, at!));
        }
      }
      progress(0);
      trace('progress');
      const figures = theirs
        ? figuresFor(ctx, documentId, [...rows, ...theirs.rows], [...lengthRatios(rows), ...theirs.ratios])
        : figuresFor(ctx, documentId, rows);
      progress(0);
      trace('figures');
      const qa: QaContext = { ...setUp.qa, document: figures, ...(mode.judge ? { stateOnly: stateOnly(ignores) } : {}) };
      let shown = 0;
      const advance = (done: number): void => {
        while (shown + QA_PROGRESS_EVERY <= done && shown + QA_PROGRESS_EVERY < total) progress((shown += QA_PROGRESS_EVERY));
      };
      if (!theirs) {
        const own = new Array<QaIssue[]>(rows.length);
        for (let n = 0; n < rows.length; n++) {
          advance(n);
          own[n] = checkPair(rows[n]!, qa);
        }
        return { epoch, rows, own, theirs: null, ignores, qa };
      }
      const consistency = packConsistency(theirs.rows, figures, qa.disabled);
      trace("the other part's consistency");
      const checked = run!.check({
        figures: { lengthFences: figures.lengthFences, consistency },
        rows,
        own: (row) => checkPair(row, qa),
        progress: advance,
        theirRows: () => part(from, null, at!),
        ignores,
      });
      return { epoch, rows, own: checked.own, theirs: checked.theirs, ignores, qa };
    } catch (e) {
      run?.drop();
      throw e;
    }
  })();
}

/** What the consistency checks find of the other part's pairs, for its thread (QaThreadFigures.consistency). */
function packConsistency(
  rows: readonly QaPair[],
  figures: DocumentFigures,
  disabled: ReadonlySet<QaCheckId> | undefined,
): QaThreadFigures['consistency'] {
  const ids: number[] = [];
  const counts: number[] = [];
  const others: string[] = [];
  const otherAt = new Map<string, number>();
  for (const row of rows) {
    const found = consistencyFindings(row, figures, disabled);
    if (found.targets === 0 && found.sources === 0) continue;
    let at = otherAt.get(found.other);
    if (at === undefined) otherAt.set(found.other, (at = others.push(found.other) - 1));
    ids.push(row.id);
    counts.push(found.targets, found.sources, at);
  }
  return { ids: Int32Array.from(ids), counts: Int32Array.from(counts), others };
}

/** Judging only: whether a check's warnings are marked "not an error" on the pair's current text. */
function stateOnly(ignores: ReadonlyMap<number, repo.QaIgnore[]>): NonNullable<QaContext['stateOnly']> {
  const hashes = new Map<number, string>();
  return {
    isIgnored: (pair, check) => {
      const marks = ignores.get(pair.id);
      if (!marks?.length) return false;
      let hash = hashes.get(pair.id);
      if (hash === undefined) hashes.set(pair.id, (hash = targetHash(pair.target)));
      return marks.some((g) => g.check === check && g.targetHash === hash);
    },
  };
}

/** The (pair id, state) pairs of tallies' changed states, as the store takes them. */
function* statesOf(...lists: Int32Array[]): Generator<[number, repo.QaState]> {
  for (const list of lists) for (let i = 0; i < list.length; i += 2) yield [list[i]!, list[i + 1] as repo.QaState];
}

/** The user's words and the glossary's English words, merged once per change of either. */
let merged: { user: string; glossary: ReadonlySet<string> | undefined; words: ReadonlySet<string> } | undefined;
function acceptedWords(user: string[], glossary: ReadonlySet<string> | undefined): ReadonlySet<string> {
  const key = user.join('\n');
  if (merged?.user !== key || merged.glossary !== glossary) {
    merged = { user: key, glossary, words: new Set([...(glossary ?? []), ...user.map((w) => w.toLowerCase())]) };
  }
  return merged.words;
}

/**
 * The issues of one pair. With `target`, the checks judge that text instead of the stored one: the
 * editor asks while the translator types, before anything is saved.
 */
export function checkPairQa(ctx: ServiceContext, pairId: number, target?: string): { issues: QaIssue[] } {
  const pair = getPair(ctx.db, pairId);
  if (!pair) throw new QalamError('not_found', { what: 'pair' });
  const text = target ?? pair.target;
  const qaContext = contextFor(ctx, pair.documentId, figuresFor(ctx, pair.documentId));
  const issues = checkPair({ id: pair.id, source: pair.source, target: text, excluded: pair.excluded }, qaContext);
  return { issues: markIgnored(issues, repo.ignoresOfPair(ctx.db, pairId), text) };
}

function ignoresByPair(ctx: ServiceContext, documentId: number): Map<number, repo.QaIgnore[]> {
  const ignores = new Map<number, repo.QaIgnore[]>();
  for (const g of repo.ignoresOfDocument(ctx.db, documentId)) {
    const list = ignores.get(g.pairId) ?? [];
    list.push(g);
    ignores.set(g.pairId, list);
  }
  return ignores;
}

/**
 * Stored judgements count only for the glossary they were made with: when the document's glossary
 * (its own or the shared one) changed since, all of them are void.
 */
function followGlossary(ctx: ServiceContext, documentId: number): void {
  const fingerprint = glossaryFingerprint(ctx, documentId);
  if (repo.judgedWith(ctx.db, documentId) === fingerprint) return;
  ctx.db.transaction(() => {
    repo.markAllUnjudged(ctx.db, documentId);
    repo.setJudgedWith(ctx.db, documentId, fingerprint);
  })();
}

/** Rows checked between two `qa:progress` events (each one a cancel checkpoint in the job worker). */
const QA_PROGRESS_EVERY = 1_000;

/**
 * Every issue of a document, with counts per check: the QA report and `qalam qa`. Reports its
 * progress on 'qa:progress' (at 0 after each step of the set-up, every {@link QA_PROGRESS_EVERY}
 * rows, and once the judgements are stored); in the job worker each event before the last is a
 * cancel checkpoint, and a cancelled report has written nothing: the glossary it follows and the
 * states it judged are stored together after the last checkpoint.
 */
export function documentQa(ctx: ServiceContext, documentId: number): QaReport {
  const { head, own, theirs } = reportParts(ctx, documentId);
  const pairs = own;
  if (theirs) unpackPart(theirs, pairs);
  return { ...head, pairs };
}

/**
 * {@link documentQa} packed for the trip to the main thread (the job worker's `qa:report`): the
 * second thread's part of a split document goes in as that thread packed it.
 */
export function documentQaPacked(ctx: ServiceContext, documentId: number): PackedReport {
  const { head, own, theirs } = reportParts(ctx, documentId);
  return { head, parts: theirs ? [packPairIssues(own), theirs] : [packPairIssues(own)] };
}

const TRACE = process.env.QALAM_QA_TRACE === '1';
let traced = 0;
/** QALAM_QA_TRACE=1: the report's phases on stderr (the time since the previous one). */
function trace(phase: string): void {
  if (!TRACE) return;
  const now = performance.now();
  if (phase) process.stderr.write(`[qalam qa] ${phase}: ${(now - traced).toFixed(1)} ms\n`);
  traced = now;
}

function reportParts(
  ctx: ServiceContext,
  documentId: number,
): { head: Omit<QaReport, 'pairs'>; own: QaPairIssues[]; theirs: PackedReportPart | null } {
  trace('');
  if (!getDocumentRow(ctx.db, documentId)) throw new QalamError('not_found', { what: 'document' });
  // followGlossary, deferred to the store below: a cancelled report leaves the stored states alone.
  const fingerprint = glossaryFingerprint(ctx, documentId);
  const follow = repo.judgedWith(ctx.db, documentId) !== fingerprint;
  const total = countPairs(ctx.db, documentId);
  const progress = (done: number) => ctx.events.emit('qa:progress', { documentId, done, total });
  // Reading the rows, the document's figures and the speller take seconds on 100k pairs, before
  // the first is checked: each ends at a checkpoint.
  prepareThreads(ctx, documentId, total);
  progress(0);
  const {
    epoch,
    rows,
    own,
    theirs,
    ignores,
    qa: qaContext,
    made,
  } = readAndCheck(ctx, documentId, total, progress, {
    judge: false,
    follow,
  });
  trace(theirs ? 'checked (two threads)' : 'checked');
  const tally = new QaTally(follow, 'objects');
  for (let n = 0; n < own.length; n++) {
    const row = rows[n]!;
    tally.add(row, own[n]!, ignores.get(row.id) ?? []);
  }
  trace('tallied');
  // The report has judged every pair: the stored summary (the "has QA issues" filter) takes it,
  // unless the document changed meanwhile (see storeJudgements; then the next judge follows the
  // glossary itself).
  // IMMEDIATE: the write lock is taken (waiting for another writer) before the last checkpoint, so
  // a Cancel that arrives while the report waits to store still leaves everything as it was.
  ctx.db
    .transaction(() => {
      ctx.events.checkpoint();
      if (made) storeFacts(ctx.db, documentId, made);
      if (repo.qaEpoch(ctx.db, documentId) !== epoch) return;
      // Every pair's state is among them when the glossary is followed (the epoch says none was added).
      if (follow) repo.setJudgedWith(ctx.db, documentId, fingerprint);
      repo.setQaStates(ctx.db, statesOf(tally.changedStates(), ...(theirs ? [theirs.changed] : [])));
    })
    .immediate();
  progress(total);
  trace('stored');
  return {
    head: reportHead(documentId, [...(qaContext.disabled ?? [])], theirs ? [tally, theirs] : [tally]),
    own: tally.pairs,
    theirs: theirs?.pairs ?? null,
  };
}

/**
 * Checks a document's pairs one at a time as the caller reads them (the bilingual review's QA
 * column, written as the rows stream): the document-wide figures are the compact ones (qa-figures.ts:
 * only pairs that share a side with another are held), and no report of the whole document is
 * built. The issues are documentQa's for
 * the same pairs. Nothing is written (the caller may be inside a read transaction), so the stored
 * summary is left to the next documentQa or filter.
 */
export function documentChecker(ctx: ServiceContext, documentId: number): (pair: QaPair) => QaIssue[] {
  const qaContext = contextFor(ctx, documentId, compactFigures(ctx.db, documentId));
  const ignores = ignoresByPair(ctx, documentId);
  return (pair) => {
    const found = checkPair(pair, qaContext);
    return found.length === 0 ? found : markIgnored(found, ignores.get(pair.id) ?? [], pair.target);
  };
}

/**
 * Above this many unjudged pairs the whole document is checked in one pass (the report), which
 * shares its per-document set-up; below, only those pairs are.
 */
const JUDGE_ONE_BY_ONE = 2_000;

/**
 * Brings the stored summary of a document up to date: every pair not judged since it (or what its
 * checks compare against) changed is checked now. A query filtering on QA issues runs after it.
 */
export function judgeDocument(ctx: ServiceContext, documentId: number): void {
  followGlossary(ctx, documentId);
  const unjudged = repo.countUnjudged(ctx.db, documentId);
  if (unjudged === 0) return;
  const whole = unjudged > JUDGE_ONE_BY_ONE;
  if (whole) prepareThreads(ctx, documentId, unjudged);
  if (whole) {
    // Only the state is stored: the checks stop at what settles it (see checkPair's stateOnly).
    const { epoch, rows, own, theirs, ignores, made } = readAndCheck(ctx, documentId, countPairs(ctx.db, documentId), () => {}, {
      judge: true,
      follow: false,
    });
    const tally = new QaTally(false, 'none');
    for (let n = 0; n < own.length; n++) tally.add(rows[n]!, own[n]!, ignores.get(rows[n]!.id) ?? []);
    storeJudgements(ctx, documentId, epoch, [...statesOf(tally.changedStates(), ...(theirs ? [theirs.changed] : []))], made);
    return;
  }
  const epoch = repo.qaEpoch(ctx.db, documentId);
  const rows = repo.unjudgedRows(ctx.db, documentId);
  const figures = figuresFor(ctx, documentId);
  const marks = new Map(rows.map((row) => [row.id, repo.ignoresOfPair(ctx.db, row.id)]));
  const qaContext: QaContext = { ...contextAndGlossary(ctx, documentId, figures).qa, stateOnly: stateOnly(marks) };
  const tally = new QaTally(false, 'none');
  for (const row of rows) tally.add(row, checkPair(row, qaContext), marks.get(row.id)!);
  const states = [...statesOf(tally.changedStates())];
  storeJudgements(ctx, documentId, epoch, states);
}

/**
 * Stores judged states unless what they were judged against changed meanwhile (the epoch read
 * before the pairs were): the job worker judges while the main thread writes, and a state judged
 * on a text that has since changed would hide the pair from the filter. False when nothing was
 * stored; the pairs stay unjudged and the next query judges them again.
 */
export function storeJudgements(
  ctx: ServiceContext,
  documentId: number,
  epoch: string,
  states: readonly (readonly [number, repo.QaState])[],
  made: MadeFacts | null = null,
): boolean {
  if (states.length === 0 && !made) return true;
  return ctx.db.transaction(() => {
    // The facts hold whatever the states: the document's sources and glossary version they were made of.
    if (made) storeFacts(ctx.db, documentId, made);
    if (states.length === 0) return true;
    if (repo.qaEpoch(ctx.db, documentId) !== epoch) return false;
    repo.setQaStates(ctx.db, states);
    return true;
  })();
}

/** At most this many unjudged pairs are judged on the calling thread; more go to the job worker. */
const JUDGE_HERE = 200;
/** A document this small has its figures computed on the calling thread when needed (a few ms). */
const SMALL_DOCUMENT = 2_000;

/**
 * {@link judgeDocument} for the app's "has QA issues" filter and bulk approval: a few pairs of a
 * document whose figures this process holds are judged here; anything more runs as a job
 * (`ctx.jobs`: the worker thread in the app), so a 100k-pair document does not stall the main
 * thread's event loop for seconds. Judgements dropped because the document changed meanwhile
 * (see {@link storeJudgements}) are tried again, a bounded number of times.
 */
export async function judgeDocumentOffThread(ctx: ServiceContext, documentId: number): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const doc = getDocumentRow(ctx.db, documentId);
    if (!doc) throw new QalamError('not_found', { what: 'document' });
    followGlossary(ctx, documentId);
    const unjudged = repo.countUnjudgedUpTo(ctx.db, documentId, JUDGE_HERE + 1);
    if (unjudged === 0) return;
    const cheapHere =
      unjudged <= JUDGE_HERE &&
      (usableFigures(ctx, documentId, doc.updated_at) !== undefined || countPairs(ctx.db, documentId) <= SMALL_DOCUMENT);
    if (cheapHere) {
      judgeDocument(ctx, documentId);
      continue;
    }
    await ctx.jobs.run('qa:judge', { documentId });
  }
}

/** A pair whose text or exclusion a write changed (what the QA summary and figures need to know). */
export interface QaTextChange {
  pairId: number;
  before: { target: string; excluded: boolean };
  after: { target: string; excluded: boolean };
}

/**
 * The write path's hook, inside its transaction (services/pair-writes.ts): a pair's text or
 * exclusion changed, so its stored judgement is void, and so is that of its consistency peers:
 * the pairs with the same folded source (their "translated differently" changes) and those that
 * share its old or new target (their "same translation, different sources" changes). The peers
 * come from the document figures this process holds, kept exact by {@link qaFiguresChanged};
 * without them (another process, or none computed yet) the whole document is judged again.
 */
export function qaTextChanged(ctx: ServiceContext, documentId: number, changes: readonly QaTextChange[]): void {
  const figures = figuresCache.get(ctx.db)?.get(documentId)?.figures;
  if (!figures || changes.length > JUDGE_ONE_BY_ONE) {
    repo.markAllUnjudged(ctx.db, documentId);
    return;
  }
  const ids = new Set<number>();
  for (const c of changes) {
    ids.add(c.pairId);
    const folded = figures.byPair.get(c.pairId)?.folded;
    if (folded === undefined) {
      repo.markAllUnjudged(ctx.db, documentId);
      return;
    }
    for (const id of pairsUnder(figures.targetsBySource, folded)) ids.add(id);
    for (const text of [c.before.target, c.after.target]) {
      if (text.trim() === '') continue;
      for (const id of pairsUnder(figures.sourcesByTarget, targetKey(text))) ids.add(id);
    }
  }
  repo.markUnjudged(ctx.db, ids);
}

/**
 * After the write committed: the cached figures' consistency maps follow the change, so the next
 * write finds its peers without a pass over the document (length fences wait for a recompute).
 */
export function qaFiguresChanged(ctx: ServiceContext, documentId: number, changes: readonly QaTextChange[]): void {
  const figures = figuresCache.get(ctx.db)?.get(documentId)?.figures;
  if (!figures) return;
  for (const c of changes) {
    // Never seen (excluded when the figures were made): the next pass over the document adds it.
    if (!followChange(figures, c.pairId, c.after.target, c.after.excluded)) {
      figuresCache.get(ctx.db)?.delete(documentId);
      return;
    }
  }
}

/** Marks a warning "not an error" for the pair's current text (or takes the mark back). */
export function setIgnored(ctx: ServiceContext, pairId: number, check: QaCheckId, ignored: boolean): { issues: QaIssue[] } {
  if (QA_SEVERITY[check] === 'error') throw new QalamError('bad_input', { field: 'check' });
  const pair = getPair(ctx.db, pairId);
  if (!pair) throw new QalamError('not_found', { what: 'pair' });
  const who = actor(ctx);
  const mark = { pairId, check, targetHash: targetHash(pair.target), author: who.name, role: who.role, createdAt: ctx.now() };
  ctx.db.transaction(() => {
    if (ignored) {
      repo.putIgnore(ctx.db, mark);
      repo.logIgnore(ctx.db, { ...mark, action: 'ignore' });
    } else if (repo.deleteIgnore(ctx.db, pairId, check)) {
      repo.logIgnore(ctx.db, { ...mark, action: 'unignore' });
    }
    repo.markUnjudged(ctx.db, [pairId]);
  })();
  ctx.events.emit('pairs:changed', { documentId: pair.documentId, pairIds: [pairId] });
  return checkPairQa(ctx, pairId);
}

export function getQaProfile(ctx: ServiceContext, documentId: number): { disabled: QaCheckId[] } {
  if (!getDocumentRow(ctx.db, documentId)) throw new QalamError('not_found', { what: 'document' });
  return { disabled: repo.qaDisabled(ctx.db, documentId) };
}

export function setQaProfile(ctx: ServiceContext, documentId: number, disabled: readonly QaCheckId[]): { disabled: QaCheckId[] } {
  const unique = QA_CHECKS.filter((c) => disabled.includes(c));
  if (!repo.setQaDisabled(ctx.db, documentId, unique)) throw new QalamError('not_found', { what: 'document' });
  repo.markAllUnjudged(ctx.db, documentId);
  return { disabled: unique };
}

export function listUserWords(ctx: ServiceContext): { words: string[] } {
  return { words: repo.userWords(ctx.db) };
}

export function addUserWord(ctx: ServiceContext, word: string): { words: string[] } {
  repo.addUserWord(ctx.db, word.trim(), ctx.now());
  repo.markAllUnjudged(ctx.db, null);
  return listUserWords(ctx);
}

export function removeUserWord(ctx: ServiceContext, word: string): { words: string[] } {
  repo.removeUserWord(ctx.db, word.trim());
  repo.markAllUnjudged(ctx.db, null);
  return listUserWords(ctx);
}

/** The errors still standing on a pair: an approval asks before it goes past them. */
export function standingErrorChecks(ctx: ServiceContext, pairId: number, target?: string): QaCheckId[] {
  return [...new Set(standingErrors(checkPairQa(ctx, pairId, target).issues).map((i) => i.check))];
}

/** The pairs of a document on which a QA error stands: bulk approval leaves them out. */
export function pairsWithErrors(ctx: ServiceContext, documentId: number): Set<number> {
  judgeDocument(ctx, documentId);
  return new Set(repo.pairIdsWithQaState(ctx.db, documentId, 2));
}
