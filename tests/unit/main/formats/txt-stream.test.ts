// The streamed plain-text reader of the import against parseTxt's own split (paragraphSpans): the
// same paragraphs in the same order, the same hard-wrap verdict, for any text and any chunk size.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forEachLfLine, forEachParagraph, planUtf8Text, scanUtf8Lines } from '../../../../src-main/formats/txt-stream';
import { parseTxt } from '../../../../src-main/formats/txt';
import { isHardWrappedBy, paragraphSpans } from '../../../../src-main/text/paragraphs';

const enc = new TextEncoder();

function streamed(text: string, chunkBytes: number, hardWrapped?: boolean) {
  const bytes = enc.encode(text);
  const scan = scanUtf8Lines(bytes);
  const out: string[] = [];
  const wrapped = hardWrapped ?? false;
  const read = forEachParagraph(bytes, { start: 0, hardWrapped: wrapped }, (p) => out.push(p), chunkBytes);
  return { scan, out, read };
}

// Pieces chosen to meet every rule: each line break, trim()'s white space (ASCII and not), the
// sentence ends of the hard-wrap verdict, surrogate pairs, and wrapped-width lines.
const PIECES = [
  '\n',
  '\r\n',
  '\r',
  '\u2028',
  '\u2029',
  '\u0085',
  '\n\n',
  '\r\n\r\n',
  ' ',
  '\t',
  '\u00a0',
  '\u3000',
  '\u2003',
  '\ufeff',
  '\u000b',
  '\u000c',
  '\u202f',
  '.',
  '؟',
  '؛',
  '»',
  '”',
  '…',
  '۔',
  ')',
  ']',
  '"',
  ':',
  'كازاخستان',
  'قالت المتحدثة باسم وزارة الخارجية',
  // Arabic that starts with Latin letters or digits, with harakat and tatweel, Arabic-Indic and
  // Persian digits with the Arabic separators, and attached clitics.
  'CNN: قالت',
  '2022 عام',
  'وَبِالسَّلَامِ والـــسلام',
  '٣٫٥٪ و۱۲۳٬۴۵۶',
  'word',
  'a longer English line that wraps at about seventy',
  '😀',
  'مُعَاهَدَة',
  'x',
  '٢٠٢٢',
];

// Fewer kinds of piece, long lines: a few in every hundred of these texts read as hard-wrapped.
const WRAPPED = [
  '\n',
  '\r\n',
  '\r',
  '\n\n',
  ' ',
  '.',
  'قالت المتحدثة باسم وزارة الخارجية',
  'a longer English line that wraps',
  'x',
];

const lfOnly = (xs: string[]) => xs.filter((x) => !/[\r\u2028\u2029\u0085]/.test(x));
const crlfOnly = (xs: string[]) => [...lfOnly(xs), '\r\n', '\r\n\r\n', ' \r\n'];
const text = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 120 }).map((xs) => xs.join('')),
  fc.array(fc.constantFrom(...WRAPPED), { maxLength: 120 }).map((xs) => xs.join('')),
  // LF as the only break: the scan's quick path.
  fc.array(fc.constantFrom(...lfOnly(PIECES)), { maxLength: 120 }).map((xs) => xs.join('')),
  fc.array(fc.constantFrom(...lfOnly(WRAPPED)), { maxLength: 120 }).map((xs) => xs.join('')),
  // LF and CRLF, no CR alone: the quick path too.
  fc.array(fc.constantFrom(...crlfOnly(PIECES)), { maxLength: 120 }).map((xs) => xs.join('')),
);

describe('formats/txt-stream', () => {
  it('reads the paragraphs paragraphSpans reads, with its hard-wrap verdict, whatever the chunk size', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 64 }), (t, chunk) => {
        const spans = paragraphSpans(t).map((s) => s.text);
        const first = streamed(t, chunk);
        const again = first.read.hardWrapped ? streamed(t, chunk, true) : first;
        expect(again.read.hardWrapped).toBe(first.read.hardWrapped);
        expect(again.out).toEqual(spans);
        expect(again.read.paragraphs).toBe(spans.length);
        // The byte scan predicts what the decoded text shows.
        expect(isHardWrappedBy(first.scan)).toBe(first.read.hardWrapped);
        expect(first.read.hardWrapped ? first.scan.blocks : first.scan.lines).toBe(spans.length);
        // Lines at LF or CRLF, not hard-wrapped: the bytes of each paragraph, found without decoding.
        if (first.scan.lfLines) {
          expect(t).not.toMatch(/\r(?!\n)|[\u2028\u2029\u0085]/);
          expect(first.read.hardWrapped).toBe(false);
          const bytes = enc.encode(t);
          const out: string[] = [];
          const n = forEachLfLine(bytes, 0, (from, to) => out.push(new TextDecoder().decode(bytes.subarray(from, to))));
          expect(out).toEqual(spans);
          expect(n).toBe(spans.length);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('reads lines at LF without decoding only when no block has two lines and no other break is used', () => {
    const lf = (t: string) => planUtf8Text(enc.encode(t))?.lfLines;
    expect(lf('سطر\n\nآخر\n \u00a0\nثالث')).toBe(true);
    expect(lf('سطر\r\n\r\nآخر\r\n \r\nثالث\r\n')).toBe(true);
    // A CR alone breaks a line where no LF does: read by the full scan.
    expect(lf('سطر\r\n\r\nآخر\rثالث')).toBe(false);
    expect(lf('سطر\r\n\r\nآخر\r')).toBe(false);
    expect(lf('سطر\u2028آخر')).toBe(false);
    // Two lines in a block: the hard-wrap verdict needs their lengths, read by the full scan.
    expect(lf('سطر\nآخر\n\nثالث')).toBe(false);
    const bytes = enc.encode('\u3000 «نص» \u00a0\t\n\ufeff\u2003\n😀 word\u202f');
    const ranges: [number, number][] = [];
    expect(forEachLfLine(bytes, 0, (from, to) => ranges.push([from, to]))).toBe(2);
    expect(ranges.map(([a, b]) => new TextDecoder().decode(bytes.subarray(a, b)))).toEqual(['«نص»', '😀 word']);
  });

  it('finds hard-wrapped text both by the byte scan and while reading', () => {
    const para = (n: number) =>
      Array.from({ length: 4 }, (_, i) => `line ${i} of paragraph ${n} runs on past the width of a wrap and`).join('\n');
    const t = [para(1), para(2), para(3)].join('\n\n');
    const plan = planUtf8Text(enc.encode(t))!;
    expect(plan).toMatchObject({ hardWrapped: true, paragraphs: 3 });
    const out: string[] = [];
    const read = forEachParagraph(enc.encode(t), plan, (p) => out.push(p), 7);
    expect(read).toEqual({ paragraphs: 3, hardWrapped: true });
    expect(out).toEqual(parseTxt(enc.encode(t)).paragraphs.map((p) => p.source));
  });

  it('leaves to parseTxt what it decides otherwise: other encodings, BOMs, NULs, invalid UTF-8, empty text', () => {
    expect(planUtf8Text(enc.encode('سطر\nآخر'))).toMatchObject({ start: 0, paragraphs: 2, hardWrapped: false });
    expect(planUtf8Text(new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode('سطر')]))).toMatchObject({ start: 3, paragraphs: 1 });
    expect(planUtf8Text(enc.encode('سطر'), 'windows-1256')).toBeNull();
    expect(planUtf8Text(new Uint8Array([0xff, 0xfe, 0x41, 0x00]))).toBeNull();
    expect(planUtf8Text(enc.encode('a\u0000b'))).toBeNull();
    expect(planUtf8Text(new Uint8Array([0xd8, 0xa7, 0xd8]))).toBeNull();
    expect(planUtf8Text(enc.encode(' \n\t\n'))).toBeNull();
    expect(planUtf8Text(enc.encode('\u0001\u0002\u0003 binary-ish'))).toBeNull();
  });
});
