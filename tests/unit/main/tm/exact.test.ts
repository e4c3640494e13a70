// tm/exact.ts: the folded-source key must be the search folding itself, and the memory must keep
// what the store would (the store-path comparison is translate-exact.test.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExactMemory, foldKey, KEPT_AS_IS } from '../../../../src-main/tm/exact';
import { foldTable, normalizeForSearch } from '../../../../src-main/text/arabic';

describe('foldKey', () => {
  it('takes as their own folded form only code units the folding and NFKC keep, alone and in pairs', () => {
    const table = foldTable();
    expect(KEPT_AS_IS.length).toBe(100);
    for (const c of KEPT_AS_IS) {
      const ch = String.fromCharCode(c);
      expect(table[c], ch).toBe(0);
      expect(ch.normalize('NFKC'), ch).toBe(ch);
      for (const d of KEPT_AS_IS) {
        const pair = ch + String.fromCharCode(d);
        if (pair.normalize('NFKC') !== pair) expect.fail(`NFKC changes ${pair}`);
      }
    }
  });

  it('is normalizeForSearch on texts made of kept, folded and spacing characters', () => {
    const piece = fc.constantFrom(
      'كتب',
      'abc',
      '123',
      ' ',
      '  ',
      '\t',
      '\u00a0',
      'أ',
      'إ',
      'ة',
      'ى',
      'ـ',
      'َ',
      'ّ',
      '٢٠',
      'ABC',
      'ﻻ',
      '،',
      '؟',
      'ا\u0653',
      '\u200f',
      '😀',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const text = pieces.join('');
        expect(foldKey(text)).toBe(normalizeForSearch(text));
      }),
      { numRuns: 2000 },
    );
    const plain = 'قال المتحدث إن الوفد وصل';
    expect(foldKey('قال المتحدث ان الوفد وصل')).toBe('قال المتحدث ان الوفد وصل');
    expect(foldKey(plain)).toBe(normalizeForSearch(plain));
  });
});

describe('ExactMemory', () => {
  it('keeps the latest changed unit per folded source, the later on a tie, each pair once', () => {
    const m = new ExactMemory();
    m.add('كَتَبَ', 'wrote (old)', '2024-01-01T00:00:00.000Z');
    m.add('كتب', 'wrote', '2025-01-01T00:00:00.000Z');
    m.add('كتب', 'wrote', '2026-01-01T00:00:00.000Z'); // the same pair again: not stored, not newer
    m.add('قرأ', 'read', '2024-01-01T00:00:00.000Z');
    m.add('قرأ', 'read (tie)', '2024-01-01T00:00:00.000Z');
    m.add('نص', ' ', '2024-01-01T00:00:00.000Z'); // empty English: dropped
    expect(m.stored).toBe(4);
    expect(m.get('كتب')).toMatchObject({ source: 'كتب', target: 'wrote', changedAt: '2025-01-01T00:00:00.000Z' });
    expect(m.get('كَتَبَ')?.target).toBe('wrote');
    expect(m.get('قرا')?.target).toBe('read (tie)');
    expect(m.get('نص')).toBeUndefined();
    m.clear();
    expect(m.stored).toBe(0);
    expect(m.get('كتب')).toBeUndefined();
  });
});
