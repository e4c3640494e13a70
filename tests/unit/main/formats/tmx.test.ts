import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fromTmxDate,
  parseTmx,
  streamMemoryTmx,
  streamSameUnitsTmxBytes,
  toTmxDate,
  writeMemoryTmx,
  writeTmx,
  type MemoryTmxUnit,
} from '../../../../src-main/formats/tmx';
import { elements, firstElement, getAttr, isPlainXmlText, parseXml, XML_NS } from '../../../../src-main/formats/xml';
import { expectQalamError } from './helpers/expect';
import { model, pair, text } from './helpers/model';
import { REPO_ROOT } from './helpers/tools';
import { fromByteString, toByteString } from '../../../../src-main/text/utf8';

const fixture = (dir: string, name: string) => new Uint8Array(readFileSync(join(REPO_ROOT, 'tests/fixtures/formats', dir, name)));
const enc = (s: string) => new TextEncoder().encode(s);

const sample = model([
  pair(1, {
    status: 'approved',
    source: 'سطر\r\nسطر',
    target: 'line\r\nline\t& <b>',
    createdAt: '2024-01-02T03:04:05.678Z',
    updatedAt: '2024-02-03T04:05:06.000Z',
    updatedBy: 'Omar',
  }),
  pair(2, { status: 'translated' }),
  pair(3, { status: 'approved', excluded: true }),
  pair(4, { status: 'approved', target: 'ctrl\u0001', updatedBy: null }),
  pair(5, { status: 'rejected', rejectionReason: 'x' }),
]);

describe('TMX writer', () => {
  const bytes = writeTmx(sample);
  const root = parseXml(bytes);

  it('writes a TMX 1.4 header with the required attributes', () => {
    expect(getAttr(root, 'version')).toBe('1.4');
    const header = firstElement(root, 'header')!;
    expect(Object.fromEntries(header.attrs.map((a) => [a.name, a.value]))).toEqual({
      creationtool: 'Qalam',
      creationtoolversion: '1',
      segtype: 'paragraph',
      'o-tmf': 'Qalam',
      adminlang: 'en',
      srclang: 'ar',
      datatype: 'plaintext',
      creationdate: '20240305T070809Z',
      creationid: 'Sara',
    });
  });

  it('writes one <tu> per approved, non-excluded pair, Arabic first, with TMX dates and users', () => {
    const tus = elements(firstElement(root, 'body')!, 'tu');
    expect(tus.map((t) => getAttr(t, 'tuid'))).toEqual(['1', '4']);
    expect(Object.fromEntries(tus[0]!.attrs.map((a) => [a.name, a.value]))).toEqual({
      tuid: '1',
      creationdate: '20240102T030405Z',
      creationid: 'Omar',
      changedate: '20240203T040506Z',
      changeid: 'Omar',
    });
    expect(getAttr(tus[1]!, 'changeid')).toBe('Sara'); // no editor recorded: the exporting user
    expect(elements(tus[0]!, 'tuv').map((t) => getAttr(t, 'lang', XML_NS))).toEqual(['ar', 'en']);
  });

  it('round-trips its own text exactly, CR and control characters included', () => {
    const units = parseTmx(writeTmx(sample));
    expect(units).toEqual([
      {
        source: 'سطر\r\nسطر',
        target: 'line\r\nline\t& <b>',
        sourceLang: 'ar',
        targetLang: 'en',
        createdAt: '2024-01-02T03:04:05.000Z',
        changedAt: '2024-02-03T04:05:06.000Z',
        author: 'Omar',
      },
      {
        source: 'مرحبا 4',
        target: 'ctrl\u0001',
        sourceLang: 'ar',
        targetLang: 'en',
        createdAt: '2024-03-05T07:08:09.000Z',
        changedAt: '2024-03-05T07:08:09.000Z',
        author: 'Sara',
      },
    ]);
  });

  it('round-trips random non-empty text (property)', () => {
    fc.assert(
      fc.property(
        text.filter((t) => t !== ''),
        text.filter((t) => t !== ''),
        (source, target) => {
          const [unit] = parseTmx(writeTmx(model([pair(1, { status: 'approved', source, target })])));
          expect([unit!.source, unit!.target]).toEqual([source, target]);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('converts dates both ways', () => {
    expect(toTmxDate('2024-12-31T23:59:58.999Z')).toBe('20241231T235958Z');
    expect(toTmxDate('not a date')).toBeUndefined();
    expect(fromTmxDate('20241231T235958Z')).toBe('2024-12-31T23:59:58.000Z');
    expect(fromTmxDate('2024-12-31')).toBeUndefined();
  });
});

describe('TMX from other tools', () => {
  it('reads lang/xml:lang, odd cases, *all*, inline codes and several languages', () => {
    const units = parseTmx(fixture('tmx', 'other-tools.tmx'));
    expect(units).toEqual([
      {
        source: 'نص غامق',
        target: 'bold text here',
        sourceLang: 'AR-SA',
        targetLang: 'EN-US',
        createdAt: '2023-01-02T03:04:05.000Z',
        changedAt: '2023-06-07T08:09:10.000Z',
        author: 'REVIEWER',
      },
      {
        source: 'نص غامق',
        target: 'texte',
        sourceLang: 'AR-SA',
        targetLang: 'fr-FR',
        createdAt: '2023-01-02T03:04:05.000Z',
        changedAt: '2023-06-07T08:09:10.000Z',
        author: 'REVIEWER',
      },
      {
        source: 'سطر',
        target: 'line',
        sourceLang: 'ar',
        targetLang: 'en',
        createdAt: '2022-01-01T00:00:00.000Z',
        author: 'someone',
      },
    ]);
  });

  it('uses the header source language to pick the source variant', () => {
    const tmx = `<tmx version="1.4"><header srclang="en-US" creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext"/><body>
      <tu><tuv xml:lang="ar"><seg>مرحبا</seg></tuv><tuv xml:lang="en"><seg>Hello</seg></tuv></tu></body></tmx>`;
    expect(parseTmx(enc(tmx))).toEqual([{ source: 'Hello', target: 'مرحبا', sourceLang: 'en', targetLang: 'ar' }]);
  });
});

it('reads a TMX whose DOCTYPE only names its DTD (as OmegaT writes), without loading the DTD', () => {
  expect(parseTmx(fixture('tmx', 'external-dtd.tmx'))).toEqual([
    { source: 'a', target: 'b', sourceLang: 'ar', targetLang: 'en' },
  ]);
});

describe('TMX refuses bad input', () => {
  it.each([
    ['entity from an external DTD (never loaded)', fixture('hostile', 'external-dtd-entity.xml'), 'import_malformed'],
    ['parameter-entity XXE', fixture('hostile', 'xxe-parameter.xml'), 'import_unsafe_xml'],
    ['undefined entity', fixture('hostile', 'undefined-entity.xml'), 'import_malformed'],
    ['wrong root', fixture('hostile', 'wrong-root.xml'), 'import_malformed'],
    ['no body', enc('<tmx version="1.4"><header srclang="ar"/></tmx>'), 'import_malformed'],
    ['no units', enc('<tmx version="1.4"><header srclang="ar"/><body/></tmx>'), 'import_empty'],
    ['garbage', fixture('hostile', 'garbage.bin'), 'import_malformed'],
  ] as const)('%s', (_name, bytes, code) => {
    expectQalamError(() => parseTmx(bytes), code);
  });
});

describe('streamMemoryTmx', () => {
  it('writes, piece by piece into a reused buffer, the bytes writeMemoryTmx writes whole', () => {
    const piece = fc.constantFrom('قال', 'text', ' ', '&', '<b>', '\r\n', '\u0001', '\ud83d\ude00', '\ud83d', '\uffff', '\u00e9');
    const unit = fc.record({
      source: fc.array(piece, { maxLength: 12 }).map((p) => p.join('')),
      target: fc.array(piece, { maxLength: 12 }).map((p) => p.join('')),
      long: fc.nat({ max: 3 }),
      origin: fc.constantFrom('doc.txt', 'مقال & <نص>.docx'),
      status: fc.constantFrom('imported', 'translated', 'approved'),
      author: fc.constantFrom(null, 'مترجم', 'a "b"'),
      at: fc.constantFrom('2024-01-02T03:04:05.678Z', '2025-06-07T08:09:10.000Z', 'not a date'),
    });
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 30 }), (specs) => {
        const units: MemoryTmxUnit[] = specs.map((s, i) => ({
          id: i + 1,
          // Some sources larger than the buffer, so it grows; and many small ones, so it fills and is flushed.
          source: s.long === 3 ? `${s.source}${'نص طويل '.repeat(30_000)}` : s.source,
          target: s.target,
          sourceLang: i % 5 === 4 ? 'en' : 'ar',
          targetLang: 'en-US',
          author: s.author,
          createdAt: s.at,
          changedAt: s.at,
          status: s.status,
          origin: s.origin,
        }));
        const meta = { exportedAt: '2026-01-01T00:00:00.000Z', exportedBy: 'مترجم', srcLang: 'ar' };
        const chunks: Buffer[] = [];
        streamMemoryTmx(units, meta, (bytes) => chunks.push(Buffer.from(bytes)));
        expect(Buffer.concat(chunks).equals(Buffer.from(writeMemoryTmx(units, meta)))).toBe(true);
        // Nothing written is empty but the one write of an empty memory's whole document.
        expect(chunks.every((c) => c.length > 0)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('writes, from byte strings, units that share all but their id, texts and plain flag as streamMemoryTmx writes them', () => {
    const piece = fc.constantFrom(
      'قال',
      'text',
      ' ',
      '&',
      '<b>',
      '>',
      '\r\n',
      '\u0001',
      '\ud83d\ude00',
      '\uffff',
      '\u00e9',
      'x'.repeat(9000),
    );
    const texts = fc.array(piece, { minLength: 1, maxLength: 12 }).map((p) => p.join(''));
    const shared = fc.record({
      origin: fc.constantFrom('doc', 'مقال & <نص>'),
      status: fc.constantFrom('imported', 'translated'),
      author: fc.constantFrom(null, '', 'مترجم', 'a "b"'),
      createdAt: fc.constantFrom('2024-01-02T03:04:05.678Z', 'not a date'),
      changedAt: fc.constantFrom('2025-06-07T08:09:10.000Z', '2024-01-02T03:04:05.678Z'),
      sourceLang: fc.constantFrom('ar', 'ar-SA'),
      targetLang: fc.constantFrom('en', 'en-US'),
    });
    fc.assert(
      fc.property(
        shared,
        fc.nat({ max: 50_000 }),
        fc.array(fc.record({ source: texts, target: texts }), { maxLength: 40 }),
        (common, first, pairs) => {
          const sources = pairs.map((p) => toByteString(p.source));
          const targets = pairs.map((p) => toByteString(p.target));
          const plain = Uint8Array.from(pairs, (p) => (isPlainXmlText(p.source) && isPlainXmlText(p.target) ? 1 : 0));
          const meta = { exportedAt: '2026-01-01T00:00:00.000Z', exportedBy: 'مترجم', srcLang: 'ar' };
          const expected: Buffer[] = [];
          streamMemoryTmx(
            pairs.map((p, k) => ({ ...common, id: first + k, source: p.source, target: p.target })),
            meta,
            (bytes) => expected.push(Buffer.from(bytes)),
          );
          for (const flags of [plain, undefined]) {
            const written: Buffer[] = [];
            streamSameUnitsTmxBytes(common, first, sources, targets, flags, meta, (bytes) => written.push(Buffer.from(bytes)));
            expect(Buffer.concat(written).equals(Buffer.concat(expected))).toBe(true);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('writes a text longer than its buffer, and units across many buffers, as streamMemoryTmx writes them', () => {
    const long = toByteString('قال المتحدث '.repeat(20_000));
    const sources = [
      toByteString('نص'),
      long,
      toByteString('آخر'),
      ...Array.from({ length: 3000 }, (_, k) => toByteString(`فقرة ${k}`)),
    ];
    const targets = sources.map((s, k) => (k === 2 ? long : toByteString(k % 2 === 0 ? `Text ${k} & more` : `Text ${k}`)));
    // Marked plain where they are (escaping would change neither text), on some units only.
    const plain = Uint8Array.from(sources, (s, k) =>
      k % 3 !== 2 && isPlainXmlText(fromByteString(s)) && isPlainXmlText(fromByteString(targets[k]!)) ? 1 : 0,
    );
    const common = {
      origin: 'doc',
      status: 'translated',
      author: 'x',
      createdAt: '2024-01-02T03:04:05.678Z',
      changedAt: '2024-01-02T03:04:05.678Z',
      sourceLang: 'ar',
      targetLang: 'en',
    };
    const meta = { exportedAt: '2026-01-01T00:00:00.000Z', exportedBy: 'مترجم', srcLang: 'ar' };
    const expected: Buffer[] = [];
    streamMemoryTmx(
      sources.map((source, k) => ({ ...common, id: 7 + k, source: fromByteString(source), target: fromByteString(targets[k]!) })),
      meta,
      (bytes) => expected.push(Buffer.from(bytes)),
    );
    const written: Buffer[] = [];
    streamSameUnitsTmxBytes(common, 7, sources, targets, plain, meta, (bytes) => written.push(Buffer.from(bytes)));
    expect(long.length).toBeGreaterThan(192 * 1024);
    expect(plain.includes(1) && plain.includes(0)).toBe(true);
    expect(written.length).toBeGreaterThan(2);
    expect(Buffer.concat(written).equals(Buffer.concat(expected))).toBe(true);
  });
});
