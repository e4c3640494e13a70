// Cell decorations: character ranges of a pair's source or target shown highlighted in the grid
// (search hits, QA ranges, recognised glossary terms). Producers hand in ranges as UTF-16 offsets
// into the stored (clean) text; this module cuts the text into runs that each carry the set of
// kinds covering them, so overlapping ranges of different kinds show together and a chip (inline
// code) is never inside a mark. Pure: the components only render the runs.
import type { InlineCode } from '../../src-main/shared/inline';

/** In paint order: a later kind's look is added on top of an earlier one's. */
export const DECORATION_KINDS = ['search', 'term', 'qa-warning', 'qa-error'] as const;
export type DecorationKind = (typeof DECORATION_KINDS)[number];

export interface Decoration {
  /** UTF-16 offsets into the stored text, [start, end). */
  start: number;
  end: number;
  kind: DecorationKind;
  /** Shown as a tooltip (a term's English, a QA message) where the cell can show one. */
  title?: string;
}

export interface CellDecorations {
  source: readonly Decoration[];
  target: readonly Decoration[];
}

export const NO_DECORATIONS: CellDecorations = Object.freeze({ source: [], target: [] });

export interface Run {
  start: number;
  end: number;
  /** Empty for plain text; otherwise in DECORATION_KINDS order, each once. */
  kinds: DecorationKind[];
  /** The distinct titles of the ranges covering the run, in the order given. */
  titles: string[];
}

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;
const MARK = /\p{M}/u;

/** True when `i` falls between a character and a combining mark (haraka, shadda…) or inside a surrogate pair. */
function insideCluster(text: string, i: number): boolean {
  if (i <= 0 || i >= text.length) return false;
  if (isLow(text.charCodeAt(i)) && isHigh(text.charCodeAt(i - 1))) return true;
  return MARK.test(text[i]!);
}

/**
 * A range widened to whole characters: a boundary inside a surrogate pair, or before a combining
 * mark, moves outwards. A mark cut off from its letter into another element is drawn on a dotted
 * circle, and half a surrogate pair is drawn as a replacement box, so producers' ranges (folded
 * search offsets, QA and term ranges) are never taken literally there. Null when nothing is left.
 */
export function snapRange(text: string, start: number, end: number): [number, number] | null {
  let a = Math.max(0, Math.min(text.length, Math.trunc(start)));
  let b = Math.max(0, Math.min(text.length, Math.trunc(end)));
  if (!(a < b)) return null;
  while (insideCluster(text, a)) a--;
  while (insideCluster(text, b)) b++;
  return [a, b];
}

/**
 * `text` cut into consecutive runs covering it entirely. A run starts or ends at every range edge
 * (after snapping) and at every `cut` (the positions of inline codes, where a chip sits between
 * two runs). Ranges outside the text, empty or of an unknown kind are ignored.
 */
export function splitRuns(text: string, decorations: readonly Decoration[], cuts: readonly number[] = []): Run[] {
  const ranges: { start: number; end: number; kind: DecorationKind; title?: string | undefined }[] = [];
  for (const d of decorations) {
    if (!(DECORATION_KINDS as readonly string[]).includes(d.kind)) continue;
    const snapped = snapRange(text, d.start, d.end);
    if (snapped) ranges.push({ start: snapped[0], end: snapped[1], kind: d.kind, title: d.title });
  }
  const edges = new Set<number>([0, text.length]);
  for (const r of ranges) edges.add(r.start).add(r.end);
  for (const c of cuts) if (c > 0 && c < text.length) edges.add(c);
  const sorted = [...edges].sort((x, y) => x - y);
  const runs: Run[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const start = sorted[i]!;
    const end = sorted[i + 1]!;
    const kinds = new Set<DecorationKind>();
    const titles: string[] = [];
    for (const r of ranges) {
      if (r.start <= start && r.end >= end) {
        kinds.add(r.kind);
        if (r.title && !titles.includes(r.title)) titles.push(r.title);
      }
    }
    runs.push({ start, end, kinds: DECORATION_KINDS.filter((k) => kinds.has(k)), titles });
  }
  return runs;
}

export type DecoratedPiece = ({ code?: undefined; text: string } & Run) | { code: InlineCode };

/**
 * Text with inline codes as runs and chips in reading order (what TagText renders): the runs of
 * {@link splitRuns} cut at every code's position, and each code after the text before it. A range
 * that spans a code is marked on both sides of the chip, not on the chip.
 */
export function decoratePieces(
  text: string,
  codes: readonly InlineCode[] | null,
  decorations: readonly Decoration[],
): DecoratedPiece[] {
  const list = codes ?? [];
  const runs = splitRuns(
    text,
    decorations,
    list.map((c) => c.pos),
  );
  const out: DecoratedPiece[] = [];
  let ci = 0;
  for (const run of runs) {
    while (ci < list.length && list[ci]!.pos <= run.start) out.push({ code: list[ci++]! });
    if (run.end > run.start) out.push({ ...run, text: text.slice(run.start, run.end) });
  }
  while (ci < list.length) out.push({ code: list[ci++]! });
  return out;
}
