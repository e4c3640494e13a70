// A Word document keeps its layout: its header shows as a labelled row, and the export dialog offers
// the target DOCX in the original layout (a text document does not), in both UI languages.
import { readFileSync } from 'node:fs';
import { Document, Header, Packer, Paragraph, TextRun } from 'docx';
import JSZip from 'jszip';
import { expect, openDocument, screenshot, test } from './fixtures';

async function arabicDocx(): Promise<Buffer> {
  const ar = (text: string) => new Paragraph({ bidirectional: true, children: [new TextRun({ text, rightToLeft: true })] });
  const doc = new Document({
    sections: [
      {
        headers: { default: new Header({ children: [ar('رأس التقرير')] }) },
        children: [
          ar('تقرير الاجتماع'),
          new Paragraph({
            bidirectional: true,
            children: [
              new TextRun({ text: 'قال ', rightToLeft: true }),
              new TextRun({ text: 'أحمد', bold: true, rightToLeft: true }),
            ],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

test('a DOCX document shows where its rows come from and exports in its original layout', async ({ page, app }) => {
  test.setTimeout(120_000);
  const documentId = await app.call('documents:import', {
    fileName: 'report.docx',
    dataBase64: (await arabicDocx()).toString('base64'),
  });
  await openDocument(page, app, documentId.id);
  await expect(page.getByTestId('origin').first()).toHaveText('Header');
  await screenshot(page, 'layout-docx-workspace');

  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  const layout = dialog.getByRole('radio', { name: /^Translation in the original layout \(DOCX\)/ });
  await expect(layout).toBeVisible();
  await expect(dialog.getByRole('radio', { name: /original layout \(HTML\)/ })).toHaveCount(0);
  await layout.check();
  await screenshot(page, 'layout-export-dialog-en');
  const pending = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download' }).click();
  const download = await pending;
  expect(download.suggestedFilename()).toMatch(/\.en\.docx$/);
  const zip = await JSZip.loadAsync(readFileSync(await download.path()));
  // Nothing is translated yet: the package is the source's, its header included.
  expect(Object.keys(zip.files)).toEqual(expect.arrayContaining(['word/document.xml', 'word/header1.xml']));

  await page.keyboard.press('Escape');
  await app.call('settings:update', { uiLanguage: 'ar' });
  await page.reload();
  await openDocument(page, app, documentId.id);
  await expect(page.getByTestId('origin').first()).toHaveText('رأس الصفحة');
  await page.getByRole('button', { name: 'تصدير…' }).click();
  const arDialog = page.getByRole('dialog', { name: 'تصدير' });
  await expect(arDialog.getByRole('radio', { name: /^الترجمة بتنسيق الأصل \(DOCX\)/ })).toBeVisible();
  await screenshot(page, 'layout-export-dialog-ar');
});

test('a text document is not offered an original layout', async ({ page, app }) => {
  const id = await app.importText('article.txt', 'فقرة أولى.\nفقرة ثانية.');
  await openDocument(page, app, id);
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await expect(dialog.getByRole('radio', { name: /^Bilingual review table/ })).toBeVisible();
  await expect(dialog.getByRole('radio', { name: /original layout/ })).toHaveCount(0);
});

test('an HTML page imports by block and is offered its original layout', async ({ page, app }) => {
  const html =
    '<!DOCTYPE html><html lang="ar" dir="rtl"><head><title>صفحة الأخبار</title></head><body><h1>عنوان</h1><p>قال <b>أحمد</b> ذلك.</p></body></html>';
  const doc = await app.call('documents:import', {
    fileName: 'news.html',
    dataBase64: Buffer.from(html, 'utf8').toString('base64'),
  });
  await openDocument(page, app, doc.id);
  await expect(page.getByTestId('origin').first()).toHaveText('Page title');
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  const layout = dialog.getByRole('radio', { name: /^Translation in the original layout \(HTML\)/ });
  await layout.check();
  await screenshot(page, 'layout-export-dialog-html');
  const pending = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download' }).click();
  const text = readFileSync(await (await pending).path(), 'utf8');
  expect(text).toContain('<html lang="en" dir="ltr">');
  expect(text).toContain('<p lang="ar" dir="rtl">قال <b>أحمد</b> ذلك.</p>');
});
