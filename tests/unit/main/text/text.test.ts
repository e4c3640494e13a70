import { describe, expect, it } from 'vitest';
import { normalizeForSearch, toAsciiDigits } from '../../../../src-main/text/arabic';
import { splitParagraphs } from '../../../../src-main/text/paragraphs';
import { countWords } from '../../../../src-main/text/words';

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
    expect(splitParagraphs(text)).toEqual(['قالت المتحدثة باسم وزارة الخارجية الروسية إن بلادها ليست معتدية.', 'وذكرت شبكة روسيا اليوم الإخبارية.']);
  });
  it('keeps line-per-paragraph files with occasional blank lines as they are', () => {
    const text = 'الفقرة الأولى.\nالفقرة الثانية.\n\nالفقرة الثالثة.\nالفقرة الرابعة.';
    expect(splitParagraphs(text)).toHaveLength(4);
  });
});
