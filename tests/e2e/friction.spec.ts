// Small frictions of issue 8 (item 9), each checked where the user meets it.
import { ARTICLE } from './review-sample';
import { expect, openDocument, row, screenshot, test } from './fixtures';

test.use({ user: { name: 'Sami Editor', role: 'editor' } });

test('excluding the last row: counts agree ("11 + 1 excluded") and its button stays in view', async ({ page, app }) => {
  const documentId = await app.importFile(ARTICLE);
  await openDocument(page, app, documentId);
  await expect(page.getByTestId('result-count')).toHaveText('12 segments');

  // Ctrl+End-like: scroll to the last row and focus it.
  const grid = page.getByRole('region', { name: 'Segments' });
  const box = (await grid.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 20 && (await row(page, 11).count()) === 0; i++) await page.mouse.wheel(0, 600);
  await page.mouse.wheel(0, 5000);
  await row(page, 11).getByTestId('source').click();
  const toggle = row(page, 11).getByTestId('toggle-excluded');
  await toggle.click();
  await expect(toggle).toHaveText('Include');
  await expect(toggle).toBeFocused();

  // The button is inside the list's visible area, above the status bar.
  const list = (await page.getByTestId('pair-list').boundingBox())!;
  const status = (await page.getByTestId('statusbar').boundingBox())!;
  await expect
    .poll(async () => {
      const b = (await toggle.boundingBox())!;
      return b.y + b.height <= Math.min(list.y + list.height, status.y);
    })
    .toBe(true);

  // One way of counting everywhere: 11 to translate, 1 excluded.
  await expect(page.getByTestId('result-count')).toHaveText('11 segments + 1 excluded');
  await expect(page.getByTestId('stat-total')).toContainText('Total 11');
  await expect(page.getByTestId('stat-total')).toContainText('+ 1 excluded');
  await screenshot(page, 'friction-excluded-last-row');
});
