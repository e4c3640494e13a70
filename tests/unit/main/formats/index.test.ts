import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, LAYOUT_EXPORTS } from '../../../../src-main/shared/domain';
import { detectFormat, parseImport, parseTmx, readReviewedDocx, writeExport } from '../../../../src-main/formats/index';
import { expectQalamErrorAsync, expectedParagraph } from './helpers/expect';
import { comment, model, pair } from './helpers/model';
import { REPO_ROOT } from './helpers/tools';
import { zipDirectory, zipOf } from './helpers/zip';

const FIXTURES = join(REPO_ROOT, 'tests/fixtures/formats');
const fixture = (path: string) => new Uint8Array(readFileSync(join(FIXTURES, path)));
const enc = (s: string) => new TextEncoder().encode(s);

const sample = model([
  pair(1, { status: 'approved', target: 'Approved text' }),
  pair(2, { status: 'rejected', rejectionReason: 'Redo', comments: [comment(1, { severity: 'minor' })] }),
  pair(3, { status: 'new', target: '', excluded: true }),
]);

describe('writeExport', () => {
  // The layout formats need the imported file: docx-layout.test.ts and html.test.ts cover them.
  it.each(EXPORT_FORMATS.filter((f) => LAYOUT_EXPORTS[f] === undefined))(
    '%s: sensible mime type and extension, non-empty bytes',
    async (format) => {
      const file = await writeExport(format, sample);
      expect(file.bytes.length).toBeGreaterThan(0);
      const expected: Record<string, [RegExp, string]> = {
        'docx-bilingual': [/wordprocessingml\.document$/, 'docx'],
        docx: [/wordprocessingml\.document$/, 'docx'],
        txt: [/^text\/plain/, 'txt'],
        html: [/^text\/html/, 'html'],
        md: [/^text\/markdown/, 'md'],
        xliff12: [/^application\/xliff\+xml$/, 'xlf'],
        xliff20: [/^application\/xliff\+xml$/, 'xlf'],
        tmx: [/^application\/x-tmx\+xml$/, 'tmx'],
        csv: [/^text\/csv/, 'csv'],
      };
      const [mime, ext] = expected[format]!;
      expect(file.mime).toMatch(mime);
      expect(file.extension).toBe(ext);
    },
  );

  it('round-trips every re-importable export through detection and parseImport', async () => {
    for (const format of ['xliff12', 'xliff20', 'csv'] as const) {
      const file = await writeExport(format, sample);
      const detected = detectFormat(file.bytes, `doc.${file.extension}`);
      expect(detected).toBe(format);
      const doc = await parseImport(detected!, file.bytes);
      expect(doc.paragraphs).toEqual(sample.pairs.map(expectedParagraph));
    }
    const tmx = await writeExport('tmx', sample);
    expect(detectFormat(tmx.bytes, 'memory.tmx')).toBe('tmx');
    expect(parseTmx(tmx.bytes).map((u) => u.target)).toEqual(['Approved text']);
    const review = await writeExport('docx-bilingual', sample);
    expect(detectFormat(review.bytes, 'review.docx')).toBe('docx');
    expect((await readReviewedDocx(review.bytes)).map((r) => r.pairId)).toEqual([1, 2]);
  });

  it('passes translated labels to the writers that show them', async () => {
    const m = model([pair(1, { target: '' })], { options: { approvedOnly: false, markUntranslated: true } });
    const txt = await writeExport('txt', m, { untranslated: '[غير مترجم: {{source}}]' });
    expect(new TextDecoder().decode(txt.bytes)).toBe('[غير مترجم: مرحبا 1]\n');
  });
});

describe('parseImport', () => {
  it('reads plain text through the text reader', async () => {
    const doc = await parseImport('txt', new Uint8Array(readFileSync(join(REPO_ROOT, 'tests/fixtures/news-article-ar.txt'))));
    expect(doc.format).toBe('txt');
    expect(doc.paragraphs).toHaveLength(12);
  });

  it('reads DOCX', async () => {
    const doc = await parseImport('docx', await zipDirectory(join(FIXTURES, 'docx/rich')));
    expect(doc.paragraphs[0]!.source).toBe('عنوان التقرير');
  });

  it('refuses TMX as a document (it is translation memory)', async () => {
    await expectQalamErrorAsync(() => parseImport('tmx', fixture('tmx/other-tools.tmx')), 'import_unsupported');
  });
});

describe('detectFormat', () => {
  it.each([
    ['xliff/omegat-12.xlf', 'x.xlf', 'xliff12'],
    ['xliff/okapi-12.xlf', 'x.xml', 'xliff12'],
    ['xliff/okapi-20.xlf', 'x.xlf', 'xliff20'],
    ['tmx/other-tools.tmx', 'x.xml', 'tmx'],
    ['hostile/xxe.xml', 'x.xlf', 'xliff12'],
    ['hostile/billion-laughs.xml', 'x.xlf', 'xliff20'],
    ['tmx/external-dtd.tmx', 'x.tmx', 'tmx'],
    ['hostile/wrong-root.xml', 'x.xlf', null],
    ['hostile/garbage.bin', 'x.txt', null],
  ] as const)('%s named %s → %s', (path, name, expected) => {
    expect(detectFormat(fixture(path), name)).toBe(expected);
  });

  it('detects by content, not by extension', async () => {
    expect(detectFormat(enc('<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0"/>'), 'notes.txt')).toBe(
      'xliff20',
    );
    expect(
      detectFormat(enc('<?xml version="1.0"?>\n<!-- c --><xlf:xliff xmlns:xlf="urn:oasis:names:tc:xliff:document:1.2">'), 'a'),
    ).toBe('xliff12');
    expect(detectFormat(enc('\uFEFFid,position,status,excluded,source,target\r\n'), 'export.txt')).toBe('csv');
    expect(detectFormat(enc('Arabic;Translation\nنص;text\n'), 'sheet')).toBe('csv');
    expect(detectFormat(enc('قالت المتحدثة، إن بلادها\nسطر ثان'), 'article.csv')).toBe('csv'); // extension breaks the tie
    expect(detectFormat(enc('قالت المتحدثة، إن بلادها\nسطر ثان'), 'article.xlf')).toBe('txt');
    expect(detectFormat(new Uint8Array([0xff, 0xfe, ...Buffer.from('نص عربي', 'utf16le')]), 'a.txt')).toBe('txt');
    expect(detectFormat(await zipDirectory(join(FIXTURES, 'docx/rich')), 'a.zip')).toBe('docx');
    expect(detectFormat(await zipOf({ 'xl/workbook.xml': '<workbook/>' }), 'a.docx')).toBeNull();
    expect(detectFormat(enc('<html><body>x</body></html>'), 'page.txt')).toBe('html');
    expect(detectFormat(enc('<!DOCTYPE html>\n<!-- c --><HTML lang="ar">'), 'a')).toBe('html');
    expect(detectFormat(enc('<p>فقرة</p>'), 'fragment.htm')).toBe('html');
    expect(detectFormat(enc('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'a.svg')).toBeNull();
  });
});
