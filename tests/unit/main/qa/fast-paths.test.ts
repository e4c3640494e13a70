// The checks' fast paths against the slow code they replace: scanners against the patterns they
// stand for, the anchored English-term search against the pattern run over the whole target, the
// compact consistency maps kept by followChange against maps made afresh, and the spelling memo.
import { describe, expect, it } from 'vitest';
import {
  checkPair,
  documentFigures,
  englishWords,
  followChange,
  pairsUnder,
  unmatchedNumbers,
  unmatchedNumbersByValue,
  type Speller,
} from '../../../../src-main/qa/checks';
import { findNumbers, findNumbersByPattern } from '../../../../src-main/qa/numbers';
import { findEnglishTerm, termHaystack } from '../../../../src-main/qa/terms';
import { QA_CHECKS, type QaCheckId, type QaPair } from '../../../../src-main/qa/types';
import { prng } from './corpus';

/** Random text over an alphabet chosen to hit every branch of the scanners. */
function noise(rnd: (k: number) => number, alphabet: string[], length: number): string {
  return Array.from({ length }, () => alphabet[rnd(alphabet.length)]!).join('');
}

describe('scanners against their patterns', () => {
  it('findNumbers finds what the number pattern matches, with the same values', () => {
    const rnd = prng(11);
    const alphabet = [..."0123456789٠١٢٣٤٥۶۷۸۹.,٫٬'’ aب%-", '00', '٢٠٢٢', '1,234', '3.5'];
    for (let i = 0; i < 3000; i++) {
      const text = noise(rnd, alphabet, rnd(24));
      expect(findNumbers(text), text).toEqual(findNumbersByPattern(text));
    }
  });

  it('englishWords reads the words spelling read by its pattern', () => {
    const rnd = prng(12);
    const alphabet = [..."abcXYZ '’-.é1", 'İ', 'K', "'s", 'don’t'];
    const byPattern = (t: string) => [...t.matchAll(/[A-Za-z]+(?:['’][A-Za-z]+)*/g)].map((m) => [m[0], m.index]);
    for (let i = 0; i < 3000; i++) {
      const text = noise(rnd, alphabet, rnd(30));
      const words: [string, number][] = [];
      englishWords(text, (w, at) => void words.push([w, at]));
      expect(words, text).toEqual(byPattern(text));
    }
  });
});

describe('numbers matched between source and target', () => {
  it('the lists a paragraph usually has give what counts per value give', () => {
    const rnd = prng(15);
    const pieces = [
      '3',
      '٣',
      '2022',
      '٢٠٢٢',
      '12',
      'twelve',
      'one',
      '1',
      '٫5',
      '3.5',
      '3,5',
      '1,000',
      'a',
      ' ',
      ' ',
      ' ',
      'hundred',
      '100',
    ];
    let missing = 0;
    let extra = 0;
    for (let i = 0; i < 5000; i++) {
      const source = noise(rnd, pieces, rnd(14));
      const target = noise(rnd, pieces, rnd(14));
      const [s, t] = [findNumbers(source), findNumbers(target)];
      const fast = unmatchedNumbers(s, t, target);
      expect(fast, `${source} | ${target}`).toEqual(unmatchedNumbersByValue(s, t, target));
      missing += fast.missing.length;
      extra += fast.extra.length;
    }
    expect(missing).toBeGreaterThan(2000);
    expect(extra).toBeGreaterThan(2000);
  });

  it('a paragraph of many numbers (a table) gives the same', () => {
    const rnd = prng(16);
    const row = () => Array.from({ length: 60 }, () => String(rnd(40))).join(' ');
    const [source, target] = [row(), `${row()} three`];
    const [s, t] = [findNumbers(source), findNumbers(target)];
    expect(s.length * t.length).toBeGreaterThan(1024);
    expect(unmatchedNumbers(s, t, target)).toEqual(unmatchedNumbersByValue(s, t, target));
  });
});

describe('English terms found from their anchors', () => {
  it('finds the same place as the pattern run over the whole target', () => {
    const rnd = prng(13);
    const terms = ['treaty', 'security council', 'peace', 'U.S.', 'Co-operation', 'term 1', 'term 18', 'café', 'minister', 'ok'];
    // Plurals, possessives, case, extra or unusual spaces, and characters whose lower case is longer (İ) or an ASCII letter (K, ſ).
    const pieces = [
      ...terms,
      'treaties',
      "minister's",
      'TREATY',
      'Security  Council',
      'security\u00A0council',
      'peacekeeping',
      'term 10',
      'İ',
      '\u212A',
      '\u017F',
      ' ',
      ' ',
      ', ',
      'xterm',
      'okay',
    ];
    let found = 0;
    for (let i = 0; i < 4000; i++) {
      const target = Array.from({ length: 1 + rnd(8) }, () => pieces[rnd(pieces.length)]!).join(rnd(4) === 0 ? '' : ' ');
      const haystack = termHaystack(target);
      for (const term of terms) {
        const fast = findEnglishTerm(target, term, haystack);
        expect(fast, `${term} in ${target}`).toEqual(findEnglishTerm(target, term));
        if (fast) found++;
      }
    }
    expect(found).toBeGreaterThan(2000);
  });
});

describe('consistency maps', () => {
  const consistencyOnly = new Set<QaCheckId>(QA_CHECKS.filter((c) => !c.startsWith('inconsistent')));
  const issuesOf = (pairs: QaPair[], figures: ReturnType<typeof documentFigures>) =>
    pairs.map((p) =>
      // Which rival is named follows the maps' order, which edits change (as before): not compared.
      checkPair(p, { document: figures, disabled: consistencyOnly }).map((i) => ({
        ...i,
        params: { ...i.params, other: undefined },
      })),
    );

  it('followChange keeps the compact maps as a fresh pass would make them', () => {
    const rnd = prng(14);
    const sources = ['قال الرئيس', 'وصل الوفد', 'انتهت المحادثات', 'بدأ الاجتماع'];
    const targets = [
      '',
      'The president said',
      'The delegation arrived',
      'Talks ended',
      'The meeting began',
      'the president said.',
    ];
    const pairs: QaPair[] = Array.from({ length: 12 }, (_, i) => ({
      id: i + 1,
      source: sources[rnd(sources.length)]!,
      target: targets[rnd(targets.length)]!,
      excluded: rnd(8) === 0,
    }));
    const followed = documentFigures(pairs);
    let inconsistent = 0;
    for (let step = 0; step < 400; step++) {
      const p = pairs[rnd(pairs.length)]!;
      p.target = targets[rnd(targets.length)]!;
      p.excluded = rnd(8) === 0;
      expect(followChange(followed, p.id, p.target, p.excluded)).toBe(true);
      const fresh = documentFigures(pairs);
      const now = issuesOf(pairs, followed);
      expect(now, `step ${step}`).toEqual(issuesOf(pairs, fresh));
      inconsistent += now.flat().length;
      for (const key of new Set([...fresh.targetsBySource.keys(), ...followed.targetsBySource.keys()]))
        expect(pairsUnder(followed.targetsBySource, key).sort()).toEqual(pairsUnder(fresh.targetsBySource, key).sort());
      for (const key of new Set([...fresh.sourcesByTarget.keys(), ...followed.sourcesByTarget.keys()]))
        expect(pairsUnder(followed.sourcesByTarget, key).sort()).toEqual(pairsUnder(fresh.sourcesByTarget, key).sort());
    }
    expect(inconsistent).toBeGreaterThan(400);
  });

  it('a key held by one pair is its id alone; a second pair makes it a group', () => {
    const figures = documentFigures([
      { id: 1, source: 'قال الرئيس', target: 'The president said', excluded: false },
      { id: 2, source: 'وصل الوفد', target: 'The delegation arrived', excluded: false },
    ]);
    expect(typeof [...figures.targetsBySource.values()][0]).toBe('number');
    followChange(figures, 2, 'The president said', false);
    expect(pairsUnder(figures.sourcesByTarget, 'the president said').sort()).toEqual([1, 2]);
  });
});

describe('spelling memo', () => {
  const counting = (): Speller & { calls: number } => {
    const s = {
      calls: 0,
      correct: (w: string) => {
        s.calls++;
        return !/^(teh|deployd|zakharova)$/i.test(w);
      },
      suggest: () => [],
    };
    return s;
  };
  const spelt = (target: string, ctx: Parameters<typeof checkPair>[1]) =>
    checkPair({ id: 1, source: 'نص', target, excluded: false }, ctx).find((i) => i.check === 'spelling')?.params.words;

  it('asks the speller once per distinct word', () => {
    const speller = counting();
    for (let i = 0; i < 50; i++) expect(spelt('Teh forces were deployd to the city.', { speller })).toBe('Teh, deployd');
    // Teh, forces, were, deployd, to, the, city: each once (the two wrong ones also without 's).
    expect(speller.calls).toBe(9);
  });

  it("the user's added words and the glossary's English are still accepted, and a new list is a new memo", () => {
    const speller = counting();
    const target = 'Then Zakharova said the forces were deployd.';
    expect(spelt(target, { speller })).toBe('deployd');
    // services/qa.ts merges the user's words and the glossary's English into a new set on each change.
    expect(spelt(target, { speller, acceptedWords: new Set(['deployd']) })).toBeUndefined();
    expect(spelt(target, { speller, acceptedWords: new Set(['deployd']) })).toBeUndefined();
    // The word taken out of the list: flagged again, not remembered as accepted.
    expect(spelt(target, { speller, acceptedWords: new Set(['other']) })).toBe('deployd');
    expect(spelt(target, { speller })).toBe('deployd');
  });

  it('another speller (another dictionary) is not answered from the first one’s memo', () => {
    const lenient: Speller = { correct: () => true, suggest: () => [] };
    const target = 'The forces were deployd.';
    expect(spelt(target, { speller: counting() })).toBe('deployd');
    expect(spelt(target, { speller: lenient })).toBeUndefined();
    expect(spelt(target, { speller: counting() })).toBe('deployd');
  });
});
