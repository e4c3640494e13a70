import { describe, expect, it } from 'vitest';
import type { InlineCode } from '../../../src-main/shared/inline';
import type { Pair } from '../../../src-main/shared/domain';
import { NO_DECORATIONS, decoratePieces, snapRange, splitRuns, type Decoration } from '../../../src-renderer/lib/decorations';
import { DecorationLayers, searchHits } from '../../../src-renderer/state/decorations.svelte';
import { normalizeForSearch } from '../../../src-main/shared/fold';

const d = (start: number, end: number, kind: Decoration['kind'] = 'search', title?: string): Decoration =>
  title ? { start, end, kind, title } : { start, end, kind };

/** The runs as [text, kinds] for readable expectations. */
const show = (text: string, decos: Decoration[], cuts: number[] = []) =>
  splitRuns(text, decos, cuts).map((r) => [text.slice(r.start, r.end), r.kinds.join('+')]);

describe('splitRuns', () => {
  it('covers the whole text once, plain runs between marked ones', () => {
    expect(show('peace talks resumed', [d(6, 11)])).toEqual([
      ['peace ', ''],
      ['talks', 'search'],
      [' resumed', ''],
    ]);
  });

  it('cuts overlapping ranges of different kinds into runs that carry every kind covering them', () => {
    const runs = show('abcdefgh', [d(1, 5, 'search'), d(3, 7, 'qa-error'), d(4, 5, 'term', 'treaty')]);
    expect(runs).toEqual([
      ['a', ''],
      ['bc', 'search'],
      ['d', 'search+qa-error'],
      ['e', 'search+term+qa-error'],
      ['fg', 'qa-error'],
      ['h', ''],
    ]);
  });

  it('keeps titles of the ranges covering a run, each once', () => {
    const runs = splitRuns('معاهدة السلام', [
      d(0, 6, 'term', 'treaty'),
      d(0, 6, 'term', 'treaty'),
      d(0, 6, 'qa-warning', 'missing'),
    ]);
    expect(runs[0]!.titles).toEqual(['treaty', 'missing']);
  });

  it('ignores empty, reversed, out-of-text and unknown-kind ranges, and clamps the rest', () => {
    expect(show('abc', [d(2, 2), d(3, 1), d(5, 9), { start: 0, end: 1, kind: 'bogus' as 'search' }])).toEqual([['abc', '']]);
    expect(show('abc', [d(-4, 1), d(2, 40)])).toEqual([
      ['a', 'search'],
      ['b', ''],
      ['c', 'search'],
    ]);
  });

  it('is empty for an empty text', () => {
    expect(splitRuns('', [d(0, 3)])).toEqual([]);
  });

  it('never cuts a surrogate pair: a boundary inside one moves outwards', () => {
    const text = 'a😀b'; // the emoji is two code units, 1..3
    expect(show(text, [d(2, 3)])).toEqual([
      ['a', ''],
      ['😀', 'search'],
      ['b', ''],
    ]);
    expect(show(text, [d(0, 2)])).toEqual([
      ['a😀', 'search'],
      ['b', ''],
    ]);
  });

  it('keeps harakat with their letter: a range ending before a mark takes it, one starting on a mark takes its letter', () => {
    const text = 'سَلَامٌ عليكم';
    // The folded search finds سلام at [0, 4) of 'سلام'; in the original the last letter م (5) carries ٌ (6).
    expect(show(text, [d(0, 6)])[0]).toEqual(['سَلَامٌ', 'search']);
    // A range that starts on the fatha after س widens back to س.
    expect(show(text, [d(1, 3)])[0]).toEqual(['سَلَ', 'search']);
  });

  it('cuts at code positions even where no range ends', () => {
    expect(show('bold text', [], [4])).toEqual([
      ['bold', ''],
      [' text', ''],
    ]);
  });
});

describe('snapRange', () => {
  it('returns null when nothing is left', () => {
    expect(snapRange('abc', 3, 3)).toBeNull();
    expect(snapRange('', 0, 1)).toBeNull();
  });
});

describe('decoratePieces', () => {
  const bold: InlineCode[] = [
    { pos: 4, kind: 'open', id: '1', type: 'bold' },
    { pos: 9, kind: 'close', id: '1', type: 'bold' },
  ];

  it('puts each chip between runs and splits a range that spans a chip on both sides of it', () => {
    const text = 'the peace deal'; // bold around "peace"
    const pieces = decoratePieces(text, bold, [d(0, 9)]).map((p) =>
      p.code ? `<${p.code.kind}>` : `${p.text}|${p.kinds.join('+')}`,
    );
    expect(pieces).toEqual(['the |search', '<open>', 'peace|search', '<close>', ' deal|']);
  });

  it('keeps codes at the very start and end, and codes with no text at all', () => {
    const codes: InlineCode[] = [
      { pos: 0, kind: 'standalone', id: 'a', type: 'image' },
      { pos: 3, kind: 'standalone', id: 'b', type: 'break' },
    ];
    const shape = (text: string, c: InlineCode[]) => decoratePieces(text, c, [d(0, 3)]).map((p) => (p.code ? p.code.id : p.text));
    expect(shape('abc', codes)).toEqual(['a', 'abc', 'b']);
    expect(shape('', [{ ...codes[0]!, pos: 0 }])).toEqual(['a']);
  });

  it('with no codes and no ranges is the text as one plain run', () => {
    expect(decoratePieces('نص', null, [])).toEqual([{ start: 0, end: 2, kinds: [], titles: [], text: 'نص' }]);
  });
});

describe('searchHits', () => {
  it('marks vowelled, hamza and tatweel variants of an Arabic query on the text as written', () => {
    const text = 'قالَ إنّ الأمــن مستتب، والامن أولاً';
    const hits = searchHits(text, normalizeForSearch('الامن'));
    expect(hits.map((h) => text.slice(h.start, h.end))).toEqual(['الأمــن', 'الامن']);
  });

  it('reads Arabic-Indic digits as the digits of the query', () => {
    const text = 'في عام ٢٠٢٣ وعام 2023';
    expect(searchHits(text, normalizeForSearch('2023')).map((h) => text.slice(h.start, h.end))).toEqual(['٢٠٢٣', '2023']);
  });
});

describe('DecorationLayers', () => {
  const pair = { id: 1, source: 'سلام', target: '' } as Pair;

  it('concatenates every layer, and a removed layer stops contributing', () => {
    const layers = new DecorationLayers();
    expect(layers.of(pair, { text: 'peace', codes: null })).toBe(NO_DECORATIONS);
    layers.set('a', () => ({ source: [d(0, 2)] }));
    layers.set('b', (_p, t) => ({ source: [d(2, 4, 'term')], target: [d(0, t.text.length, 'qa-error')] }));
    expect(layers.of(pair, { text: 'peace', codes: null })).toEqual({
      source: [d(0, 2), d(2, 4, 'term')],
      target: [d(0, 5, 'qa-error')],
    });
    layers.set('b', null);
    expect(layers.of(pair, { text: 'peace', codes: null })).toEqual({ source: [d(0, 2)], target: [] });
  });
});
