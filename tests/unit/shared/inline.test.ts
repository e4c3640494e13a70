import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  applyEdit,
  codesFromTokens,
  codesProblem,
  extraCodes,
  fromPieces,
  fromTagged,
  missingCodes,
  nextMissingTag,
  normaliseCodes,
  plainText,
  slicePieces,
  tagIssues,
  tagLabel,
  tagNumbers,
  toPieces,
  toTagged,
  transferCodes,
  unitLength,
  type InlineCode,
  type Piece,
} from '../../../src-main/shared/inline';

const open = (id: string, pos: number, type = 'bold'): InlineCode => ({ pos, kind: 'open', id, type });
const close = (id: string, pos: number, type = 'bold'): InlineCode => ({ pos, kind: 'close', id, type });
const ph = (id: string, pos: number, type = 'break'): InlineCode => ({ pos, kind: 'standalone', id, type });

// "قال {1}زاخاروفا{/1} اليوم{2/}"
const SRC = 'قال زاخاروفا اليوم';
const SRC_CODES = [open('b', 4), close('b', 12), ph('br', 18)];

describe('validation', () => {
  it('accepts codes inside the text in order, at both ends included', () => {
    expect(codesProblem(SRC, SRC_CODES)).toBeNull();
    expect(codesProblem('ab', [ph('x', 0), ph('y', 2)])).toBeNull();
  });
  it('refuses positions outside the text, out of order, splitting a surrogate pair, or empty ids', () => {
    expect(codesProblem('ab', [ph('x', 3)])).toBe('position');
    expect(codesProblem('ab', [ph('x', -1)])).toBe('position');
    expect(codesProblem('ab', [ph('x', 1.5)])).toBe('position');
    expect(codesProblem('ab', [ph('x', 2), ph('y', 1)])).toBe('order');
    expect(codesProblem('a😀b', [ph('x', 2)])).toBe('surrogate');
    expect(codesProblem('a😀b', [ph('x', 3)])).toBeNull();
    expect(codesProblem('ab', [{ ...ph('x', 1), id: '' }])).toBe('id');
    expect(codesProblem('ab', [{ ...ph('x', 1), kind: 'other' as 'open' }])).toBe('kind');
  });
  it('normalises: sorts stably, clamps, and moves off a surrogate middle', () => {
    const n = normaliseCodes('a😀b', [ph('z', 9), ph('x', 2), ph('y', 2)]);
    expect(n.map((c) => [c.id, c.pos])).toEqual([
      ['x', 1],
      ['y', 1],
      ['z', 4],
    ]);
  });
});

describe('pieces', () => {
  it('interleave text and codes, codes at one position in array order', () => {
    const codes = [open('a', 1), ph('p', 1), close('a', 2)];
    expect(toPieces('xyz', codes)).toEqual(['x', codes[0], codes[1], 'y', codes[2], 'z']);
    expect(fromPieces(toPieces('xyz', codes))).toEqual({ text: 'xyz', codes });
  });
  it('round-trip for any text and sorted codes', () => {
    const arb = fc.string({ maxLength: 30 }).chain((text) =>
      fc
        .array(
          fc.record({
            pos: fc.integer({ min: 0, max: text.length }),
            kind: fc.constantFrom('open', 'close', 'standalone' as const),
            id: fc.string({ minLength: 1, maxLength: 3 }),
            type: fc.constant('span'),
          }),
          { maxLength: 8 },
        )
        .map((codes) => ({ text, codes: [...codes].sort((a, b) => a.pos - b.pos) as InlineCode[] })),
    );
    fc.assert(
      fc.property(arb, ({ text, codes }) => {
        expect(fromPieces(toPieces(text, codes))).toEqual({ text, codes });
      }),
    );
  });
});

describe('applyEdit keeps codes whole', () => {
  // units: a b [open] c d [close] e
  const text = 'abcde';
  const codes = [open('1', 2), close('1', 4)];
  it('typing next to a code shifts it', () => {
    expect(applyEdit(text, codes, 0, 0, ['XY'])).toEqual({ text: 'XYabcde', codes: [open('1', 4), close('1', 6)] });
    // caret right before the chip (unit 2): the text goes before it
    expect(applyEdit(text, codes, 2, 2, ['!'])).toEqual({ text: 'ab!cde', codes: [open('1', 3), close('1', 5)] });
    // caret right after the chip (unit 3): inside the tagged span
    expect(applyEdit(text, codes, 3, 3, ['!'])).toEqual({ text: 'ab!cde', codes: [open('1', 2), close('1', 5)] });
  });
  it('deleting a chip removes exactly that code and no text', () => {
    expect(applyEdit(text, codes, 2, 3, [])).toEqual({ text: 'abcde', codes: [close('1', 4)] });
  });
  it('a selection across text and chips removes both, never half a code', () => {
    expect(applyEdit(text, codes, 1, 4, [])).toEqual({ text: 'ade', codes: [close('1', 2)] });
    expect(applyEdit(text, codes, 0, unitLength(text, codes), ['new'])).toEqual({ text: 'new', codes: [] });
  });
  it('moving a chip = cut + paste of its piece', () => {
    const cut = slicePieces(text, codes, 2, 3);
    expect(cut).toEqual([open('1', 2)]);
    const removed = applyEdit(text, codes, 2, 3, []);
    expect(applyEdit(removed.text, removed.codes, 0, 0, cut)).toEqual({ text: 'abcde', codes: [open('1', 0), close('1', 4)] });
  });
  it('is the same as editing the pieces for any range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 7 }), fc.string({ maxLength: 3 }), (a, b, s) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const units = toPieces(text, codes).flatMap((p): Piece[] => (typeof p === 'string' ? [...p] : [p]));
        const expected = fromPieces([...units.slice(0, from), s, ...units.slice(to)]);
        expect(applyEdit(text, codes, a, b, [s])).toEqual(expected);
      }),
    );
  });
});

describe('numbering and tokens', () => {
  it('numbers by first appearance in the source, pairs share a number, target-only ids follow', () => {
    const n = tagNumbers(SRC_CODES, [ph('new', 0)]);
    expect([...n]).toEqual([
      ['b', 1],
      ['br', 2],
      ['new', 3],
    ]);
    expect(tagLabel(SRC_CODES[0]!, 1)).toBe('{1}');
    expect(tagLabel(SRC_CODES[1]!, 1)).toBe('{/1}');
    expect(tagLabel(SRC_CODES[2]!, 2)).toBe('{2/}');
  });
  it('a tagged string round-trips, and literal braces in text never become tags', () => {
    const text = 'Zakharova {1} said {x}';
    const codes = [open('b', 0), close('b', 9), ph('br', text.length)];
    const tagged = toTagged(text, codes, tagNumbers(codes));
    expect(tagged).toBe('{1}Zakharova{/1} {{1} said {{x}{2/}');
    expect(fromTagged(tagged, codes)).toEqual({ text, codes });
  });
  it('tokens found at offsets (bilingual DOCX runs) resolve against the reference codes', () => {
    const tags = [
      { pos: 0, token: '{1}' },
      { pos: 5, token: '{/1}' },
      { pos: 9, token: '{2/}' },
      { pos: 9, token: '{9/}' },
    ];
    expect(codesFromTokens(tags, SRC_CODES)).toEqual({
      codes: [
        { ...SRC_CODES[0], pos: 0 },
        { ...SRC_CODES[1], pos: 5 },
        { ...SRC_CODES[2], pos: 9 },
      ],
      unknown: ['{9/}'],
    });
  });
  it('an unknown token stays text', () => {
    expect(fromTagged('a{7}b{1/}', [])).toEqual({ text: 'a{7}b{1/}', codes: [] });
  });
});

describe('tag checks', () => {
  it('a balanced target has no issues; overlap is allowed', () => {
    expect(tagIssues(SRC_CODES)).toEqual([]);
    expect(tagIssues([open('a', 0), open('b', 1), close('a', 2), close('b', 3)])).toEqual([]);
  });
  it('reports an open never closed, a close before its open, and duplicates', () => {
    expect(tagIssues([open('a', 0)])).toEqual([{ code: open('a', 0), issue: 'unclosed' }]);
    expect(tagIssues([close('a', 0), open('a', 1)]).map((i) => i.issue)).toEqual(['unopened', 'unclosed']);
    expect(tagIssues([open('a', 0), close('a', 1), close('a', 2)]).map((i) => i.issue)).toEqual(['duplicate']);
  });
  it('missing and extra codes compare by id and kind', () => {
    const target = [open('b', 0), ph('zz', 1)];
    expect(missingCodes(SRC_CODES, target)).toEqual([SRC_CODES[1], SRC_CODES[2]]);
    expect(extraCodes(SRC_CODES, target)).toEqual([ph('zz', 1)]);
  });
  it('the next missing tag is the first in source order, with its close when that is missing too', () => {
    expect(nextMissingTag(SRC_CODES, [])).toEqual({ code: SRC_CODES[0], close: SRC_CODES[1] });
    expect(nextMissingTag(SRC_CODES, [open('b', 0)])).toEqual({ code: SRC_CODES[1] });
    expect(nextMissingTag(SRC_CODES, SRC_CODES)).toBeNull();
  });
});

describe('transferCodes (memory matches)', () => {
  it('gives a match the current source codes in order, at the match’s positions', () => {
    // The memory stored "{1}Zakharova{/1} said{2/}" from another document, with other ids and markup.
    const matchCodes = [
      { ...open('m1', 0), native: '<g id="9">' },
      { ...close('m1', 9), native: '</g>' },
      { ...ph('m2', 14), native: '<x id="5"/>' },
    ];
    const mapped = transferCodes(matchCodes, SRC_CODES);
    expect(mapped).toEqual([
      { ...SRC_CODES[0], pos: 0 },
      { ...SRC_CODES[1], pos: 9 },
      { ...SRC_CODES[2], pos: 14 },
    ]);
  });
  it('drops match codes the source has no counterpart for; leftover source codes stay missing', () => {
    expect(transferCodes([ph('m', 3), ph('n', 4)], SRC_CODES)).toEqual([{ ...SRC_CODES[2], pos: 3 }]);
    expect(transferCodes([], SRC_CODES)).toEqual([]);
  });
});

describe('plainText', () => {
  it('keeps breaks and tabs as characters and drops other codes', () => {
    expect(plainText('ab', [open('1', 0), ph('t', 1, 'tab'), close('1', 2), ph('b', 2, 'break')])).toBe('a\tb\n');
    expect(plainText('ab', [])).toBe('ab');
    expect(plainText('ab', null)).toBe('ab');
  });
  it('a placeholder whose text equivalent is blank keeps the words apart', () => {
    expect(plainText('ثمنهاية', [{ ...ph('p', 2, 'ph'), attrs: { equiv: ' ' } }])).toBe('ثم نهاية');
    expect(plainText('ab', [{ ...ph('p', 1, 'ph'), attrs: { 'equiv-text': '{0}' } }])).toBe('ab');
  });
});
