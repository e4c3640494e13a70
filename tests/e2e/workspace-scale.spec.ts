// A 100,000-pair document: the first rows show quickly, the renderer fetches small pages only, and
// jumping through the document keeps working. (The timed benchmark lives in tests/bench.)
import { expect, row, test } from './fixtures';

const PAIRS = 100_000;

test('a 100k-pair document opens at once and is read in small pages', async ({ page, app }) => {
  test.setTimeout(240_000);
  const lines = Array.from({ length: PAIRS }, (_, i) => `الفقرة رقم ${i + 1} من الوثيقة الطويلة، وفيها نص عربي للتجربة.`);
  const id = await app.importText('long.txt', lines.join('\n'));

  const pageRequests: { offset: number; limit: number }[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/invoke/pairs:list'))
      pageRequests.push(JSON.parse(r.postData() ?? '{}') as { offset: number; limit: number });
  });
  const started = Date.now();
  // A fresh page load (not a hash change), so performance.now() counts from navigation.
  await page.goto(`${app.url}/?fresh#/documents/${id}`);
  await expect(row(page, 0).getByTestId('source')).toContainText('الفقرة رقم 1 ');
  const openMs = Date.now() - started;
  const painted = Number(await page.locator('html').getAttribute('data-first-rows-painted'));
  expect(painted).toBeGreaterThan(0);
  await expect(page.getByTestId('result-count')).toHaveText('100,000 segments');
  // Only what is on screen is in the DOM.
  expect(await page.getByTestId('pair-row').count()).toBeLessThan(40);
  expect(pageRequests.every((r) => r.limit <= 200)).toBe(true);

  // Scroll to the middle and to the end: the rows there load and render.
  const list = page.getByTestId('pair-list');
  await list.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
  await expect(page.locator('[data-testid="pair-row"][data-index]').first()).toBeVisible();
  await list.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(row(page, PAIRS - 1)).toBeVisible();
  await expect(row(page, PAIRS - 1).getByTestId('source')).toContainText(`الفقرة رقم ${PAIRS} `);
  // A handful of pages, never the document.
  expect(pageRequests.length).toBeLessThan(20);
  const fetched = pageRequests.reduce((n, r) => n + r.limit, 0);
  expect(fetched).toBeLessThan(3000);

  // Keyboard navigation at the end still works.
  await row(page, PAIRS - 1)
    .getByTestId('target')
    .click();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(row(page, PAIRS - 2).getByTestId('target')).toBeFocused();
  test.info().annotations.push({ type: 'open', description: `${openMs} ms to first row (painted at ${painted.toFixed(0)} ms)` });
  console.log(
    `100k: first rows painted ${painted.toFixed(0)} ms after navigation start (${openMs} ms seen by the test); ${pageRequests.length} page requests`,
  );
});
