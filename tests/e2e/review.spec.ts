// The review workflow end to end on the sample article: both roles, rejection with a reason and
// the editor's diff, bulk approval, the finished document, history with diffs, restore, and the
// permission rules enforced by the service even when the UI is bypassed.
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, openDocument, reveal, row, screenshot, SCREENSHOTS, test } from './fixtures';
import { ARTICLE, becomeUser, BOILERPLATE, EDITOR, pairsOf, prepareArticle, TRANSLATIONS, TRANSLATOR } from './review-sample';

mkdirSync(SCREENSHOTS, { recursive: true });

const panel = (page: Page) => page.getByTestId('pair-panel');

/** Focuses a row by clicking its Arabic source: the panel follows the focused pair. */
async function focusRow(page: Page, index: number): Promise<void> {
  await reveal(page, index);
  await row(page, index).getByTestId('source').click();
  await expect(panel(page).getByRole('heading', { name: `Segment ${index + 1}` })).toBeVisible();
}

/** The row's target editor, focused and emptied, ready for typing. */
async function typeTranslation(page: Page, index: number, text: string): Promise<void> {
  const editor = row(page, index).getByTestId('target');
  await expect(editor).toBeFocused();
  await page.keyboard.type(text);
  await expect(editor).toHaveValue(text);
}

test('both roles take the sample article to a finished, fully approved document', async ({ page, app }) => {
  test.setTimeout(240_000);
  const documentId = await app.importFile(ARTICLE);
  const original = await pairsOf(app, documentId);
  expect(original).toHaveLength(12);
  expect(original[11]!.source).toBe(BOILERPLATE);

  // ——— Editor: exclude the website boilerplate ———
  await becomeUser(page, app, EDITOR, 'editor');
  await openDocument(page, app, documentId);
  await focusRow(page, 11);
  await row(page, 11).getByTestId('toggle-excluded').click();
  await expect(row(page, 11).getByTestId('toggle-excluded')).toHaveText('Include');
  await expect(panel(page)).toContainText('Excluded');

  // ——— Translator: translate and confirm the 11 paragraphs with the keyboard ———
  await becomeUser(page, app, TRANSLATOR, 'translator');
  await openDocument(page, app, documentId);
  await row(page, 0).getByTestId('target').click();
  for (const [i, text] of TRANSLATIONS.entries()) {
    await typeTranslation(page, i, text);
    await page.keyboard.press('Control+Enter');
    await expect(row(page, i)).toHaveAttribute('data-status', 'translated');
    // Ctrl+Enter moves on to the next pair that needs work; the excluded boilerplate is skipped.
    if (i < TRANSLATIONS.length - 1) await expect(row(page, i + 1).getByTestId('target')).toBeFocused();
  }
  // A translator is offered no approval, neither on the row nor in the panel.
  await focusRow(page, 3);
  await expect(panel(page).getByRole('button', { name: 'Approve' })).toHaveCount(0);
  await expect(row(page, 3).getByRole('button', { name: 'Approve' })).toHaveCount(0);
  let pairs = await pairsOf(app, documentId);
  expect(pairs.slice(0, 11).map((p) => p.status)).toEqual(Array(11).fill('translated'));
  expect(pairs.slice(0, 11).map((p) => p.target)).toEqual(TRANSLATIONS);
  expect(pairs[11]).toMatchObject({ excluded: true, status: 'new', target: '' });

  // ——— Editor: correct paragraph 4, reject it with a reason and a category ———
  await becomeUser(page, app, EDITOR, 'editor');
  await openDocument(page, app, documentId);
  await focusRow(page, 3);
  const editor3 = row(page, 3).getByTestId('target');
  await editor3.click();
  await editor3.press('End');
  const corrected = TRANSLATIONS[3]!
    .replace('In a related development', 'In a related statement')
    .replace('within two days', 'within the next two days');
  await editor3.fill(corrected);
  await expect.poll(async () => (await app.call('pairs:get', { pairId: original[3]!.id })).target).toBe(corrected);

  await panel(page).getByRole('button', { name: 'Reject…' }).click();
  const rejectDialog = page.getByRole('dialog', { name: 'Reject segment 4' });
  await expect(rejectDialog).toBeVisible();
  await expect(rejectDialog.getByRole('button', { name: 'Reject' })).toBeDisabled();
  await rejectDialog
    .getByLabel(/^Reason/)
    .fill('“Related development” is not what the source says: it is a related statement. Also: “within the next two days”.');
  await rejectDialog.getByLabel('Error category').selectOption('accuracy');
  await rejectDialog.getByLabel('Major').check();
  await screenshot(page, 'review-reject-form');
  await rejectDialog.getByLabel(/^Reason/).press('Control+Enter');
  await expect(rejectDialog).toBeHidden();
  await expect(row(page, 3)).toHaveAttribute('data-status', 'rejected');
  // The shortcut stayed in the dialog: nothing was approved by it.
  pairs = await pairsOf(app, documentId);
  expect(pairs.filter((p) => p.status === 'approved')).toHaveLength(0);

  // ——— Editor: approve the rest in one go ———
  await page.getByRole('button', { name: 'Approve all translated…' }).click();
  const bulk = page.getByRole('dialog', { name: 'Approve translated segments' });
  await expect(bulk).toContainText('Approve 10 translated segments?');
  await bulk.getByRole('button', { name: 'Approve 10 segments' }).click();
  await expect(bulk).toContainText('10 segments approved.');
  await bulk.getByRole('button', { name: 'Close' }).first().click();
  // The grid follows: no rendered row is left waiting for review.
  await expect(page.locator('[data-testid="pair-row"][data-status="approved"]').first()).toBeVisible();
  await expect(page.locator('[data-testid="pair-row"][data-status="translated"]')).toHaveCount(0);
  pairs = await pairsOf(app, documentId);
  expect(pairs.map((p) => p.status)).toEqual([...Array(3).fill('approved'), 'rejected', ...Array(7).fill('approved'), 'new']);

  // ——— Translator: sees the reason and the editor's changes, fixes and confirms ———
  await becomeUser(page, app, TRANSLATOR, 'translator');
  await openDocument(page, app, documentId);
  await expect(row(page, 3).getByTestId('rejection-reason')).toContainText('is not what the source says');
  await focusRow(page, 3);
  const notice = panel(page).getByTestId('rejection-notice');
  await expect(notice).toContainText(`Rejected by ${EDITOR}`);
  await expect(notice).toContainText('Accuracy');
  await expect(notice).toContainText('Major');
  await expect(notice).toContainText('it is a related statement');
  // The editor's diff against the translator's confirmed text.
  await expect(notice.locator('del')).toHaveText(['development']);
  await expect(notice.locator('ins')).toHaveText(['statement', 'the next ']);
  await screenshot(page, 'review-rejection-notice');
  const fixed = `${corrected.replace('announced earlier today', 'announced earlier in the day')}`;
  const editor3t = row(page, 3).getByTestId('target');
  await editor3t.click();
  await editor3t.fill(fixed);
  // Let the autosave record the fix as its own revision before confirming.
  await expect.poll(async () => (await app.call('pairs:get', { pairId: original[3]!.id })).target).toBe(fixed);
  await editor3t.press('Control+Enter');
  await expect(row(page, 3)).toHaveAttribute('data-status', 'translated');
  await expect(row(page, 3).getByTestId('rejection-reason')).toHaveCount(0);

  // ——— Editor: approves it; the document is finished ———
  await becomeUser(page, app, EDITOR, 'editor');
  await openDocument(page, app, documentId);
  await focusRow(page, 3);
  await panel(page).getByRole('button', { name: 'Approve' }).click();
  await expect(row(page, 3)).toHaveAttribute('data-status', 'approved');
  await expect(page.getByTestId('document-finished')).toHaveText('Finished · 100% approved');
  const stats = await app.call('stats:document', { documentId });
  expect(stats.finished).toBe(true);
  expect(stats.total.segments).toBe(11);
  expect(stats.byStatus.approved).toEqual(stats.total);
  expect(stats.excluded.segments).toBe(1);
  // The boilerplate is not counted: its words are outside the total.
  const boilerplateWords = original[11]!.sourceWords;
  expect(boilerplateWords).toBeGreaterThan(0);
  expect(stats.excluded.words).toBe(boilerplateWords);
  expect(stats.total.words).toBe(original.slice(0, 11).reduce((n, p) => n + p.sourceWords, 0));

  // ——— History of the rejected pair tells the whole story, with correct diffs ———
  await panel(page).getByRole('tab', { name: 'History' }).click();
  const revisions = panel(page).getByTestId('revision');
  // Newest first: the whole story, as the store has it.
  const story = ['import', 'confirm', 'edit', 'reject', 'edit', 'confirm', 'approve'];
  expect((await app.call('history:list', { pairId: original[3]!.id })).map((r) => r.kind)).toEqual(story);
  await expect
    .poll(() => revisions.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.kind)))
    .toEqual([...story].reverse());
  const byKind = (i: number) => revisions.nth(i);
  await expect(byKind(6)).toContainText('Imported');
  await expect(byKind(5)).toContainText(TRANSLATOR);
  await expect(byKind(5).locator('ins')).toHaveText([TRANSLATIONS[3]!]);
  await expect(byKind(4)).toContainText(EDITOR);
  await expect(byKind(4).locator('del')).toHaveText(['development']);
  await expect(byKind(4).locator('ins')).toHaveText(['statement', 'the next ']);
  await expect(byKind(3)).toContainText('Rejected');
  await expect(byKind(3)).toContainText('is not what the source says');
  await expect(byKind(3).locator('ins, del')).toHaveCount(0);
  await expect(byKind(3)).toContainText('No change to the text.');
  await expect(byKind(2)).toContainText(TRANSLATOR);
  await expect(byKind(2).locator('del')).toHaveText(['today']);
  await expect(byKind(2).locator('ins')).toHaveText(['in the day']);
  // Against the last confirmed version, the final approval shows every change since the first confirm.
  await panel(page).getByLabel('Last confirmed version').check();
  await expect(byKind(0).locator('ins, del')).toHaveCount(0);
  await expect(byKind(2).locator('del')).toHaveText(['development', 'today']);
  await panel(page).getByLabel('Previous revision').check();
  await screenshot(page, 'review-history-diff');

  // ——— Quality summary: one major accuracy error ———
  await page.getByRole('button', { name: 'Quality…' }).click();
  const quality = page.getByRole('dialog', { name: 'Quality summary' });
  const summary = await app.call('stats:quality', { documentId });
  expect(summary.byCategory.accuracy.major).toBe(1);
  expect(summary.errors).toBe(1);
  await expect(quality.getByTestId('quality-score')).toContainText(String(summary.score));
  await expect(quality.getByRole('row', { name: /Accuracy/ }).getByRole('cell')).toHaveText(['0', '1', '0', '1']);
  await screenshot(page, 'review-quality-summary');
  await quality.getByRole('button', { name: 'Close' }).first().click();
  await expect(quality).toBeHidden();
});

test('restoring an earlier text from History is a new revision', async ({ page, app }) => {
  const { documentId, pairs } = await prepareArticle(app, 'excluded', 'translator');
  await page.reload();
  const p = pairs[6]!;
  const first = TRANSLATIONS[6]!;
  const second = first.replace('included units', 'comprised units');
  let pair = await app.call('pairs:set-status', { pairId: p.id, expectedVersion: p.version, action: 'confirm', target: first });
  pair = await app.call('pairs:update-target', { pairId: p.id, expectedVersion: pair.version, target: second });
  await openDocument(page, app, documentId);
  await focusRow(page, 6);
  await panel(page).getByRole('tab', { name: 'History' }).click();
  const revisions = panel(page).getByTestId('revision');
  await expect(revisions).toHaveCount(3);
  await expect(revisions.nth(0).locator('del')).toHaveText(['included']);
  await expect(revisions.nth(0).locator('ins')).toHaveText(['comprised']);
  // The current text cannot be restored; the confirmed one can.
  await expect(revisions.nth(0).getByRole('button', { name: 'Restore this text' })).toHaveCount(0);
  await revisions.nth(1).getByRole('button', { name: 'Restore this text' }).click();
  await expect(revisions).toHaveCount(4);
  await expect(revisions.nth(0)).toHaveAttribute('data-kind', 'restore');
  await expect(revisions.nth(0)).toContainText('Restored');
  await expect(revisions.nth(0).locator('del')).toHaveText(['comprised']);
  await expect(revisions.nth(0).locator('ins')).toHaveText(['included']);
  await expect(row(page, 6).getByTestId('target')).toHaveValue(first);
  const after = await app.call('pairs:get', { pairId: p.id });
  expect(after.target).toBe(first);
  expect(after.version).toBeGreaterThan(pair.version);
  const history = await app.call('history:list', { pairId: p.id });
  expect(history.map((r) => r.kind)).toEqual(['import', 'confirm', 'edit', 'restore']);
});

test('a translator cannot approve, even by calling the HTTP bridge directly', async ({ page, app }) => {
  const { documentId, pairs } = await prepareArticle(app, 'translated', 'translator');
  await page.reload();
  await openDocument(page, app, documentId);
  await focusRow(page, 0);
  await expect(panel(page).getByRole('button', { name: 'Approve' })).toHaveCount(0);
  await expect(panel(page).getByRole('button', { name: 'Reject…' })).toHaveCount(0);

  // Bypass the UI: a hand-made request with the page's own session cookie.
  const p = pairs[0]!;
  const result = await page.evaluate(
    async ({ pairId, expectedVersion }) => {
      const res = await fetch('/api/invoke/pairs:set-status', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ pairId, expectedVersion, action: 'approve' }),
      });
      return { status: res.status, body: (await res.json()) as unknown };
    },
    { pairId: p.id, expectedVersion: p.version },
  );
  expect(result.status).toBe(200);
  expect(result.body).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'errors.forbidden' } });
  // Nor reject, nor bulk-approve.
  const reject = await page.evaluate(
    async ({ pairId, expectedVersion, documentId }) => {
      const call = (channel: string, body: unknown) =>
        fetch(`/api/invoke/${channel}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }).then((r) => r.json() as Promise<{ ok: boolean; error?: { code: string } }>);
      return Promise.all([
        call('pairs:set-status', { pairId, expectedVersion, action: 'reject', comment: 'x' }),
        call('pairs:bulk-approve', { documentId }),
      ]);
    },
    { pairId: p.id, expectedVersion: p.version, documentId },
  );
  expect(reject.map((r) => r.error?.code)).toEqual(['forbidden', 'forbidden']);
  const after = await app.call('pairs:get', { pairId: p.id });
  expect(after.status).toBe('translated');
  expect(after.version).toBe(p.version);
});

test('the Arabic interface mirrors the review panel and the reject form', async ({ page, app }) => {
  const { documentId } = await prepareArticle(app, 'translated', 'editor');
  await app.call('settings:update', { uiLanguage: 'ar' });
  await page.reload();
  await openDocument(page, app, documentId);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await row(page, 2).getByTestId('source').click();
  const p = page.getByTestId('pair-panel');
  await expect(p.getByRole('heading', { name: 'المقطع 3' })).toBeVisible();
  await p.getByRole('button', { name: 'رفض…' }).click();
  const dialog = page.getByRole('dialog', { name: 'رفض المقطع 3' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel(/^السبب/).fill('المصطلح غير دقيق: "قوات حفظ السلام" تعني peacekeeping forces.');
  await dialog.getByLabel('فئة الخطأ').selectOption('terminology');
  // The shell is mirrored (the panel on the left), the English text stays left-to-right.
  const panelBox = (await p.boundingBox())!;
  const rowBox = (await row(page, 2).boundingBox())!;
  expect(panelBox.x + panelBox.width).toBeLessThanOrEqual(rowBox.x + 1);
  await expect(dialog.locator('blockquote')).toHaveAttribute('dir', 'ltr');
  expect(await dialog.locator('h2').evaluate((e) => getComputedStyle(e).direction)).toBe('rtl');
  await screenshot(page, 'review-reject-form-ar');
  await dialog.getByRole('button', { name: 'رفض', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(p.getByTestId('rejection-notice')).toContainText('المصطلحات');
  await p.getByRole('tab', { name: 'السجل' }).click();
  await expect(p.getByTestId('revision').first()).toContainText('رفض');
  await screenshot(page, 'review-history-ar');
});
