import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, FootnoteReferenceRun, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import { parseDocx } from '../../../../src-main/formats/docx';
import { expectQalamErrorAsync } from './helpers/expect';
import { REPO_ROOT } from './helpers/tools';
import { replaceParts, zipDirectory, zipOf } from './helpers/zip';

const FIXTURES = join(REPO_ROOT, 'tests/fixtures/formats');

describe('DOCX source import', () => {
  it('reads a Word-shaped document: headings, lists, tables, fields, tracked changes, text boxes, notes', async () => {
    const doc = await parseDocx(await zipDirectory(join(FIXTURES, 'docx/rich')));
    expect(doc.format).toBe('docx');
    expect(doc.name).toBe('تقرير إخباري');
    expect(doc.paragraphs.map((p) => p.source)).toEqual([
      'عنوان التقرير',
      'قال المتحدث إن الوضع هادئ.',
      // A footnote follows the paragraph that cites it.
      'المصدر: وكالة الأنباء.',
      'البند الأول',
      'البند الثاني',
      'خلية ١',
      'خلية ٢',
      'خلية ٢ب',
      'خلية ٣',
      // The PAGE field (its result "3" included) is one code; tabs and line breaks stay characters.
      'صفحة \tبعد\nسطرثان',
      'قبل المربع',
      'نص المربع',
      'داخل عنصر تحكم',
    ]);
    expect(doc.paragraphs.map((p) => p.origin ?? 'body')).toEqual([
      ...['body', 'body', 'footnote'],
      ...Array<string>(8).fill('body'),
      ...['textbox', 'body'],
    ]);
    expect(doc.warnings).toEqual([]);
    expect(doc.paragraphs.every((p) => p.target === undefined)).toBe(true);
  });

  it('reads a document made by the docx library without gluing footnote marks to words', async () => {
    const made = new Document({
      footnotes: { 1: { children: [new Paragraph('حاشية')] } },
      sections: [
        {
          children: [
            new Paragraph({
              heading: HeadingLevel.HEADING_1,
              bidirectional: true,
              children: [new TextRun({ text: 'العنوان', rightToLeft: true })],
            }),
            new Paragraph({
              bidirectional: true,
              children: [new TextRun('كلمة'), new FootnoteReferenceRun(1), new TextRun('أخرى')],
            }),
            new Paragraph({ bullet: { level: 0 }, children: [new TextRun('بند')] }),
            new Table({
              rows: [
                new TableRow({
                  children: [
                    new TableCell({ children: [new Paragraph('أ')] }),
                    new TableCell({ children: [new Paragraph('ب')] }),
                  ],
                }),
              ],
            }),
            new Paragraph(''),
          ],
        },
      ],
    });
    const doc = await parseDocx(new Uint8Array(await Packer.toBuffer(made)));
    // The reference mark is a code, and the words it stood between stay two words.
    expect(doc.paragraphs.map((p) => p.source)).toEqual(['العنوان', 'كلمة أخرى', 'حاشية', 'بند', 'أ', 'ب']);
    expect(doc.paragraphs[1]!.sourceCodes).toMatchObject([
      { pos: 4, kind: 'standalone', type: 'footnote', attrs: { note: '1' } },
    ]);
  });
});

describe('DOCX refuses bad input', () => {
  const minimalDoc = (body: string) =>
    `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;

  it('gives import_malformed for bytes that are not a zip', async () => {
    await expectQalamErrorAsync(
      () => parseDocx(new Uint8Array(readFileSync(join(FIXTURES, 'hostile/garbage.bin')))),
      'import_malformed',
    );
    await expectQalamErrorAsync(() => parseDocx(new TextEncoder().encode('plain text, not a document')), 'import_malformed');
  });

  it('gives import_malformed for a truncated zip', async () => {
    const whole = await zipOf({ 'word/document.xml': minimalDoc('<w:p><w:r><w:t>نص</w:t></w:r></w:p>') });
    await expectQalamErrorAsync(() => parseDocx(whole.subarray(0, Math.floor(whole.length / 2))), 'import_malformed');
  });

  it('gives import_malformed for a zip without a Word document (an .xlsx, a .zip)', async () => {
    await expectQalamErrorAsync(async () => parseDocx(await zipOf({ 'xl/workbook.xml': '<workbook/>' })), 'import_malformed');
    await expectQalamErrorAsync(async () => parseDocx(await zipOf({ 'word/document.xml': '<html/>' })), 'import_malformed');
  });

  it('gives import_malformed for a zip bomb, without inflating it all', async () => {
    // 40 MB of white space inside the document element compresses to about 40 kB.
    const bomb = await zipOf({ 'word/document.xml': minimalDoc(' '.repeat(40 * 1024 * 1024)) });
    expect(bomb.length).toBeLessThan(200_000);
    const e = await expectQalamErrorAsync(() => parseDocx(bomb), 'import_malformed');
    expect(e.params).toEqual({ detail: 'zip_bomb' });
  });

  it('gives import_unsafe_xml for a DOCTYPE (XXE) inside the document part', async () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE w [<!ENTITY e SYSTEM "file:///etc/passwd">]>${minimalDoc('<w:p><w:r><w:t>&e;</w:t></w:r></w:p>').replace('<?xml version="1.0"?>', '')}`;
    await expectQalamErrorAsync(async () => parseDocx(await zipOf({ 'word/document.xml': xxe })), 'import_unsafe_xml');
  });

  it('gives import_empty for a document without text', async () => {
    await expectQalamErrorAsync(
      async () => parseDocx(await zipOf({ 'word/document.xml': minimalDoc('<w:p/><w:p><w:r><w:t> </w:t></w:r></w:p>') })),
      'import_empty',
    );
  });

  it('ignores a broken core.xml but not a broken document', async () => {
    const good = await zipOf({ 'word/document.xml': minimalDoc('<w:p><w:r><w:t>نص</w:t></w:r></w:p>') });
    const withBadCore = await replaceParts(good, { 'docProps/core.xml': '<cp:coreProperties' });
    expect((await parseDocx(withBadCore)).paragraphs).toEqual([{ source: 'نص' }]);
    const badDoc = await replaceParts(good, { 'word/document.xml': minimalDoc('<w:p><w:r><w:t>نص</w:r></w:p>') });
    await expectQalamErrorAsync(() => parseDocx(badDoc), 'import_malformed');
  });
});
