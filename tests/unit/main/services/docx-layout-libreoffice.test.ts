// Issue 13's rich Arabic DOCX, end to end: LibreOffice writes it from an Arabic web page (a heading, a
// bold name, a bulleted list, a two-column table, a hyperlink); Qalam imports it, a translator
// translates it through the services with the tags in place, the target DOCX is exported in the
// source's layout, and LibreOffice opening the English DOCX (converted to HTML) finds every one of
// those things again, left to right. The English is also rendered to PNG (test-results/formats/).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDocument } from '../../../../src-main/services/documents';
import { renderExport } from '../../../../src-main/services/io';
import { listPairs, updateTarget } from '../../../../src-main/services/pairs';
import type { InlineCode } from '../../../../src-main/shared/inline';
import { REPO_ROOT, requireTool, run, sofficeConvert, tempDir } from '../formats/helpers/tools';
import { readZipText } from '../formats/helpers/zip';
import { testRuntime, type TestRuntime } from '../helpers';

const ARABIC_PAGE = `<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>تقرير</title></head>
<body dir="rtl">
<h1>تقرير الاجتماع السنوي</h1>
<p>قال المدير <b>أحمد الخطيب</b> إن النتائج كانت جيدة.</p>
<ul><li>زيادة المبيعات</li><li>افتتاح فرع جديد</li></ul>
<table border="1"><tr><td>المدينة</td><td>العدد</td></tr><tr><td>دبي</td><td>١٢</td></tr></table>
<p>للمزيد زوروا <a href="https://example.com/report">موقعنا</a> اليوم.</p>
</body></html>`;

/** English for each Arabic paragraph, with where the source's codes go (in their order). */
const ENGLISH: Record<string, { text: string; at?: number[] }> = {
  'تقرير الاجتماع السنوي': { text: 'Annual meeting report' },
  'قال المدير أحمد الخطيب إن النتائج كانت جيدة.': { text: 'Director Ahmed Al-Khatib said the results were good.', at: [9, 24] },
  'زيادة المبيعات': { text: 'Higher sales' },
  'افتتاح فرع جديد': { text: 'A new branch opened' },
  المدينة: { text: 'City' },
  العدد: { text: 'Count' },
  دبي: { text: 'Dubai' },
  '١٢': { text: '12' },
  'للمزيد زوروا موقعنا اليوم.': { text: 'For more, visit our website today.', at: [16, 27] },
};

let rt: TestRuntime;
const dir = tempDir('docx-layout');
let englishHtml = '';
let documentXml = '';
let pngs: string[] = [];
let sources: string[] = [];

beforeAll(async () => {
  requireTool('soffice');
  requireTool('pdftoppm');
  rt = testRuntime();
  writeFileSync(join(dir, 'rich-ar.html'), ARABIC_PAGE);
  await sofficeConvert([join(dir, 'rich-ar.html')], 'docx:MS Word 2007 XML', dir);
  const doc = await importDocument(rt.ctx, {
    fileName: 'rich-ar.docx',
    bytes: new Uint8Array(readFileSync(join(dir, 'rich-ar.docx'))),
  });
  const pairs = listPairs(rt.ctx, doc.id, 0, 100).items;
  sources = pairs.map((p) => p.source);
  for (const p of pairs) {
    const en = ENGLISH[p.source];
    if (!en) continue;
    const targetCodes: InlineCode[] = (p.sourceCodes ?? []).map((c, i) => ({ ...c, pos: en.at?.[i] ?? en.text.length }));
    updateTarget(rt.ctx, { pairId: p.id, target: en.text, targetCodes, expectedVersion: p.version });
  }
  const { file, fileName } = await renderExport(rt.ctx, { documentId: doc.id, format: 'docx-layout' });
  expect(fileName).toMatch(/\.en\.docx$/);
  writeFileSync(join(dir, 'rich-en.docx'), file.bytes);
  documentXml = await readZipText(file.bytes, 'word/document.xml');
  await Promise.all([
    sofficeConvert([join(dir, 'rich-en.docx')], 'html', join(dir, 'html')),
    sofficeConvert([join(dir, 'rich-en.docx')], 'pdf', dir),
  ]);
  englishHtml = readFileSync(join(dir, 'html', 'rich-en.html'), 'utf8');
  const out = join(REPO_ROOT, 'test-results/formats');
  mkdirSync(out, { recursive: true });
  run(requireTool('pdftoppm'), ['-png', '-r', '80', join(dir, 'rich-en.pdf'), join(out, 'rich-arabic-docx-en')]);
  pngs = readdirSync(out).filter((f) => /^rich-arabic-docx-en-\d+\.png$/.test(f));
}, 240_000);
afterAll(() => rt?.dispose());

const page = () => parseDocument(englishHtml);
const textOf = (n: Parameters<typeof DomUtils.textContent>[0]) => DomUtils.textContent(n).replace(/\s+/g, ' ').trim();

describe('the rich Arabic DOCX written by LibreOffice, translated in Qalam, opened by LibreOffice', () => {
  it('imports as nine paragraphs with the bold name and the link as tags', () => {
    expect(sources).toEqual(Object.keys(ENGLISH));
  });

  it('keeps the heading style', () => {
    const h1 = DomUtils.getElementsByTagName('h1', page());
    expect(h1.map(textOf)).toEqual(['Annual meeting report']);
  });

  it('keeps the bulleted list', () => {
    const items = DomUtils.getElementsByTagName('li', page());
    expect(items.map(textOf)).toEqual(['Higher sales', 'A new branch opened']);
    expect(DomUtils.getElementsByTagName('ul', page())).toHaveLength(1);
  });

  it('keeps the two-column table with its cells in left-to-right order', () => {
    const rows = DomUtils.getElementsByTagName('tr', page()).map((tr) => DomUtils.getElementsByTagName('td', tr).map(textOf));
    expect(rows).toEqual([
      ['City', 'Count'],
      ['Dubai', '12'],
    ]);
  });

  it('keeps the bold name and the hyperlink', () => {
    expect(DomUtils.getElementsByTagName('b', page()).map(textOf)).toEqual(['Ahmed Al-Khatib']);
    const links = DomUtils.getElementsByTagName('a', page());
    expect(links.map((a) => [a.attribs.href, textOf(a)])).toEqual([['https://example.com/report', 'our website']]);
  });

  it('is left to right and English throughout', () => {
    const all = DomUtils.findAll(() => true, page().children);
    expect(all.length).toBeGreaterThan(20);
    expect(all.filter((e) => e.attribs.dir === 'rtl').map((e) => e.name)).toEqual([]);
    expect(all.filter((e) => e.attribs.align === 'right').map((e) => e.name)).toEqual([]);
    expect(DomUtils.getElementsByTagName('body', page())[0]!.attribs.dir).toBe('ltr');
    expect(documentXml).not.toMatch(/<w:(bidi|rtl|bidiVisual)\b/);
    expect(documentXml).not.toMatch(/[\u0600-\u06ff]/);
    expect(documentXml).toContain('w:val="en-US"');
  });

  it('renders to PNG pages in test-results/formats/', () => {
    expect(pngs.length).toBeGreaterThan(0);
  });
});
