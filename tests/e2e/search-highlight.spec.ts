// Search hits highlighted in the cells (issue 8, item 9): the workspace search matches folded text
// (hamza forms, harakat, tatweel, digits, case), and every hit is marked on the text as written, in
// the Arabic source and in the English target, exactly over the hit and nowhere else.
import type { Locator, Page } from '@playwright/test';
import { join } from 'node:path';
import { expect, fixturePath, openDocument, row, screenshot, SCREENSHOTS, test, type QalamApp } from './fixtures';

const ARTICLE = fixturePath('news-article-ar.txt');

async function pairsOf(app: QalamApp, documentId: number) {
  return (await app.call('pairs:list', { documentId, offset: 0, limit: 100 })).items;
}

const hits = (cell: Locator) => cell.locator('mark.deco[data-deco~="search"]');

/** Every row shown, as [index, the source's hit texts]. */
async function sourceHits(page: Page): Promise<[number, string[]][]> {
  return page
    .getByTestId('pair-row')
    .evaluateAll((rows) =>
      rows.map((r) => [
        Number((r as HTMLElement).dataset.index),
        [...r.querySelectorAll('[data-testid="source"] mark.deco[data-deco~="search"]')].map((m) => m.textContent ?? ''),
      ]),
    );
}

async function search(page: Page, query: string, count: string) {
  await page.getByTestId('search').fill(query);
  await expect(page.getByTestId('result-count')).toHaveText(count);
}

test('search hits are marked in both columns, folded variants included, on the text as written', async ({ page, app }) => {
  const id = await app.importFile(ARTICLE);
  const pairs = await pairsOf(app, id);
  // A translator's English for paragraph 10, with the year written once in Arabic-Indic digits.
  const target = 'Russia and the United States held consultations in Geneva on 9 and 10 January ٢٠٢٢ (2022).';
  await app.call('pairs:update-target', { pairId: pairs[9]!.id, target, expectedVersion: pairs[9]!.version });
  await openDocument(page, app, id);

  // Typed without hamza: the article writes الأمن (in معاهدة الأمن, مجلس الأمن, الأمنية).
  await search(page, 'الامن', '5 of 12 segments');
  expect(await sourceHits(page)).toEqual([
    [0, ['الأمن']],
    [1, ['الأمن', 'الأمن', 'الأمن']],
    [2, ['الأمن']],
    [3, ['الأمن', 'الأمن']],
    [4, ['الأمن']],
  ]);
  // The marks only wrap text: the cell still reads exactly the paragraph.
  await expect(row(page, 1).getByTestId('source')).toHaveText(pairs[5]!.source);
  await screenshot(page, 'search-highlight-en');
  // A hit inside a word (الأمن of الأمنية): the letters must stay joined across the mark's edge.
  await row(page, 2)
    .getByTestId('source')
    .screenshot({ path: join(SCREENSHOTS, 'search-highlight-joining.png') });

  // One query, both columns: 2022 in the source, and in the target both as typed and as ٢٠٢٢.
  await search(page, '2022', '1 of 12 segments');
  await expect(hits(row(page, 0).getByTestId('source'))).toHaveText(['2022']);
  const backdrop = row(page, 0).getByTestId('target-backdrop');
  await expect(hits(backdrop)).toHaveText(['٢٠٢٢', '2022']);
  // The copy behind the text box holds the text box's text (plus the zero-width space that keeps a
  // final empty line), so the marks sit under the very characters they mark.
  await expect(backdrop).toHaveText(`${target}\u200b`);
  // Each mark lies inside the text box, on the line of the text it marks (not shifted down a line).
  const box = (await row(page, 0).getByTestId('target').boundingBox())!;
  for (const m of await hits(backdrop).all()) {
    const b = (await m.boundingBox())!;
    expect(b.x).toBeGreaterThanOrEqual(box.x);
    expect(b.x + b.width).toBeLessThanOrEqual(box.x + box.width);
    expect(b.y).toBeGreaterThanOrEqual(box.y);
    expect(b.y + b.height).toBeLessThanOrEqual(box.y + box.height);
  }

  // Typing keeps the marks in step with the text (the backdrop follows the draft).
  const editor = row(page, 0).getByTestId('target');
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' In 2022 too.');
  await expect(hits(backdrop)).toHaveText(['٢٠٢٢', '2022', '2022']);
  await screenshot(page, 'search-highlight-target-en');

  // Searching only the target leaves the source unmarked.
  await page.getByTestId('search-in').selectOption('target');
  await expect(hits(row(page, 0).getByTestId('source'))).toHaveCount(0);
  await expect(hits(backdrop)).toHaveCount(3);

  // Clearing the search removes every search mark (the focused segment's QA marks may stay).
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page.locator('mark.deco[data-deco~="search"]')).toHaveCount(0);

  // Arabic UI: the same marks, the columns keep their directions.
  await app.call('settings:update', { uiLanguage: 'ar' });
  await page.reload();
  await page.getByTestId('search-in').selectOption('both');
  await page.getByTestId('search').fill('السلام');
  await expect(page.locator('[data-testid="source"] mark.deco[data-deco~="search"]').first()).toHaveText('السلام');
  await screenshot(page, 'search-highlight-ar');
});

test('vowelled text: a plain query marks the letters with their harakat, shadda and tatweel', async ({ page, app }) => {
  const id = await app.importText('harakat.txt', 'وَقَالَ الرَّئِيسُ إِنَّ الْمُفَاوَضَاتِ مُسْتَمِرَّةٌ، والاجتمـــاع غداً.');
  await openDocument(page, app, id);
  await search(page, 'المفاوضات', '1 of 1 segment');
  await expect(hits(row(page, 0).getByTestId('source'))).toHaveText(['الْمُفَاوَضَاتِ']);
  await search(page, 'الاجتماع', '1 of 1 segment');
  await expect(hits(row(page, 0).getByTestId('source'))).toHaveText(['الاجتمـــاع']);
});

test('tagged pairs: hits are marked around chips in the source and painted in the tag editor', async ({ page, app }) => {
  const id = await app.importFile(fixturePath('formats', 'xliff', 'inline-12.xlf'));
  await openDocument(page, app, id);
  // ماريا زاخاروفا sits inside a bold pair of codes: the mark is inside, the chips stay whole.
  await search(page, 'زاخاروفا', '1 of 5 segments');
  await expect(hits(row(page, 0).getByTestId('source'))).toHaveText(['زاخاروفا']);
  await expect(row(page, 0).getByTestId('source').getByTestId('tag-chip')).toHaveText(['{1}', '{/1}', '{2/}']);

  // The tag editor gets no elements added: the hit is a CSS highlight over its text.
  await search(page, 'PEACEKEEPING', '1 of 5 segments');
  const painted = () => page.evaluate(() => [...(CSS.highlights.get('qalam-search') ?? [])].map((r) => (r as Range).toString()));
  await expect.poll(painted).toEqual(['peacekeeping']);
  await expect(row(page, 0).getByTestId('target').locator('mark')).toHaveCount(0);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect.poll(painted).toEqual([]);
});
