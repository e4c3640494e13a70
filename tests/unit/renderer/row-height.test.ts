// The virtual list's estimate for rows not yet measured (lib/row-height.ts): near what the grid
// draws, taller for longer paragraphs, narrower grids and larger text, never below one row.
import { describe, expect, it } from 'vitest';
import type { Pair } from '../../../src-main/shared/domain';
import { estimateRowHeight, gridWidthFor, MIN_ROW } from '../../../src-renderer/lib/row-height';

const pair = (source: string, target = ''): Pair => ({ source, target }) as Pair;
const SENTENCE = 'قالت المتحدثة باسم وزارة الخارجية الروسية ماريا زاخاروفا إن بلادها ليست معتدية وقوات حفظ السلام';
/** Arabic prose of about this many characters. */
const prose = (chars: number) => SENTENCE.repeat(Math.ceil(chars / SENTENCE.length)).slice(0, chars);

describe('estimateRowHeight', () => {
  it('gives the fallback with nothing to go on', () => {
    expect(estimateRowHeight([], 900)).toBe(96);
    expect(estimateRowHeight([pair('x')], 0)).toBe(96);
  });

  it('is near the rows the grid drew for the bench document (1016 px grid: 247 chars 206 px, 348 chars 279 px)', () => {
    expect(estimateRowHeight([pair(prose(247))], 1016)).toBeGreaterThan(180);
    expect(estimateRowHeight([pair(prose(247))], 1016)).toBeLessThan(230);
    expect(estimateRowHeight([pair(prose(348))], 1016)).toBeGreaterThan(250);
    expect(estimateRowHeight([pair(prose(348))], 1016)).toBeLessThan(310);
    // The mean of the pairs given.
    const mean = (estimateRowHeight([pair(prose(247))], 1016) + estimateRowHeight([pair(prose(348))], 1016)) / 2;
    expect(Math.abs(estimateRowHeight([pair(prose(247)), pair(prose(348))], 1016) - mean)).toBeLessThanOrEqual(1);
  });

  it('grows with the text, with a narrower grid and with the text size; never below one row', () => {
    const short = estimateRowHeight([pair('نعم')], 1000);
    expect(short).toBe(MIN_ROW);
    const long = estimateRowHeight([pair(prose(300))], 1000);
    expect(long).toBeGreaterThan(short);
    expect(estimateRowHeight([pair(prose(300))], 700)).toBeGreaterThan(long);
    expect(estimateRowHeight([pair(prose(300))], 1000, 1.5)).toBeGreaterThan(long);
  });

  it('a long translation makes the row tall too', () => {
    expect(estimateRowHeight([pair('نعم', 'word '.repeat(200))], 1000)).toBeGreaterThan(estimateRowHeight([pair('نعم')], 1000));
  });
});

describe('gridWidthFor', () => {
  it('is the window less the side panel, as the grid drew it (1400 px window: 1016 px grid)', () => {
    expect(gridWidthFor(1400)).toBe(1016);
    // Larger text: the panel's 24rem grows with it.
    expect(gridWidthFor(1400, 1.25)).toBe(1400 - 480);
  });

  it('is the whole window where the panel is hidden (60rem of the initial size, or narrower)', () => {
    expect(gridWidthFor(960)).toBe(960);
    expect(gridWidthFor(700, 1.5)).toBe(700);
  });
});
