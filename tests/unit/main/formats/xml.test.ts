import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QalamError, type ErrorCode } from '../../../../src-main/shared/errors';
import {
  decodeXmlBytes,
  escapeAttr,
  escapeText,
  parseXml,
  splitXmlChars,
  streamXml,
  XML_LIMITS,
  textContent,
  type XmlElement,
} from '../../../../src-main/formats/xml';
import { parseTmx } from '../../../../src-main/formats/tmx';
import { parseXliff12 } from '../../../../src-main/formats/xliff12';
import { parseXliff20 } from '../../../../src-main/formats/xliff20';
import { REPO_ROOT } from './helpers/tools';
import { createI18n } from '../../../../src-main/shared/i18n';
import enLocale from '../../../../src-renderer/locales/en.json';
import arLocale from '../../../../src-renderer/locales/ar.json';

const enc = (s: string) => new TextEncoder().encode(s);
const fixture = (name: string) => new Uint8Array(readFileSync(join(REPO_ROOT, 'tests/fixtures/formats/hostile', name)));

function errorOf(fn: () => unknown): QalamError {
  let result: unknown;
  try {
    result = fn();
  } catch (e) {
    expect(e).toBeInstanceOf(QalamError);
    return e as QalamError;
  }
  throw new Error(`expected a QalamError, got a result: ${JSON.stringify(result).slice(0, 200)}`);
}

function expectCode(fn: () => unknown, code: ErrorCode): QalamError {
  const e = errorOf(fn);
  expect(e.code).toBe(code);
  return e;
}

describe('parseXml refuses hostile input', () => {
  it.each([
    ['xxe.xml', 'import_unsafe_xml'],
    ['xxe-parameter.xml', 'import_unsafe_xml'],
    ['billion-laughs.xml', 'import_unsafe_xml'],
    ['external-dtd-entity.xml', 'import_malformed'],
    ['wrong-root.xml', 'import_malformed'],
    ['truncated.xlf', 'import_malformed'],
    ['garbage.bin', 'import_malformed'],
    ['undefined-entity.xml', 'import_malformed'],
  ] as const)('%s → %s', (name, code) => {
    const bytes = fixture(name);
    if (name === 'wrong-root.xml') {
      // Well-formed: the XML layer accepts it, the XLIFF readers refuse it (tested there).
      expect(parseXml(bytes).local).toBe('html');
      return;
    }
    expectCode(() => parseXml(bytes), code);
  });

  it('refuses 10k-deep nesting without exhausting the stack', () => {
    const deep = '<a>'.repeat(10_000) + '</a>'.repeat(10_000);
    const e = expectCode(() => parseXml(enc(deep)), 'import_unsafe_xml');
    expect(e.params).toMatchObject({ detail: 'depth' });
  });

  it('accepts nesting up to the limit', () => {
    const ok = '<a>'.repeat(200) + '</a>'.repeat(200);
    expect(parseXml(enc(ok)).local).toBe('a');
  });

  it('refuses input over the size cap before parsing', () => {
    expectCode(() => parseXml(enc('<a>' + 'x'.repeat(2000) + '</a>'), { maxBytes: 1000 }), 'import_too_large');
  });

  it('treats an empty file as empty', () => {
    expectCode(() => parseXml(enc('  \n')), 'import_empty');
  });

  it('keeps user content out of error params', () => {
    const e = expectCode(() => parseXml(enc('<a>\n<secret-name attr="x"></a>')), 'import_malformed');
    expect(JSON.stringify(e.params)).not.toContain('secret');
    expect(e.params).toMatchObject({ detail: 'xml_syntax', line: 2 });
  });
});

describe('streamXml reads a file as a stream, within caps', () => {
  const units = (n: number, extra = '') => enc(`<r><u a="1">x<b>y</b>z</u>${'<u>t</u>'.repeat(n)}${extra}</r>`);

  it('builds only the elements asked for, whole, with attributes and mixed content', () => {
    const seen: string[] = [];
    let first: XmlElement | undefined;
    streamXml(units(2), {
      open: (el, ancestors) => {
        seen.push(`${ancestors.map((a) => a.local).join('/')}>${el.local}`);
        return el.local === 'u';
      },
      close: (el) => {
        if (el.local === 'u') first ??= el;
        else expect(el.children).toEqual([]); // the root was not collected: nothing kept under it
      },
    });
    // Elements inside a collected <u> are never offered to `open`.
    expect(seen).toEqual(['>r', 'r>u', 'r>u', 'r>u']);
    expect(first?.attrs).toEqual([{ name: 'a', local: 'a', uri: '', value: '1' }]);
    expect(first?.children.map((c) => (c.type === 'text' ? c.text : `<${c.local}>`))).toEqual(['x', '<b>', 'z']);
    expect(textContent(first!)).toBe('xyz');
  });

  it('refuses more elements than the cap, counting the whole file', () => {
    expect(() => streamXml(units(7), {}, { maxElements: 10 })).not.toThrow();
    const e = expectCode(() => streamXml(units(8), {}, { maxElements: 10 }), 'import_too_large');
    expect(e.params).toMatchObject({ context: 'xml_elements', max: 10 });
  });

  it('refuses a collected element with too many elements or too much text inside', () => {
    const open = (el: XmlElement) => el.local === 'u';
    const big = enc(`<r><u>${'<b/>'.repeat(11)}</u></r>`);
    expect(() => streamXml(big, { open }, { maxCollectedElements: 11 })).not.toThrow();
    expect(expectCode(() => streamXml(big, { open }, { maxCollectedElements: 10 }), 'import_too_large').params).toMatchObject({
      context: 'xml_unit_elements',
      line: 1,
    });
    const wordy = enc(`<r><u>${'<b>abcd</b>'.repeat(5)}</u></r>`);
    expect(() => streamXml(wordy, { open }, { maxCollectedText: 20 })).not.toThrow();
    expect(expectCode(() => streamXml(wordy, { open }, { maxCollectedText: 19 }), 'import_too_large').params).toMatchObject({
      context: 'xml_unit_text',
    });
  });

  it('refuses a run of text longer than the cap', () => {
    expect(() => streamXml(enc(`<a>${'x'.repeat(1000)}</a>`), {}, { maxTextRun: 1000 })).not.toThrow();
    const e = expectCode(() => streamXml(enc(`<a>${'x'.repeat(1001)}</a>`), {}, { maxTextRun: 1000 }), 'import_too_large');
    expect(e.params).toMatchObject({ context: 'xml_text', max: 1000 });
  });

  it('refuses an endless text while it grows, not at its end', () => {
    // No end tag and no end of file in sight: a reader that waited for either would report a
    // damaged file after holding all of it; the cap stops it after a few megabytes.
    const endless = enc(`<a>${'x'.repeat(XML_LIMITS.maxTextRun + 3 * 1024 * 1024)}`);
    expect(expectCode(() => streamXml(endless, {}), 'import_too_large').params).toMatchObject({ context: 'xml_text' });
  });

  it.each([
    ['XLIFF 1.2', parseXliff12],
    ['XLIFF 2.0', parseXliff20],
    ['TMX', parseTmx],
  ])('%s: a wrong root is refused at its start tag, before the rest of the file is read', (_name, parse) => {
    // The syntax error further on is never reached: a reader that parsed the whole file first would report it.
    const file = enc(`<html>${'<p>text</p>'.repeat(1000)}<broken</html>`);
    expect(expectCode(() => parse(file), 'import_malformed').params).toMatchObject({ detail: 'wrong_root', line: 1 });
  });

  it('decodes across chunk boundaries, a character split between two chunks included', () => {
    // 1 MiB chunks: put a two-byte Arabic letter across the first boundary.
    const head = '<a>';
    const pad = 'x'.repeat(1024 * 1024 - head.length - 1);
    const root = parseXml(enc(`${head}${pad}سلام</a>`), { maxTextRun: 4 * 1024 * 1024 });
    expect(textContent(root).endsWith('سلام')).toBe(true);
    expect(textContent(root).length).toBe(pad.length + 4);
  });
});

describe('parseXml keeps text exactly', () => {
  it('preserves CR references, tabs, bidi marks, NBSP and CDATA', () => {
    const root = parseXml(enc('<a x="t&#9;n&#10;r&#13;">one&#13;&#10;two\u200f\u202b\u2067\u00a0\t<![CDATA[<&>]]></a>'));
    expect(textContent(root)).toBe('one\r\ntwo\u200f\u202b\u2067\u00a0\t<&>');
    expect(root.attrs.find((a) => a.name === 'x')?.value).toBe('t\tn\nr\r');
  });

  it('applies XML line-end normalisation to literal CRs (why writers escape them)', () => {
    expect(textContent(parseXml(enc('<a>x\r\ny\rz</a>')))).toBe('x\ny\nz');
  });

  it('decodes UTF-16 with a BOM and a declared legacy encoding', () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from(Buffer.from('<a>سلام</a>', 'utf16le'))]);
    expect(textContent(parseXml(utf16))).toBe('سلام');
    // "سلام" in windows-1256
    const legacy = new Uint8Array([
      ...enc('<?xml version="1.0" encoding="windows-1256"?><a>'),
      0xd3,
      0xe1,
      0xc7,
      0xe3,
      ...enc('</a>'),
    ]);
    expect(decodeXmlBytes(legacy)).toContain('سلام');
  });

  it('refuses invalid UTF-8 instead of replacing it', () => {
    expectCode(() => parseXml(new Uint8Array([0x3c, 0x61, 0x3e, 0xff, 0xfe, 0x3c, 0x2f, 0x61, 0x3e])), 'import_malformed');
  });
});

describe('escaping', () => {
  const roundTrip = (s: string): string => {
    const root: XmlElement = parseXml(`<r a="${escapeAttr(s)}">${escapeText(s)}</r>`);
    expect(root.attrs[0]!.value).toBe(textContent(root));
    return textContent(root);
  };

  it('round-trips markup characters, ]]>, CR, CRLF and tabs in text and attributes', () => {
    const s = `a & b < c > d " e ' f ]]> g\r\nh\ri\tj  `;
    expect(roundTrip(s)).toBe(s);
  });

  it('is lossless for every XML-representable string (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (raw) => {
        const s = splitXmlChars(raw)
          .filter((p) => typeof p === 'string')
          .join('');
        expect(roundTrip(s)).toBe(s);
      }),
      { numRuns: 200 },
    );
  });

  it('never emits characters XML 1.0 forbids', () => {
    expect(escapeText('a\u0001b\uffffc\ud800')).toBe('a\ufffdb\ufffdc\ufffd');
    expect(splitXmlChars('a\u0001b\ud83d\ude00\udc00')).toEqual(['a', 1, 'b\ud83d\ude00', 0xdc00]);
  });
});

describe('XML memory budget (issue 8.11)', () => {
  it.each([
    ['XLIFF 1.2', parseXliff12],
    ['XLIFF 2.0', parseXliff20],
    ['TMX', parseTmx],
  ])('%s over the size limit is refused before parsing, naming the real limit in en and ar', (_name, parse) => {
    expect(XML_LIMITS.maxBytes).toBe(48 * 1024 * 1024);
    // Not even XML: a reader that started parsing would report a damaged file instead.
    const e = expectCode(() => parse(new Uint8Array(XML_LIMITS.maxBytes + 1)), 'import_too_large');
    expect(e.params).toEqual({ context: 'xml_size', sizeMb: 49, limitMb: 48 });
    const en = createI18n({ en: enLocale, ar: arLocale }, 'en').t(`errors.${e.code}`, e.params);
    expect(en).toBe(
      'This XML file is 49 MB; Qalam imports XML files of up to 48 MB (a larger one needs more than 500 MB of memory). Split it into smaller files and import them one by one.',
    );
    const ar = createI18n({ en: enLocale, ar: arLocale }, 'ar').t(`errors.${e.code}`, e.params);
    expect(ar).toContain('حتى 48 ميغابايت');
  });
});
