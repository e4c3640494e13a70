import { describe, expect, it } from 'vitest';
import { findEnglishTerm, TermIndex, wordStems, type Term } from '../../../../src-main/qa/terms';

const term = (id: number, source: string, target: string, forbidden = false): Term => ({ id, source, target, forbidden });

/** [term, text, found?]: real word forms with the clitics Arabic attaches. */
const CASES: [string, string, boolean][] = [
  ['السلام', 'وبالسلام', true],
  ['السلام', 'للسلام', true],
  ['السلام', 'وللسلام', true],
  ['السلام', 'فالسلام', true],
  ['السلام', 'كالسلام', true],
  ['السلام', 'سلامهم', true],
  ['السلام', 'السَّلامُ', true],
  ['السلام', 'الإسلام', false],
  ['السلام', 'إسلام', false],
  ['السلام', 'استسلام', false],
  ['معاهدة', 'بمعاهدته', true],
  ['معاهدة', 'معاهدتها', true],
  ['معاهدة', 'والمعاهدة', true],
  ['معاهدة', 'معاهداتهم', false],
  ['معهد', 'معاهدة', false],
  ['مستوى', 'مستواه', true],
  ['أمن', 'وأمنهم', true],
  ['أمن', 'آمن', true], // hamza forms of alef fold together, as in search
  ['أمن', 'مأمن', false],
  ['كتاب', 'بكتابكما', true],
  ['كتاب', 'كتابة', false],
  ['الأمم المتحدة', 'للأمم المتحدة', true],
  ['الأمم المتحدة', 'وبالأمم المتحدة', true],
  ['الأمم المتحدة', 'الأمم غير المتحدة', false],
  ['مجلس الأمن', 'ومجلس الأمن الدولي', true],
  ['قازاخستان', 'وقازاخستان', true],
  ['كازاخستان', 'لكازاخستان', true],
  ['رئيس', 'برئيسها', true],
  ['رئيس', 'الرئيسية', false],
  // The cases and their neighbours in the sample article.
  ['معاهدة', 'ومعاهدتهم', true],
  ['السلام', 'والسلامة', false],
  ['كازاخستان', 'الكازاخستاني', false], // "the Kazakh": the article takes no pronoun, so ي is no suffix
  ['كازاخستان', 'بالكازاخستانية', false],
  ['قوات حفظ السلام', 'وقوات حفظ السلام', true],
  ['قوات حفظ السلام', 'قوات حفظ السلامة', false],
  ['الناتو', 'والناتو', true],
];

describe('glossary recognition in Arabic', () => {
  it.each(CASES)('term %s in %s: %s', (source, text, found) => {
    const index = new TermIndex([term(1, source, 'x')]);
    expect(index.find(`قال ${text} اليوم`).length > 0).toBe(found);
  });

  it('reports where the term is in the original text, harakat included', () => {
    const text = 'دعا إلى السَّلامِ والأمنِ';
    const [hit] = new TermIndex([term(1, 'السلام', 'peace')]).find(text);
    expect(text.slice(hit!.start, hit!.end)).toBe('السَّلامِ');
  });

  it('finds multi-word terms and several terms, in order', () => {
    const text = 'اجتمع مجلس الأمن التابع للأمم المتحدة';
    const hits = new TermIndex([term(1, 'الأمم المتحدة', 'United Nations'), term(2, 'مجلس الأمن', 'Security Council')]).find(
      text,
    );
    expect(hits.map((h) => text.slice(h.start, h.end))).toEqual(['مجلس الأمن', 'للأمم المتحدة']);
  });

  it('accepts alternative forms separated by a semicolon', () => {
    const index = new TermIndex([term(1, 'قازاخستان; كازاخستان', 'Kazakhstan')]);
    expect(index.find('زار كازاخستان')).toHaveLength(1);
    expect(index.find('زار قازاخستان')).toHaveLength(1);
  });

  it('keeps ta marbuta apart from a pronoun suffix', () => {
    expect(wordStems('معاهدته')).toContain('معاهدة');
    expect(wordStems('معاهدة')).not.toContain('معاهد');
  });

  it('finds English terms with plural and possessive endings, as whole words', () => {
    expect(findEnglishTerm('Two treaties were signed', 'treaty')).not.toBeNull();
    expect(findEnglishTerm("The minister's visit", 'minister')).not.toBeNull();
    expect(findEnglishTerm('the Security  Council met', 'security council')).not.toBeNull();
    expect(findEnglishTerm('peacekeeping forces', 'peace')).toBeNull();
  });
});
