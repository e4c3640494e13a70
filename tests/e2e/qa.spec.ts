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

/** Paragraph 1 ends in Kazakhstan.; paragraph 4 has قوات حفظ السلام = peacekeeping forces. */
const LEFTOVER_QUESTION = TRANSLATIONS[0]!.replace(/\.$/, '؟');
const WITHOUT_TERM = TRANSLATIONS[3]!.replace('the peacekeeping forces', 'the troops');

test('issues appear under the segment as the translator types, highlighted in both cells; the filter, the report and jumping', async ({
  page,
  app,
}) => {
  test.setTimeout(180_000);
  const { documentId, pairs } = await prepareArticle(app, 'translated', 'translator');
  await app.call('glossary:add', { documentId, source: 'قوات حفظ السلام', target: 'peacekeeping forces' });
  await openDocument(page, app, documentId);

  // A wrong number in paragraph 10: the source's 2022 is marked, the target's 2020 too.
  await reveal(page, 9);
  const ten = row(page, 9);
  await ten.getByTestId('target').fill(WRONG_YEAR);
  const tenIssues = ten.getByTestId('qa-issues');
  await expect(tenIssues.locator('[data-check="number-missing"]')).toContainText(
    'Numbers of the source missing from the translation: 2022',
  );
  await expect(tenIssues.locator('[data-check="number-missing"]')).toHaveAttribute('data-severity', 'error');
  await expect(ten.getByTestId('source').locator('mark[data-deco~="qa-error"]')).toHaveText('2022');
  await expect(ten.locator('.backdrop mark[data-deco~="qa-warning"]')).toHaveText('2020');
  // Typed back: the issue goes, the marks too.
  await ten.getByTestId('target').fill(TRANSLATIONS[9]!);
  await expect(tenIssues.locator('[data-check="number-missing"]')).toHaveCount(0);
  await expect(ten.getByTestId('source').locator('mark[data-deco~="qa-error"]')).toHaveCount(0);
  await ten.getByTestId('target').fill(WRONG_YEAR);
  await expect(tenIssues.locator('[data-check="number-missing"]')).toBeVisible();

  // A leftover ؟ in paragraph 1.
  await reveal(page, 0);
  const one = row(page, 0);
  await one.getByTestId('target').fill(LEFTOVER_QUESTION);
  await expect(one.getByTestId('qa-issues').locator('[data-check="arabic-in-target"]')).toContainText('؟');
  await expect(one.locator('.backdrop mark[data-deco~="qa-error"]')).toHaveText('؟');

  // A missing glossary term in paragraph 4: a warning, which the translator may mark "not an error".
  await reveal(page, 3);
  const four = row(page, 3);
  await four.getByTestId('target').fill(WITHOUT_TERM);
  const term = four.getByTestId('qa-issues').locator('[data-check="term-missing"]');
  await expect(term).toContainText('“قوات حفظ السلام” should be translated as “peacekeeping forces”');
  await expect(four.getByTestId('source').locator('mark[data-deco~="qa-warning"]')).toHaveText('قوات حفظ السلام');
  await four.getByTestId('source').click();
  await four.getByTestId('qa-issues').scrollIntoViewIfNeeded();
  await screenshot(page, 'qa-panel-en');

  // The warning marked "not an error": shown as such, with who.
  await term.getByRole('button', { name: 'Not an error' }).click();
  await expect(term).toHaveAttribute('data-severity', 'ignored');
  await expect(term).toContainText('marked not an error by Huda Translator');

  // The pair's history shows the mark with who and when; a changed text makes it lapse, and the
  // same text again brings it back (the mark is bound to the text it was made on).
  await page.getByTestId('pair-panel').getByRole('tab', { name: 'History' }).click();
  const mark = page.getByTestId('pair-panel').getByTestId('qa-mark');
  await expect(mark).toHaveCount(1);
  await expect(mark).toContainText('Marked not an error: Glossary term missing');
  await expect(mark).toContainText('Huda Translator');
  await expect(mark).toHaveAttribute('data-standing', 'applies');
  await expect(mark).toContainText('Applies to the current text.');
  await four.getByTestId('target').fill(`${WITHOUT_TERM} Indeed.`);
  await expect(mark).toHaveAttribute('data-standing', 'lapsed');
  await expect(mark).toContainText(/No longer applies: the text (has )?changed/);
  await expect(term).toHaveAttribute('data-severity', 'warning');
  await mark.scrollIntoViewIfNeeded();
  await screenshot(page, 'qa-history-lapsed-en');
  await four.getByTestId('target').fill(WITHOUT_TERM);
  await expect(mark).toHaveAttribute('data-standing', 'applies');
  await expect(term).toHaveAttribute('data-severity', 'ignored');
  await mark.scrollIntoViewIfNeeded();
  await screenshot(page, 'qa-history-mark-en');
  await page.getByTestId('pair-panel').getByRole('tab', { name: 'Comments' }).click();

  // "Has QA issues": exactly the pairs the report finds with an issue standing.
  await page.getByTestId('filter-qa').click();
  const report = await app.call('qa:report', { documentId });
  const standing = report.pairs.filter((p) => p.issues.some((i) => !i.ignored)).map((p) => p.position);
  expect(standing).toEqual(expect.arrayContaining([0, 9]));
  await expect(page.getByTestId('result-count')).toContainText(`${standing.length} of`);
  await expect(page.getByTestId('pair-row')).toHaveCount(standing.length);
  const shown = await page
    .getByTestId('pair-row')
    .evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.pairId)));
  expect(shown).toEqual(standing.map((p) => pairs[p]!.id));
  await screenshot(page, 'qa-filter-en');
  await page.getByTestId('filter-qa').click();

  // The editor: approving paragraph 10 asks first.
  await becomeUser(page, app, EDITOR, 'editor');
  await openDocument(page, app, documentId);
  await reveal(page, 9);
  await row(page, 9).getByTestId('source').click();
  await page.getByTestId('pair-panel').getByRole('button', { name: 'Approve' }).click();
  const ask = page.getByRole('dialog', { name: 'Approve despite QA errors?' });
  await expect(ask).toContainText('Missing numbers');
  await ask.getByRole('button', { name: 'Cancel' }).click();

  // The report lists them; a click goes to the segment.
  await page.getByTestId('open-qa-report').click();
  const dialog = page.getByTestId('qa-report');
  const list = dialog.getByTestId('qa-report-issues');
  await expect(list).toContainText('Segment 10');
  await expect(list.getByRole('button', { name: /Segment 10\s*Error\s*Numbers of the source missing/ })).toBeVisible();
  await expect(list.getByRole('button', { name: /Segment 1\s*Error\s*Arabic script left in the English/ })).toBeVisible();
  await expect(dialog.getByTestId('qa-report-ignored')).toContainText('1 issue marked not an error');
  await expect(dialog.getByTestId('qa-by-check')).toContainText('Missing numbers');
  await screenshot(page, 'qa-report-en');
  await list.getByRole('button', { name: /Segment 1\s*Error\s*Arabic script/ }).click();
  await expect(dialog).toHaveCount(0);
  await expect(row(page, 0).getByTestId('target')).toBeFocused();

  // The profile: with the number checks off, the report no longer counts them.
  await page.getByTestId('open-qa-report').click();
  await dialog.getByRole('tab', { name: 'Checks' }).click();
  await dialog.getByRole('checkbox', { name: /Missing numbers/ }).uncheck();
  await dialog.getByRole('button', { name: 'Save checks' }).click();
  await dialog.getByRole('tab', { name: 'Issues' }).click();
  await expect(dialog).toContainText('Switched off for this document: Missing numbers');
  await expect(dialog.getByTestId('qa-by-check')).not.toContainText('Missing numbers');
  await page.keyboard.press('Escape');
});

test('the QA panel and report in the Arabic UI', async ({ page, app }) => {
  test.setTimeout(120_000);
  const { documentId } = await prepareArticle(app, 'translated', 'translator');
  const p = (await pairsOf(app, documentId))[9]!;
  await app.call('pairs:update-target', { pairId: p.id, expectedVersion: p.version, target: WRONG_YEAR });
  await app.call('settings:update', { uiLanguage: 'ar' });
  await openDocument(page, app, documentId);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  // The filter brings paragraph 10 up among the few with issues.
  await page.getByTestId('filter-qa').click();
  const ten = page.locator(`[data-testid="pair-row"][data-pair-id="${p.id}"]`);
  await ten.getByTestId('target').fill(`${WRONG_YEAR} `);
  const issues = ten.getByTestId('qa-issues');
  await expect(issues.locator('[data-check="number-missing"]')).toContainText('أرقام في المصدر غائبة عن الترجمة');
  // The source keeps its own direction, the English its own, inside the mirrored shell.
  await expect(ten.getByTestId('source')).toHaveAttribute('dir', 'rtl');
  await expect(ten.getByTestId('target')).toHaveAttribute('dir', 'ltr');
  await expect(issues.locator('[data-check="spacing"] bdi, [data-check="number-extra"] bdi').first()).toBeVisible();
  await issues.scrollIntoViewIfNeeded();
  await screenshot(page, 'qa-panel-ar');

  // "Not an error" in the pair's history, in Arabic: the check's name, who, and that it applies.
  await issues.locator('[data-check="number-extra"]').getByRole('button', { name: 'ليس خطأ' }).click();
  await page.getByTestId('pair-panel').getByRole('tab', { name: 'السجل' }).click();
  const mark = page.getByTestId('pair-panel').getByTestId('qa-mark');
  await expect(mark).toContainText('عُلِّم «ليس خطأ»: أرقام زائدة');
  await expect(mark).toContainText('تنطبق على النص الحالي.');
  await screenshot(page, 'qa-history-mark-ar');
  await page.getByTestId('pair-panel').getByRole('tab', { name: 'التعليقات' }).click();
  await page.getByTestId('open-qa-report').click();
  const dialog = page.getByTestId('qa-report');
  await expect(dialog.getByTestId('qa-report-issues')).toContainText('المقطع 10');
  await screenshot(page, 'qa-report-ar');
  await dialog.getByRole('tab', { name: 'الفحوص' }).click();
  await screenshot(page, 'qa-profile-ar');
  await page.keyboard.press('Escape');

  // The user dictionary in Settings: a word added there is no longer a misspelling.
  await page.getByTestId('nav-settings').click();
  const dict = page.getByTestId('user-dictionary');
  await dict.getByRole('textbox').fill('Zakharova');
  await dict.getByRole('button', { name: 'إضافة' }).click();
  await expect(dict.getByRole('listitem')).toHaveText(['Zakharova حذف']);
  await screenshot(page, 'qa-dictionary-ar');
  const after = await app.call('qa:report', { documentId });
  expect(after.pairs.flatMap((q) => q.issues).some((i) => String(i.params.words ?? '').includes('Zakharova'))).toBe(false);
  await dict.getByRole('button', { name: 'حذف Zakharova' }).click();
  await expect(dict).toContainText('لم تضف أي كلمة بعد.');
});
