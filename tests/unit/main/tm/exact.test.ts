// tm/exact.ts: the folded-source key must be the search folding itself, and the memory must keep
// what the store would (the store-path comparison is translate-exact.test.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExactMemory, foldKey, foldKeyBytes, KEPT_AS_IS } from '../../../../src-main/tm/exact';
import { fromByteString, toByteString } from '../../../../src-main/text/utf8';
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
        // Over byte strings: the byte string of the same key.
        expect(foldKeyBytes(toByteString(text))).toBe(toByteString(normalizeForSearch(text)));
      }),
      { numRuns: 2000 },
    );
    const plain = 'قال المتحدث إن الوفد وصل';
    expect(foldKey('قال المتحدث ان الوفد وصل')).toBe('قال المتحدث ان الوفد وصل');
    expect(foldKey(plain)).toBe(normalizeForSearch(plain));
  });
});

describe('foldKeyBytes', () => {
  it('takes as their own folded form exactly the byte strings of texts foldKey takes as theirs', () => {
    // Every character below U+0800 (one or two bytes, the Arabic block's lead bytes among them)
    // alone and between kept letters: a byte string is kept as it is only when its text is.
    for (let c = 0; c < 0x800; c++) {
      for (const text of [String.fromCharCode(c), `ب${String.fromCharCode(c)}ت`, `ab ${String.fromCharCode(c)}`]) {
        const bytes = toByteString(text);
        const own = foldKey(text) === text;
        expect(foldKeyBytes(bytes) === bytes, `U+${c.toString(16)} in ${JSON.stringify(text)}`).toBe(own);
        expect(fromByteString(foldKeyBytes(bytes))).toBe(foldKey(text));
      }
    }
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

describe('ExactMemory over byte strings', () => {
  it('answers as the memory of the texts, in byte strings', () => {
    const texts = fc.constantFrom('كتب', 'كَتَبَ', 'قرأ', 'قرا', 'نص', ' ', '\u00a0', '', 'wrote', 'Wrote', '٢٠', '20', 'x 😀');
    const unit = fc.record({
      source: fc.array(texts, { maxLength: 3 }).map((a) => a.join(' ')),
      target: fc.array(texts, { maxLength: 2 }).map((a) => a.join('')),
      changedAt: fc.constantFrom('2024-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z'),
    });
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 12 }), fc.array(texts, { maxLength: 3 }), (units, query) => {
        const m = new ExactMemory();
        const b = new ExactMemory({ bytes: true });
        for (const u of units) {
          m.add(u.source, u.target, u.changedAt);
          b.add(toByteString(u.source), toByteString(u.target), u.changedAt);
        }
        expect(b.stored).toBe(m.stored);
        for (const q of [query.join(' '), ...units.map((u) => u.source)]) {
          const want = m.get(q);
          const got = b.get(toByteString(q));
          expect(
            got && { source: fromByteString(got.source), target: fromByteString(got.target), changedAt: got.changedAt },
          ).toEqual(want && { source: want.source, target: want.target, changedAt: want.changedAt });
        }
      }),
      { numRuns: 1000 },
    );
  });
});
