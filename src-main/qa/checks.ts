// The automatic checks for Arabic→English. Each looks at one pair (and, for length and consistency,
// at figures drawn from the whole document) and says what is wrong and which characters to mark.

import { englishWords, factsOf, lastMark, type SourceFacts } from './facts';
import { findNumbers, SPELLED_VALUES, spelledNumbers, type FoundNumber } from './numbers';
import { findEnglishTerm, termHaystack, type Term, type TermIndex } from './terms';
import { QA_SEVERITY, type QaCheckId, type QaIssue, type QaPair, type QaRange } from './types';

export { englishWords, hasWords } from './facts';

/** What a Hunspell-compatible checker offers (nspell does). */
export interface Speller {
  correct(word: string): boolean;
  suggest(word: string): string[];
}

export interface QaContext {
  /** Checks switched off by the document's profile. */
  disabled?: ReadonlySet<QaCheckId>;
  glossary?: TermIndex;
  speller?: Speller;
  /** Words the user added to the dictionary (lower case). */
  acceptedWords?: ReadonlySet<string>;
  /** Drawn from the whole document: see {@link documentFigures}. */
  document?: DocumentFigures;
  /**
   * Only the pair's state is wanted (the stored summary behind the "has QA issues" filter), not
   * every issue: see {@link judgePair}. `isIgnored` says whether the pair's current text has a
   * check's warnings marked "not an error".
   */
  stateOnly?: { isIgnored(pair: QaPair, check: QaCheckId): boolean };
  /**
   * The consistency findings of a pair worked out by whoever holds the document's consistency maps
   * (see {@link consistencyFindings}): a QA thread checking part of a document is given them instead
   * of the maps. When set, the maps of `document` are not read (its length fences still are).
   */
  consistencyOf?: (pair: QaPair) => QaIssue[];
}

export interface DocumentFigures {
  /** Bounds of log(target length / source length) outside which a pair is unusual; null with too few pairs. */
  lengthFences: { low: number; high: number } | null;
  /** Folded source → each distinct target it has in the document → the pairs that have it (see {@link PairGroups}). */
  targetsBySource: Map<string, PairGroups>;
  /** Normalised target → each distinct folded source it translates → the pairs (see {@link PairGroups}). */
  sourcesByTarget: Map<string, PairGroups>;
  /**
   * Each pair as the maps hold it: its folded source (folded once per document, not once per
   * check) and, when translated, its stored target and that target's key.
   */
  byPair: Map<number, { folded: string; target: string; key: string | null; excluded: boolean }>;
}

/**
 * The pairs under one key of a consistency map, grouped by their other side (target key, or
 * folded source). Most keys of a document have one pair: it is then held as its id alone, its
 * other side read from {@link DocumentFigures.byPair} (a Map and a Set for each of 100k pairs
 * cost more than the checks that read them). Read with {@link pairsUnder}.
 */
export type PairGroups = number | Map<string, PairIds>;

/**
 * The pairs of one group: most groups (a source's targets, a target's sources) have one pair, then
 * held as its id alone (a repeated source translated a hundred ways makes a hundred groups).
 */
export type PairIds = number | Set<number>;

/** Whether `pairId` is the one and only pair of a group. */
function onlyPair(ids: PairIds, pairId: number): boolean {
  return typeof ids === 'number' ? ids === pairId : ids.size === 1 && ids.has(pairId);
}

/** Which side of a pair a consistency map groups by: the target key (targetsBySource) or the folded source. */
type Side = 'key' | 'folded';

function sideOf(doc: DocumentFigures['byPair'], id: number, side: Side): string {
  const known = doc.get(id)!;
  return side === 'key' ? known.key! : known.folded;
}

/** Every pair under `key` in one of the consistency maps. */
export function pairsUnder(index: Map<string, PairGroups>, key: string): number[] {
  const groups = index.get(key);
  if (groups === undefined) return [];
  if (typeof groups === 'number') return [groups];
  const out: number[] = [];
  for (const ids of groups.values()) {
    if (typeof ids === 'number') out.push(ids);
    else for (const id of ids) out.push(id);
  }
  return out;
}

const ARABIC_IN_ENGLISH = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF«»]/g;
const INVISIBLE = /[\u200B-\u200F\u061C\u202A-\u202E\u2066-\u2069\uFEFF\u00AD\u2060]/g;
/** The same classes without the global flag: a clean target (the usual one) is passed by one test. */
const HAS_ARABIC = new RegExp(ARABIC_IN_ENGLISH.source);
const HAS_INVISIBLE = new RegExp(INVISIBLE.source);
const MIN_RATIO_SAMPLE = 8;

function issue(check: QaCheckId, params: QaIssue['params'], ranges: QaRange[] = []): QaIssue {
  return { check, severity: QA_SEVERITY[check], params, ranges };
}

const whole = (side: QaRange['side'], text: { length: number }): QaRange[] => [{ side, start: 0, end: text.length }];

/** Whether the profile leaves a check on (a function, not a closure made for each pair). */
function enabled(disabled: ReadonlySet<QaCheckId> | undefined, id: QaCheckId): boolean {
  return disabled === undefined || !disabled.has(id);
}

/** Runs every enabled check on one pair. Pure; a few microseconds to a millisecond per pair. */
export function checkPair(pair: QaPair, ctx: QaContext = {}): QaIssue[] {
  if (pair.excluded) return [];
  if (ctx.stateOnly) return judgePair(pair, ctx, ctx.stateOnly);
  const out: QaIssue[] = [];
  runChecks(pair, ctx, out, true);
  // Grown push by push, the list has room for a dozen more: a report holds one list a pair, cut to size.
  return out.length === 0 ? out : out.slice();
}

/**
 * {@link checkPair} in two steps, for a thread that has the pair before the document's figures (a
 * split document QA's second part): every check but those that read the figures (length ratio,
 * consistency), and where their issues go in the list (`at`, -1 when they never run: an excluded
 * or untranslated pair); then {@link documentIssues}, spliced in at `at`, gives checkPair's list.
 * Not for a judging context (stateOnly).
 */
export function checkPairBeforeFigures(pair: QaPair, ctx: QaContext): { issues: QaIssue[]; at: number } {
  if (pair.excluded) return { issues: [], at: -1 };
  const issues: QaIssue[] = [];
  const at = runChecks(pair, ctx, issues, false);
  return { issues, at };
}

/** The issues of the checks that read the document's figures, in checkPair's order (see {@link checkPairBeforeFigures}). */
export function documentIssues(pair: QaPair, ctx: QaContext): QaIssue[] {
  const out: QaIssue[] = [];
  documentChecks(pair, factsOf(pair), ctx, out);
  return out;
}

/** Every check into `out`, those reading the figures only with `document`; answers where those go (-1: nowhere). */
function runChecks(pair: QaPair, ctx: QaContext, out: QaIssue[], document: boolean): number {
  const off = ctx.disabled;
  const { target } = pair;
  const source = factsOf(pair);
  if (target.trim() === '') {
    if (enabled(off, 'empty-target')) out.push(issue('empty-target', {}, whole('source', source)));
    return -1;
  }
  if (enabled(off, 'same-as-source') && source.sameTrimmed(target.trim()))
    out.push(issue('same-as-source', {}, whole('target', target)));
  if (enabled(off, 'arabic-in-target')) out.push(...arabicInTarget(target));
  if (enabled(off, 'number-missing') || enabled(off, 'number-extra')) out.push(...numbers(source, target, ctx));
  if (enabled(off, 'latin-missing')) out.push(...latinTokens(source, target));
  if (enabled(off, 'end-punctuation')) out.push(...endPunctuation(source, target));
  if (enabled(off, 'unbalanced-pairs')) out.push(...unbalanced(target));
  if (enabled(off, 'invisible-chars')) out.push(...invisible(target));
  if (enabled(off, 'spacing')) out.push(...spacing(target));
  const at = out.length;
  if (document) documentChecks(pair, source, ctx, out);
  if (ctx.glossary) {
    if (enabled(off, 'term-missing')) out.push(...termMissing(source, target, ctx.glossary));
    if (enabled(off, 'term-forbidden')) out.push(...termForbidden(target, ctx.glossary));
  }
  if (enabled(off, 'spelling') && ctx.speller) out.push(...spelling(source, target, ctx));
  return at;
}

/** The checks that read the document's figures (a translated pair's length ratio and consistency). */
function documentChecks(pair: QaPair, source: SourceFacts, ctx: QaContext, out: QaIssue[]): void {
  const { target } = pair;
  if (enabled(ctx.disabled, 'length-ratio') && ctx.document?.lengthFences)
    out.push(...lengthRatio(source, target, ctx.document.lengthFences));
  if (ctx.consistencyOf) out.push(...ctx.consistencyOf(pair));
  else if (ctx.document) out.push(...consistency(pair, source, target, ctx.document, ctx.disabled));
}

/**
 * What decides a pair's state (error, standing warnings, clean) at the least cost: the error
 * checks first, and the first finding settles it (an error cannot be marked "not an error");
 * then the warning checks, cheapest first, until one stands that is not marked. A check that can
 * report many findings (terms, spelling) stops at its first. The issues returned are a subset of
 * {@link checkPair}'s with the same state; the report needs the full list, the filter does not.
 */
function judgePair(pair: QaPair, ctx: QaContext, judge: NonNullable<QaContext['stateOnly']>): QaIssue[] {
  const on = (id: QaCheckId): boolean => !ctx.disabled?.has(id);
  const { target } = pair;
  const source = factsOf(pair);
  if (target.trim() === '') return on('empty-target') ? [issue('empty-target', {}, whole('source', source))] : [];
  const errorIn = (found: QaIssue[]): QaIssue[] | null => (found.some((i) => i.severity === 'error') ? found : null);
  let settled: QaIssue[] | null = null;
  if (on('arabic-in-target') && (settled = errorIn(arabicInTarget(target)))) return settled;
  const nums = on('number-missing') || on('number-extra') ? numbers(source, target, ctx) : [];
  if ((settled = errorIn(nums))) return settled;
  if (ctx.glossary && on('term-forbidden') && (settled = errorIn(termForbidden(target, ctx.glossary, true)))) return settled;
  const standing = (found: QaIssue[]): QaIssue[] | null => {
    const i = found.find((f) => !judge.isIgnored(pair, f.check));
    return i ? [i] : null;
  };
  if ((settled = standing(nums))) return settled;
  if (on('same-as-source') && source.sameTrimmed(target.trim())) {
    if ((settled = standing([issue('same-as-source', {}, whole('target', target))]))) return settled;
  }
  const warnings: (() => QaIssue[])[] = [
    () => (on('end-punctuation') ? endPunctuation(source, target) : []),
    () => (on('unbalanced-pairs') ? unbalanced(target) : []),
    () => (on('invisible-chars') ? invisible(target) : []),
    () => (on('spacing') ? spacing(target) : []),
    () => (on('length-ratio') && ctx.document?.lengthFences ? lengthRatio(source, target, ctx.document.lengthFences) : []),
    () => (on('latin-missing') ? latinTokens(source, target) : []),
    () =>
      ctx.consistencyOf
        ? ctx.consistencyOf(pair)
        : ctx.document
          ? consistency(pair, source, target, ctx.document, ctx.disabled)
          : [],
    () =>
      ctx.glossary && on('term-missing') ? termMissing(source, target, ctx.glossary, (i) => !judge.isIgnored(pair, i.check)) : [],
    () => (on('spelling') && ctx.speller ? spelling(source, target, ctx, true) : []),
  ];
  for (const check of warnings) if ((settled = standing(check()))) return settled;
  return [];
}

function arabicInTarget(target: string): QaIssue[] {
  if (!HAS_ARABIC.test(target)) return [];
  const ranges = [...target.matchAll(ARABIC_IN_ENGLISH)].map((m) => ({
    side: 'target' as const,
    start: m.index,
    end: m.index + m[0].length,
  }));
  if (ranges.length === 0) return [];
  const chars = [...new Set(ranges.map((r) => target.slice(r.start, r.end)))].join(' ');
  return [issue('arabic-in-target', { chars }, mergeAdjacent(ranges))];
}

function numbers(source: SourceFacts, target: string, ctx: QaContext): QaIssue[] {
  const inSource = source.numbers();
  const inTarget = findNumbers(target);
  if (inSource.length === 0 && inTarget.length === 0) return [];
  const { missing, extra } = unmatchedNumbers(inSource, inTarget, target);
  const out: QaIssue[] = [];
  if (missing.length && !ctx.disabled?.has('number-missing')) {
    out.push(
      issue(
        'number-missing',
        { numbers: missing.map((n) => source.numberText(n)).join(', ') },
        missing.map((n) => ({ side: 'source', start: n.start, end: n.end })),
      ),
    );
  }
  if (extra.length && !ctx.disabled?.has('number-extra')) {
    out.push(
      issue(
        'number-extra',
        { numbers: extra.map((n) => target.slice(n.start, n.end)).join(', ') },
        extra.map((n) => ({ side: 'target', start: n.start, end: n.end })),
      ),
    );
  }
  return out;
}

/**
 * The source's numbers the target lacks (each number of the target stands for one of the source,
 * and a number spelled out in the target counts), and the target's numbers whose value the source
 * does not have at all.
 */
export function unmatchedNumbers<S extends FoundNumber>(
  inSource: readonly S[],
  inTarget: readonly FoundNumber[],
  target: string,
): { missing: S[]; extra: FoundNumber[] } {
  // A paragraph holds a few numbers: arrays, not maps, unless it holds many.
  if (inSource.length * inTarget.length > 1024) return unmatchedNumbersByValue(inSource, inTarget, target);
  let spelled: Set<string> | undefined;
  const missing: S[] = [];
  // Each number of the source takes the first number of the target of its value not yet taken.
  const taken: boolean[] = new Array<boolean>(inTarget.length).fill(false);
  for (let s = 0; s < inSource.length; s++) {
    const n = inSource[s]!;
    let t = 0;
    while (t < inTarget.length && (taken[t] || inTarget[t]!.value !== n.value)) t++;
    if (t < inTarget.length) taken[t] = true;
    // Only a few values can be spelled out: the target's words are read for those alone.
    else if (!SPELLED_VALUES.has(n.value) || !(spelled ??= spelledNumbers(target)).has(n.value)) missing.push(n);
  }
  const extra: FoundNumber[] = [];
  for (let t = 0; t < inTarget.length; t++) {
    const value = inTarget[t]!.value;
    let inSourceToo = false;
    for (let s = 0; s < inSource.length && !inSourceToo; s++) inSourceToo = inSource[s]!.value === value;
    if (!inSourceToo) extra.push(inTarget[t]!);
  }
  return { missing, extra };
}

/** {@link unmatchedNumbers} by counts per value: for text with many numbers (a table). */
export function unmatchedNumbersByValue<S extends FoundNumber>(
  inSource: readonly S[],
  inTarget: readonly FoundNumber[],
  target: string,
): { missing: S[]; extra: FoundNumber[] } {
  let spelled: Set<string> | undefined;
  const remaining = new Map<string, number>();
  for (const n of inTarget) remaining.set(n.value, (remaining.get(n.value) ?? 0) + 1);
  const missing: S[] = [];
  for (const n of inSource) {
    const left = remaining.get(n.value) ?? 0;
    if (left > 0) remaining.set(n.value, left - 1);
    else if (!(spelled ??= spelledNumbers(target)).has(n.value)) missing.push(n);
  }
  const sourceValues = new Set(inSource.map((n) => n.value));
  const extra = inTarget.filter((n) => !sourceValues.has(n.value) && (remaining.get(n.value) ?? 0) > 0);
  return { missing, extra };
}

function latinTokens(source: SourceFacts, target: string): QaIssue[] {
  const tokens = source.latinTokens();
  if (tokens.length === 0) return [];
  const missing: QaRange[] = [];
  const names: string[] = [];
  const lowerTarget = target.toLowerCase();
  for (const { token, start } of tokens) {
    const acronym = /^[A-Z0-9&.-]+$/.test(token);
    const found = acronym ? target.includes(token) : lowerTarget.includes(token.toLowerCase());
    if (!found) {
      missing.push({ side: 'source', start, end: start + token.length });
      names.push(token);
    }
  }
  return missing.length ? [issue('latin-missing', { tokens: [...new Set(names)].join(', ') }, missing)] : [];
}

const END_EQUIVALENT: Record<string, string> = { '؟': '?', '?': '?', '!': '!', '.': '.', ':': ':', '…': '…' };

function endPunctuation(source: SourceFacts, target: string): QaIssue[] {
  const s = source.lastMark;
  const t = lastMark(target);
  if (!s || !t) return [];
  const expected = END_EQUIVALENT[s.ch];
  if (!expected) return [];
  if (t.ch === expected || (expected === '…' && target.trimEnd().endsWith('...'))) return [];
  // A full stop may end an English sentence whose Arabic ends in a colon before a quotation, and so on.
  if (expected === '.' && (t.ch === '!' || t.ch === '?')) return [];
  return [
    issue('end-punctuation', { expected, found: END_EQUIVALENT[t.ch] ? t.ch : '' }, [
      { side: 'source', start: s.at, end: s.at + 1 },
      { side: 'target', start: t.at, end: t.at + 1 },
    ]),
  ];
}

const OPENERS: Record<string, string> = { '(': ')', '[': ']', '{': '}', '“': '”', '‘': '’' };
const CLOSING = new Map(Object.entries(OPENERS).map(([o, c]) => [c, o]));

const PAIRED = /[()[\]{}“”‘’"]/;

function unbalanced(target: string): QaIssue[] {
  if (!PAIRED.test(target)) return [];
  const stack: { ch: string; at: number }[] = [];
  const bad: QaRange[] = [];
  for (let i = 0; i < target.length; i++) {
    const ch = target[i]!;
    if (OPENERS[ch]) stack.push({ ch, at: i });
    else if (CLOSING.has(ch)) {
      // ’ is also the apostrophe: it closes only an open ‘.
      if (ch === '’' && stack.at(-1)?.ch !== '‘') continue;
      if (stack.at(-1)?.ch === CLOSING.get(ch)) stack.pop();
      else bad.push({ side: 'target', start: i, end: i + 1 });
    }
  }
  for (const open of stack) if (open.ch !== '‘') bad.push({ side: 'target', start: open.at, end: open.at + 1 });
  const straight = [...target.matchAll(/"/g)];
  if (straight.length % 2 === 1) {
    const last = straight.at(-1)!;
    bad.push({ side: 'target', start: last.index, end: last.index + 1 });
  }
  if (bad.length === 0) return [];
  bad.sort((a, b) => a.start - b.start);
  return [issue('unbalanced-pairs', { chars: bad.map((r) => target.slice(r.start, r.end)).join(' ') }, bad)];
}

const INVISIBLE_NAMES: Record<string, string> = {
  '\u200B': 'ZWSP',
  '\u200C': 'ZWNJ',
  '\u200D': 'ZWJ',
  '\u200E': 'LRM',
  '\u200F': 'RLM',
  '\u061C': 'ALM',
  '\u202A': 'LRE',
  '\u202B': 'RLE',
  '\u202C': 'PDF',
  '\u202D': 'LRO',
  '\u202E': 'RLO',
  '\u2066': 'LRI',
  '\u2067': 'RLI',
  '\u2068': 'FSI',
  '\u2069': 'PDI',
  '\uFEFF': 'BOM',
  '\u00AD': 'SHY',
  '\u2060': 'WJ',
};

function invisible(target: string): QaIssue[] {
  if (!HAS_INVISIBLE.test(target)) return [];
  const found = [...target.matchAll(INVISIBLE)];
  if (found.length === 0) return [];
  const names = [...new Set(found.map((m) => INVISIBLE_NAMES[m[0]] ?? `U+${m[0].charCodeAt(0).toString(16).toUpperCase()}`))];
  return [
    issue(
      'invisible-chars',
      { chars: names.join(', ') },
      found.map((m) => ({ side: 'target', start: m.index, end: m.index + 1 })),
    ),
  ];
}

/**
 * A superset of what {@link spacing} reports: white space at either end, two spaces, or white
 * space just before a punctuation mark. A target without any (the usual one) has nothing to report.
 */
const MAY_BE_SPACED_BADLY = /^\s|\s$| {2}|\s[.,;:!?%)\]}]/;

function spacing(target: string): QaIssue[] {
  if (!MAY_BE_SPACED_BADLY.test(target)) return [];
  const ranges: QaRange[] = [];
  const kinds = new Set<string>();
  const add = (kind: string, start: number, end: number): void => {
    kinds.add(kind);
    ranges.push({ side: 'target', start, end });
  };
  const lead = /^\s+/.exec(target);
  if (lead) add('leading', 0, lead[0].length);
  const trail = /\s+$/.exec(target);
  if (trail) add('trailing', trail.index, target.length);
  for (const m of target.matchAll(/(?<=\S) {2,}(?=\S)/g)) add('double', m.index, m.index + m[0].length);
  for (const m of target.matchAll(/(?<=\S)\s+(?=[.,;:!?%)\]}](?:\s|$))/g))
    add('before-punctuation', m.index, m.index + m[0].length);
  return ranges.length
    ? [
        issue(
          'spacing',
          { kinds: [...kinds].join(', ') },
          ranges.sort((a, b) => a.start - b.start),
        ),
      ]
    : [];
}

export function logRatio(source: string, target: string): number {
  return ratioOf(source.trim().length, target);
}

/** {@link logRatio} from the trimmed source's length. */
function ratioOf(trimmedSource: number, target: string): number {
  return Math.log((target.trim().length + 1) / (trimmedSource + 1));
}

function lengthRatio(source: SourceFacts, target: string, fences: { low: number; high: number }): QaIssue[] {
  if (!source.words3) return []; // a headline's ratio says little
  const r = ratioOf(source.trimmedLength, target);
  if (r >= fences.low && r <= fences.high) return [];
  return [
    issue(
      'length-ratio',
      { ratio: Math.round(Math.exp(r) * 100) / 100, direction: r < fences.low ? 'short' : 'long' },
      whole('target', target),
    ),
  ];
}

/** How the target reads for consistency: case, spacing and final punctuation do not matter. */
export function targetKey(target: string): string {
  let t = target.trim();
  // Most targets separate words by one space: nothing to collapse.
  if (SPACE_TO_COLLAPSE.test(t)) t = t.replace(/\s+/g, ' ');
  let end = t.length;
  for (let c = t.charCodeAt(end - 1); c === 0x2e || c === 0x21 || c === 0x3f; c = t.charCodeAt(--end - 1));
  return (end === t.length ? t : t.slice(0, end)).toLowerCase();
}

/** White space that is not a single ' ' (what targetKey's `\s+` → ' ' changes). */
const SPACE_TO_COLLAPSE = /[^\S ]| {2}/;

/**
 * The keys of `groups` other than `own` held by some pair other than `pairId` (its stored text is
 * not a rival): how many, and the first. Counted, not listed: in a document where one target
 * stands for thousands of sources, listing them for every pair would cost the square of its size.
 */
function rivals(
  groups: PairGroups | undefined,
  own: string,
  pairId: number,
  stored: string | undefined,
  byPair: DocumentFigures['byPair'],
  side: Side,
): { count: number; first: string | undefined } {
  if (groups === undefined) return { count: 0, first: undefined };
  if (typeof groups === 'number') {
    // One group of one pair: the general case below with groups = { [its key]: {its id} }.
    const only = sideOf(byPair, groups, side);
    let count = only === own ? 0 : 1;
    if (stored !== undefined && stored !== own && stored === only && groups === pairId) count--;
    if (count === 0) return { count, first: undefined };
    return { count, first: only !== own && groups !== pairId ? only : undefined };
  }
  let count = groups.size;
  if (groups.has(own)) count--;
  if (stored !== undefined && stored !== own) {
    const ids = groups.get(stored);
    if (ids !== undefined && onlyPair(ids, pairId)) count--;
  }
  if (count === 0) return { count, first: undefined };
  for (const [key, ids] of groups) {
    if (key !== own && !onlyPair(ids, pairId)) return { count, first: key };
  }
  return { count, first: undefined };
}

function consistency(
  pair: QaPair,
  source: SourceFacts,
  target: string,
  doc: DocumentFigures,
  disabled: ReadonlySet<QaCheckId> | undefined,
): QaIssue[] {
  return consistencyIssuesOf(consistencyFound(pair, source, target, doc, disabled), source, target);
}

/**
 * What the consistency checks find of a pair against the document's maps: how many other targets
 * its source has (0: no finding) and the first of them, how many other sources its target
 * translates (0: none). Numbers and a string: what a thread without the maps is sent.
 */
export interface ConsistencyFound {
  targets: number;
  other: string;
  sources: number;
}

const NOTHING_FOUND: ConsistencyFound = { targets: 0, other: '', sources: 0 };

function consistencyFound(
  pair: QaPair,
  source: SourceFacts,
  target: string,
  doc: DocumentFigures,
  disabled: ReadonlySet<QaCheckId> | undefined,
): ConsistencyFound {
  let targets = 0;
  let other = '';
  let sources = 0;
  const known = doc.byPair.get(pair.id);
  const folded = known?.folded ?? source.key;
  const key = known?.key != null && known.target === target ? known.key : targetKey(target);
  // Under a key held by this pair alone, as the figures know it, there is no rival: the usual
  // pair, the only one of its source and of its target, is passed without reading another.
  const asKnown = known !== undefined && known.key === key;
  if (!disabled?.has('inconsistent-target')) {
    const groups = doc.targetsBySource.get(folded);
    if (!(asKnown && groups === pair.id)) {
      const r = rivals(groups, key, pair.id, known?.key ?? undefined, doc.byPair, 'key');
      if (r.count && r.first !== undefined) {
        targets = r.count;
        other = r.first;
      }
    }
  }
  if (!disabled?.has('inconsistent-source')) {
    const groups = doc.sourcesByTarget.get(key);
    if (!(asKnown && groups === pair.id)) sources = rivals(groups, folded, pair.id, folded, doc.byPair, 'folded').count;
  }
  return targets === 0 && sources === 0 ? NOTHING_FOUND : { targets, other, sources };
}

/** The issues of what the consistency checks found (see {@link consistencyFound}), marked on the pair's texts. */
export function consistencyIssuesOf(found: ConsistencyFound, source: { length: number }, target: string): QaIssue[] {
  if (found.targets === 0 && found.sources === 0) return [];
  const out: QaIssue[] = [];
  if (found.targets)
    out.push(issue('inconsistent-target', { other: found.other, count: found.targets }, whole('target', target)));
  if (found.sources) out.push(issue('inconsistent-source', { count: found.sources }, whole('source', source)));
  return out;
}

/**
 * What the consistency checks find of a pair (its stored target against the document's maps), as
 * {@link checkPair} reports it through {@link consistencyIssuesOf}: what a QA thread without the maps is
 * given (QaContext.consistencyOf), and marks on its own texts.
 */
export function consistencyFindings(pair: QaPair, doc: DocumentFigures, disabled?: ReadonlySet<QaCheckId>): ConsistencyFound {
  if (pair.excluded || pair.target.trim() === '') return NOTHING_FOUND;
  return consistencyFound(pair, factsOf(pair), pair.target, doc, disabled);
}

/** Adds a pair to a consistency map; `byPair` already holds its current entry. */
function addTo(
  index: Map<string, PairGroups>,
  byPair: DocumentFigures['byPair'],
  side: Side,
  outer: string,
  inner: string,
  id: number,
): void {
  const held = index.get(outer);
  if (held === undefined) {
    index.set(outer, id);
    return;
  }
  let groups: Map<string, PairIds>;
  if (typeof held === 'number') {
    groups = new Map([[sideOf(byPair, held, side), held]]);
    index.set(outer, groups);
  } else groups = held;
  const ids = groups.get(inner);
  if (ids === undefined) groups.set(inner, id);
  else if (typeof ids !== 'number') ids.add(id);
  else if (ids !== id) groups.set(inner, new Set([ids, id]));
}

/** Removes a pair from a consistency map; `byPair` still holds the entry it was added with. */
function removeFrom(
  index: Map<string, PairGroups>,
  byPair: DocumentFigures['byPair'],
  side: Side,
  outer: string,
  inner: string,
  id: number,
): void {
  const groups = index.get(outer);
  if (typeof groups === 'number') {
    if (groups === id && sideOf(byPair, id, side) === inner) index.delete(outer);
    return;
  }
  const ids = groups?.get(inner);
  if (!groups || ids === undefined) return;
  if (typeof ids === 'number') {
    if (ids === id) groups.delete(inner);
  } else {
    ids.delete(id);
    if (ids.size === 0) groups.delete(inner);
  }
  if (groups.size === 0) index.delete(outer);
}

/**
 * Moves one pair within the consistency maps after its text or exclusion changed, so they stay
 * exact without a pass over the document (the length fences wait for the next one). False when the
 * figures never saw the pair.
 */
export function followChange(doc: DocumentFigures, pairId: number, target: string, excluded: boolean): boolean {
  const known = doc.byPair.get(pairId);
  if (!known) return false;
  if (known.key !== null && !known.excluded) {
    removeFrom(doc.targetsBySource, doc.byPair, 'key', known.folded, known.key, pairId);
    removeFrom(doc.sourcesByTarget, doc.byPair, 'folded', known.key, known.folded, pairId);
  }
  const key = target.trim() === '' ? null : targetKey(target);
  doc.byPair.set(pairId, { folded: known.folded, target, key, excluded });
  if (key !== null && !excluded) {
    addTo(doc.targetsBySource, doc.byPair, 'key', known.folded, key, pairId);
    addTo(doc.sourcesByTarget, doc.byPair, 'folded', key, known.folded, pairId);
  }
  return true;
}

/** A term's English alternatives, split once per term rather than once per paragraph it is found in. */
const englishOf = new WeakMap<Term, { alternatives: string[]; label: string }>();

function englishAlternatives(term: Term): { alternatives: string[]; label: string } {
  let e = englishOf.get(term);
  if (!e) {
    const alternatives = term.target
      .split(/[;|]/)
      .map((t) => t.trim())
      .filter(Boolean);
    englishOf.set(term, (e = { alternatives, label: alternatives.join(' / ') }));
  }
  return e;
}

/** `enough`: stop at the first issue it accepts (the judge's question is whether one stands). */
function termMissing(source: SourceFacts, target: string, glossary: TermIndex, enough?: (i: QaIssue) => boolean): QaIssue[] {
  const out: QaIssue[] = [];
  const hits = source.termHits(glossary);
  if (hits.length === 0) return out;
  const haystack = termHaystack(target);
  // The terms already looked for: a paragraph finds a few (a list), now and then many (a set).
  const reported: number[] = [];
  let many: Set<number> | undefined;
  for (let h = 0; h < hits.length; h++) {
    const hit = hits[h]!;
    const id = hit.term.id;
    if (hit.term.forbidden) continue;
    if (many) {
      if (many.has(id)) continue;
      many.add(id);
    } else {
      if (reported.includes(id)) continue;
      reported.push(id);
      if (reported.length > 32) many = new Set(reported);
    }
    const { alternatives, label } = englishAlternatives(hit.term);
    let present = false;
    for (let a = 0; a < alternatives.length && !present; a++)
      present = findEnglishTerm(target, alternatives[a]!, haystack) !== null;
    if (present) continue;
    const found = issue('term-missing', termParams(hit.term, label, source.termText(hit)), [
      { side: 'source', start: hit.start, end: hit.end },
    ]);
    out.push(found);
    if (enough?.(found)) break;
  }
  return out;
}

/**
 * A missing term's message parameters, one object per term and written form: a document reports
 * the same term written the same way thousands of times, and the report holds every issue until it
 * is stored and sent (each object held is copied by the garbage collector). Frozen: shared.
 */
const paramsOf = new WeakMap<Term, Map<string, QaIssue['params']>>();
const MAX_FORMS = 256;

function termParams(term: Term, label: string, written: string): QaIssue['params'] {
  let forms = paramsOf.get(term);
  if (!forms) paramsOf.set(term, (forms = new Map()));
  let params = forms.get(written);
  if (!params) {
    params = Object.freeze({ source: written, term: label });
    if (forms.size < MAX_FORMS) forms.set(written, params);
  }
  return params;
}

function termForbidden(target: string, glossary: TermIndex, first = false): QaIssue[] {
  const out: QaIssue[] = [];
  const forbidden = glossary.forbiddenTerms();
  if (forbidden.length === 0) return out;
  const haystack = termHaystack(target);
  for (const term of forbidden) {
    for (const form of englishAlternatives(term).alternatives) {
      const at = findEnglishTerm(target, form, haystack);
      if (!at) continue;
      out.push(issue('term-forbidden', { term: form }, [{ side: 'target', ...at }]));
      if (first) return out;
    }
  }
  return out;
}

/** A word with capitals only (an acronym). */
function allCapitals(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c < 0x41 || c > 0x5a) return false;
  }
  return true;
}

/**
 * What spelling knows of a word wherever it stands: passed (too short, an acronym, accepted, or
 * the speller knows it or its form without 's), or to look at its place and the source. A
 * document repeats its words, so each distinct word is judged once per speller and list of
 * accepted words: a changed list is a new set (services/qa.ts builds one per change), and so a
 * new memo; a speller's verdicts must not change (englishSpeller's do not).
 */
const passedMemo = new WeakMap<Speller, WeakMap<ReadonlySet<string> | typeof NO_WORDS, Map<string, boolean>>>();
const NO_WORDS = {};
const MAX_MEMO = 200_000;

function passedFor(speller: Speller, accepted: ReadonlySet<string> | undefined): Map<string, boolean> {
  let bySet = passedMemo.get(speller);
  if (!bySet) passedMemo.set(speller, (bySet = new WeakMap()));
  let memo = bySet.get(accepted ?? NO_WORDS);
  if (!memo || memo.size >= MAX_MEMO) bySet.set(accepted ?? NO_WORDS, (memo = new Map()));
  return memo;
}

function passes(word: string, speller: Speller, accepted: ReadonlySet<string> | undefined): boolean {
  if (word.length < 2 || allCapitals(word)) return true; // acronyms
  if (accepted?.has(word.toLowerCase())) return true;
  return speller.correct(word) || speller.correct(word.replace(/['’]s$/, ''));
}

/** `first`: stop at the first misspelt word. */
function spelling(source: SourceFacts, target: string, ctx: QaContext, first = false): QaIssue[] {
  const speller = ctx.speller!;
  const passed = passedFor(speller, ctx.acceptedWords);
  // The source's Latin words, read only when a word is otherwise wrong (the source is long and
  // mostly Arabic; nearly every English word passes the remembered speller first).
  let fromSource: ReadonlySet<string> | undefined;
  const bad: QaRange[] = [];
  const words: string[] = [];
  englishWords(target, (word, at) => {
    let ok = passed.get(word);
    if (ok === undefined) passed.set(word, (ok = passes(word, speller, ctx.acceptedWords)));
    if (ok) return;
    // A capitalised word inside a sentence is a name (most are transliterated from the Arabic).
    if (/^[A-Z]/.test(word) && !sentenceStart(target, at)) return;
    fromSource ??= source.latinWords();
    if (fromSource.has(word.toLowerCase())) return;
    bad.push({ side: 'target', start: at, end: at + word.length });
    words.push(word);
    if (first) return false;
  });
  return bad.length ? [issue('spelling', { words: [...new Set(words)].join(', ') }, bad)] : [];
}

function sentenceStart(text: string, at: number): boolean {
  const before = text.slice(0, at).trimEnd();
  return before === '' || /[.!?:"“]$/.test(before);
}

function mergeAdjacent(ranges: QaRange[]): QaRange[] {
  const out: QaRange[] = [];
  for (const r of ranges) {
    const last = out.at(-1);
    if (last && last.side === r.side && last.end === r.start) last.end = r.end;
    else out.push({ ...r });
  }
  return out;
}

/**
 * Figures drawn from the whole document that single-pair checks compare against (the pairs are read
 * once, in order). With `ratios` (from {@link lengthRatios}: a split document QA's second thread
 * measures its own pairs, whose sources the maps do not need), the fences are drawn from those
 * instead of the pairs' own.
 */
export function documentFigures(pairs: Iterable<QaPair>, ratios?: readonly number[]): DocumentFigures {
  const targetsBySource: DocumentFigures['targetsBySource'] = new Map();
  const sourcesByTarget: DocumentFigures['sourcesByTarget'] = new Map();
  const byPair: DocumentFigures['byPair'] = new Map();
  const own: number[] = [];
  for (const p of pairs) {
    const facts = factsOf(p);
    const folded = facts.key;
    const key = p.target.trim() === '' ? null : targetKey(p.target);
    byPair.set(p.id, { folded, target: p.target, key, excluded: p.excluded });
    if (p.excluded || key === null) continue;
    addTo(targetsBySource, byPair, 'key', folded, key, p.id);
    addTo(sourcesByTarget, byPair, 'folded', key, folded, p.id);
    if (!ratios && facts.words3) own.push(ratioOf(facts.trimmedLength, p.target));
  }
  return { lengthFences: tukeyFences(ratios ?? own), targetsBySource, sourcesByTarget, byPair };
}

/** The length ratios {@link documentFigures} draws the fences from, for these pairs (in any order: the fences sort them). */
export function lengthRatios(pairs: Iterable<QaPair>): number[] {
  const out: number[] = [];
  for (const p of pairs) {
    if (p.excluded || p.target.trim() === '') continue;
    const facts = factsOf(p);
    if (facts.words3) out.push(ratioOf(facts.trimmedLength, p.target));
  }
  return out;
}

/**
 * Tukey's fences (1.5 interquartile ranges beyond the quartiles) of the document's own length
 * ratios: English runs longer or shorter than Arabic depending on the text, so the usual range is
 * measured, not assumed. The spread is never taken as less than ±15% so that a very uniform
 * document does not flag every small difference.
 */
export function tukeyFences(values: readonly number[]): DocumentFigures['lengthFences'] {
  if (values.length < MIN_RATIO_SAMPLE) return null;
  // Sorted natively (the values are finite logarithms: no NaN, no -0 that a comparator would keep apart).
  const v = Float64Array.from(values).sort();
  const q = (p: number): number => {
    const at = (v.length - 1) * p;
    const lo = Math.floor(at);
    return v[lo]! + (v[Math.min(lo + 1, v.length - 1)]! - v[lo]!) * (at - lo);
  };
  const q1 = q(0.25);
  const q3 = q(0.75);
  const spread = Math.max(1.5 * (q3 - q1), Math.log(1.15));
  return { low: q1 - spread, high: q3 + spread };
}

/** Every pair's issues, with the document figures computed once. */
export function checkDocument(pairs: readonly QaPair[], ctx: Omit<QaContext, 'document'> = {}): Map<number, QaIssue[]> {
  const document = documentFigures(pairs);
  const out = new Map<number, QaIssue[]>();
  const withFigures: QaContext = { ...ctx, document };
  for (const p of pairs) {
    const issues = checkPair(p, withFigures);
    if (issues.length) out.set(p.id, issues);
  }
  return out;
}
