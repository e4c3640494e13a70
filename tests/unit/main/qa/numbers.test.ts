import { describe, expect, it } from 'vitest';
import { canonicalNumber, findNumbers } from '../../../../src-main/qa/numbers';

describe('numbers in any digits', () => {
  it.each([
    ['٣٫٥', '3.5'],
    ['3.5', '3.5'],
    ['۱۲۳٬۴۵۶', '123456'],
    ['123,456', '123456'],
    ['123456', '123456'],
    ['٢٠٢٣', '2023'],
    ['۲۰۲۳', '2023'],
    ['2,023', '2023'],
    ['1,234,567.50', '1234567.5'],
    ['1.234.567,5', '1234567.5'],
    ['3,5', '3.5'],
    ['0.125', '0.125'],
    ['007', '7'],
    ['10.0', '10'],
  ])('%s is %s', (raw, value) => {
    expect(canonicalNumber(raw)).toBe(value);
  });

  it('finds numbers with their places, percent signs aside', () => {
    const text = 'ارتفع بنسبة ٣٫٥٪ في عام ٢٠٢٣';
    expect(findNumbers(text).map((n) => [n.value, text.slice(n.start, n.end)])).toEqual([
      ['3.5', '٣٫٥'],
      ['2023', '٢٠٢٣'],
    ]);
  });
});
