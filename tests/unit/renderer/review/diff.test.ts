import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasChanges, wordDiff, type DiffPart } from '../../../../src-renderer/lib/diff';

const changed = (parts: DiffPart[]) => parts.filter((p) => p.kind !== 'same');
const spell = (parts: DiffPart[], skip: 'add' | 'del') =>
  parts
    .filter((p) => p.kind !== skip)
    .map((p) => p.text)
    .join('');

describe('wordDiff', () => {
  it('marks one whole Arabic word when a single haraka changes', () => {
    const a = 'كَتَبَ الوَلَدُ الدَّرْسَ';
    const b = 'كَتَبَ الوَلَدِ الدَّرْسَ';
    expect(changed(wordDiff(a, b, 'ar'))).toEqual([
      { kind: 'del', text: 'الوَلَدُ' },
      { kind: 'add', text: 'الوَلَدِ' },
    ]);
  });

  it('never splits an Arabic word between a letter and its shadda or sukun', () => {
    const a = 'إِنَّ المُحَادَثَاتِ كَانَتْ مِهْنِيَّةً';
    const b = 'إِنَّ المُحَادَثَاتِ كَانَتْ مِهَنِيَّةً';
    const parts = wordDiff(a, b, 'ar');
    for (const p of changed(parts)) {
      // A changed part is a whole word: it starts with a letter, never with a combining mark.
      expect(p.text).toMatch(/^\p{L}/u);
      expect(p.text.trim()).toBe(p.text);
    }
    expect(changed(parts).map((p) => p.text)).toEqual(['مِهْنِيَّةً', 'مِهَنِيَّةً']);
  });

  it('diffs English word by word', () => {
    expect(wordDiff('The quick brown fox jumps', 'The slow brown fox jumped', 'en')).toEqual([
      { kind: 'same', text: 'The ' },
      { kind: 'del', text: 'quick' },
      { kind: 'add', text: 'slow' },
      { kind: 'same', text: ' brown fox ' },
      { kind: 'del', text: 'jumps' },
      { kind: 'add', text: 'jumped' },
    ]);
  });

  it('handles mixed Arabic and Latin text, keeping acronyms and numbers whole', () => {
    const parts = wordDiff('قال مراسل BBC في 2021', 'قال مراسل CNN في 2022', 'en');
    expect(changed(parts).map((p) => [p.kind, p.text])).toEqual([
      ['del', 'BBC'],
      ['add', 'CNN'],
      ['del', '2021'],
      ['add', '2022'],
    ]);
  });

  it('reports insertion into and deletion of a whole text', () => {
    expect(wordDiff('', 'Zakharova said', 'en')).toEqual([{ kind: 'add', text: 'Zakharova said' }]);
    expect(wordDiff('Zakharova said', '', 'en')).toEqual([{ kind: 'del', text: 'Zakharova said' }]);
    expect(wordDiff('', '', 'en')).toEqual([]);
  });

  it('says when nothing changed', () => {
    const same = wordDiff('Russia is not an aggressor', 'Russia is not an aggressor', 'en');
    expect(same).toEqual([{ kind: 'same', text: 'Russia is not an aggressor' }]);
    expect(hasChanges(same)).toBe(false);
    expect(hasChanges(wordDiff('a b', 'a c', 'en'))).toBe(true);
  });

  it('shows a change that is only whitespace rather than hiding it', () => {
    const parts = wordDiff('Peace,keepers', 'Peace, keepers', 'en');
    expect(hasChanges(parts)).toBe(true);
    expect(spell(parts, 'add')).toBe('Peace,keepers');
    expect(spell(parts, 'del')).toBe('Peace, keepers');
  });

  it('always spells both texts exactly (property)', () => {
    const token = fc.constantFrom(
      'the',
      'talks',
      'قال',
      'الوَلَدُ',
      'الولد',
      'مِهْنِيَّةً',
      ' ',
      '  ',
      '\n',
      ',',
      '.',
      '"',
      'NATO',
      '2022',
    );
    const text = fc.array(token, { maxLength: 14 }).map((t) => t.join(''));
    fc.assert(
      fc.property(text, text, fc.constantFrom('ar', 'en'), (a, b, lang) => {
        const parts = wordDiff(a, b, lang);
        expect(spell(parts, 'add')).toBe(a);
        expect(spell(parts, 'del')).toBe(b);
        // Runs are merged: two neighbours never have the same kind.
        for (let i = 1; i < parts.length; i++) expect(parts[i]!.kind).not.toBe(parts[i - 1]!.kind);
      }),
      { numRuns: 800 },
    );
  });
});
