// Export and interchange through the dialogs: every format downloads from the finished sample and
// is the kind of file it claims to be; a bilingual review DOCX edited outside comes back with a
// diff preview, conflicts and locked pairs flagged, and lands as a 'replace' revision.
import { mkdirSync, readFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';
import JSZip from 'jszip';
import { EXPORT_FORMATS, LAYOUT_EXPORTS, type ExportFormat } from '../../src-main/shared/domain';
import { expect, openDocument, row, screenshot, SCREENSHOTS, test } from './fixtures';
import { BOILERPLATE, pairsOf, prepareArticle, TRANSLATIONS } from './review-sample';

mkdirSync(SCREENSHOTS, { recursive: true });

const LABELS: Record<ExportFormat, RegExp> = {
  'docx-bilingual': /^Bilingual review table \(DOCX\)/,
  'docx-layout': /^Translation in the original layout \(DOCX\)/,
  'html-layout': /^Translation in the original layout \(HTML\)/,
  docx: /^Translation \(DOCX\)/,
  txt: /^Plain text \(TXT\)/,
  html: /^Web page \(HTML\)/,
  md: /^Markdown \(MD\)/,
  xliff12: /^XLIFF 1\.2/,
  xliff20: /^XLIFF 2\.0/,
  tmx: /^Translation memory \(TMX\)/,
  csv: /^Spreadsheet \(CSV\)/,
};

async function download(page: Page, format: ExportFormat): Promise<{ download: Download; bytes: Buffer }> {
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByRole('radio', { name: LABELS[format] }).check();
  const pending = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download' }).click();
  const d = await pending;
  expect(await d.failure()).toBeNull();
  const bytes = readFileSync(await d.path());
  await expect(dialog.getByTestId('export-result')).toContainText(d.suggestedFilename());
  return { download: d, bytes };
}

/** The root element's name of an XML document (after the declaration and comments). */
function rootElement(xml: string): string {
  const m = /<([A-Za-z][\w:.-]*)[\s>]/.exec(xml.replace(/<\?xml[^>]*\?>/, '').replace(/<!--[\s\S]*?-->/g, ''));
  return m?.[1] ?? '';
}

async function openFresh(page: Page, app: Parameters<typeof openDocument>[1], documentId: number): Promise<void> {
  // Settings were changed behind the page's back (through the services): start it again.
  await page.reload();
  await openDocument(page, app, documentId);
}

test('the finished sample exports to every format as a download of the right kind', async ({ page, app }) => {
  test.setTimeout(120_000);
  const { documentId } = await prepareArticle(app, 'approved', 'editor');
  await openFresh(page, app, documentId);
  await expect(page.getByTestId('document-finished')).toHaveText('Finished · 100% approved');
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  // A text document has no original layout to write into: those formats are not offered.
  const offered = EXPORT_FORMATS.filter((f) => LAYOUT_EXPORTS[f] === undefined);
  await expect(dialog.getByRole('radio')).toHaveCount(offered.length);
  await expect(dialog.getByRole('button', { name: 'Download' })).toBeEnabled();
  await screenshot(page, 'export-dialog');

  const seen = new Set<string>();
  for (const format of offered) {
    const { download: d, bytes } = await download(page, format);
    const name = d.suggestedFilename();
    expect(bytes.length, format).toBeGreaterThan(0);
    seen.add(name);
    const text = bytes.toString('utf8');
    switch (format) {
      case 'docx':
      case 'docx-bilingual': {
        expect(bytes.subarray(0, 2).toString('latin1'), format).toBe('PK');
        expect(name).toMatch(/\.docx$/);
        const zip = await JSZip.loadAsync(bytes);
        const xml = await zip.file('word/document.xml')!.async('string');
        expect(rootElement(xml)).toBe('w:document');
        expect(xml).toContain('Kyrgyzstan');
        if (format === 'docx-bilingual') expect(xml).toContain('زاخاروفا');
        else expect(xml).not.toContain('زاخاروفا');
        break;
      }
      case 'xliff12':
      case 'xliff20': {
        expect(rootElement(text)).toBe('xliff');
        expect(text).toMatch(format === 'xliff12' ? /<xliff[^>]*version="1\.2"/ : /<xliff[^>]*version="2\.0"/);
        expect(text).toContain('Kyrgyzstan');
        break;
      }
      case 'tmx':
        expect(rootElement(text)).toBe('tmx');
        expect(text).toContain('Kyrgyzstan');
        expect(text).not.toContain(BOILERPLATE);
        break;
      case 'html':
        expect(text.trimStart().slice(0, 15).toLowerCase()).toBe('<!doctype html>');
        expect(text).toContain('Kyrgyzstan');
        break;
      case 'txt':
      case 'md':
        expect(text).toContain(TRANSLATIONS[6]);
        expect(text).not.toContain(BOILERPLATE);
        break;
      case 'csv':
        expect(text.replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toMatch(/,/);
        expect(text).toContain('Kyrgyzstan');
        break;
    }
  }
  expect(seen.size, 'each format has its own file name').toBe(offered.length);
});

test('a reviewed bilingual DOCX comes back with a diff preview and is applied as replace revisions', async ({ page, app }) => {
  test.setTimeout(120_000);
  const { documentId, pairs } = await prepareArticle(app, 'translated', 'editor');
  // One pair approved (locked) before the export.
  await app.call('pairs:set-status', { pairId: pairs[0]!.id, expectedVersion: pairs[0]!.version, action: 'approve' });
  await openFresh(page, app, documentId);

  await page.getByRole('button', { name: 'Export…' }).click();
  const { bytes } = await download(page, 'docx-bilingual');
  await page.getByRole('dialog', { name: 'Export' }).getByRole('button', { name: 'Close' }).first().click();

  // The reviewer's edits in Word: three English cells.
  const zip = await JSZip.loadAsync(bytes);
  let xml = await zip.file('word/document.xml')!.async('string');
  const edit = (from: string, to: string) => {
    expect(xml.split(from).length - 1, `"${from}" once in the file`).toBe(1);
    xml = xml.replace(from, to);
  };
  edit('put an end to the bloodshed in Kazakhstan', 'ended the bloodshed in Kazakhstan'); // pair 1: approved
  edit('was within the law', 'was within the framework of the law'); // pair 5
  edit('ready for further work with the United States', 'ready to keep working with the United States'); // pair 8
  zip.file('word/document.xml', xml);
  const reviewed = await zip.generateAsync({ type: 'nodebuffer' });
  // Meanwhile pair 8 changes in Qalam: a conflict.
  const p8 = (await pairsOf(app, documentId))[7]!;
  const changedInQalam = TRANSLATIONS[7]!.replace('In another development', 'Separately');
  await app.setUser({ name: 'Huda Translator', role: 'translator' });
  await app.call('pairs:update-target', { pairId: p8.id, expectedVersion: p8.version, target: changedInQalam });
  await app.setUser({ name: 'Sami Editor', role: 'editor' });

  await page.getByRole('button', { name: 'Import reviewed DOCX…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import reviewed DOCX' });
  await dialog.getByLabel('Reviewed bilingual DOCX').setInputFiles({
    name: 'news-article-ar.review (reviewed).docx',
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    buffer: reviewed,
  });
  const changes = dialog.getByTestId('review-change');
  await expect(changes).toHaveCount(3);
  await expect(dialog.getByTestId('review-summary')).toContainText('3 changed segments.');
  await expect(dialog.getByTestId('review-summary')).toContainText('8 rows unchanged.');
  await expect(dialog.getByTestId('review-summary')).toContainText('1 segment was changed in Qalam since the export');

  const [locked, plain, conflict] = [changes.nth(0), changes.nth(1), changes.nth(2)];
  await expect(locked).toContainText('Segment 1');
  await expect(locked).toContainText('Approved and locked');
  await expect(locked.getByRole('checkbox')).toBeDisabled();
  await expect(locked.getByRole('checkbox')).not.toBeChecked();
  await expect(plain).toContainText('Segment 5');
  await expect(plain.locator('[lang="ar"]')).toHaveAttribute('dir', 'rtl');
  await expect(plain.locator('ins')).toHaveText(['framework of the ']);
  await expect(plain.locator('del')).toHaveCount(0);
  await expect(plain.getByRole('checkbox')).toBeChecked();
  await expect(conflict).toContainText('Changed in Qalam since the export');
  await expect(conflict).toContainText(changedInQalam);
  await expect(conflict.getByRole('checkbox')).not.toBeChecked();
  await expect(dialog.getByLabel('Status of applied segments')).toHaveValue('translated');
  await screenshot(page, 'export-review-import-preview');

  await dialog.getByRole('button', { name: 'Apply 1 change' }).click();
  await expect(dialog.getByTestId('review-applied')).toContainText('1 change applied; backup saved to');
  const backup = (await dialog.getByTestId('review-applied').textContent())!.replace(/^.*backup saved to /, '').trim();
  expect(JSON.parse(readFileSync(backup, 'utf8')).pairs).toHaveLength(12);
  await dialog.getByRole('button', { name: 'Close' }).first().click();

  const after = await pairsOf(app, documentId);
  expect(after[4]!.target).toBe(TRANSLATIONS[4]!.replace('was within the law', 'was within the framework of the law'));
  expect(after[4]!.status).toBe('translated');
  expect(after[0]!.target).toBe(TRANSLATIONS[0]);
  expect(after[7]!.target).toBe(changedInQalam);

  // The workspace shows the new text and History the 'replace' revision with its diff.
  await expect(row(page, 4).getByTestId('target')).toHaveValue(after[4]!.target);
  await row(page, 4).getByTestId('source').click();
  const panel = page.getByTestId('pair-panel');
  await panel.getByRole('tab', { name: 'History' }).click();
  const newest = panel.getByTestId('revision').first();
  await expect(newest).toHaveAttribute('data-kind', 'replace');
  await expect(newest).toContainText('Replaced from a reviewed file');
  await expect(newest).toContainText('news-article-ar.review (reviewed).docx');
  await expect(newest.locator('ins')).toHaveText(['framework of the ']);
  const history = await app.call('history:list', { pairId: after[4]!.id });
  expect(history.at(-1)).toMatchObject({ kind: 'replace', author: 'Sami Editor', role: 'editor', status: 'translated' });
});

test('CSV exports spreadsheet-safe unless the raw option, shown only for CSV, is ticked', async ({ page, app }) => {
  test.setTimeout(120_000);
  const documentId = await app.importText('formulas.csv', 'source,target\r\nمرحبا,"=HYPERLINK(""http://x"")"\r\n');
  await openFresh(page, app, documentId);
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  const raw = dialog.getByRole('checkbox', { name: /^Raw CSV/ });
  await dialog.getByRole('radio', { name: LABELS.txt }).check();
  await expect(raw).toHaveCount(0);

  const safe = await download(page, 'csv');
  expect(safe.bytes.toString('utf8')).toContain(`,"'=HYPERLINK(""http://x"")",`);
  await screenshot(page, 'export-dialog-csv');
  await raw.check();
  const written = await download(page, 'csv');
  expect(written.bytes.toString('utf8')).toContain(`,"=HYPERLINK(""http://x"")",`);

  await app.call('settings:update', { uiLanguage: 'ar' });
  await openFresh(page, app, documentId);
  await page.getByRole('button', { name: 'تصدير…' }).click();
  const arDialog = page.getByRole('dialog');
  await arDialog.getByRole('radio', { name: /CSV/ }).check();
  await expect(arDialog.getByRole('checkbox', { name: /^تصدير خام/ })).toBeVisible();
  await screenshot(page, 'export-dialog-csv-ar');
});

for (const lang of ['en', 'ar'] as const) {
  test(`the bilingual review can carry a QA column (${lang})`, async ({ page, app }) => {
    const { documentId } = await prepareArticle(app, 'approved', 'editor');
    await app.call('settings:update', { uiLanguage: lang });
    await openFresh(page, app, documentId);
    await page.getByRole('button', { name: lang === 'ar' ? 'تصدير…' : 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: lang === 'ar' ? 'تصدير' : 'Export' });
    await dialog.getByTestId('export-qa-column').check();
    await screenshot(page, `export-dialog-qa-column-${lang}`);
    const pending = page.waitForEvent('download');
    await dialog.getByRole('button', { name: lang === 'ar' ? 'تنزيل' : 'Download' }).click();
    const xml = await (
      await JSZip.loadAsync(readFileSync(await (await pending).path()))
    )
      .file('word/document.xml')!
      .async('string');
    expect(xml.match(/<w:gridCol /g)).toHaveLength(6);
    expect(xml).toContain('>QA</w:t>');
  });
}
