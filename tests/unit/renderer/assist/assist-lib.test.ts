import { describe, expect, it } from 'vitest';
import type { TmDiffOp } from '../../../../src-main/shared/contract';
import { hitParts, tmDiffParts } from '../../../../src-renderer/lib/assist';

const spell = (parts: { kind: string; text: string }[], skip: string) =>
  parts
    .filter((p) => p.kind !== skip)
    .map((p) => p.text)
    .join('');

describe('tmDiffParts', () => {
  it('spells the memory source without the insertions, and marks each difference', () => {
    // Memory: «قال الوزير إن 30 شخصا قتلوا» ; current: «وقال الوزير إن 45 شخصا قتلوا أمس»
    const ops: TmDiffOp[] = [
      { op: 'replace', text: 'قال ', with: 'وقال', partial: true },
      { op: 'equal', text: 'الوزير إن ' },
      { op: 'replace', text: '30 ', with: '45', partial: true },
      { op: 'equal', text: 'شخصا قتلوا' },
      { op: 'insert', text: 'أمس' },
      { op: 'delete', text: ' اليوم' },
    ];
    const parts = tmDiffParts(ops);
    expect(spell(parts, 'add')).toBe('قال الوزير إن 30 شخصا قتلوا اليوم');
    expect(parts).toEqual([
      { kind: 'del', text: 'قال' },
      { kind: 'add', text: 'وقال' },
      { kind: 'same', text: ' الوزير إن ' },
      { kind: 'del', text: '30' },
      { kind: 'add', text: '45' },
      { kind: 'same', text: ' شخصا قتلوا' },
      { kind: 'add', text: 'أمس ' },
      { kind: 'del', text: ' اليوم' },
    ]);
  });

  it('gives one same part for an identical source, and nothing for an empty one', () => {
    expect(tmDiffParts([{ op: 'equal', text: 'نص' }])).toEqual([{ kind: 'same', text: 'نص' }]);
    expect(tmDiffParts([])).toEqual([]);
  });
});

describe('hitParts', () => {
  it('marks each range once, in order, whatever order or overlap the ranges come in', () => {
    expect(
      hitParts('abcdefgh', [
        [5, 7],
        [1, 3],
        [2, 4],
      ]),
    ).toEqual([
      { text: 'a', hit: false },
      { text: 'bc', hit: true },
      { text: 'd', hit: true },
      { text: 'e', hit: false },
      { text: 'fg', hit: true },
      { text: 'h', hit: false },
    ]);
  });

  it('keeps Arabic text whole around the hits, and clamps ranges past the end', () => {
    const text = 'وزارة الخارجية الروسية';
    const parts = hitParts(text, [
      [6, 14],
      [20, 99],
    ]);
    expect(parts.map((p) => p.text).join('')).toBe(text);
    expect(parts.filter((p) => p.hit).map((p) => p.text)).toEqual(['الخارجية', 'ية']);
    expect(hitParts('plain', [])).toEqual([{ text: 'plain', hit: false }]);
    expect(hitParts('', [])).toEqual([{ text: '', hit: false }]);
  });
});
