// Reading a plain text quickly (qalam translate): paragraphSpans finds lines by indexOf when a text breaks lines with LF only, and reads the
// one-paragraph-a-line case without per-line copies: it must split exactly as the plain version
// below (the implementation before those shortcuts), on every kind of text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../../src-main/formats/txt';
import { QalamError } from '../../../../src-main/shared/errors';
import { paragraphSpans, type ParagraphSpan } from '../../../../src-main/text/paragraphs';

const LINE_BREAK = /\r\n|\n|\r|\u2028|\u2029|\u0085/;
const SENTENCE_END = /[.!?؟:;؛"»”)\]…۔]$/u;

/** The reference: paragraphSpans as it was written first. */
function referenceSpans(text: string): ParagraphSpan[] {
  const lines: { text: string; start: number }[] = [];
  const breaks = new RegExp(LINE_BREAK.source, 'g');
  let at = 0;
  for (let m = breaks.exec(text); m; m = breaks.exec(text)) {
    lines.push({ text: text.slice(at, m.index), start: at });
    at = m.index + m[0].length;
  }
  lines.push({ text: text.slice(at), start: at });
  const blocks: { text: string; start: number }[][] = [];
  let current: { text: string; start: number }[] = [];
  for (const line of lines) {
    if (line.text.trim() === '') {
      if (current.length > 0) blocks.push(current);
      current = [];
    } else current.push(line);
  }
  if (current.length > 0) blocks.push(current);
  let inner = 0;
  let ended = 0;
  let chars = 0;
  for (const block of blocks) {
    for (let i = 0; i < block.length - 1; i++) {
      const line = block[i]!.text.trim();
      inner++;
      chars += line.length;
      if (SENTENCE_END.test(line)) ended++;
    }
  }
  const hardWrapped = blocks.length > 1 && inner > 0 && ended / inner < 0.5 && chars / inner >= 20;
  const span = (ls: { text: string; start: number }[]): ParagraphSpan => {
    const first = ls[0]!;
    const last = ls[ls.length - 1]!;
    return {
      text: ls
        .map((l) => l.text.trim())
        .join(' ')
        .trim(),
      start: first.start + (first.text.length - first.text.trimStart().length),
      end: last.start + last.text.trimEnd().length,
    };
  };
  const spans = hardWrapped ? blocks.map(span) : blocks.flat().map((l) => span([l]));
  return spans.filter((p) => p.text !== '');
}

describe('paragraphSpans', () => {
  it('splits as the reference does: line breaks of every kind, blank lines, white space, sentence ends, hard wrapping', () => {
    const piece = fc.constantFrom(
      'قال المتحدث',
      'a sentence of several words that runs long enough to look wrapped',
      'كلمات كثيرة في سطر طويل بما يكفي ليبدو ملفوفا',
      ' ',
      '  ',
      '\t',
      '\u00a0',
      '\u3000',
      '\n',
      '\n',
      '\n',
      '\n\n',
      '\r\n',
      '\r',
      '\u2028',
      '\u2029',
      '\u0085',
      '.',
      '؟',
      '…',
      '”',
      '۔',
      ']',
      '😀',
      '\ud83d',
      'x',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        expect(paragraphSpans(text)).toEqual(referenceSpans(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads hard-wrapped and one-line-a-paragraph texts with LF only as the reference does', () => {
    const wrapped = Array.from({ length: 6 }, (_, i) =>
      Array.from({ length: 4 }, (_, k) => `  line ${k} of a paragraph ${i} that goes on and on`).join('\n'),
    ).join('\n\n');
    const lines = Array.from({ length: 50 }, (_, i) => (i % 7 === 0 ? '' : ` paragraph ${i}. `)).join('\n');
    for (const text of [wrapped, lines, `${wrapped}\n`, `\n\n${lines}\n\n`]) {
      expect(paragraphSpans(text)).toEqual(referenceSpans(text));
    }
    expect(paragraphSpans(wrapped)).toHaveLength(6);
    expect(paragraphSpans(lines)).toHaveLength(42);
  });
});

describe('decodeText without candidates', () => {
  it('decodes and refuses as with them, and names UTF-8 alone where the legacy code pages would also read the bytes', () => {
    const ascii = new TextEncoder().encode('plain text\nقال\n');
    expect(decodeText(ascii).candidates.length).toBeGreaterThan(1);
    expect(decodeText(ascii, undefined, { candidates: false })).toEqual({ ...decodeText(ascii), candidates: ['utf-8'] });
    const cp1256 = new Uint8Array([0xc7, 0xe1, 0xd3, 0xe1, 0xc7, 0xe3, 0x0a]);
    expect(decodeText(cp1256, undefined, { candidates: false })).toEqual(decodeText(cp1256));
    for (const bad of [new Uint8Array([0, 1, 2, 3, 0, 0]), new Uint8Array([0x20, 0x0a])]) {
      expect(() => decodeText(bad, undefined, { candidates: false })).toThrow(QalamError);
    }
  });
});
