// Inline codes: the formatting and markup inside a segment (bold, links, line breaks, XLIFF g/ph/pc…).
//
// A segment is stored as CLEAN text plus a list of codes at UTF-16 offsets in that text. Everything
// that reads text as text — search folding, word counts, memory matching, spelling and most QA — keeps
// working on the clean string and never sees a tag; only the editor, the tag check and the writers
// look at the codes. Each code keeps the markup its format needs to write it back (`native`, `attrs`),
// so a file goes out with exactly the inline markup it came in with.
//
// Pure and dependency-free: both the main process and the renderer import it.

export const CODE_KINDS = ['open', 'close', 'standalone'] as const;
export type CodeKind = (typeof CODE_KINDS)[number];

export interface InlineCode {
  /** UTF-16 offset in the clean text; codes at an equal position keep their array order. */
  pos: number;
  kind: CodeKind;
  /** An open code and its close share the id; ids also tie a target's codes to the source's. */
  id: string;
  /** 'bold' | 'italic' | 'underline' | 'link' | 'span' | 'break' | 'tab' | 'image' | 'field' | 'footnote' | format-specific. */
  type: string;
  /** The original markup the writer puts back (an XLIFF element, DOCX run properties, an HTML tag). */
  native?: string;
  /**
   * The format `native` is written in ('xliff12', 'xliff20', 'docx', 'html'): a writer puts `native`
   * back only in its own format and otherwise writes the code its own way from `type` and `attrs`.
   */
  format?: string;
  attrs?: Record<string, string>;
}

/** Text and codes interleaved in reading order: what the editor and the run-based writers walk. */
export type Piece = string | InlineCode;

export interface Coded {
  text: string;
  codes: InlineCode[];
}

// Bounds the contract enforces on every code that crosses IPC.
export const MAX_CODES = 2000;
export const MAX_CODE_ID = 100;
export const MAX_CODE_TYPE = 50;
export const MAX_CODE_NATIVE = 100_000;

/** Why a code list does not fit its text, or null when it does. */
export function codesProblem(text: string, codes: readonly InlineCode[]): string | null {
  if (codes.length > MAX_CODES) return 'too_many';
  let last = 0;
  for (const c of codes) {
    if (!Number.isInteger(c.pos) || c.pos < 0 || c.pos > text.length) return 'position';
    if (c.pos < last) return 'order';
    // A code between the halves of a surrogate pair would split a character in every writer.
    if (isLowSurrogate(text.charCodeAt(c.pos)) && isHighSurrogate(text.charCodeAt(c.pos - 1))) return 'surrogate';
    if (!(CODE_KINDS as readonly string[]).includes(c.kind)) return 'kind';
    if (c.id === '' || c.id.length > MAX_CODE_ID || c.type === '' || c.type.length > MAX_CODE_TYPE) return 'id';
    last = c.pos;
  }
  return null;
}

/** Codes sorted by position (stable, so equal positions keep their order) and clamped into the text. */
export function normaliseCodes(text: string, codes: readonly InlineCode[]): InlineCode[] {
  return codes
    .map((c, i) => ({ c, i }))
    .sort((a, b) => a.c.pos - b.c.pos || a.i - b.i)
    .map(({ c }) => {
      let pos = Math.min(Math.max(0, Math.trunc(c.pos) || 0), text.length);
      if (isLowSurrogate(text.charCodeAt(pos)) && isHighSurrogate(text.charCodeAt(pos - 1))) pos -= 1;
      return pos === c.pos ? c : { ...c, pos };
    });
}

/** `null` for no codes, so a column of uncoded text stays NULL and costs nothing. */
export function codesOrNull(codes: readonly InlineCode[] | null | undefined): InlineCode[] | null {
  return codes && codes.length > 0 ? [...codes] : null;
}

export function sameCodes(a: readonly InlineCode[] | null | undefined, b: readonly InlineCode[] | null | undefined): boolean {
  return JSON.stringify(codesOrNull(a)) === JSON.stringify(codesOrNull(b));
}

// ——— Pieces ———

export function toPieces(text: string, codes: readonly InlineCode[]): Piece[] {
  const out: Piece[] = [];
  let at = 0;
  for (const c of codes) {
    if (c.pos > at) out.push(text.slice(at, c.pos));
    at = Math.max(at, c.pos);
    out.push(c);
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

export function fromPieces(pieces: readonly Piece[]): Coded {
  let text = '';
  const codes: InlineCode[] = [];
  for (const p of pieces) {
    if (typeof p === 'string') text += p;
    else codes.push({ ...p, pos: text.length });
  }
  return { text, codes };
}

/** The length in editor units: every character is one, every code is one (it is a single chip). */
export function unitLength(text: string, codes: readonly InlineCode[]): number {
  return text.length + codes.length;
}

/**
 * Replaces the units [from, to) with `insert`. Offsets count a code as one unit, so a code is either
 * inside the replaced range (and goes) or outside it (and stays whole): no edit can split one.
 */
export function applyEdit(text: string, codes: readonly InlineCode[], from: number, to: number, insert: readonly Piece[]): Coded {
  const [a, b] = from <= to ? [from, to] : [to, from];
  const before: Piece[] = [];
  const after: Piece[] = [];
  let unit = 0;
  for (const p of toPieces(text, codes)) {
    const len = typeof p === 'string' ? p.length : 1;
    const start = unit;
    unit += len;
    if (typeof p !== 'string') {
      if (start < a) before.push(p);
      else if (start >= b) after.push(p);
      continue;
    }
    if (start < a) before.push(p.slice(0, Math.min(len, a - start)));
    if (unit > b) after.push(p.slice(Math.max(0, b - start)));
  }
  return fromPieces([...before, ...insert, ...after]);
}

/** The pieces inside the units [from, to): what a copy or cut of a selection carries. */
export function slicePieces(text: string, codes: readonly InlineCode[], from: number, to: number): Piece[] {
  const [a, b] = from <= to ? [from, to] : [to, from];
  const out: Piece[] = [];
  let unit = 0;
  for (const p of toPieces(text, codes)) {
    const len = typeof p === 'string' ? p.length : 1;
    const start = unit;
    unit += len;
    if (unit <= a || start >= b) continue;
    if (typeof p !== 'string') out.push(p);
    else out.push(p.slice(Math.max(0, a - start), Math.min(len, b - start)));
  }
  return out;
}

// ——— Numbering and tokens ———

/**
 * Display numbers by id, in the source's order (an open and its close share one); ids only the target
 * has continue after the source's.
 */
export function tagNumbers(sourceCodes: readonly InlineCode[], targetCodes: readonly InlineCode[] = []): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const c of [...sourceCodes, ...targetCodes]) if (!numbers.has(c.id)) numbers.set(c.id, numbers.size + 1);
  return numbers;
}

/** `{1}`, `{/1}`, `{1/}`: the token a chip shows and the bilingual DOCX writes. */
export function tagLabel(code: Pick<InlineCode, 'kind'>, n: number): string {
  return code.kind === 'open' ? `{${n}}` : code.kind === 'close' ? `{/${n}}` : `{${n}/}`;
}

function tokenMap(reference: readonly InlineCode[]): Map<string, InlineCode> {
  const numbers = tagNumbers(reference);
  const byToken = new Map<string, InlineCode>();
  for (const c of reference) {
    const label = tagLabel(c, numbers.get(c.id)!);
    if (!byToken.has(label)) byToken.set(label, c);
  }
  return byToken;
}

const TOKEN = /\{\{|\{(\/?)(\d{1,4})(\/?)\}/g;

/**
 * A tagged string: tokens for the codes, a literal `{` doubled so text can never be mistaken for a
 * token. `numbers` comes from `tagNumbers`.
 */
export function toTagged(text: string, codes: readonly InlineCode[], numbers: ReadonlyMap<string, number>): string {
  return toPieces(text, codes)
    .map((p) => (typeof p === 'string' ? p.replaceAll('{', '{{') : tagLabel(p, numbers.get(p.id) ?? 0)))
    .join('');
}

/**
 * Reads a tagged string back. Each token is resolved against `reference` (the source's codes, then any
 * the target had): the code with that number and kind. A token that resolves to nothing stays as text.
 */
export function fromTagged(tagged: string, reference: readonly InlineCode[]): Coded {
  const byToken = tokenMap(reference);
  const pieces: Piece[] = [];
  let last = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(tagged); m !== null; m = TOKEN.exec(tagged)) {
    if (m.index > last) pieces.push(tagged.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[0] === '{{') {
      pieces.push('{');
      continue;
    }
    const code = m[1] && m[3] ? undefined : byToken.get(m[0]);
    pieces.push(code ?? m[0]);
  }
  if (last < tagged.length) pieces.push(tagged.slice(last));
  return fromPieces(pieces);
}

/**
 * Codes for tag tokens found at offsets of a clean text (the bilingual DOCX marks each token as its own
 * run): each resolves against `reference` like `fromTagged`. Tokens that resolve to nothing are
 * returned apart so the caller can report them instead of guessing.
 */
export function codesFromTokens(
  tags: ReadonlyArray<{ pos: number; token: string }>,
  reference: readonly InlineCode[],
): { codes: InlineCode[]; unknown: string[] } {
  const byToken = tokenMap(reference);
  const codes: InlineCode[] = [];
  const unknown: string[] = [];
  for (const t of tags) {
    const code = byToken.get(t.token);
    if (code) codes.push({ ...code, pos: t.pos });
    else unknown.push(t.token);
  }
  return { codes, unknown };
}

// ——— Checks ———

export type TagIssueKind = 'unclosed' | 'unopened' | 'duplicate';

export interface TagIssue {
  code: InlineCode;
  issue: TagIssueKind;
}

/**
 * Paired codes without their partner: an open never closed, a close with no open before it, a second
 * open or close of the same id. Overlap (a b /a /b) is not an issue: XLIFF's bpt/ept and sc/ec exist
 * precisely to allow it. The editor marks these; the QA tag check reports them.
 */
export function tagIssues(codes: readonly InlineCode[]): TagIssue[] {
  const issues: TagIssue[] = [];
  const open = new Map<string, InlineCode>();
  const seenOpen = new Set<string>();
  const seenClose = new Set<string>();
  for (const c of codes) {
    if (c.kind === 'open') {
      if (seenOpen.has(c.id)) issues.push({ code: c, issue: 'duplicate' });
      else {
        seenOpen.add(c.id);
        open.set(c.id, c);
      }
    } else if (c.kind === 'close') {
      if (seenClose.has(c.id)) issues.push({ code: c, issue: 'duplicate' });
      else if (!open.has(c.id)) issues.push({ code: c, issue: 'unopened' });
      else open.delete(c.id);
      seenClose.add(c.id);
    }
  }
  for (const c of open.values()) issues.push({ code: c, issue: 'unclosed' });
  return issues;
}

export function isBalanced(codes: readonly InlineCode[]): boolean {
  return tagIssues(codes).length === 0;
}

const codeKey = (c: Pick<InlineCode, 'id' | 'kind'>): string => `${c.kind}\u0000${c.id}`;

/** Source codes the target lacks, in source order. */
export function missingCodes(sourceCodes: readonly InlineCode[], targetCodes: readonly InlineCode[]): InlineCode[] {
  const have = new Set(targetCodes.map(codeKey));
  return sourceCodes.filter((c) => !have.has(codeKey(c)));
}

/** Target codes the source does not have (pasted from elsewhere, or left over). */
export function extraCodes(sourceCodes: readonly InlineCode[], targetCodes: readonly InlineCode[]): InlineCode[] {
  const have = new Set(sourceCodes.map(codeKey));
  return targetCodes.filter((c) => !have.has(codeKey(c)));
}

/**
 * What the "insert next tag" key puts at the caret: the first source code the target lacks. When it
 * opens a pair whose close is missing too, both come back so a selection can be wrapped.
 */
export function nextMissingTag(
  sourceCodes: readonly InlineCode[],
  targetCodes: readonly InlineCode[],
): { code: InlineCode; close?: InlineCode } | null {
  const missing = missingCodes(sourceCodes, targetCodes);
  const code = missing[0];
  if (!code) return null;
  if (code.kind !== 'open') return { code };
  const close = missing.find((c) => c.kind === 'close' && c.id === code.id);
  return close ? { code, close } : { code };
}

// ——— Mapping codes onto another text ———

/**
 * Re-labels the codes of a text in another segment (a memory match's target) with the current source's
 * codes, in order: the n-th pair becomes the source's n-th pair, the n-th standalone its n-th
 * standalone. Positions stay where the match had them; codes the source has no counterpart for go, and
 * source codes left over stay missing (the tag check marks them, the insert key adds them). The score
 * of a match is computed on clean text, so codes never lower it.
 */
export function transferCodes(matchCodes: readonly InlineCode[], sourceCodes: readonly InlineCode[]): InlineCode[] {
  const srcPairs = sourceCodes.filter((c) => c.kind === 'open' && sourceCodes.some((d) => d.kind === 'close' && d.id === c.id));
  const srcSingles = sourceCodes.filter((c) => c.kind === 'standalone');
  const matchPairs = matchCodes.filter((c) => c.kind === 'open' && matchCodes.some((d) => d.kind === 'close' && d.id === c.id));
  const matchSingles = matchCodes.filter((c) => c.kind === 'standalone');
  const pairMap = new Map<string, string>();
  matchPairs.forEach((c, i) => {
    const s = srcPairs[i];
    if (s) pairMap.set(c.id, s.id);
  });
  const singleMap = new Map<InlineCode, InlineCode>();
  matchSingles.forEach((c, i) => {
    const s = srcSingles[i];
    if (s) singleMap.set(c, s);
  });
  const out: InlineCode[] = [];
  for (const c of matchCodes) {
    if (c.kind === 'standalone') {
      const s = singleMap.get(c);
      if (s) out.push({ ...s, pos: c.pos });
      continue;
    }
    const id = pairMap.get(c.id);
    const s = id === undefined ? undefined : sourceCodes.find((d) => d.id === id && d.kind === c.kind);
    if (s) out.push({ ...s, pos: c.pos });
  }
  return out;
}

/**
 * Plain text for consumers without markup (word counts, search folding, TXT, CSV): a standalone code
 * that stands for white space (a line break, a tab, a placeholder whose text equivalent is blank)
 * becomes that white space, so the words on either side stay apart; every other code disappears.
 */
export function plainText(text: string, codes: readonly InlineCode[] | null | undefined): string {
  if (!codes || codes.length === 0) return text;
  return toPieces(text, codes)
    .map((p) => (typeof p === 'string' ? p : whitespaceOf(p)))
    .join('');
}

function whitespaceOf(c: InlineCode): string {
  if (c.kind !== 'standalone') return '';
  if (c.type === 'break') return '\n';
  if (c.type === 'tab') return '\t';
  const equiv = c.attrs?.equiv ?? c.attrs?.['equiv-text'];
  return equiv !== undefined && equiv !== '' && equiv.trim() === '' ? equiv : '';
}

function isHighSurrogate(u: number): boolean {
  return u >= 0xd800 && u <= 0xdbff;
}
function isLowSurrogate(u: number): boolean {
  return u >= 0xdc00 && u <= 0xdfff;
}
