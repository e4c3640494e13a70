// How tall a pair's row will be before it is drawn, for the virtual list's first pass. virtua
// sizes every row it has not measured by one estimate: 96 px for rows that are really 200 px made
// it render twice the rows that fit, then measure and throw half away, on every document open.
// Close is enough: each row is measured once drawn; this only decides how many the first pass makes.
import type { Pair } from '../../src-main/shared/domain';

/** What the grid's CSS gives a row (PairRow.svelte, app.css .text-ar/.text-en), in px at 100 % text size. */
const ROW_PADDING = 0.6 * 2 * 16;
const SOURCE = { fontPx: 1.2 * 16, lineHeight: 1.9, charWidth: 0.38 };
const TARGET = { fontPx: 16, lineHeight: 1.6, charWidth: 0.5, minLines: 2 };
/** The fixed columns (number, status), the gaps and the row's side padding. */
const FIXED_COLUMNS = (3.25 + 7.5 + 3 * 0.9 + 2 * 0.75) * 16;
export const MIN_ROW = 72;
const MAX_ROW = 640;

/**
 * The grid's width in a window `viewport` px wide at `scale`, from the workspace's CSS
 * (Workspace.svelte .body): beside it the side panel takes 24rem (its border included), except at
 * 60rem (960 px: a media query's rem is the initial one) or narrower, where the panel is hidden.
 * Computed, not read from the element: reading a size while the list is being made would force
 * the browser to lay out the whole page an extra time before the first rows.
 */
export function gridWidthFor(viewport: number, scale = 1): number {
  return viewport > 960 ? Math.max(0, viewport - 24 * 16 * scale) : viewport;
}

/**
 * The mean estimated height of these pairs' rows in a grid `gridWidth` px wide at `scale` (the
 * text size setting, 1 = 100 %): lines of each column at its font's average advance, the taller
 * column wins. `fallback` when there are no pairs.
 */
export function estimateRowHeight(pairs: readonly Pair[], gridWidth: number, scale = 1, fallback = 96): number {
  if (pairs.length === 0 || !(gridWidth > 0)) return fallback;
  const column = Math.max(80, (gridWidth - FIXED_COLUMNS * scale) / 2);
  const lines = (text: string, f: { fontPx: number; charWidth: number }) =>
    Math.max(1, Math.ceil(text.length / Math.max(8, column / (f.fontPx * scale * f.charWidth))));
  let sum = 0;
  for (const p of pairs) {
    const source = lines(p.source, SOURCE) * SOURCE.fontPx * SOURCE.lineHeight;
    const target = Math.max(TARGET.minLines, lines(p.target, TARGET)) * TARGET.fontPx * TARGET.lineHeight;
    sum += Math.min(MAX_ROW, ROW_PADDING + Math.max(source, target) * scale);
  }
  return Math.max(MIN_ROW * scale, Math.round(sum / pairs.length));
}
