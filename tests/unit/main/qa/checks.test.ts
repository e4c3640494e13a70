import { describe, expect, it } from 'vitest';
import { checkDocument, checkPair, documentFigures, type Speller } from '../../../../src-main/qa/checks';
import { TermIndex } from '../../../../src-main/qa/terms';
import type { QaCheckId, QaPair } from '../../../../src-main/qa/types';

let nextId = 1;
const pair = (source: string, target: string, excluded = false): QaPair => ({ id: nextId++, source, target, excluded });
const ids = (source: string, target: string): QaCheckId[] => checkPair(pair(source, target)).map((i) => i.check);

describe('QA checks, Arabic → English', () => {
  it('empty target, but not on an excluded pair', () => {
    expect(ids('مرحبا بكم', '  ')).toEqual(['empty-target']);
    expect(checkPair(pair('مرحبا بكم', '', true))).toEqual([]);
  });

  it('target identical to source', () => {
    expect(ids('CNN', 'CNN')).toContain('same-as-source');
  });

  it.each([
    ['Is it ready؟', '؟'],
    ['He said، then left.', '،'],
    ['Prices; costs؛ and taxes.', '؛'],
    ['He called it «historic».', '« »'],
    ['The Kazakh leader ـ visited.', 'ـ'],
    ['Talks with لافروف ended.', 'ل ا ف ر و'],
  ])('Arabic script left in the English: %s', (target, chars) => {
    const [found] = checkPair(pair('نص', target)).filter((i) => i.check === 'arabic-in-target');
    expect(found).toBeDefined();
    expect(found!.severity).toBe('error');
    for (const c of chars.split(' ')) expect(found!.params.chars).toContain(c);
  });

  it.each([
    ['ارتفع التضخم إلى ٣٫٥٪ في ٢٠٢٣.', 'Inflation rose to 3.5% in 2023.', []],
    ['بلغ العدد ۱۲۳٬۴۵۶ شخصا.', 'The number reached 123,456 people.', []],
    ['بلغ العدد ۱۲۳٬۴۵۶ شخصا.', 'The number reached 123456 people.', []],
    ['زار ٣ وزراء المدينة.', 'Three ministers visited the city.', []],
    ['ارتفع التضخم إلى ٣٫٥٪ في ٢٠٢٣.', 'Inflation rose to 5.3% in 2023.', ['number-missing', 'number-extra']],
    ['وقع الاتفاق في عام ٢٠٢٣.', 'The agreement was signed in 2022.', ['number-missing', 'number-extra']],
    ['وقع الاتفاق.', 'The agreement was signed on 12 May.', ['number-extra']],
    ['قتل ١٥ شخصا و٢٠ جريحا.', 'Fifteen people were killed and 20 wounded.', ['number-missing']],
  ])('numbers: %s → %s', (source, target, expected) => {
    expect(ids(source, target).filter((c) => c.startsWith('number'))).toEqual(expected);
  });

  it('marks the missing number in the source and the stray one in the target', () => {
    const source = 'وقع الاتفاق في عام ٢٠٢٣.';
    const target = 'The agreement was signed in 2022.';
    const issues = checkPair(pair(source, target));
    const missing = issues.find((i) => i.check === 'number-missing')!;
    expect(source.slice(missing.ranges[0]!.start, missing.ranges[0]!.end)).toBe('٢٠٢٣');
    const extra = issues.find((i) => i.check === 'number-extra')!;
    expect(target.slice(extra.ranges[0]!.start, extra.ranges[0]!.end)).toBe('2022');
  });

  it.each([
    ['قالت شبكة CNN إن الرئيس وصل.', 'The president arrived, CNN said.', false],
    ['قالت شبكة CNN إن الرئيس وصل.', 'The president arrived, the network said.', true],
    ['للمزيد زوروا https://example.org/ar/news.', 'For more, visit https://example.org/ar/news.', false],
    ['راسلونا على info@example.org', 'Write to us.', true],
    ['انتشر وسم #Astana2024 على تويتر.', 'The hashtag #Astana2024 spread on Twitter.', false],
    ['التقى مع Tokayev أمس.', 'He met tokayev yesterday.', false],
  ])('Latin tokens of the source in the target: %s', (source, target, flagged) => {
    expect(ids(source, target).includes('latin-missing')).toBe(flagged);
  });

  it.each([
    ['هل انتهت المحادثات؟', 'Have the talks ended?', false],
    ['هل انتهت المحادثات؟', 'Have the talks ended.', true],
    ['انتهت المحادثات.', 'The talks ended.', false],
    ['انتهت المحادثات.', 'The talks ended', true],
    ['قال: "انتهت المحادثات."', 'He said: "The talks ended."', false],
    ['يا للروعة!', 'How wonderful!', false],
    ['عنوان بلا نقطة', 'A headline.', false],
  ])('end punctuation: %s → %s', (source, target, flagged) => {
    expect(ids(source, target).includes('end-punctuation')).toBe(flagged);
  });

  it.each([
    ['He (the minister said.', true],
    ['He (the minister) said.', false],
    ['He said "yes.', true],
    ['He said “yes.', true],
    ['He said “yes”.', false],
    ['The minister’s aides [left.', true],
    ['The minister’s aides left.', false],
  ])('unbalanced brackets and quotation marks: %s', (target, flagged) => {
    expect(ids('نص طويل بعض الشيء', target).includes('unbalanced-pairs')).toBe(flagged);
  });

  it('invisible characters in the target, named', () => {
    const [found] = checkPair(pair('نص', 'The\u200F talks\u2066 ended\u200B.')).filter((i) => i.check === 'invisible-chars');
    expect(found!.params.chars).toBe('RLM, LRI, ZWSP');
    expect(found!.ranges).toHaveLength(3);
  });

  it.each([
    [' The talks ended.', 'leading'],
    ['The talks ended. ', 'trailing'],
    ['The  talks ended.', 'double'],
    ['Did the talks end ?', 'before-punctuation'],
  ])('spacing: %j', (target, kind) => {
    const [found] = checkPair(pair('هل انتهت المحادثات', target)).filter((i) => i.check === 'spacing');
    expect(found!.params.kinds).toContain(kind);
  });

  it('length ratio outside the document’s own range', () => {
    const sources = Array.from({ length: 12 }, (_, i) => `هذه جملة عربية رقم ${i} طويلة بعض الشيء`);
    const pairs = sources.map((s, i) => pair(s, `This is Arabic sentence number ${i}, somewhat long`));
    pairs.push(pair('هذه جملة عربية أخرى طويلة بعض الشيء', 'Short.'));
    const report = checkDocument(pairs);
    const flagged = [...report.entries()]
      .filter(([, issues]) => issues.some((i) => i.check === 'length-ratio'))
      .map(([id]) => id);
    expect(flagged).toEqual([pairs.at(-1)!.id]);
    // Too few pairs to know the usual range: nothing is flagged.
    expect(documentFigures(pairs.slice(0, 5)).lengthFences).toBeNull();
  });

  it('consistency: the same source translated differently, the same target for different sources', () => {
    const a = pair('انتهت المحادثات.', 'The talks ended.');
    const b = pair('انتهتِ المحادثاتُ.', 'Talks are over.');
    const c = pair('بدأت المفاوضات.', 'The talks ended.');
    const report = checkDocument([a, b, c]);
    expect(report.get(a.id)!.map((i) => i.check)).toEqual(['inconsistent-target', 'inconsistent-source']);
    expect(report.get(b.id)!.map((i) => i.check)).toEqual(['inconsistent-target']);
    expect(report.get(c.id)!.map((i) => i.check)).toEqual(['inconsistent-source']);
  });

  it('consistency counts rivals, not the pair’s own stored text, and judges a draft against the document', () => {
    const pairs = [
      pair('انتهت المحادثات.', 'The talks ended.'),
      pair('انتهت المحادثات.', 'Talks are over.'),
      pair('انتهت المحادثات.', 'The talks are finished.'),
      pair('انتهت المحادثات.', 'The talks ended!'),
    ];
    const document = documentFigures(pairs);
    const [first] = checkPair(pairs[0]!, { document }).filter((i) => i.check === 'inconsistent-target');
    expect(first!.params).toEqual({ other: 'talks are over', count: 2 });
    // The second pair typed into agreement with the first: its stored text is no rival of its draft.
    const draft = { ...pairs[1]!, target: 'The talks ended.' };
    const [second] = checkPair(draft, { document }).filter((i) => i.check === 'inconsistent-target');
    expect(second!.params.count).toBe(1);
    expect(second!.params.other).toBe('the talks are finished');
    // Every pair agreeing: nothing to report, whatever the drafts before.
    const agreed = pairs.map((p) => ({ ...p, target: 'The talks ended.' }));
    expect([...checkDocument(agreed).values()].flat().filter((i) => i.check.startsWith('inconsistent'))).toEqual([]);
  });

  it('glossary: a recognised term whose English is missing, a forbidden term used', () => {
    const glossary = new TermIndex([
      { id: 1, source: 'الأمم المتحدة', target: 'United Nations' },
      { id: 2, source: 'مجلس الأمن', target: 'Security Council' },
      { id: 3, source: 'الأمم المتحدة', target: 'League of Nations', forbidden: true },
    ]);
    const source = 'اجتمع مجلس الأمن التابع للأمم المتحدة.';
    const issues = checkPair(pair(source, 'The Security Council of the League of Nations met.'), { glossary });
    const missing = issues.find((i) => i.check === 'term-missing')!;
    expect(missing.params).toEqual({ source: 'للأمم المتحدة', term: 'United Nations' });
    expect(issues.find((i) => i.check === 'term-forbidden')!.severity).toBe('error');
    expect(checkPair(pair(source, 'The UN Security Council met at the United Nations.'), { glossary })).toEqual([]);
  });

  it('spelling with a Hunspell-style checker: names, acronyms, source Latin words and added words accepted', () => {
    const known = new Set(['the', 'met', 'in', 'president', 'visited', 'and', 'capital']);
    const speller: Speller = { correct: (w) => known.has(w.toLowerCase()), suggest: () => [] };
    const issues = checkPair(pair('زار الرئيس Astana مع NATO', 'The presidnet visited Astana and NATO in the capitel.'), {
      speller,
      acceptedWords: new Set(['capitel']),
    });
    const spelling = issues.find((i) => i.check === 'spelling')!;
    expect(spelling.params.words).toBe('presidnet');
  });

  it('a profile switches checks off', () => {
    const issues = checkPair(pair('وقع الاتفاق في عام ٢٠٢٣؟', 'Signed in 2022 .'), {
      disabled: new Set<QaCheckId>(['number-missing', 'number-extra', 'spacing']),
    });
    expect(issues.map((i) => i.check)).toEqual(['end-punctuation']);
  });
});
