// The library: import through the UI (file input and drag and drop) with the preview dialog,
// duplicates, encodings, bad files; rename, delete, recent documents; first run; screenshots.
import { readFileSync } from 'node:fs';
import { ENCODINGS } from '../../src-main/shared/domain';
import { chooseFile, expect, fixturePath, ROOT, screenshot, test } from './fixtures';

const ARTICLE = fixturePath('news-article-ar.txt');
const en = JSON.parse(readFileSync(`${ROOT}/src-renderer/locales/en.json`, 'utf8')) as { errors: Record<string, string> };
const ar = JSON.parse(readFileSync(`${ROOT}/src-renderer/locales/ar.json`, 'utf8')) as { errors: Record<string, string> };

/** Bytes of a text in a single-byte code page, built from the platform's own decoder. */
function encodeSingleByte(text: string, encoding: string): Buffer {
  const decoder = new TextDecoder(encoding);
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) table.set(decoder.decode(new Uint8Array([b])), b);
  return Buffer.from([...text].map((ch) => table.get(ch) ?? 0x3f));
}

test('imports the sample article through the UI with a preview, then again as a duplicate', async ({ page, app }) => {
  await chooseFile(page, ARTICLE);
  const dialog = page.getByTestId('import-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('import-format')).toHaveText('Plain text');
  await expect(dialog.getByTestId('import-paragraphs')).toHaveText('12');
  await expect(dialog.locator('#import-encoding')).toHaveValue('utf-8');
  const firstSample = dialog.locator('ol li').first();
  await expect(firstSample).toHaveAttribute('dir', 'rtl');
  await expect(firstSample).toContainText('قالت المتحدثة باسم وزارة الخارجية');
  await screenshot(page, 'import-preview-en');
  await dialog.getByTestId('import-confirm').click();

  // The new document opens in the workspace.
  await expect(page.getByTestId('workspace')).toBeVisible();
  await expect(page.getByTestId('result-count')).toHaveText('12 segments');
  const docs = await app.call('documents:list', {});
  expect(docs).toHaveLength(1);
  expect(docs[0]!.stats.total.segments).toBe(12);

  await page.getByRole('button', { name: 'Library', exact: true }).click();
  const item = page.getByTestId('document');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('news-article-ar');
  await expect(item).toContainText('12 segments');
  await expect(item).toContainText(`${docs[0]!.stats.total.words} words`);
  await expect(page.getByTestId('recent')).toContainText('news-article-ar');
  await screenshot(page, 'library-en');

  // The same bytes again: the preview says so, and importing needs an explicit yes.
  await chooseFile(page, ARTICLE);
  await expect(dialog.getByTestId('import-duplicate')).toContainText('already imported as “news-article-ar”');
  await expect(dialog.getByTestId('import-confirm')).toHaveText('Import again');
  await dialog.getByTestId('import-confirm').click();
  await expect(page.getByTestId('workspace')).toBeVisible();
  expect(await app.call('documents:list', {})).toHaveLength(2);
});

test('a file dropped onto the window is inspected and imported', async ({ page, app }) => {
  const bytes = readFileSync(ARTICLE).toString('base64');
  const transfer = await page.evaluateHandle((b64) => {
    const bin = atob(b64);
    const data = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) data[i] = bin.charCodeAt(i);
    const dt = new DataTransfer();
    dt.items.add(new File([data], 'dropped-article.txt', { type: 'text/plain' }));
    return dt;
  }, bytes);
  await page.dispatchEvent('body', 'dragenter', { dataTransfer: transfer });
  await page.dispatchEvent('body', 'dragover', { dataTransfer: transfer });
  await page.dispatchEvent('body', 'drop', { dataTransfer: transfer });
  const dialog = page.getByTestId('import-dialog');
  await expect(dialog).toContainText('dropped-article.txt');
  await expect(dialog.getByTestId('import-paragraphs')).toHaveText('12');
  await dialog.getByTestId('import-confirm').click();
  await expect(page.getByTestId('workspace')).toBeVisible();
  expect((await app.call('documents:list', {})).map((d) => d.fileName)).toEqual(['dropped-article.txt']);
});

test('a legacy Arabic code page is detected, and the encoding can be overridden', async ({ page, app }) => {
  const text = 'السلام عليكم ورحمة الله\nهذه فقرة ثانية للتجربة';
  const bytes = encodeSingleByte(text, 'windows-1256');
  await chooseFile(page, { name: 'legacy.txt', mimeType: 'text/plain', buffer: bytes });
  const dialog = page.getByTestId('import-dialog');
  const select = dialog.locator('#import-encoding');
  await expect(select).toHaveValue('windows-1256');
  await expect(dialog.locator('ol li').first()).toHaveText('السلام عليكم ورحمة الله');
  // Every encoding is offered, not only the candidates.
  const options = await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  expect([...options].sort()).toEqual([...ENCODINGS].sort());
  // Forcing UTF-8 on these bytes cannot work: the translated error says so, nothing is stored.
  await select.selectOption('utf-8');
  await expect(dialog.getByTestId('import-error')).toHaveText(en.errors.import_encoding!.replace('{{encoding}}', 'utf-8'));
  await expect(dialog.getByTestId('import-confirm')).toBeDisabled();
  await select.selectOption('windows-1256');
  await expect(dialog.getByTestId('import-error')).toHaveCount(0);
  await dialog.getByTestId('import-confirm').click();
  await expect(page.getByTestId('pair-row').first().getByTestId('source')).toHaveText('السلام عليكم ورحمة الله');
  const [doc] = await app.call('documents:list', {});
  expect(doc!.encoding).toBe('windows-1256');
});

test('binary and empty files show the translated error and create nothing', async ({ page, app }) => {
  const garbage = readFileSync(fixturePath('formats', 'hostile', 'garbage.bin'));
  const cases = [
    { name: 'garbage.bin', buffer: garbage },
    { name: 'empty.txt', buffer: Buffer.alloc(0) },
    { name: 'blank.txt', buffer: Buffer.from('\n \n\t\n', 'utf8') },
  ];
  for (const c of cases) {
    const expected = await app.rt.dispatch('documents:inspect-import', {
      fileName: c.name,
      dataBase64: c.buffer.toString('base64'),
    });
    expect(expected.ok, `${c.name} must be refused`).toBe(false);
    const code = expected.ok ? '' : expected.error.code;
    await chooseFile(page, { name: c.name, mimeType: 'application/octet-stream', buffer: c.buffer });
    const dialog = page.getByTestId('import-dialog');
    await expect(dialog.getByTestId('import-error')).toHaveText(en.errors[code]!);
    await expect(dialog.getByTestId('import-confirm')).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toHaveCount(0);
  }
  expect(await app.call('documents:list', {})).toEqual([]);
  await expect(page.getByTestId('library-empty')).toBeVisible();

  // The same in Arabic.
  await app.call('settings:update', { uiLanguage: 'ar' });
  await page.reload();
  await chooseFile(page, { name: 'garbage.bin', mimeType: 'application/octet-stream', buffer: garbage });
  await expect(page.getByTestId('import-error')).toHaveText(ar.errors.import_binary!);
  expect(await app.call('documents:list', {})).toEqual([]);
});

test('rename inline and delete after a confirmation naming the document', async ({ page, app }) => {
  await app.importFile(ARTICLE, { name: 'Zakharova briefing' });
  await page.reload();
  const item = page.getByTestId('document');
  await item.getByRole('button', { name: 'Rename “Zakharova briefing”' }).click();
  const input = item.getByRole('textbox', { name: 'New name' });
  await expect(input).toBeFocused();
  await input.fill('إحاطة زاخاروفا');
  await input.press('Enter');
  await expect(item.getByRole('button', { name: 'إحاطة زاخاروفا', exact: true })).toBeVisible();
  expect((await app.call('documents:list', {}))[0]!.name).toBe('إحاطة زاخاروفا');

  // Escape abandons a rename.
  await item.getByRole('button', { name: /^Rename/ }).click();
  await item.getByRole('textbox', { name: 'New name' }).fill('nope');
  await item.getByRole('textbox', { name: 'New name' }).press('Escape');
  expect((await app.call('documents:list', {}))[0]!.name).toBe('إحاطة زاخاروفا');

  await item.getByRole('button', { name: /^Delete/ }).click();
  const confirm = page.getByTestId('confirm-dialog');
  await expect(confirm).toContainText('“إحاطة زاخاروفا” will be deleted');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  expect(await app.call('documents:list', {})).toHaveLength(1);
  await item.getByRole('button', { name: /^Delete/ }).click();
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByTestId('library-empty')).toBeVisible();
  expect(await app.call('documents:list', {})).toEqual([]);
});

test.describe('first run', () => {
  test.use({ user: null });

  test('asks for name and role before anything else', async ({ page, app }) => {
    const form = page.getByTestId('onboarding');
    await expect(form).toBeVisible();
    await expect(page.getByTestId('shell')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Start' })).toBeDisabled();
    // The language can be chosen right here; the whole form follows.
    await page.getByRole('button', { name: 'العربية' }).click();
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.getByRole('heading', { name: 'مرحبًا بك في قلم' })).toBeVisible();
    await screenshot(page, 'onboarding-ar');
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
    await page.getByLabel('Your name').fill('Layla Haddad');
    await page.getByRole('radio', { name: /Editor/ }).check();
    await page.getByRole('button', { name: 'Start' }).click();
    await expect(page.getByTestId('shell')).toContainText('Layla Haddad · Editor');
    const s = await app.call('settings:get', {});
    expect(s).toMatchObject({ userName: 'Layla Haddad', role: 'editor', onboarded: true });
    await page.reload();
    await expect(page.getByTestId('shell')).toBeVisible();
  });
});

test('the library in Arabic mirrors the shell and keeps document names readable', async ({ page, app }) => {
  await app.importFile(ARTICLE, { name: 'بيان الخارجية الروسية' });
  await app.call('settings:update', { uiLanguage: 'ar' });
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.getByRole('heading', { name: 'المكتبة' })).toBeVisible();
  const item = page.getByTestId('document').first();
  // Arabic plural for 12 (the "many" form), the number in the locale's digits.
  const twelve = new Intl.NumberFormat('ar').format(12);
  await expect(item).toContainText(`${twelve} مقطعًا`);
  await expect(item).toContainText(`${new Intl.NumberFormat('ar').format(349)} كلمة`);
  await screenshot(page, 'library-ar');
});

test('settings: theme, text size and role apply at once and persist', async ({ page, app }) => {
  await page.getByTestId('nav-settings').click();
  await page.getByLabel('Theme').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(bg).toBe('rgb(21, 23, 25)');

  const slider = page.getByLabel('Text size');
  await slider.fill('150');
  await expect.poll(() => page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('24px');
  await expect.poll(async () => (await app.call('settings:get', {})).textScale).toBe(150);

  await page.getByRole('radio', { name: /Editor/ }).check();
  await expect(page.getByTestId('shell')).toContainText('Test Translator · Editor');
  await page.getByLabel('Your name').fill('Nour');
  await page.getByLabel('Your name').press('Enter');
  await expect(page.getByTestId('shell')).toContainText('Nour · Editor');
  await slider.fill('100');
  await expect.poll(async () => (await app.call('settings:get', {})).textScale).toBe(100);
  await screenshot(page, 'settings-dark-en');

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await app.call('settings:get', {})).toMatchObject({ userName: 'Nour', role: 'editor', theme: 'dark', textScale: 100 });

  // "Follow the system" uses the media query.
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByLabel('Theme').selectOption('system');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(21, 23, 25)');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(246, 245, 242)');
});

test('a TMX file goes to translation memory, not to the library', async ({ page, app }) => {
  const tmx = `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="test" creationtoolversion="1" segtype="paragraph" o-tmf="x" adminlang="en" srclang="ar" datatype="plaintext"/>
<body>
<tu><tuv xml:lang="ar"><seg>مرحبا بالعالم</seg></tuv><tuv xml:lang="en"><seg>Hello, world</seg></tuv></tu>
<tu><tuv xml:lang="ar"><seg>شكرا جزيلا</seg></tuv><tuv xml:lang="en"><seg>Thank you very much</seg></tuv></tu>
</body></tmx>`;
  await chooseFile(page, { name: 'memory.tmx', mimeType: 'application/xml', buffer: Buffer.from(tmx, 'utf8') });
  const dialog = page.getByTestId('import-dialog');
  await expect(dialog.getByTestId('import-format')).toHaveText('Translation memory (TMX)');
  await expect(dialog).toContainText('Translation units');
  await expect(dialog.getByTestId('import-paragraphs')).toHaveText('2');
  // The preview and the result count the same thing: units the memory already holds.
  await expect(dialog.getByTestId('import-known')).toHaveText('0');
  await expect(dialog).not.toContainText('Already translated');
  await expect(dialog.getByTestId('import-confirm')).toHaveText('Add to translation memory');
  await dialog.getByTestId('import-confirm').click();
  await expect(page.getByTestId('notice')).toHaveText(/Translation memory: 2 units stored, 0 already there\./);
  await expect(dialog).toHaveCount(0);
  expect(await app.call('documents:list', {})).toEqual([]);
  // The same file again: nothing new to store.
  await chooseFile(page, { name: 'memory.tmx', mimeType: 'application/xml', buffer: Buffer.from(tmx, 'utf8') });
  await expect(page.getByTestId('import-known')).toHaveText('2');
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('notice').last()).toHaveText(/0 units stored, 2 already there\./);
});
