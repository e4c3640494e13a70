import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv, parseRecords, writeCsv } from '../../../../src-main/formats/csv';
import { expectQalamError, expectedParagraph } from './helpers/expect';
import { comment, model, pair, plainModelArb } from './helpers/model';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(b);

const sample = model([
  pair(1, { source: 'قال, "نعم"', target: '=SUM(A1)\r\nsecond line', status: 'approved' }),
  pair(2, { source: '  مسافات  ', target: '', status: 'new', excluded: true }),
  pair(3, {
    status: 'rejected',
    rejectionReason: 'Wrong; term',
    comments: [comment(7, { body: 'He said "no"\n', category: 'style', severity: 'minor', resolved: true })],
  }),
]);

describe('CSV writer', () => {
  const bytes = writeCsv(sample);
  const text = dec(bytes);

  it('starts with a UTF-8 BOM and a header row, and ends records with CRLF', () => {
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.slice(1).split('\r\n')[0]).toBe('id,position,status,excluded,source,target,rejection_reason,comments');
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('quotes text cells and doubles embedded quotes, keeping a leading = as is (no formula guard)', () => {
    expect(text).toContain('1,0,approved,no,"قال, ""نعم""","=SUM(A1)\r\nsecond line","",""');
    expect(text).toContain('2,1,new,yes,"  مسافات  ","","",""');
  });

  it('writes comments as a JSON array', () => {
    const rec = parseRecords(text.slice(1))[3]!;
    expect(JSON.parse(rec[7]!)).toEqual([
      {
        author: 'Omar',
        role: 'editor',
        body: 'He said "no"\n',
        createdAt: '2024-03-05T07:08:09.000Z',
        resolved: true,
        category: 'style',
        severity: 'minor',
      },
    ]);
    expect(rec[6]).toBe('Wrong; term');
  });
});

describe('CSV round trip', () => {
  it('gives back the sample exactly', () => {
    const doc = parseCsv(writeCsv(sample));
    expect(doc.format).toBe('csv');
    expect(doc.paragraphs).toEqual(sample.pairs.map(expectedParagraph));
    expect(doc.warnings).toEqual([]);
  });

  it('is lossless on random text with controls, CR/LF, quotes and delimiters (property)', () => {
    fc.assert(
      fc.property(plainModelArb, (m) => {
        expect(parseCsv(writeCsv(m)).paragraphs).toEqual(m.pairs.map(expectedParagraph));
      }),
      { numRuns: 100 },
    );
  });
});

describe('CSV from spreadsheets', () => {
  it('reads semicolon-delimited files without BOM, LF endings and aliases for column names', () => {
    const doc = parseCsv(enc('Arabic;Translation;Status\nنص أول;First;approved\nنص ثان;;\n'));
    expect(doc.paragraphs).toEqual([
      { source: 'نص أول', target: 'First', status: 'approved', excluded: false },
      { source: 'نص ثان', target: '', status: 'new', excluded: false },
    ]);
  });

  it('reads windows-1256 (Excel "CSV" on Arabic Windows) with a warning', () => {
    // "نص" in windows-1256 is 0xE4 0xD5
    const bytes = new Uint8Array([...enc('source,target\r\n'), 0xe4, 0xd5, ...enc(',text\r\n')]);
    const doc = parseCsv(bytes);
    expect(doc.paragraphs[0]).toMatchObject({ source: 'نص', target: 'text', status: 'translated' });
    expect(doc.warnings).toEqual(['csv_windows_1256']);
  });

  it('reads tab-delimited UTF-16LE (Excel "Unicode Text")', () => {
    const body = Buffer.from('source\ttarget\r\nمرحبا\tHello\r\n', 'utf16le');
    const doc = parseCsv(new Uint8Array([0xff, 0xfe, ...body]));
    expect(doc.paragraphs).toEqual([{ source: 'مرحبا', target: 'Hello', status: 'translated', excluded: false }]);
  });

  it('restores document order after the sheet was sorted, and keeps hand-written comment cells', () => {
    const doc = parseCsv(enc('position,source,target,comments\n2,ج,c,\n0,أ,a,check this\n1,ب,b,\n'));
    expect(doc.paragraphs.map((p) => p.source)).toEqual(['أ', 'ب', 'ج']);
    expect(doc.paragraphs[0]!.comments).toEqual([{ author: '', body: 'check this' }]);
  });

  it('warns about unknown statuses and infers them', () => {
    const doc = parseCsv(enc('source,target,status\nأ,a,done\n'));
    expect(doc.paragraphs[0]!.status).toBe('translated');
    expect(doc.warnings).toEqual(['csv_unknown_status']);
  });
});

describe('CSV refuses bad input', () => {
  it.each([
    ['no source column', enc('foo,bar\n1,2\n'), 'import_malformed'],
    ['an unclosed quote', enc('source,target\n"never closed,x\n'), 'import_malformed'],
    ['only a header', enc('\uFEFFsource,target\r\n'), 'import_empty'],
    ['nothing', new Uint8Array(), 'import_empty'],
    ['invalid UTF-16', new Uint8Array([0xff, 0xfe, 0x00, 0xd8, 0x41]), 'import_encoding'],
  ] as const)('%s', (_name, bytes, code) => {
    expectQalamError(() => parseCsv(bytes), code);
  });

  it('reports the line of an unclosed quote', () => {
    const e = expectQalamError(() => parseCsv(enc('source\n"ok"\n"a\nb\n')), 'import_malformed');
    expect(e.params).toEqual({ detail: 'csv_unclosed_quote', line: 3 });
  });
});
