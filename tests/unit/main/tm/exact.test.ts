// tm/exact.ts: the folded-source key must be the search folding itself, and the memory must keep
// what the store would (the store-path comparison is translate-exact.test.ts).
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ExactMemory,
  foldBytes,
  foldedSampleHash,
  foldKey,
  foldsInPlace,
  inPlaceForm,
  KEPT_AS_IS,
  mayBeBlankBytes,
  sampleHash,
} from '../../../../src-main/tm/exact';
import { fromByteString, toByteString } from '../../../../src-main/text/utf8';
import { foldTable, normalizeForSearch } from '../../../../src-main/text/arabic';
import { seeded } from '../seeded';

/** The sample article's paragraphs, as byte strings (text/utf8.ts). */
const articleParagraphs = () =>
  readFileSync(new URL('../../../fixtures/news-article-ar.txt', import.meta.url), 'latin1')
    .split('\n')
    .filter(Boolean);

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

describe('foldBytes', () => {
  /** ASCII and the Arabic block: the characters foldBytes reads. */
  const chars = [
    ...Array.from({ length: 0x80 }, (_, c) => String.fromCharCode(c)),
    ...Array.from({ length: 0x100 }, (_, c) => String.fromCharCode(0x0600 + c)),
  ];
  const bytesOf = (text: string) => toByteString(normalizeForSearch(text));

  it('folds every character of ASCII and the Arabic block as normalizeForSearch, but those NFKC changes or composes', () => {
    const refused: string[] = [];
    for (const ch of chars) {
      for (const text of [ch, `ب${ch}ت`, ` ${ch}  A\t`]) {
        const got = foldBytes(toByteString(text));
        if (got === null) refused.push(text);
        else expect(got, `U+${ch.charCodeAt(0).toString(16)} in ${JSON.stringify(text)}`).toBe(bytesOf(text));
      }
    }
    // Refused: only characters NFKC changes alone (U+0675–U+0678) and madda and hamza above and below.
    const refusedChars = [
      ...new Set(refused.map((t) => [...t].find((c) => chars.includes(c) && /[\u0653-\u0655\u0675-\u0678]/.test(c)))),
    ];
    expect(refusedChars.sort()).toEqual(['\u0653', '\u0654', '\u0655', '\u0675', '\u0676', '\u0677', '\u0678']);
    expect(refused).toHaveLength(3 * 7);
  });

  it('folds every pair of those characters as normalizeForSearch (no composition or reordering it misses)', () => {
    let answered = 0;
    const wrong: string[] = [];
    for (const a of chars) {
      for (const b of chars) {
        const text = a + b;
        const got = foldBytes(toByteString(text));
        if (got === null) continue;
        answered++;
        if (got !== bytesOf(text)) wrong.push(text);
      }
    }
    expect(wrong).toEqual([]);
    expect(answered).toBe((chars.length - 7) ** 2);
  });

  it('is normalizeForSearch on real paragraphs and on texts of folded, dropped and spacing characters, and gives up beyond them', () => {
    const piece = fc.constantFrom(
      'مدينة',
      'أعلن',
      'إلى',
      'آخر',
      'على',
      'مسؤول',
      'شئون',
      'ـ',
      'َّ',
      '٢٠',
      '۳',
      'ABC',
      ' ',
      '\t',
      '\n  ',
      '،',
      '؟',
      'ە\u0654',
      'ﻻ',
      '\u00a0',
      '😀',
      'é',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), (pieces) => {
        const text = pieces.join('');
        const got = foldBytes(toByteString(text));
        if (/[\u0654\ufefb\u00a0\u00e9]|\ud83d/.test(text)) expect(got).toBeNull();
        else expect(got).toBe(bytesOf(text));
      }),
      { numRuns: 3000 },
    );
    const article = articleParagraphs();
    expect(article.length).toBeGreaterThan(10);
    for (const paragraph of article) expect(foldBytes(paragraph)).toBe(bytesOf(fromByteString(paragraph)));
  });
});

describe('foldsInPlace and foldedSampleHash', () => {
  const chars = [
    ...Array.from({ length: 0x80 }, (_, c) => String.fromCharCode(c)),
    ...Array.from({ length: 0x100 }, (_, c) => String.fromCharCode(0x0600 + c)),
  ];

  it('takes texts whose folded form has their length, and hashes that form without making it', () => {
    const rand = seeded(5);
    let taken = 0;
    for (const ch of chars) {
      // Alone, between letters, and at every place of texts longer than the hash's samples (so that
      // samples fall on the first and on the second byte of two-byte characters).
      const texts = [ch, `ب${ch}ت`, `A ${ch}`];
      for (let n = 0; n < 6; n++) {
        const words = Array.from({ length: 4 + Math.floor(rand() * 30) }, () => chars[Math.floor(rand() * chars.length)]!);
        words.splice(Math.floor(rand() * words.length), 0, ch);
        texts.push(words.join(rand() < 0.5 ? '' : ' '));
      }
      for (const text of texts) {
        const bytes = toByteString(text);
        if (!foldsInPlace(bytes)) continue;
        taken++;
        const folded = foldBytes(bytes);
        expect(folded, JSON.stringify(text)).not.toBeNull();
        expect(folded!.length, JSON.stringify(text)).toBe(bytes.length);
        expect(foldedSampleHash(bytes), JSON.stringify(text)).toBe(sampleHash(folded!));
      }
    }
    expect(taken).toBeGreaterThan(300);
    // Nearly every paragraph of a real article (one has a tatweel, which folding drops).
    const article = articleParagraphs();
    expect(article.filter(foldsInPlace).length).toBe(article.length - 1);
  });

  it('finds a form that folds in place for texts with harakat and tatweel, with the same folded form', () => {
    const piece = fc.constantFrom(
      'مدينة',
      'أعلن',
      'إلى',
      'ـ',
      'َّ',
      'ً',
      '\u0670',
      '\u0610',
      'ە',
      '\u0654',
      'ا\u0653',
      ' ',
      '  ',
      'Reuters',
      '٢٠',
      '\t',
    );
    let found = 0;
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 12 }), (pieces) => {
        const bytes = toByteString(pieces.join(''));
        const form = inPlaceForm(bytes);
        if (form === undefined) return;
        found++;
        expect(foldsInPlace(form)).toBe(true);
        expect(foldBytes(form)).toBe(foldBytes(bytes));
        expect(foldedSampleHash(form)).toBe(sampleHash(toByteString(normalizeForSearch(fromByteString(bytes)))));
      }),
      { numRuns: 3000 },
    );
    expect(found).toBeGreaterThan(150);
    // Every paragraph of a real article.
    const article = articleParagraphs();
    expect(article.filter((p) => inPlaceForm(p) !== undefined)).toHaveLength(article.length);
  });

  it('leaves out what folding drops, adds or turns into one byte', () => {
    for (const text of ['كتـب', 'كَتب', 'كتب  قرأ', ' كتب', 'كتب ', 'كتب\tقرأ', 'عام ٢٠٢١', 'ﻻ', 'é', 'ە\u0654', 'كتب\u00a0قرأ']) {
      expect(foldsInPlace(toByteString(text)), JSON.stringify(text)).toBe(false);
    }
    for (const text of ['قرأ', 'مدينة', 'إلى', 'على', 'Reuters', 'مسؤول', 'شئون', 'كتب', 'پ']) {
      expect(foldsInPlace(toByteString(text)), JSON.stringify(text)).toBe(true);
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

describe('mayBeBlankBytes', () => {
  it('answers true for every text that starts with a character String#trim takes off, and for none that does not start so', () => {
    expect(mayBeBlankBytes('')).toBe(true);
    for (let c = 0; c < 0x10000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCharCode(c);
      const first = ch.trim() === '';
      // Alone and leading a text that is not blank: a byte string that may be blank whenever it starts with white space.
      if (first) expect(mayBeBlankBytes(toByteString(`${ch}x`)), c.toString(16)).toBe(true);
      if (first) expect(mayBeBlankBytes(toByteString(ch)), c.toString(16)).toBe(true);
      // No character outside String#trim's white space is taken as maybe blank by its own lead byte, but
      // those that share a lead byte with one (C2, E1, E2, E3, EF): the regular expression decides them.
      if (!first && mayBeBlankBytes(toByteString(ch)))
        expect([0xc2, 0xe1, 0xe2, 0xe3, 0xef]).toContain(toByteString(ch).charCodeAt(0));
    }
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

describe('ExactMemory against its definition', () => {
  /** What a 100% look-up of the store would pick: of the distinct pairs with the paragraph's folded source, the latest changed, the later on a tie. */
  function reference(units: { source: string; target: string; changedAt: string }[], query: string) {
    const seen = new Set<string>();
    let best: { source: string; target: string; changedAt: string } | undefined;
    let stored = 0;
    for (const u of units) {
      if (!u.source.trim() || !u.target.trim()) continue;
      const pair = JSON.stringify([u.source, u.target]);
      if (seen.has(pair)) continue;
      seen.add(pair);
      stored++;
      if (normalizeForSearch(u.source) !== normalizeForSearch(query)) continue;
      if (!best || u.changedAt >= best.changedAt) best = u;
    }
    return { stored, best };
  }

  it('picks what the definition picks, for sources that are, are not, or only fold to their own folded form', () => {
    // Kept letters, letters folding to kept ones, Latin capitals and accents (not kept, some their
    // own folded form), spaces folding together, a folded form that is also a source.
    const texts = fc.constantFrom(
      'كتب',
      'كَتَبَ',
      'أكل',
      'اكل',
      'é',
      'É',
      'e',
      'Ab',
      'ab',
      'x  y',
      'x y',
      'ﻻ',
      'لا',
      '٢',
      '2',
      'ß',
      'ﬁ',
      'fi',
    );
    const unit = fc.record({
      source: fc.array(texts, { minLength: 1, maxLength: 3 }).map((a) => a.join(' ')),
      target: fc.constantFrom('a', 'b', 'c'),
      changedAt: fc.constantFrom('2024', '2025'),
    });
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 10 }), fc.array(texts, { minLength: 1, maxLength: 3 }), (units, q) => {
        for (const bytes of [false, true]) {
          const m = new ExactMemory({ bytes });
          const enc = bytes ? toByteString : (s: string) => s;
          const dec = bytes ? fromByteString : (s: string) => s;
          for (const u of units) m.add(enc(u.source), enc(u.target), u.changedAt);
          for (const query of [q.join(' '), ...units.map((u) => u.source)]) {
            const want = reference(units, query);
            expect(m.stored).toBe(want.stored);
            const got = m.get(enc(query));
            expect(got && [dec(got.source), dec(got.target), got.changedAt], `${bytes} ${query}`).toEqual(
              want.best && [want.best.source, want.best.target, want.best.changedAt],
            );
          }
        }
      }),
      { numRuns: 1500 },
    );
  });
});

describe('normalizeForSearch', () => {
  it('gives a folded text back as it is (ExactMemory finds a text that is a key without folding it)', () => {
    for (let c = 0; c < 0x10000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const folded = normalizeForSearch(`ب${String.fromCharCode(c)} ت`);
      if (normalizeForSearch(folded) !== folded) expect.fail(`U+${c.toString(16)}`);
    }
    const piece = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 3 }),
      fc.constantFrom('َ', 'ّ', 'ـ', 'أ', 'ﻻ', '\u0653', 'ا', ' ', '  ', '\u200f', 'ﷺ', '٢'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const folded = normalizeForSearch(pieces.join(''));
        expect(normalizeForSearch(folded)).toBe(folded);
      }),
      { numRuns: 3000 },
    );
  });
});
