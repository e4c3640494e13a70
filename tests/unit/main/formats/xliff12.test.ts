import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseXliff12, writeXliff12 } from '../../../../src-main/formats/xliff12';
import { parseXml, elements, firstElement, getAttr } from '../../../../src-main/formats/xml';
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
    comments: [comment(1, { category: 'accuracy', severity: 'major', resolved: true })],
  }),
  pair(4, { status: 'approved', source: 'سطر\r\nسطر\rسطر\tعمود', target: 'line\r\nline\rline\tcol' }),
  pair(5, {
    status: 'rejected',
    rejectionReason: 'Wrong term',
    target: 'ctrl\u0001\u001f\uffff end',
    comments: [comment(2, { author: 'م\u0002', body: 'x\u0000y' })],
  }),
  pair(6, { status: 'translated', excluded: true, source: '\u200f\u202bبيد\u202c\u2067\u2069\u00a0' }),
]);

describe('XLIFF 1.2 writer', () => {
  const bytes = writeXliff12(everyKind);
  const xml = dec(bytes);

  it('validates against the OASIS strict schema (xmllint)', () => {
    const r = validateXliff(bytes, '1.2');
    expect(r.output).toContain('validates');
    expect(r.valid).toBe(true);
  });

  it('writes the languages, one unique trans-unit per pair and the mapped states', () => {
    const root = parseXml(bytes);
    const file = firstElement(root, 'file')!;
    expect(getAttr(file, 'source-language')).toBe('ar');
    expect(getAttr(file, 'target-language')).toBe('en');
    const units = elements(firstElement(file, 'body')!, 'trans-unit');
    expect(units.map((u) => getAttr(u, 'id'))).toEqual(['1', '2', '3', '4', '5', '6']);
    const states = units.map((u) => getAttr(firstElement(u, 'target')!, 'state'));
    expect(states).toEqual(['new', 'needs-translation', 'translated', 'signed-off', 'needs-review-translation', 'translated']);
    expect(getAttr(units[3]!, 'approved')).toBe('yes');
    expect(getAttr(units[5]!, 'translate')).toBe('no');
    expect(units.every((u) => getAttr(u, 'space', 'http://www.w3.org/XML/1998/namespace') === 'preserve')).toBe(true);
  });

  it('escapes CR so it survives, and carries control characters as placeholders', () => {
    expect(xml).toContain('line&#13;\nline&#13;line\tcol');
    expect(xml).toContain('<ph id="qcp1" ctype="x-qalam-cp">0001</ph>');
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  });

  it('writes comments as notes from their author and the rejection reason as a note', () => {
    expect(xml).toContain('<note from="Omar" priority="3">Comment 1</note>');
    expect(xml).toContain('<note from="Qalam" annotates="target" priority="1">Wrong term</note>');
  });
});

describe('XLIFF 1.2 round trip', () => {
  it('gives back every field of the hand-picked model', () => {
    const doc = parseXliff12(writeXliff12(everyKind));
    expect(doc.format).toBe('xliff12');
    expect(doc.sourceLang).toBe('ar');
    expect(doc.targetLang).toBe('en');
    expect(doc.name).toBe('news-article-ar.txt');
    expect(doc.paragraphs).toEqual(everyKind.pairs.map(expectedParagraph));
  });

  it('is lossless on random text, statuses, exclusions and comments (property)', () => {
    fc.assert(
      fc.property(modelArb, (m) => {
        expect(parseXliff12(writeXliff12(m)).paragraphs).toEqual(m.pairs.map(expectedParagraph));
      }),
      { numRuns: 100 },
    );
  });

  it('stays schema-valid on random content (property, xmllint)', () => {
    fc.assert(
      fc.property(modelArb, (m) => {
        const r = validateXliff(writeXliff12(m), '1.2');
        expect(r.output).toContain('validates');
      }),
      { numRuns: 25 },
    );
  });
});

describe('XLIFF 1.2 from other tools', () => {
  it('reads OmegaT-style files: states, a missing target, a state-less target, notes', () => {
    const doc = parseXliff12(fixture('xliff', 'omegat-12.xlf'));
    expect(doc.targetLang).toBe('en-US');
    expect(doc.paragraphs.map((p) => [p.externalId, p.target, p.status])).toEqual([
      ['0', 'The spokeswoman said', 'translated'],
      ['1', '', 'new'],
      ['2', 'and peacekeeping', 'draft'],
      ['3', 'in Kazakhstan', 'translated'],
    ]);
    expect(doc.paragraphs[0]!.comments).toEqual([{ author: '', body: 'Check the title' }]);
  });

  it('reads Okapi-style files: groups, seg-source/mrk, inline codes, translate="no", bin-units skipped', () => {
    const doc = parseXliff12(fixture('xliff', 'okapi-12.xlf'));
    expect(doc.paragraphs.map((p) => [p.externalId, p.source, p.target, p.status, p.excluded])).toEqual([
      ['tu1', 'جملة أولى. جملة ثانية.', 'First sentence. Second sentence.', 'approved', false],
      ['tu2', '© 2024', '© 2024', 'translated', true],
      ['tu3', 'boilerplate', '', 'new', true],
      ['tu4', 'نص غامق و', 'bold text and ', 'translated', false],
    ]);
    // The native code inside bpt/ept/ph is markup, kept for the writer, never text.
    const tu4 = doc.paragraphs[3]!;
    expect(tu4.sourceCodes!.map((c) => [c.pos, c.kind, c.id, c.native])).toEqual([
      [3, 'open', 'p1', '<bpt id="1">&lt;b&gt;</bpt>'],
      [7, 'close', 'p1', '<ept id="1">&lt;/b&gt;</ept>'],
      [9, 'standalone', 'x2', '<ph id="2" equiv-text="{0}">%s</ph>'],
    ]);
    expect(tu4.targetCodes!.map((c) => [c.pos, c.id])).toEqual([
      [5, 'p1'],
      [9, 'p1'],
      [14, 'x2'],
    ]);
  });

  it('reads memoQ-style files: several <file>s, approved="yes", tabs in text', () => {
    const doc = parseXliff12(fixture('xliff', 'memoq-12.xlf'));
    expect(doc.sourceLang).toBe('ar-SA');
    expect(doc.paragraphs.map((p) => [p.source, p.target, p.status])).toEqual([
      ['الجزء الأول', 'Part one', 'approved'],
      ['نص\tمع\tجدولة', '', 'new'],
      ['الجزء الثاني', 'Part two', 'approved'],
    ]);
    expect(doc.paragraphs[0]!.comments).toEqual([{ author: 'Reviewer A', body: 'Looks fine' }]);
  });

  it('ignores our comment details when another tool added a note, rather than misattributing them', () => {
    const xml = dec(writeXliff12(model([pair(1, { comments: [comment(1, { resolved: true, severity: 'minor' })] })])));
    const edited = xml.replace('<context-group', '<note from="Other">Added elsewhere</note>\n        <context-group');
    const doc = parseXliff12(enc(edited));
    expect(doc.paragraphs[0]!.comments).toEqual([
      { author: 'Omar', body: 'Comment 1' },
      { author: 'Other', body: 'Added elsewhere' },
    ]);
  });
});

describe('XLIFF 1.2 refuses bad input', () => {
  const wrap = (body: string) =>
    enc(
      `<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" source-language="ar" target-language="en" datatype="plaintext">${body}</file></xliff>`,
    );

  it.each([
    ['wrong root', fixture('hostile', 'wrong-root.xml'), 'import_malformed'],
    ['XLIFF 2.0 given as 1.2', fixture('xliff', 'okapi-20.xlf'), 'import_malformed'],
    ['truncated', fixture('hostile', 'truncated.xlf'), 'import_malformed'],
    ['XXE', fixture('hostile', 'xxe.xml'), 'import_unsafe_xml'],
    ['billion laughs', fixture('hostile', 'billion-laughs.xml'), 'import_unsafe_xml'],
    ['binary garbage', fixture('hostile', 'garbage.bin'), 'import_malformed'],
    ['no body', wrap(''), 'import_malformed'],
    ['a unit without source', wrap('<body><trans-unit id="1"><target>x</target></trans-unit></body>'), 'import_malformed'],
    ['no units', wrap('<body></body>'), 'import_empty'],
    ['groups nested 10k deep', wrap(`<body>${'<group>'.repeat(10_000)}${'</group>'.repeat(10_000)}</body>`), 'import_unsafe_xml'],
  ] as const)('%s', (_name, bytes, code) => {
    expectQalamError(() => parseXliff12(bytes), code);
  });
});
