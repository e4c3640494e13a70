// Translation memory in the workspace (issue 10, items 2–6): matches beside the segment inserted by
// keyboard and undone, concordance, analysis, pre-translation and its undo, in English and Arabic.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { ENGLISH, fourParagraphTmx, variants } from '../fixtures/tm-sample';
import { expect, fixturePath, openDocument, row, screenshot, test, type QalamApp } from './fixtures';

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
