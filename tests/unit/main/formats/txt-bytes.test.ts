// formats/txt-bytes.ts reads a plain text's paragraphs as byte strings: wherever it answers, it
// must find exactly the paragraphs (text and place) parseTextDocument finds in the decoded text,
// and it must answer for the plain texts a pipeline is made of.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainTextSpans } from '../../../../src-main/formats/txt-bytes';
import { MAX_PARAGRAPH_CHARS, parseTextDocument } from '../../../../src-main/services/parse';
import { fromByteString } from '../../../../src-main/text/utf8';

const utf8 = (s: string) => new TextEncoder().encode(s);

/** The decoding path's paragraphs, or its error code. */
function general(bytes: Uint8Array): unknown {
  try {
    return parseTextDocument(bytes).spans;
  } catch (e) {
    return { error: (e as { code?: string }).code };
  }
}

/** The byte path's paragraphs with their text decoded and their places counted in UTF-16 code units. */
function decoded(bytes: Uint8Array): unknown {
  const plain = plainTextSpans(bytes, MAX_PARAGRAPH_CHARS);
  if (!plain) return null;
  return plain.spans.map((p) => ({
    text: fromByteString(p.text),
    start: fromByteString(plain.text.slice(0, p.start)).length,
    end: fromByteString(plain.text.slice(0, p.end)).length,
  }));
}

const piece = fc.constantFrom(
  'كتب',
  'الوفد',
  'abc',
  'Title',
  '٢٠٢٢',
  '12',
  ' ',
  '  ',
  '\t',
  '\n',
  '\n\n',
  '\r\n',
  '\r',
  '\u00a0',
  '\u2003',
  '\u3000',
  '\ufeff',
  '\u2028',
  '\u0085',
  '\u000b',
  '\u000c',
  '\u0001',
  '\u007f',
  '\ufffd',
  '“',
  '”',
  '…',
  '؟',
  '.',
  '»',
  '😀',
  'é',
);

describe('plainTextSpans', () => {
  it('finds what parseTextDocument finds wherever it answers', () => {
    let answered = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const bytes = utf8(pieces.join(''));
        const fast = decoded(bytes);
        if (fast === null) return;
        answered++;
        expect(fast).toEqual(general(bytes));
      }),
      { numRuns: 3000 },
    );
    // Not a test that passes by never answering.
    expect(answered).toBeGreaterThan(300);
  });

  it('answers for plain texts, hard-wrapped or not, with blank lines, indentation and quotes', () => {
    const lines = (n: number, end: string) => Array.from({ length: n }, (_, i) => `  “قال المتحدث ${i}” إن الوفد وصل${end}`);
    for (const text of [
      lines(50, '.').join('\n'),
      `${lines(20, '.').join('\n')}\n\n${lines(20, '؟').join('\n')}\n`,
      // Blocks of lines that mostly end a sentence: not hard-wrapped.
      `${lines(3, '').join('\n')}\n${lines(9, '.').join('\n')}\n\n\t${lines(5, '.').join('\n')}\n`,
    ]) {
      const bytes = utf8(text);
      expect(plainTextSpans(bytes, MAX_PARAGRAPH_CHARS), text.slice(0, 40)).not.toBeNull();
      expect(decoded(bytes)).toEqual(general(bytes));
    }
  });

  it('leaves to the decoding path what it reads differently', () => {
    const base = 'سطر أول\nسطر ثان\n';
    for (const text of [
      `\ufeff${base}`, // a BOM
      `${base}\r\n`, // CR
      `${base}\u2028x`, // another line break
      `${base}\u00a0x\n`, // white space String#trim takes, at an edge
      `${base}x\u3000\n`,
      `${base}\u0001`, // a control isPlausible counts
      '\n \n', // empty
      `${'a'.repeat(100_001)}\n`, // maybe too long
      // Hard-wrapped by its blocks and sentence ends: the verdict weighs line lengths.
      `${'كلمات كثيرة في سطر طويل بلا نهاية'.repeat(2)}\n${'كلمات'.repeat(5)}\n\nسطر آخر طويل بعض الشيء هنا\nونهايته\n`,
    ]) {
      const bytes = utf8(text);
      expect(plainTextSpans(bytes, MAX_PARAGRAPH_CHARS), JSON.stringify(text.slice(0, 40))).toBeNull();
    }
    expect(plainTextSpans(new Uint8Array([0x61, 0xff, 0x0a]), MAX_PARAGRAPH_CHARS)).toBeNull(); // not UTF-8
  });
});
