import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { foldWithMap, normalizeForSearch, originalRange } from '../../../../src-main/text/arabic';

const ARABIC_BITS = [
  'ا',
  'أ',
  'إ',
  'آ',
  'ل',
  'س',
  'م',
  'ة',
  'ى',
  'ـ',
  'َ',
  'ُ',
  'ِ',
  'ّ',
  'ْ',
  '٢',
  '۳',
  ' ',
  '  ',
  '\n',
  'C',
  'n',
  '.',
  'ﻻ',
  '\u200F',
];

describe('foldWithMap', () => {
  it('folds as search does (trimmed), on real and generated text', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ARABIC_BITS), { maxLength: 40 }), (bits) => {
        const text = bits.join('');
        expect(foldWithMap(text).folded.trim()).toBe(normalizeForSearch(text));
      }),
    );
  });

  it('maps a folded match back onto the original characters, marks included', () => {
    const text = 'دعا إلى السَّلامِ والأمنِ';
    const map = foldWithMap(text);
    const at = map.folded.indexOf('السلام');
    const [start, end] = originalRange(map, at, at + 'السلام'.length);
    expect(text.slice(start, end)).toBe('السَّلامِ');
  });

  it('keeps offsets at both ends (white space collapsed, not trimmed)', () => {
    const map = foldWithMap('  ٢٠٢٣  ');
    expect(map.folded).toBe(' 2023 ');
    expect(originalRange(map, 1, 5)).toEqual([2, 6]);
  });
});
