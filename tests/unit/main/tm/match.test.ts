// The pure matching layer: tokens, clitics, scores, number substitution, word diffs, concordance
// offsets and candidate retrieval.
import { describe, expect, it } from 'vitest';
import { normalizeForSearch } from '../../../../src-main/text/arabic';
import { findFolded } from '../../../../src-main/tm/concordance';
import { substituteNumbers } from '../../../../src-main/tm/numbers';
import { bandOf, rank } from '../../../../src-main/tm/rank';
import { contextHash, TmIndex } from '../../../../src-main/tm/retrieval';
import { diffWords, prepareFolded, score, type DiffOp } from '../../../../src-main/tm/score';
import { numberValue, stem, tokenize } from '../../../../src-main/tm/tokens';

const s = (a: string, b: string) => score(prepareFolded(normalizeForSearch(a)), prepareFolded(normalizeForSearch(b)));

const BASE = 'وقالت المتحدثة باسم وزارة الخارجية إن قوات حفظ السلام وضعت حدا لإراقة الدماء في عام ٢٠٢٢';

describe('tokens', () => {
  it('splits words, numbers (with Arabic separators) and punctuation; harakat and tatweel stay inside words', () => {
    const t = tokenize('قَالَـت: ١٢٬٥٠٠ و٣٫٥ "هراء"، 2022.');
    expect(t.map((x) => [x.kind, x.key])).toEqual([
      ['word', 'قالت'],
      ['punct', ':'],
      ['num', '12٬500'],
      ['num', 'و3٫5'],
      ['punct', '"'],
      ['word', 'هراء'],
      ['punct', '"'],
      ['punct', '،'],
      ['num', '2022'],
      ['punct', '.'],
    ]);
  });

  it('number values fold digit systems and separators', () => {
    expect(numberValue(normalizeForSearch('٢٠٢٣'))).toBe('2023');
    expect(numberValue(normalizeForSearch('۱۴۰۲'))).toBe('1402');
    expect(numberValue(normalizeForSearch('١٢٬٥٠٠'))).toBe('12500');
    expect(numberValue(normalizeForSearch('٣٫٥'))).toBe('3.5');
    expect(numberValue('1,500')).toBe('1500');
    expect(numberValue('1.234.567')).toBe('1234567');
  });

  it('strips proclitic chains but keeps a three-letter stem', () => {
    expect(stem('والاقتصاد')).toBe('اقتصاد');
    expect(stem('بالاقتصاد')).toBe('اقتصاد');
    expect(stem('الاقتصاد')).toBe('اقتصاد');
    expect(stem('للاقتصاد')).toBe('اقتصاد');
    expect(stem('وقت')).toBe('وقت');
  });
});

describe('score', () => {
  it('is 100 for the same text and for differences of harakat, hamza forms, tatweel, ta marbuta only', () => {
    expect(s(BASE, BASE)).toBe(100);
    expect(s(BASE, 'وَقَالَتِ المُتَحَدِّثَةُ بِاسْمِ وِزَارَةِ الخَارِجِيَّةِ إنّ قُوَّاتِ حِفْظِ السَّلَامِ وَضَعَتْ حَدًّا لِإِرَاقَةِ الدِّمَاءِ فِي عَامِ ٢٠٢٢')).toBe(100);
    expect(s(BASE, BASE.replace('لإراقة', 'لاراقة').replace('إن', 'أن'))).toBe(100);
    expect(s(BASE, BASE.replace('المتحدثة', 'المتحـــدثه'))).toBe(100);
  });

  it('is 99 when only numbers or punctuation differ', () => {
    expect(s(BASE, BASE.replace('٢٠٢٢', '٢٠٢٣'))).toBe(99);
    expect(s(BASE, BASE.replace('٢٠٢٢', '2023'))).toBe(99);
    expect(s(BASE, `${BASE}.`)).toBe(99);
    // The same number in another digit system is no difference at all.
    expect(s(BASE, BASE.replace('٢٠٢٢', '2022'))).toBe(100);
  });

  it('counts an attached و/ب/ال as half a word, a different word as a whole one', () => {
    const n = tokenize(BASE).length; // 16 words and numbers
    expect(n).toBe(16);
    const clitic = s(BASE, BASE.replace('وزارة', 'بوزارة'));
    const article = s(BASE, BASE.replace('وزارة', 'الوزارة'));
    const other = s(BASE, BASE.replace('وزارة', 'حكومة'));
    expect(clitic).toBe(Math.floor((100 * (n - 0.5)) / n)); // 96
    expect(article).toBe(clitic);
    expect(other).toBe(Math.floor((100 * (n - 1)) / n)); // 93
    expect(s(BASE, BASE.replace('وقالت ', 'قالت '))).toBe(clitic);
  });

  it('normalises by the longer segment (OmegaT formula) and never goes below 0', () => {
    expect(s('كلمة واحدة', 'كلمة واحدة وثلاث كلمات أخرى هنا')).toBe(Math.floor((100 * 2) / 6));
    expect(s('شيء', 'أمر مختلف تماما')).toBe(0);
  });

  it('bands', () => {
    expect([101, 100, 99, 95, 94, 85, 84, 75, 74, 50, 49].map(bandOf)).toEqual([
      'context',
      'exact',
      'fuzzy95',
      'fuzzy95',
      'fuzzy85',
      'fuzzy85',
      'fuzzy75',
      'fuzzy75',
      'fuzzy50',
      'fuzzy50',
      'none',
    ]);
  });
});

describe('rank', () => {
  const unit = (id: number, sourceNorm: string, status: 'approved' | 'translated' | 'imported', target = `t${id}`) => ({
    id,
    sourceNorm,
    target,
    status,
    contextHash: null as number | null,
    changedAt: `2026-01-0${id}`,
  });
  it('orders by score, then approved above translated above imported, and offers duplicates once', () => {
    const norm = normalizeForSearch(BASE);
    const fuzzy = normalizeForSearch(BASE.replace('وزارة', 'حكومة'));
    const out = rank(
      { norm, contextHash: null },
      [unit(1, fuzzy, 'approved'), unit(2, norm, 'imported'), unit(3, norm, 'approved'), unit(4, norm, 'translated', 't3')],
      50,
      5,
    );
    expect(out.map((o) => [o.unit.id, o.score])).toEqual([
      [3, 100],
      [2, 100],
      [1, 93],
    ]);
  });

  it('a 100% match between the same neighbours is a context match (101)', () => {
    const norm = normalizeForSearch(BASE);
    const ctx = contextHash('قبل', 'بعد');
    const u = { ...unit(1, norm, 'translated'), contextHash: ctx };
    expect(rank({ norm, contextHash: ctx }, [u], 50, 5)[0]).toMatchObject({ score: 101, kind: 'context' });
    expect(rank({ norm, contextHash: contextHash('قبل', 'غير') }, [u], 50, 5)[0]).toMatchObject({ score: 100, kind: 'exact' });
  });
});

describe('numbers', () => {
  it('puts the current source numbers into the English, from any digit system', () => {
    const r = substituteNumbers('في عام ٢٠٢٣ قتل ١٢٬٥٠٠ شخص', 'في عام ٢٠٢٢ قتل ١١٬٤٠٠ شخص', 'In 2022, 11,400 people died.');
    expect(r).toEqual({ text: 'In 2023, 12,500 people died.', replaced: 2 });
    expect(substituteNumbers('يوم ۹ يناير', 'يوم 6 يناير', 'On 6 January').text).toBe('On 9 January');
    expect(substituteNumbers('نسبة ٣٫٥', 'نسبة ٢٫٧', 'a rate of 2.7').text).toBe('a rate of 3.5');
  });
  it('leaves the English alone when the numbers cannot be paired', () => {
    const t = 'On 9 and 10 January 2022';
    expect(substituteNumbers('يومي ٩ و١٠ يناير', 'يومي ٩ و١٠ يناير ٢٠٢٢', t)).toEqual({ text: t, replaced: 0 });
  });
});

describe('diffWords', () => {
  const memOf = (ops: DiffOp[]) =>
    ops
      .filter((o) => o.op !== 'insert')
      .map((o) => o.text)
      .join('');
  it('marks changed words, a clitic change as partial, and gives the memory source back exactly', () => {
    const cur = 'قالت الوزارة إن الحكومة مستعدة';
    const mem = 'قالت بالوزارة إنّ الحكومة   جاهزة';
    const ops = diffWords(cur, mem);
    expect(memOf(ops)).toBe(mem);
    expect(ops).toContainEqual({ op: 'replace', text: 'بالوزارة ', with: 'الوزارة', partial: true });
    expect(ops).toContainEqual({ op: 'replace', text: 'جاهزة', with: 'مستعدة', partial: false });
    const longer = diffWords('قالت الوزارة', 'قالت الوزارة تماما');
    expect(longer[longer.length - 1]).toEqual({ op: 'delete', text: 'تماما' });
    expect(ops.find((o) => o.op === 'equal' && o.text.includes('إنّ'))).toBeDefined();
  });
  it('shows words only in the current source as inserts', () => {
    const ops = diffWords('قالت الوزارة اليوم', 'قالت الوزارة');
    expect(ops[ops.length - 1]).toEqual({ op: 'insert', text: 'اليوم' });
  });
});

describe('concordance offsets', () => {
  it('finds a folded phrase in text with harakat, hamza forms and Arabic-Indic digits', () => {
    const text = 'قالَ: إنَّ الأمنَ الجماعيَّ في ٢٠٢٢';
    const hits = findFolded(text, normalizeForSearch('ان الامن'));
    expect(hits).toHaveLength(1);
    expect(text.slice(...hits[0]!)).toBe('إنَّ الأمنَ');
    const year = findFolded(text, '2022');
    expect(text.slice(...year[0]!)).toBe('٢٠٢٢');
    expect(findFolded('Peace and PEACE', 'peace')).toEqual([
      [0, 5],
      [10, 15],
    ]);
  });
});

describe('retrieval index', () => {
  it('proposes units sharing rare stems, clitics ignored, and forgets removed ones', () => {
    const idx = new TmIndex();
    const texts = [
      'قوات حفظ السلام وضعت حدا لإراقة الدماء في كازاخستان',
      'روسيا مستعدة لمزيد من العمل مع الولايات المتحدة',
      'المحادثات كانت مهنية وبناءة وعملية',
    ];
    texts.forEach((t, i) => idx.add(i + 1, normalizeForSearch(t)));
    for (let i = 0; i < 500; i++) idx.add(100 + i, normalizeForSearch(`نص آخر رقم ${i} في كازاخستان`));
    const q = normalizeForSearch('وقوات حفظ السلام وضعت حدا لإراقة الدماء في كازاخستان');
    expect(idx.candidates(q, 70, 5)[0]?.id).toBe(1);
    idx.remove(1);
    expect(idx.candidates(q, 70, 5).map((c) => c.id)).not.toContain(1);
  });

  it('drops candidates whose length alone rules out the threshold', () => {
    const idx = new TmIndex();
    idx.add(1, normalizeForSearch('كازاخستان'));
    idx.add(2, normalizeForSearch('الوضع في كازاخستان اليوم'));
    const q = normalizeForSearch('الوضع في كازاخستان اليوم');
    expect(idx.candidates(q, 70, 5).map((c) => c.id)).toEqual([2]);
    expect(idx.candidates(q, 20, 5).map((c) => c.id)).toEqual([2, 1]);
  });
});
