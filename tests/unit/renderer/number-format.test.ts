// Integers in English are written without Intl.NumberFormat (lib/i18n.svelte.ts englishInteger):
// the first NumberFormat a page makes costs 30-60 ms, and an English start shows integers only.
// The result must be what Intl writes.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { englishInteger, formatNumber, i18n } from '../../../src-renderer/lib/i18n.svelte';

describe('englishInteger', () => {
  const intl = new Intl.NumberFormat('en');
  it('writes integers as Intl.NumberFormat("en") does', () => {
    const values = [0, 1, 9, 10, 99, 100, 999, 1000, 1001, 9999, 10_000, 12_345, 100_000, 999_999, 1_000_000, 1_234_567_890];
    for (const v of [
      ...values,
      ...values.map((x) => -x).filter((x) => x !== 0),
      Number.MAX_SAFE_INTEGER,
      -Number.MAX_SAFE_INTEGER,
    ])
      expect(englishInteger(v)).toBe(intl.format(v));
  });

  it('leaves everything but safe integers to Intl', () => {
    for (const v of [1.5, -0, NaN, Infinity, 2 ** 60]) expect(englishInteger(v)).toBeNull();
  });
});

describe('formatNumber', () => {
  afterEach(async () => {
    vi.restoreAllMocks();
    await i18n.set('en');
  });

  it('makes no NumberFormat for an integer in English', () => {
    const made = vi.spyOn(Intl, 'NumberFormat');
    expect(formatNumber(100_000)).toBe('100,000');
    expect(formatNumber(-1234)).toBe('-1,234');
    expect(made).not.toHaveBeenCalled();
    made.mockRestore();
    expect(formatNumber(2.5)).toBe('2.5');
  });

  it('formats in Arabic through Intl', async () => {
    await i18n.set('ar');
    expect(formatNumber(100_000)).toBe(new Intl.NumberFormat('ar').format(100_000));
  });
});
