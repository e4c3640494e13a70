// Matching for find & replace: literal or regular-expression search with match case and whole word,
// over the English as written and over the Arabic in the search folding (a plain query finds
// vowelled and hamza variants), with every hit as a range of the original text.
//
// A user's regular expression runs in a `node:vm` context with a time limit: JavaScript regexes
// backtrack, and a pattern like (a+)+$ over a long paragraph would otherwise freeze the main process
// (and with it every window) for minutes. V8 interrupts a running regex at the limit; the whole
// scan of a document shares one budget. Literal queries are escaped into the same engine.
import { createContext, runInContext } from 'node:vm';
import { QalamError } from '../shared/errors';
import { foldWithMap, normalizeForSearch, originalRange } from '../shared/fold';

export interface FindOptions {
  find: string;
  matchCase: boolean;
  wholeWord: boolean;
  regex: boolean;
}

/** The longest query and replacement accepted (the contract enforces it too). */
export const FIND_MAX_LENGTH = 1000;
/** The time one scan of a document may take before it is stopped (ms). */
export const FIND_TIME_LIMIT_MS = 1500;
/** Hits kept per text: a pattern matching every character must not build millions of ranges. */
export const MAX_HITS_PER_TEXT = 5000;

export interface Hit {
  start: number;
  end: number;
  /** Capture groups (undefined as ''), for $1… in a replacement. */
  groups: string[];
  named: Record<string, string> | null;
}

export interface Compiled {
  source: string;
  flags: string;
  side: 'source' | 'target';
}

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The Arabic letters of a pattern in the search folding; everything else (syntax, Latin) as written. */
function foldPatternArabic(pattern: string): string {
  return pattern.replace(/[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/g, (ch) => normalizeForSearch(ch));
}

/**
 * The pattern for one side. The source is searched in its folded form, which is lower case, so
 * source searches ignore case; a bad regular expression is refused with the engine's reason.
 */
export function compile(opts: FindOptions, side: 'source' | 'target'): Compiled {
  if (opts.find.length > FIND_MAX_LENGTH) throw new QalamError('bad_input', { field: 'find' });
  let source: string;
  if (side === 'source') source = opts.regex ? foldPatternArabic(opts.find) : escapeRegex(normalizeForSearch(opts.find));
  else source = opts.regex ? opts.find : escapeRegex(opts.find);
  const flags = side === 'source' || !opts.matchCase ? 'giu' : 'gu';
  try {
    new RegExp(source, flags);
  } catch (e) {
    // Compiling never backtracks: only running the pattern needs the time limit.
    throw new QalamError('find_bad_regex', {
      detail: e instanceof Error ? e.message.replace(/^Invalid regular expression: \/[\s\S]*\/[a-z]*: /, '') : '',
    });
  }
  return { source, flags, side };
}

// Runs inside the vm context, where only T (texts), P, F and M are defined.
const SCAN = `(() => {
  const re = new RegExp(P, F);
  const out = [];
  for (const t of T) {
    const hits = [];
    re.lastIndex = 0;
    let m;
    while ((m = re.exec(t)) !== null) {
      if (m[0] === '') {
        re.lastIndex = m.index + (t.codePointAt(m.index) > 0xffff ? 2 : 1);
        continue;
      }
      hits.push([m.index, m.index + m[0].length, Array.from(m).slice(1).map((g) => g === undefined ? '' : g), m.groups ? Object.assign({}, m.groups) : null]);
      if (hits.length >= M) break;
    }
    out.push(hits);
  }
  return JSON.stringify(out);
})()`;

type RawHit = [number, number, string[], Record<string, string> | null];

/** Every non-empty match in each text, within the time limit (else 'find_too_slow'). */
function scan(texts: readonly string[], c: Compiled, timeoutMs: number): RawHit[][] {
  const sandbox = createContext({ T: texts, P: c.source, F: c.flags, M: MAX_HITS_PER_TEXT });
  try {
    return JSON.parse(runInContext(SCAN, sandbox, { timeout: timeoutMs }) as string) as RawHit[][];
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT')
      throw new QalamError('find_too_slow', { seconds: timeoutMs / 1000 });
    throw e;
  }
}

const WORD = /[\p{L}\p{N}_]/u;
const MARK = /\p{M}/u;

/** The code point ending right before `i` / starting at `i`, as a string ('' at the text's edge). */
const charBefore = (text: string, i: number): string => {
  if (i <= 0) return '';
  const low = text.charCodeAt(i - 1);
  return low >= 0xdc00 && low <= 0xdfff && i >= 2 ? text.slice(i - 2, i) : text[i - 1]!;
};
const charAt = (text: string, i: number): string => (i < text.length ? String.fromCodePoint(text.codePointAt(i)!) : '');

/** A hit is a whole word when no word character touches it (harakat belong to the letter before them). */
function isWholeWord(text: string, start: number, end: number): boolean {
  let before = start;
  while (before > 0 && MARK.test(text[before - 1]!)) before--;
  let after = end;
  while (after < text.length && MARK.test(text[after]!)) after++;
  return !WORD.test(charBefore(text, before)) && !WORD.test(charAt(text, after));
}

/**
 * Hits of `opts` in each text of one side, as ranges of the original texts. `deadline` is the
 * Date.now() by which the whole document's scan must be done.
 */
export function findAll(texts: readonly string[], opts: FindOptions, side: 'source' | 'target', deadline: number): Hit[][] {
  const compiled = compile(opts, side);
  const budget = Math.max(1, deadline - Date.now());
  if (side === 'target') {
    return scan(texts, compiled, budget).map((hits, i) =>
      hits
        .filter(([s, e]) => !opts.wholeWord || isWholeWord(texts[i]!, s, e))
        .map(([start, end, groups, named]) => ({ start, end, groups, named })),
    );
  }
  // The source: matched folded (harakat, hamza forms, tatweel, digits), then mapped back, so a hit
  // covers the letters as written with their marks. Whole word is judged on the folded text.
  const maps = texts.map((t) => foldWithMap(t));
  return scan(
    maps.map((m) => m.folded),
    compiled,
    budget,
  ).map((hits, i) =>
    hits
      .filter(([s, e]) => !opts.wholeWord || isWholeWord(maps[i]!.folded, s, e))
      .map(([s, e, groups, named]) => {
        const [start, end] = originalRange(maps[i]!, s, e);
        return { start, end, groups, named };
      }),
  );
}

/**
 * The text a replacement puts in place of one hit. Literal mode: the replacement as typed. Regex
 * mode: JavaScript's replacement patterns ($$, $&, $1…$99, $<name>, $` and $'), as String.replace
 * would expand them for this match.
 */
export function expandReplacement(replacement: string, regex: boolean, text: string, hit: Hit): string {
  if (!regex) return replacement;
  return replacement.replace(/\$(\$|&|`|'|<([^>]*)>|(\d{1,2}))/g, (whole, what: string, name?: string, digits?: string) => {
    if (what === '$') return '$';
    if (what === '&') return text.slice(hit.start, hit.end);
    if (what === '`') return text.slice(0, hit.start);
    if (what === "'") return text.slice(hit.end);
    if (name !== undefined) return hit.named ? (hit.named[name] ?? '') : whole;
    if (digits !== undefined) {
      // $12 means group 12 only when there is one; otherwise group 1 followed by "2" (as String.replace).
      const n = Number(digits);
      if (n >= 1 && n <= hit.groups.length) return hit.groups[n - 1]!;
      const one = Number(digits[0]);
      if (digits.length === 2 && one >= 1 && one <= hit.groups.length) return hit.groups[one - 1]! + digits[1]!;
      return whole;
    }
    return whole;
  });
}

export interface Replaced {
  text: string;
  /** Where each code ended up: codes after a hit move with the text; one inside a hit goes after its replacement. */
  shift: (pos: number) => number;
}

/** `text` with every hit replaced, and the mapping of old positions (inline codes) to new ones. */
export function replaceHits(text: string, hits: readonly Hit[], replacement: string, regex: boolean): Replaced {
  let out = '';
  let at = 0;
  const edits: { start: number; end: number; newEnd: number }[] = [];
  for (const hit of hits) {
    if (hit.start < at) continue; // overlapping hits cannot both be replaced
    out += text.slice(at, hit.start);
    out += expandReplacement(replacement, regex, text, hit);
    edits.push({ start: hit.start, end: hit.end, newEnd: out.length });
    at = hit.end;
  }
  out += text.slice(at);
  const shift = (pos: number): number => {
    let delta = 0;
    for (const e of edits) {
      if (pos <= e.start) break;
      if (pos < e.end) return e.newEnd;
      delta = e.newEnd - e.end;
    }
    return pos + delta;
  };
  return { text: out, shift };
}
