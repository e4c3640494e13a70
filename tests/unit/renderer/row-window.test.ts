// The workspace's virtual list starts with the first rows only and learns of them all after the
// first paint (lib/row-window.svelte.ts); a jump past the first rows must not land short.
import { describe, expect, it } from 'vitest';
import { FIRST_PASS_ROWS, RowWindow } from '../../../src-renderer/lib/row-window.svelte';

describe('RowWindow', () => {
  it('gives the list the first rows until it shows them all', async () => {
    const w = new RowWindow();
    expect(w.count(100_000)).toBe(FIRST_PASS_ROWS);
    expect(w.count(12)).toBe(12);
    expect(w.count(-1)).toBe(0);
    await w.showAll();
    expect(w.count(100_000)).toBe(100_000);
  });

  it('keeps no buffer beyond the rows in view until it shows them all', async () => {
    const w = new RowWindow();
    expect(w.buffer(400)).toBe(0);
    await w.showAll();
    expect(w.buffer(400)).toBe(400);
  });

  it('scrolls to a row of the first pass at once', () => {
    const w = new RowWindow();
    const seen: number[] = [];
    w.scrollTo(FIRST_PASS_ROWS - 1, (i) => seen.push(i));
    expect(seen).toEqual([FIRST_PASS_ROWS - 1]);
    expect(w.all).toBe(false);
  });

  it('shows every row before it scrolls past the first pass', async () => {
    const w = new RowWindow();
    const known: number[] = [];
    w.scrollTo(99_999, () => known.push(w.count(100_000)));
    expect(known).toEqual([]);
    await w.showAll();
    await Promise.resolve();
    expect(known).toEqual([100_000]);
  });
});
