// Quality checks in the review workflow: an editor's approval over a QA error asks first (and the
// override is in the history), bulk approval leaves such pairs out unless the editor includes them.
import { mkdirSync } from 'node:fs';
import { expect, openDocument, reveal, row, screenshot, SCREENSHOTS, test } from './fixtures';
import { becomeUser, EDITOR, pairsOf, prepareArticle, TRANSLATIONS } from './review-sample';

mkdirSync(SCREENSHOTS, { recursive: true });

/** Paragraph 10 has "9 and 10 January 2022"; paragraph 11 "At the end of 2021". */
const WRONG_YEAR = TRANSLATIONS[9]!.replace('2022', '2020');
const WRONG_YEAR_2 = TRANSLATIONS[10]!.replace('2021', '2019');

test('an approval over a QA error asks first; bulk approval leaves such pairs out unless included', async ({ page, app }) => {
  test.setTimeout(120_000);
  const { documentId, pairs } = await prepareArticle(app, 'translated', 'translator');
  for (const [i, target] of [
    [9, WRONG_YEAR],
    [10, WRONG_YEAR_2],
  ] as const) {
    const p = (await pairsOf(app, documentId))[i]!;
    await app.call('pairs:update-target', { pairId: p.id, expectedVersion: p.version, target });
    const q = (await pairsOf(app, documentId))[i]!;
    await app.call('pairs:set-status', { pairId: q.id, expectedVersion: q.version, action: 'confirm' });
  }
  expect(pairs).toHaveLength(12);
  await becomeUser(page, app, EDITOR, 'editor');
  await openDocument(page, app, documentId);

  // Approving paragraph 10 from its row asks first, naming the check.
  await reveal(page, 9);
  await row(page, 9).getByTestId('source').click();
  await page.getByTestId('pair-panel').getByRole('button', { name: 'Approve' }).click();
  const ask = page.getByRole('dialog', { name: 'Approve despite QA errors?' });
  await expect(ask).toContainText('Quality checks found 1 error(s) on this segment (Missing numbers)');
  await screenshot(page, 'qa-approve-confirm-en');
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(ask).toHaveCount(0);
  expect((await pairsOf(app, documentId))[9]!.status).toBe('translated');

  await page.getByTestId('pair-panel').getByRole('button', { name: 'Approve' }).click();
  await page.getByRole('dialog', { name: 'Approve despite QA errors?' }).getByRole('button', { name: 'Approve anyway' }).click();
  await expect(row(page, 9)).toHaveAttribute('data-status', 'approved');
  const approved = (await pairsOf(app, documentId))[9]!;
  const history = await app.call('history:list', { pairId: approved.id });
  expect(history.find((r) => r.kind === 'approve')!.note).toBe('QA override: number-missing');

  // Bulk approval: paragraph 11 (wrong year) is left out and said so; ticking the box includes it.
  await page.getByRole('button', { name: 'Approve all translated…' }).click();
  const bulk = page.getByRole('dialog', { name: 'Approve translated segments' });
  await expect(bulk).toContainText('Approve 9 translated segments?');
  const include = bulk.getByRole('checkbox', { name: /1 translated segment has QA errors and is left out/ });
  await expect(include).toBeVisible();
  await screenshot(page, 'qa-bulk-approve-en');
  await include.check();
  await expect(bulk).toContainText('Approve 10 translated segments?');
  await bulk.getByRole('button', { name: 'Approve 10 segments' }).click();
  await expect(bulk).toContainText('10 segments approved.');
  const after = await pairsOf(app, documentId);
  expect(after.slice(0, 11).every((p) => p.status === 'approved')).toBe(true);
});
