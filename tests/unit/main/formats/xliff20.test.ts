import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ImportedParagraph } from '../../../../src-main/formats/model';
import { parseXliff20, writeXliff20 } from '../../../../src-main/formats/xliff20';
import { plainText } from '../../../../src-main/shared/inline';
import { elements, firstElement, getAttr, parseXml, type XmlElement } from '../../../../src-main/formats/xml';
import { expectQalamError, expectedParagraph } from './helpers/expect';
import { comment, model, modelArb, pair } from './helpers/model';
import { REPO_ROOT, validateXliff } from './helpers/tools';

const fixture = (dir: string, name: string) => new Uint8Array(readFileSync(join(REPO_ROOT, 'tests/fixtures/formats', dir, name)));
const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

const everyKind = model([
  pair(1, { status: 'new', target: '' }),
  pair(2, { status: 'draft', target: '  leading and trailing  ' }),
  pair(3, {
    status: 'translated',
    target: 'a & b < c > d " e \' f ]]> g',
    comments: [comment(1, { category: 'terminology', severity: 'critical', resolved: true })],
  }),
  pair(4, { status: 'approved', source: 'سطر\r\nسطر\rسطر\tعمود', target: 'line\r\nline\rline\tcol' }),
  pair(5, {
    status: 'rejected',
    rejectionReason: 'Wrong\tterm\r\n',
    target: 'ctrl\u0001\u001f\uffff end',
    comments: [comment(2, { author: 'م\u0002', body: 'x\u0000y' })],
  }),
  pair(6, { status: 'translated', excluded: true, source: '\u200f\u202bبيد\u202c\u2067\u2069\u00a0' }),
]);

function unitIds(bytes: Uint8Array): string[] {
  const ids: string[] = [];
  const walk = (el: XmlElement) => {
    for (const c of elements(el)) {
      if (c.local === 'unit') ids.push(getAttr(c, 'id') ?? '');
      else walk(c);
    }
  };
  walk(parseXml(bytes));
  return ids;
}

describe('XLIFF 2.0 writer', () => {
  const bytes = writeXliff20(everyKind);
  const xml = dec(bytes);

  it('validates against the OASIS 2.0 schema (xmllint) and has unique unit ids', () => {
    const r = validateXliff(bytes, '2.0');
    expect(r.output).toContain('validates');
    const ids = unitIds(bytes);
    expect(ids).toEqual(['1', '2', '3', '4', '5', '6']);
  });

  it('writes srcLang/trgLang, state + subState per segment and translate="no" for excluded pairs', () => {
    const root = parseXml(bytes);
    expect(getAttr(root, 'srcLang')).toBe('ar');
    expect(getAttr(root, 'trgLang')).toBe('en');
    const units = elements(firstElement(root, 'file')!, 'unit');
    const segs = units.map((u) => firstElement(u, 'segment')!);
    expect(segs.map((s) => [getAttr(s, 'state'), getAttr(s, 'subState')])).toEqual([
      ['initial', 'qalam:new'],
      ['initial', 'qalam:draft'],
      ['translated', 'qalam:translated'],
      ['final', 'qalam:approved'],
      ['initial', 'qalam:rejected'],
      ['translated', 'qalam:translated'],
    ]);
    expect(getAttr(units[5]!, 'translate')).toBe('no');
  });

  it('writes XML-forbidden characters as <cp>, CR as a reference', () => {
    expect(xml).toContain('ctrl<cp hex="0001"/><cp hex="001F"/><cp hex="FFFF"/> end');
    expect(xml).toContain('line&#13;\nline&#13;line\tcol');
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  });

  it('puts the error category in the standard attribute and the rest in qalam: attributes', () => {
    expect(xml).toMatch(
      /<note category="terminology" priority="1" qalam:author="Omar" qalam:role="editor" qalam:created="[^"]+" qalam:resolved="yes" qalam:severity="critical">Comment 1<\/note>/,
    );
  });
});

describe('XLIFF 2.0 round trip', () => {
  it('gives back every field of the hand-picked model', () => {
    const doc = parseXliff20(writeXliff20(everyKind));
    expect(doc.format).toBe('xliff20');
    expect(doc.name).toBe('news-article-ar.txt');
    expect(doc.paragraphs).toEqual(everyKind.pairs.map(expectedParagraph));
  });

  it('is lossless on random text, statuses, exclusions and comments (property)', () => {
    fc.assert(
      fc.property(modelArb, (m) => {
        expect(parseXliff20(writeXliff20(m)).paragraphs).toEqual(m.pairs.map(expectedParagraph));
      }),
      { numRuns: 100 },
    );
  });

  it('stays schema-valid with unique ids on random content (property, xmllint)', () => {
    fc.assert(
      fc.property(modelArb, (m) => {
        const bytes = writeXliff20(m);
        expect(validateXliff(bytes, '2.0').output).toContain('validates');
        const ids = unitIds(bytes);
        expect(new Set(ids).size).toBe(ids.length);
      }),
      { numRuns: 25 },
    );
  });
});

describe('XLIFF 2.0 from other tools', () => {
  it('reads groups, several segments with ignorables, pc/ph/mrk/sc/ec, notes and states', () => {
    const doc = parseXliff20(fixture('xliff', 'okapi-20.xlf'));
    expect(doc.targetLang).toBe('en-US');
    expect(doc.name).toBe('news.html');
    // A placeholder whose text equivalent is a space keeps the words apart for counts and search.
    const plain = (p: ImportedParagraph) => [plainText(p.source, p.sourceCodes), plainText(p.target ?? '', p.targetCodes)];
    expect(doc.paragraphs.map((p) => [p.externalId, ...plain(p), p.status, p.excluded])).toEqual([
      ['u1', 'جملة مهمة. ثم نهاية المقال', 'An important sentence. Then end of the article', 'translated', false],
      ['u2', 'بدون ترجمة', '', 'new', false],
      ['u3', 'حقوق', 'Rights', 'approved', true],
      ['u4', 'مسودة', 'Draft text', 'draft', false],
    ]);
    expect(doc.paragraphs[0]!.comments).toEqual([
      { author: '', body: 'Use "peacekeepers"', category: 'terminology' },
      { author: '', body: 'General remark' },
    ]);
  });
});

describe('XLIFF 2.0 refuses bad input', () => {
  const wrap = (units: string) =>
    enc(
      `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar" trgLang="en"><file id="f">${units}</file></xliff>`,
    );

  it.each([
    ['wrong root', fixture('hostile', 'wrong-root.xml'), 'import_malformed'],
    ['XLIFF 1.2 given as 2.0', fixture('xliff', 'omegat-12.xlf'), 'import_malformed'],
    ['truncated', enc(dec(writeXliff20(everyKind)).slice(0, 700)), 'import_malformed'],
    ['billion laughs', fixture('hostile', 'billion-laughs.xml'), 'import_unsafe_xml'],
    ['XXE', fixture('hostile', 'xxe.xml'), 'import_unsafe_xml'],
    ['binary garbage', fixture('hostile', 'garbage.bin'), 'import_malformed'],
    ['a unit without segment', wrap('<unit id="u"></unit>'), 'import_malformed'],
    ['a segment without source', wrap('<unit id="u"><segment><target>x</target></segment></unit>'), 'import_malformed'],
    ['a bad <cp>', wrap('<unit id="u"><segment><source><cp hex="zz"/></source></segment></unit>'), 'import_malformed'],
    ['no units', wrap(''), 'import_empty'],
  ] as const)('%s', (_name, bytes, code) => {
    expectQalamError(() => parseXliff20(bytes), code);
  });
});
