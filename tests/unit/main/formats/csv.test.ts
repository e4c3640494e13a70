import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guardCell, parseCsv, parseRecords, unguardCell, writeCsv } from '../../../../src-main/formats/csv';
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

  it('quotes text cells and doubles embedded quotes, with an apostrophe before a formula', () => {
    expect(text).toContain(`1,0,approved,no,"قال, ""نعم""","'=SUM(A1)\r\nsecond line","",""`);
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

// OWASP's CSV injection list, plus the apostrophe chains that make the guard reversible.
const FORMULAS = [
  ['=HYPERLINK("http://evil.example","click")', `'=HYPERLINK("http://evil.example","click")`],
  ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
  ['-2+3+cmd|x', "'-2+3+cmd|x"],
  ['@SUM(1+1)*cmd|x', "'@SUM(1+1)*cmd|x"],
  ['\t=1+1', "'\t=1+1"],
  ['\r=1+1', "'\r=1+1"],
  ["'=1+1", "''=1+1"],
  ["''-x", "'''-x"],
  ["'quoted", "'quoted"],
  ["''", "''"],
  ['a=b', 'a=b'],
  [' =1', ' =1'],
] as const;

const cellsOf = (bytes: Uint8Array) => parseRecords(dec(bytes).slice(1)).slice(1);
const textModel = (texts: readonly string[], over: { csvRaw?: boolean } = {}) => {
  const m = model(texts.map((t, i) => pair(i + 1, { source: t, target: t, status: 'rejected', rejectionReason: t })));
  return { ...m, options: { ...m.options, ...over } };
};

describe('CSV formula guard (spreadsheet-safe by default)', () => {
  it.each(FORMULAS)('writes %j as %j in source, target and rejection reason', (input, written) => {
    const [rec] = cellsOf(writeCsv(textModel([input])));
    expect([rec![4], rec![5], rec![6]]).toEqual([written, written, written]);
  });

  it('leaves no data cell that a spreadsheet would start as a formula', () => {
    const text = dec(writeCsv(textModel(FORMULAS.map(([input]) => input))));
    expect(text).not.toMatch(/(^|,)"[=+\-@\t\r]/m);
  });

  it('writes cells as they are with csvRaw', () => {
    const [rec] = cellsOf(writeCsv(textModel(['=HYPERLINK("x")'], { csvRaw: true })));
    expect(rec![5]).toBe('=HYPERLINK("x")');
  });

  it("reads back exactly what was guarded: '=x is =x, ''=x is '=x, 'quoted stays", () => {
    const doc = parseCsv(enc("source,target\n'=x,''=x\n'quoted,'@y\n"));
    expect(doc.paragraphs.map((p) => [p.source, p.target])).toEqual([
      ['=x', "'=x"],
      ["'quoted", '@y'],
    ]);
  });

  const tricky = fc
    .tuple(fc.constantFrom('', "'", "''", "'''", '=', '+', '-', '@', '\t', '\r', "'=", "''+", "'\t", "'\r", 'x'), fc.string())
    .map(([head, rest]) => head + rest);

  it('guardCell and unguardCell are inverse on any string (property)', () => {
    fc.assert(
      fc.property(tricky, (s) => {
        expect(unguardCell(guardCell(s))).toBe(s);
        expect(guardCell(s)).not.toMatch(/^[=+\-@\t\r]/);
      }),
      { numRuns: 500 },
    );
  });

  it('export then import gives every text back, in default mode (property)', () => {
    fc.assert(
      fc.property(fc.array(tricky, { minLength: 1, maxLength: 5 }), (texts) => {
        const m = textModel(texts);
        expect(parseCsv(writeCsv(m)).paragraphs).toEqual(m.pairs.map(expectedParagraph));
      }),
      { numRuns: 300 },
    );
  });

  it('raw mode writes every cell exactly and reads back all but apostrophe-prefixed formulas (property)', () => {
    fc.assert(
      fc.property(fc.array(tricky, { minLength: 1, maxLength: 5 }), (texts) => {
        const m = textModel(texts, { csvRaw: true });
        expect(cellsOf(writeCsv(m)).map((r) => r[5])).toEqual(texts);
        const back = parseCsv(writeCsv(m)).paragraphs.map((p) => p.target);
        expect(back).toEqual(texts.map((t) => (/^'+[=+\-@\t\r]/.test(t) ? t.slice(1) : t)));
      }),
      { numRuns: 300 },
    );
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
