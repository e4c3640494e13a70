// Translation memory in the workspace (issue 10, items 2–6): matches beside the segment inserted by
// keyboard and undone, concordance, analysis, pre-translation and its undo, in English and Arabic.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { ENGLISH, fourParagraphTmx, variants } from '../fixtures/tm-sample';
import { expect, fixturePath, openDocument, reveal, row, screenshot, test, type QalamApp } from './fixtures';

const ARTICLE_PATH = fixturePath('news-article-ar.txt');
const ARTICLE = readFileSync(ARTICLE_PATH, 'utf8');

/** The TMX of four translated paragraphs goes into the memory the way the library imports it. */
async function importTmx(app: QalamApp): Promise<void> {
  const dataBase64 = Buffer.from(fourParagraphTmx(ARTICLE)).toString('base64');
  const r = await app.call('tm:import', { fileName: 'four-paragraphs.tmx', dataBase64 });
  expect(r.stored).toBe(4);
}

/** A document of the variants (diacritised, hamza forms, numbers, clitics), in the fixture's order. */
async function importVariants(app: QalamApp): Promise<number> {
  return app.importText(
    'variants.txt',
    variants(ARTICLE)
      .map((v) => v.text)
      .join('\n'),
  );
}

/** Focuses a row's translation editor (the panel then looks the pair up). */
async function edit(page: Page, index: number) {
  const editor = row(page, index).getByTestId('target');
  await editor.click();
  await expect(editor).toBeFocused();
  return editor;
}

const matches = (page: Page) => page.getByTestId('tm-match');
/** Added to the first variant's English before it is confirmed, so the memory holds two translations. */
const EDITED = ' Moscow repeated it on Monday.';

test('matches beside the segment: 100% and fuzzy matches for every variant, inserted by Ctrl+1/Ctrl+2 and undone with Ctrl+Z', async ({
  page,
  app,
}) => {
  await importTmx(app);
  const variantsId = await importVariants(app);
  const articleId = await app.importFile(ARTICLE_PATH);
  const v = variants(ARTICLE);

  await openDocument(page, app, variantsId);
  // 1. Diacritised: harakat never hide a match, so it is 100%, and Ctrl+1 inserts the English.
  let editor = await edit(page, 0);
  await expect(matches(page)).toHaveCount(1);
  await expect(matches(page).first()).toHaveAttribute('data-score', '100');
  await expect(matches(page).first().getByTestId('tm-target')).toHaveText(ENGLISH[v[0]!.of]!);
  await expect(matches(page).first().getByTestId('tm-origin')).toContainText('four-paragraphs.tmx');
  // The memory source is shown as written, right to left, beside the English left to right.
  await expect(matches(page).first().locator('[data-testid="tm-source"] .diff')).toHaveAttribute('dir', 'rtl');
  await expect(matches(page).first().getByTestId('tm-target')).toHaveAttribute('dir', 'ltr');
  await page.keyboard.press('Control+1');
  await expect(editor).toHaveValue(ENGLISH[v[0]!.of]!);
  await expect(editor).toBeFocused();
  await page.keyboard.press('Control+z');
  await expect(editor).toHaveValue('');
  await page.keyboard.press('Control+1');
  await expect(editor).toHaveValue(ENGLISH[v[0]!.of]!);
  await page.keyboard.press('Control+End');
  await page.keyboard.type(EDITED);
  // Confirmed, it joins the memory as a document unit.
  await page.keyboard.press('Control+Enter');
  await expect(row(page, 0)).toHaveAttribute('data-status', 'translated');

  // 2. Hamza forms of alef and tatweel: 100% as well.
  editor = await edit(page, 1);
  await expect(matches(page).first()).toHaveAttribute('data-score', '100');
  await expect(matches(page).first().getByTestId('tm-target')).toHaveText(ENGLISH[v[1]!.of]!);

  // 3. Other numbers (Arabic-Indic): 99%, and the English gets this paragraph's numbers.
  editor = await edit(page, 2);
  await expect(matches(page).first()).toHaveAttribute('data-score', '99');
  const numbered = matches(page).first().getByTestId('tm-target');
  await expect(numbered).toContainText('On 16 and 17 January 2023');
  await expect(matches(page).first()).toContainText('3 numbers adapted');
  // The changed numbers are marked in the memory source.
  await expect(matches(page).first().locator('[data-testid="tm-source"] del').first()).toHaveText('9');
  await page.keyboard.press('Control+1');
  await expect(editor).toHaveValue(/^On 16 and 17 January 2023, Russia and the United States/);
  await page.keyboard.press('Control+z');
  await expect(editor).toHaveValue('');

  // 4. Attached و/ب/ال: a fuzzy match; typed text is never replaced silently.
  editor = await edit(page, 3);
  await expect(matches(page).first()).toHaveAttribute('data-kind', 'fuzzy');
  const fuzzy = Number(await matches(page).first().getAttribute('data-score'));
  expect(fuzzy).toBeGreaterThanOrEqual(70);
  expect(fuzzy).toBeLessThan(99);
  await page.keyboard.type('My own start');
  await page.keyboard.press('Control+1');
  await expect(editor).toHaveValue(ENGLISH[v[3]!.of]!);
  await expect(page.getByTestId('notice')).toContainText('Ctrl+Z');
  await page.keyboard.press('Control+z');
  await expect(editor).toHaveValue('My own start');
  await expect(matches(page).first()).toHaveAttribute('data-kind', 'fuzzy');
  await screenshot(page, 'memory-panel-fuzzy-en');
  await edit(page, 2);
  await expect(numbered).toBeVisible();
  await screenshot(page, 'memory-panel-numbers-en');

  // The article's first paragraph now has two 100% matches: the confirmed pair (translated ranks
  // above imported) and the TMX unit; Ctrl+2 takes the second, clicking the first takes it.
  await openDocument(page, app, articleId);
  editor = await edit(page, 0);
  await expect(matches(page)).toHaveCount(2);
  await expect(matches(page).nth(0).getByTestId('tm-origin')).toContainText('Document variants');
  await expect(matches(page).nth(1).getByTestId('tm-origin')).toContainText('TMX four-paragraphs.tmx');
  await page.keyboard.press('Control+Digit2');
  await expect(editor).toHaveValue(ENGLISH[0]!);
  await page.keyboard.press('Control+z');
  await expect(editor).toHaveValue('');
  await matches(page).nth(0).getByTestId('tm-insert').click();
  await expect(editor).toHaveValue(ENGLISH[0]! + EDITED);
  await expect(editor).toBeFocused();

  // A paragraph the memory does not know says so; nothing is inserted by Ctrl+1.
  editor = await edit(page, 1);
  await expect(page.getByTestId('tm-no-match')).toBeVisible();
  await page.keyboard.press('Control+1');
  await expect(editor).toHaveValue('');
});

test('concordance (Ctrl+K) finds an Arabic phrase from the selection, folded, and an English one, hits marked', async ({
  page,
  app,
}) => {
  await importTmx(app);
  const id = await app.importFile(ARTICLE_PATH);
  await openDocument(page, app, id);
  // Select «قوات حفظ السلام» in the source of row 6 and press Ctrl+K.
  const source = row(page, 6).getByTestId('source');
  await source.evaluate((el) => {
    const text = el.textContent ?? '';
    const phrase = 'قوات حفظ السلام';
    const start = text.indexOf(phrase);
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let node = walker.nextNode();
    let offset = 0;
    while (node && offset + (node.textContent ?? '').length <= start) {
      offset += (node.textContent ?? '').length;
      node = walker.nextNode();
    }
    const range = document.createRange();
    range.setStart(node!, start - offset);
    range.setEnd(node!, start - offset + phrase.length);
    const sel = window.getSelection()!;
    sel.removeAllRanges();
    sel.addRange(range);
  });
  await page.keyboard.press('Control+k');
  const dialog = page.getByTestId('concordance');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('concordance-query')).toHaveValue('قوات حفظ السلام');
  // Paragraphs 1, 4 and 7 of the memory hold the phrase; each hit is marked in the Arabic.
  await expect(dialog.getByTestId('concordance-hit')).toHaveCount(3);
  for (const hit of await dialog.getByTestId('concordance-hit').all()) {
    await expect(hit.locator('[lang="ar"] mark').first()).toHaveText('قوات حفظ السلام');
  }
  await screenshot(page, 'memory-concordance-en');

  // Harakat and another hamza form in the query still find it.
  await dialog.getByTestId('concordance-query').fill('إنتهاء مَهام');
  await expect(dialog.getByTestId('concordance-hit')).toHaveCount(1);
  await expect(dialog.getByTestId('concordance-hit').locator('[lang="en"]')).toContainText('peacekeeping mission');
  await page.keyboard.press('Escape');
  // English, from a selection in the translation editor.
  const editor = await edit(page, 2);
  await page.keyboard.type('the peacekeeping forces');
  await editor.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(4, el.value.length));
  await page.keyboard.press('Control+k');
  await expect(dialog.getByTestId('concordance-query')).toHaveValue('peacekeeping forces');
  await expect(dialog.getByTestId('concordance-hit')).toHaveCount(2);
  await expect(dialog.getByTestId('concordance-hit').first().locator('[lang="en"] mark')).toHaveText(/peacekeeping forces/i);
  await dialog.getByTestId('concordance-query').fill('Zanzibar');
  await expect(dialog.getByTestId('concordance-summary')).toHaveText('No hits in translation memory or approved pairs.');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});

test('analysis shows the bands; pre-translation previews, fills with a summary, and its batch is undone', async ({
  page,
  app,
}) => {
  await importTmx(app);
  // The article, one of its paragraphs repeated, and the variants: every band of a quote.
  const v = variants(ARTICLE);
  const paragraphs = ARTICLE.split('\n').filter((l) => l.trim() !== '');
  const text = [...paragraphs, paragraphs[1]!, ...v.map((x) => x.text)].join('\n');
  const id = await app.importText('quote.txt', text);
  await openDocument(page, app, id);
  // Three paragraphs repeat an earlier one: the copy, and the diacritised and hamza variants (folded).
  await expect(page.getByTestId('stat-repetitions')).toContainText('Repetitions 3');

  await page.getByTestId('open-analysis').click();
  const analysis = page.getByTestId('analysis');
  const band = (name: string) => analysis.getByTestId(`band-${name}`);
  await expect(band('exact').getByTestId('segments')).toHaveText('6'); // 4 paragraphs, 2 variants folded to 100%
  await expect(band('repetition').getByTestId('segments')).toHaveText('1');
  await expect(band('fuzzy95').getByTestId('segments')).toHaveText('1'); // other numbers: 99%
  await expect(band('fuzzy85').getByTestId('segments')).toHaveText('1'); // attached clitics: 88%
  await expect(band('none').getByTestId('segments')).toHaveText('8');
  await expect(band('total').locator('td').first()).toHaveText('17');
  await expect(analysis).toContainText('Against 4 memory units.');
  await screenshot(page, 'memory-analysis-en');
  await page.keyboard.press('Escape');

  // Someone typed in paragraph 1 already: pre-translation leaves it alone.
  await edit(page, 0);
  await page.keyboard.type('Typed by hand.');
  await page.getByTestId('open-pretranslate').click();
  const dialog = page.getByTestId('pretranslate');
  await expect(dialog.getByTestId('no-batches')).toBeVisible();
  await expect(dialog.getByTestId('pretranslate-preview')).toContainText('Would fill 5 segments: 5 as Translated, 0 as Draft.');
  await dialog.getByTestId('pretranslate-threshold').selectOption('75');
  await expect(dialog.getByTestId('pretranslate-preview')).toContainText('Would fill 7 segments: 5 as Translated, 2 as Draft.');
  await screenshot(page, 'memory-pretranslate-en');
  await dialog.getByTestId('pretranslate-run').click();
  await expect(dialog.getByTestId('pretranslate-result')).toHaveText('Filled 7 segments: 5 as Translated, 2 as Draft.');
  await expect(dialog.getByTestId('batch')).toHaveCount(1);
  await expect(dialog.getByTestId('batch')).toContainText('Pre-translation');
  await expect(dialog.getByTestId('batch')).toContainText('7 segments');
  await page.keyboard.press('Escape');
  await expect(row(page, 0).getByTestId('target')).toHaveValue('Typed by hand.');
  await expect(row(page, 3).getByTestId('target')).toHaveValue(ENGLISH[3]!);
  await expect(row(page, 3)).toHaveAttribute('data-status', 'translated');
  await reveal(page, 15);
  await expect(row(page, 15).getByTestId('target')).toHaveValue(/^On 16 and 17 January 2023/);
  await expect(row(page, 15)).toHaveAttribute('data-status', 'draft');

  await page.getByTestId('open-pretranslate').click();
  await dialog.getByTestId('undo-batch').click();
  await expect(dialog.getByTestId('undo-result')).toHaveText('Undone: 7 segments have their earlier text back.');
  await expect(dialog.getByTestId('batch-undone')).toContainText('Undone');
  await expect(dialog.getByTestId('undo-batch')).toHaveCount(0);
  await screenshot(page, 'memory-pretranslate-undone-en');
  await page.keyboard.press('Escape');
  await reveal(page, 3);
  await expect(row(page, 3).getByTestId('target')).toHaveValue('');
  await expect(row(page, 3)).toHaveAttribute('data-status', 'new');
  await expect(row(page, 0).getByTestId('target')).toHaveValue('Typed by hand.');
  const pairs = (await app.call('pairs:list', { documentId: id, offset: 0, limit: 100 })).items;
  expect(pairs.filter((p) => p.target !== '').map((p) => p.target)).toEqual(['Typed by hand.']);
});

/** A key as an Arabic keyboard layout reports it: the Arabic character, the physical key's code. */
async function arabicKey(page: Page, key: string, code: string): Promise<void> {
  await page.evaluate(
    ([key, code]) => {
      const target = document.activeElement ?? document.body;
      target.dispatchEvent(new KeyboardEvent('keydown', { key, code, ctrlKey: true, bubbles: true, cancelable: true }));
    },
    [key, code],
  );
}

test('Arabic UI: the panel and the memory dialogs mirror while each text keeps its direction; Ctrl+١ and Ctrl+ن on an Arabic layout', async ({
  page,
  app,
}) => {
  await app.call('settings:update', { uiLanguage: 'ar' });
  await importTmx(app);
  const id = await importVariants(app);
  await openDocument(page, app, id);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  const editor = await edit(page, 2);
  const match = matches(page).first();
  await expect(match).toHaveAttribute('data-score', '99');
  await expect(match.locator('[data-testid="tm-source"] .diff')).toHaveAttribute('dir', 'rtl');
  await expect(match.locator('[data-testid="tm-source"] .diff')).toHaveCSS('unicode-bidi', 'isolate');
  await expect(match.getByTestId('tm-target')).toHaveAttribute('dir', 'ltr');
  await expect(match.getByTestId('tm-target')).toHaveCSS('unicode-bidi', 'isolate');
  await expect(page.getByTestId('tm-matches')).toContainText('ذاكرة الترجمة');
  await expect(match).toContainText('كُيِّفت 3 أرقام');
  // The panel sits on the left in a mirrored shell, beside the segments.
  const panel = (await page.getByTestId('assist-panel').boundingBox())!;
  const grid = (await page.getByTestId('pair-list').boundingBox())!;
  expect(panel.x).toBeLessThan(grid.x);
  await screenshot(page, 'memory-panel-ar');

  await arabicKey(page, '١', 'Digit1');
  await expect(editor).toHaveValue(/^On 16 and 17 January 2023/);
  await page.keyboard.press('Control+z');
  await expect(editor).toHaveValue('');

  await arabicKey(page, 'ن', 'KeyK');
  const concordance = page.getByTestId('concordance');
  await expect(concordance).toBeVisible();
  await concordance.getByTestId('concordance-query').fill('الضمانات الأمنية');
  await expect(concordance.getByTestId('concordance-hit')).toHaveCount(1);
  await expect(concordance.getByTestId('concordance-summary')).toHaveText('نتيجة واحدة');
  await screenshot(page, 'memory-concordance-ar');
  await page.keyboard.press('Escape');

  await page.getByTestId('open-analysis').click();
  await expect(page.getByTestId('analysis').getByTestId('band-exact').getByTestId('segments')).toHaveText('2');
  await expect(page.getByTestId('analysis')).toContainText('مقابل 4 وحدات في الذاكرة');
  await screenshot(page, 'memory-analysis-ar');
  await page.keyboard.press('Escape');

  await page.getByTestId('open-pretranslate').click();
  const dialog = page.getByTestId('pretranslate');
  await expect(dialog.getByTestId('pretranslate-preview')).toContainText('سيُملأ مقطعان');
  await dialog.getByTestId('pretranslate-run').click();
  await expect(dialog.getByTestId('pretranslate-result')).toContainText('مُلئ مقطعان');
  await expect(dialog.getByTestId('batch')).toHaveCount(1);
  await screenshot(page, 'memory-pretranslate-ar');
});

test('settings: the match threshold hides weaker matches at once; propagation can be turned off', async ({ page, app }) => {
  await importTmx(app);
  const id = await importVariants(app);
  await page.goto(`${app.url}/#/settings`);
  const min = page.getByTestId('tm-min-score');
  await expect(min).toHaveValue('70');
  await min.fill('90');
  await min.press('Tab');
  await expect.poll(async () => (await app.call('settings:get', {})).tmMinScore).toBe(90);
  // Out of range: refused, the saved value comes back.
  await min.fill('20');
  await min.press('Tab');
  await expect(min).toHaveValue('90');
  await page.getByTestId('tm-propagate').uncheck();
  await expect.poll(async () => (await app.call('settings:get', {})).tmPropagate).toBe(false);
  await screenshot(page, 'memory-settings-en');

  await openDocument(page, app, id);
  await edit(page, 3); // the attached-clitics variant scores 88
  await expect(page.getByTestId('tm-no-match')).toBeVisible();
  await edit(page, 2); // other numbers: 99
  await expect(matches(page)).toHaveCount(1);
});
