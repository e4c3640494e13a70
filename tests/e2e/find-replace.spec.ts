// Find & replace (issue 11.4): on the sample article, Ctrl+H previews every replacement (before and
// after per segment) with the approved segment skipped and counted; Replace all writes one batch
// that history shows; Undo restores every pair; a bad regular expression gets a translated error.
import { expect, fixturePath, openDocument, row, screenshot, test, type QalamApp } from './fixtures';

const ARTICLE = fixturePath('news-article-ar.txt');

test.use({ user: { name: 'Eda Editor', role: 'editor' } });

async function pairsOf(app: QalamApp, documentId: number) {
  return (await app.call('pairs:list', { documentId, offset: 0, limit: 100 })).items;
}

const TARGETS: Record<number, string> = {
  0: 'Russian Foreign Ministry spokeswoman Maria Zakharova said her country is not an aggressor and that the peace-keeping forces stopped the bloodshed in Kazakhstan.',
  1: 'Russia Today reported that this came in response to Western statements over the deployment of the collective peace-keeping forces there.',
  3: 'The Kazakh president announced that the mission of the peace-keeping forces had ended successfully.',
  6: 'The peace-keeping forces included units from Russia, Belarus, Armenia, Tajikistan and Kyrgyzstan.',
};

test('replace all with a preview, shown in history, then undo restores every pair', async ({ page, app }) => {
  const id = await app.importFile(ARTICLE);
  for (const [i, target] of Object.entries(TARGETS)) {
    const p = (await pairsOf(app, id))[Number(i)]!;
    await app.call('pairs:update-target', { pairId: p.id, target, expectedVersion: p.version });
  }
  // Segment 7 is approved: locked, listed, never replaced.
  const approved = (await pairsOf(app, id))[6]!;
  await app.call('pairs:set-status', { pairId: approved.id, expectedVersion: approved.version, action: 'approve' });
  const before = await pairsOf(app, id);
  await openDocument(page, app, id);

  await page.keyboard.press('Control+h');
  const dialog = page.getByTestId('find-replace');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('find-query')).toBeFocused();
  await page.getByTestId('find-query').fill('peace-keeping');
  await page.getByTestId('find-replacement').fill('peacekeeping');
  await page.getByTestId('find-query').press('Enter');

  // The preview: every pair with its English before (hit marked) and after; nothing written yet.
  await expect(page.getByTestId('find-summary')).toContainText('4 matches in 4 segments · 3 to replace in 3 segments');
  await expect(page.getByTestId('find-skipped-locked')).toHaveText(
    '1 approved segment is locked: it is listed but will not be changed.',
  );
  await expect(page.getByTestId('find-pair')).toHaveCount(4);
  await expect(page.getByTestId('find-before').locator('mark.deco')).toHaveText(Array(4).fill('peace-keeping'));
  await expect(page.getByTestId('find-after')).toHaveText([
    `After replacing:${TARGETS[0]!.replace('peace-keeping', 'peacekeeping')}`,
    `After replacing:${TARGETS[1]!.replace('peace-keeping', 'peacekeeping')}`,
    `After replacing:${TARGETS[3]!.replace('peace-keeping', 'peacekeeping')}`,
  ]);
  await expect(page.getByTestId('find-pair').nth(3)).toContainText('Approved: locked');
  expect(await pairsOf(app, id)).toEqual(before);
  // The same hits are marked in the grid behind the dialog (the English: the scope is the target).
  const gridMarks = page.locator('[data-testid="pair-row"] mark[data-deco~="search"]');
  await expect(row(page, 0).locator('.backdrop mark[data-deco~="search"]')).toHaveText(['peace-keeping']);
  await expect(row(page, 1).locator('.backdrop mark[data-deco~="search"]')).toHaveText(['peace-keeping']);
  await expect(row(page, 0).getByTestId('source').locator('mark.deco')).toHaveCount(0);
  await screenshot(page, 'find-replace-preview-en');

  await page.getByTestId('find-replace-all').click();
  await expect(page.getByTestId('find-done')).toHaveText('Replaced 3 matches in 3 segments.');
  const after = await pairsOf(app, id);
  for (const i of [0, 1, 3]) expect(after[i]!.target).toBe(TARGETS[i]!.replace('peace-keeping', 'peacekeeping'));
  expect(after[6]).toEqual(before[6]);
  // One batch: every replaced pair's last revision carries the same batch id.
  const histories = await Promise.all([0, 1, 3].map((i) => app.call('history:list', { pairId: after[i]!.id })));
  const last = histories.map((h) => h.at(-1)!);
  expect(last.map((r) => [r.kind, r.origin])).toEqual(Array(3).fill(['replace', 'replace']));
  expect(new Set(last.map((r) => r.batchId)).size).toBe(1);
  // The preview now shows only the locked pair: nothing is left to replace.
  await expect(page.getByTestId('find-pair')).toHaveCount(1);
  await expect(page.getByTestId('find-replace-all')).toBeDisabled();
  await screenshot(page, 'find-replace-done-en');

  // History in the panel shows the replacement with what was replaced.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(gridMarks).toHaveCount(0);
  await row(page, 0).getByTestId('target').click();
  await page.getByRole('tab', { name: 'History' }).click();
  const revision = page.getByTestId('revision').first();
  await expect(revision).toHaveAttribute('data-kind', 'replace');
  await expect(revision).toContainText('“peace-keeping” → “peacekeeping”');
  await expect(revision.getByTestId('revision-batch')).toContainText('Part of a batch: Find & replace');
  await expect(revision.getByTestId('revision-batch')).toContainText('3 segments');

  // Ctrl+H again: the dialog remembers the last replacement; Undo restores every pair.
  await page.keyboard.press('Control+h');
  await page.getByTestId('find-undo').click();
  await expect(page.getByTestId('find-undone')).toHaveText('Undone: 3 segments are back as they were.');
  const restored = await pairsOf(app, id);
  expect(restored.map((p) => [p.target, p.status])).toEqual(before.map((p) => [p.target, p.status]));
  await expect(row(page, 0).getByTestId('target')).toHaveValue(TARGETS[0]!);

  // Replace all again, and undo it from a pair's history this time: the batch, not just the pair.
  await page.getByTestId('find-preview').click();
  await page.getByTestId('find-replace-all').click();
  await expect(page.getByTestId('find-done')).toHaveText('Replaced 3 matches in 3 segments.');
  await page.keyboard.press('Escape');
  await row(page, 1).getByTestId('target').click();
  await page.getByRole('tab', { name: 'History' }).click();
  const replaced = page.getByTestId('revision').first();
  await expect(replaced).toHaveAttribute('data-kind', 'replace');
  await replaced.scrollIntoViewIfNeeded();
  await screenshot(page, 'find-replace-history-batch-en');
  await replaced.getByTestId('revision-undo-batch').click();
  await expect(page.getByTestId('history-batch-undone')).toHaveText('Undone: 3 segments have their earlier text back.');
  expect((await pairsOf(app, id)).map((p) => [p.target, p.status])).toEqual(before.map((p) => [p.target, p.status]));
  // Both replacements stay in the history, each marked undone (from the dialog, from here), with no
  // second undo offered.
  const undoneRevisions = page.getByTestId('revision').filter({ has: page.getByTestId('revision-batch-undone') });
  await expect(undoneRevisions).toHaveCount(2);
  await expect(page.getByTestId('pair-panel').getByTestId('revision-undo-batch')).toHaveCount(0);

  // The document's batches (the Pre-translate dialog) list both replacements, both undone.
  await page.getByRole('button', { name: 'Pre-translate…' }).click();
  const batches = page.getByTestId('pretranslate').getByTestId('batch');
  await expect(batches).toHaveCount(2);
  await expect(batches.first()).toContainText('Find & replace');
  await expect(batches.first().getByTestId('batch-note')).toHaveText('“peace-keeping” → “peacekeeping”');
  await expect(page.getByTestId('pretranslate').getByTestId('batch-undone')).toHaveCount(2);
  await screenshot(page, 'find-replace-batches-en');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+h');

  // A bad regular expression: a clear error, nothing found, nothing changed.
  await page.getByTestId('find-regex').check();
  await page.getByTestId('find-query').fill('peace-(keeping');
  await page.getByTestId('find-preview').click();
  await expect(page.getByTestId('find-error')).toHaveText(
    // The engine's reason is isolated (FSI…PDI) inside the translated sentence.
    'The regular expression is not valid: \u2068Unterminated group\u2069. Check its brackets and escapes, or turn off “Regular expression” to search for the text as typed.',
  );
  await expect(page.getByTestId('find-replace-all')).toBeDisabled();
});

test('Arabic UI: the dialog, a folded Arabic search and a translated regex error', async ({ page, app }) => {
  const id = await app.importFile(ARTICLE);
  const first = (await pairsOf(app, id))[0]!;
  await app.call('pairs:update-target', { pairId: first.id, target: TARGETS[0]!, expectedVersion: first.version });
  await app.call('settings:update', { uiLanguage: 'ar' });
  await openDocument(page, app, id);
  await page.reload();
  await expect(row(page, 0)).toBeVisible();
  await page.keyboard.press('Control+h');
  await page.getByTestId('find-scope').selectOption('both');
  // Typed without hamza: الأمن and الأمنية are found in the source, and marked in the grid's
  // Arabic cells as typed (before any Enter), with the dialog's own folding (الأمن inside الأمنية).
  await page.getByTestId('find-query').fill('الامن');
  const sourceMarks = page.locator('[data-testid="pair-row"] [data-testid="source"] mark[data-deco~="search"]');
  await expect(sourceMarks.first()).toBeVisible();
  expect(new Set(await sourceMarks.allTextContents())).toEqual(new Set(['الأمن']));
  await screenshot(page, 'find-replace-grid-marks-ar');
  await page.getByTestId('find-preview').click();
  // 8 and 5 take the plural's "few" form (3–10).
  await expect(page.getByTestId('find-summary')).toContainText('8 نتائج في 5 مقاطع');
  await expect(page.getByTestId('find-pair').first().locator('.source mark.deco')).toHaveText(['الأمن']);
  await screenshot(page, 'find-replace-preview-ar');
  // A replace-all in the Arabic UI: the pair's history names the batch and offers to undo it.
  await page.getByTestId('find-scope').selectOption('target');
  await page.getByTestId('find-query').fill('peace-keeping');
  await page.getByTestId('find-replacement').fill('peacekeeping');
  await page.getByTestId('find-preview').click();
  await page.getByTestId('find-replace-all').click();
  await expect(page.getByTestId('find-done')).toBeVisible();
  await page.keyboard.press('Escape');
  await row(page, 0).getByTestId('target').click();
  await page.getByRole('tab', { name: 'السجل' }).click();
  await expect(page.getByTestId('revision').first().getByTestId('revision-batch')).toContainText('ضمن دفعة: بحث واستبدال');
  await screenshot(page, 'find-replace-history-batch-ar');
  await page.keyboard.press('Control+h');
  await page.getByTestId('find-regex').check();
  await page.getByTestId('find-query').fill('(');
  await page.getByTestId('find-preview').click();
  await expect(page.getByTestId('find-error')).toContainText('التعبير النمطي غير صالح');
  await screenshot(page, 'find-replace-error-ar');
});
