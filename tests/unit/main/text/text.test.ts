import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalizeForSearch, toAsciiDigits } from '../../../../src-main/text/arabic';
import { excerpt, splitParagraphs } from '../../../../src-main/text/paragraphs';
import { countWords, countWordsUtf8 } from '../../../../src-main/text/words';

describe('normalizeForSearch', () => {
  it('removes harakat, tatweel and invisible marks and folds letter variants', () => {
    expect(normalizeForSearch('الخَارِجِيَّةُ')).toBe('الخارجيه');
    expect(normalizeForSearch('بالـ"معتدية"')).toBe('بال"معتديه"');
    expect(normalizeForSearch('أإآٱ ى ة ؤ ئ')).toBe('اااا ي ه و ي');
    expect(normalizeForSearch('\u200Fمرحبا\u200E')).toBe('مرحبا');
  });
  it('unifies digits, compatibility forms, case and spaces', () => {
    expect(toAsciiDigits('٢٠٢٢ و۱۲')).toBe('2022 و12');
    expect(normalizeForSearch('ﻻ')).toBe('لا'); // presentation-form ligature
    expect(normalizeForSearch('  Hello\t\nWORLD ')).toBe('hello world');
  });
});

describe('countWords', () => {
  it('counts Arabic and English words the way translators are billed', () => {
    expect(countWords('قالت المتحدثة باسم وزارة الخارجية الروسية ماريا زاخاروفا،')).toBe(8);
    expect(countWords('The spokeswoman’s well-known remarks, 3.5 per cent.')).toBe(7);
    expect(countWords('الأحداث الأخيرة في كازاخستان (2022)')).toBe(5);
    expect(countWords('بالـ"معتدية"')).toBe(2);
    expect(countWords('  ... -- ')).toBe(0);
  });
});

describe('splitParagraphs', () => {
  it('takes one paragraph per line with any line ending, trims and drops empty ones', () => {
    expect(splitParagraphs('أ\r\nب\rج\n\n  د  \n')).toEqual(['أ', 'ب', 'ج', 'د']);
  });
  it('joins hard-wrapped lines when blank lines separate paragraphs', () => {
    const text = 'قالت المتحدثة باسم وزارة\nالخارجية الروسية إن بلادها\nليست معتدية.\n\nوذكرت شبكة روسيا\nاليوم الإخبارية.\n';
    expect(splitParagraphs(text)).toEqual([
      'قالت المتحدثة باسم وزارة الخارجية الروسية إن بلادها ليست معتدية.',
      'وذكرت شبكة روسيا اليوم الإخبارية.',
    ]);
  });
  it('keeps line-per-paragraph files with occasional blank lines as they are', () => {
    const text = 'الفقرة الأولى.\nالفقرة الثانية.\n\nالفقرة الثالثة.\nالفقرة الرابعة.';
    expect(splitParagraphs(text)).toHaveLength(4);
  });
});

// The table-driven implementations must agree with the plain regex definitions they replace.
describe('excerpt', () => {
  it('keeps a short text whole and cuts a long one after the last whole word, with "…"', () => {
    expect(excerpt('  قال المتحدث  ', 20)).toBe('قال المتحدث');
    expect(excerpt('قالت المتحدثة باسم وزارة الخارجية', 16)).toBe('قالت المتحدثة…');
    expect(excerpt('Zakharova said, in Moscow', 16)).toBe('Zakharova said…');
  });
  it('cuts a single overlong word inside, but not between a letter and its harakat', () => {
    expect(excerpt('abcdefghij', 4)).toBe('abcd…');
    // "الخَارِجِيَّةُ": index 3 is a fatha: the cut moves back to the letter before it.
    expect(excerpt('الخَارِجِيَّةُ', 3)).toBe('ال…');
  });
  it('never returns more than the limit plus the ellipsis, nor an unpaired surrogate', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.integer({ min: 1, max: 40 }), (text, max) => {
        const out = excerpt(text, max);
        expect(out.length).toBeLessThanOrEqual(max + 1);
        expect(out).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
        if (text.trim().length > max) expect(out.endsWith('…')).toBe(true);
        else expect(out).toBe(text.trim());
      }),
    );
  });
});

describe('fast text functions agree with their reference definitions', () => {
  const referenceNormalize = (text: string) =>
    toAsciiDigits(
      text
        .normalize('NFKC')
        .replace(
          /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED\u0640\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g,
          '',
        )
        .replace(/[أإآٱٲٳ]/g, 'ا')
        .replace(/[ىئی]/g, 'ي')
        .replace(/ؤ/g, 'و')
        .replace(/ة/g, 'ه')
        .replace(/ک/g, 'ك'),
    )
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .trim();
  const referenceCount = (text: string) => (text.match(/[\p{L}\p{M}\p{N}]+(?:['’\-.,٫٬][\p{L}\p{M}\p{N}]+)*/gu) ?? []).length;
  const alphabet = [
    ...'قالتمحدثةبسوزرخجيأإآٱىئؤةکـًٌٍَُِّْٰ٠١٢٣٤٥٦٧٨٩۱۲0123456789abcXYZÉé \t\n\r\u00a0\u200f\u200e\u2067\u2069.,-’\'"()،؛؟ﻻﷲ',
  ];
  const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 80 }).map((a) => a.join(''));

  it('normalizeForSearch', () => {
    fc.assert(
      fc.property(text, (s) => normalizeForSearch(s) === referenceNormalize(s)),
      { numRuns: 2000 },
    );
  });
  it('countWords', () => {
    fc.assert(
      fc.property(text, (s) => countWords(s) === referenceCount(s)),
      { numRuns: 2000 },
    );
  });
  it('countWordsUtf8 counts the bytes of a text as countWords counts the text, within the bounds it is given', () => {
    const enc = new TextEncoder();
    // Astral letters and symbols (surrogate pairs), and letters right after the range: a joiner at
    // its end must not look past it.
    const wide = fc.oneof(
      text,
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.array(fc.constantFrom(...alphabet, '😀', '𝒜', '𠀀', 'a-', 'ب.', '٫'), { maxLength: 60 }).map((a) => a.join('')),
    );
    fc.assert(
      fc.property(wide, fc.constantFrom('', 'x', 'ب', '😀'), fc.constantFrom('', 'y', 'ق', '𝒜'), (s, before, after) => {
        const bytes = enc.encode(before + s + after);
        const from = enc.encode(before).length;
        expect(countWordsUtf8(bytes, from, from + enc.encode(s).length)).toBe(countWords(s));
      }),
      { numRuns: 3000 },
    );
  });
});
