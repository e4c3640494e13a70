// decodeValidUtf8 must give, for any valid UTF-8, the string every other decoder gives.
import fc from 'fast-check';
import type * as NodeBuffer from 'node:buffer';
import { describe, expect, it, vi } from 'vitest';

const icu = vi.hoisted(() => ({ missing: false }));
vi.mock('node:buffer', async (importOriginal) => {
  const real = await importOriginal<typeof NodeBuffer>();
  return {
    ...real,
    transcode: (...args: Parameters<typeof real.transcode>) => {
      if (icu.missing) throw new Error('Node.js was built without ICU');
      return real.transcode(...args);
    },
  };
});

const { decodeValidUtf8, fromByteString, isBlankByteString, toByteString } = await import('../../../../src-main/text/utf8');
const { decodeText } = await import('../../../../src-main/formats/txt');

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('decodeValidUtf8', () => {
  for (const missing of [false, true]) {
    it(`reads any valid UTF-8 as Buffer#toString does${missing ? ', without ICU' : ''}`, () => {
      icu.missing = missing;
      try {
        fc.assert(
          fc.property(fc.string({ unit: 'grapheme' }), fc.boolean(), (s, bom) => {
            const text = bom ? `\uFEFF${s}` : s;
            const bytes = utf8(text);
            expect(decodeValidUtf8(bytes)).toBe(Buffer.from(bytes).toString('utf8'));
            expect(decodeValidUtf8(bytes)).toBe(text);
          }),
          { numRuns: 300 },
        );
        // A view into a larger buffer reads only its own bytes; large Arabic and English texts.
        const big = utf8(`xx${'نص عربي طويل 😀 '.repeat(100_000)}yy`);
        expect(decodeValidUtf8(big.subarray(2, big.length - 2))).toBe('نص عربي طويل 😀 '.repeat(100_000));
        expect(decodeValidUtf8(utf8('a'.repeat(3_000_000)))).toBe('a'.repeat(3_000_000));
      } finally {
        icu.missing = false;
      }
    });
  }
});

describe("a plain text's UTF-8", () => {
  it('is decoded with a BOM dropped, refused when invalid, as TextDecoder decodes it', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1 }), fc.boolean(), (s, bom) => {
        fc.pre(s.trim() !== '' && !/[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F\uFFFD]/.test(s));
        const bytes = utf8(bom ? `\uFEFF${s}` : s);
        const expected = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        expect(decodeText(bytes).text).toBe(expected);
        expect(decodeText(bytes, 'utf-8').text).toBe(expected);
      }),
      { numRuns: 300 },
    );
    const invalid = utf8('نص عربي');
    invalid[3] = 0xff;
    expect(() => decodeText(invalid, 'utf-8')).toThrow(expect.objectContaining({ code: 'import_encoding' }));
    // A UTF-16 BOM on bytes read as UTF-8 is not dropped: they are not valid UTF-8.
    expect(() => decodeText(new Uint8Array([0xff, 0xfe, 0x61, 0x00]), 'utf-8')).toThrow(
      expect.objectContaining({ code: 'import_encoding' }),
    );
  });
});

describe('byte strings', () => {
  it("hold a text's UTF-8 one byte a character, and give the text back", () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const bytes = toByteString(s);
        expect(Buffer.from(bytes, 'latin1')).toEqual(Buffer.from(s, 'utf8'));
        expect(fromByteString(bytes)).toBe(s);
      }),
      { numRuns: 300 },
    );
  });

  it('are blank exactly when their text trims to nothing, for every character', () => {
    for (let c = 0; c <= 0xffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCharCode(c);
      for (const text of [ch, `${ch}${ch} `, `\t${ch}`]) {
        if (isBlankByteString(toByteString(text)) !== (text.trim() === ''))
          expect.fail(`U+${c.toString(16)} in ${JSON.stringify(text)}`);
      }
    }
    expect(isBlankByteString('')).toBe(true);
    expect(isBlankByteString(toByteString(' \u00a0\u3000\ufeff\n'))).toBe(true);
    expect(isBlankByteString(toByteString(' \u00a0x'))).toBe(false);
  });
});
