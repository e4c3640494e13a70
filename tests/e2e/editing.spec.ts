// What a new user found in the workspace (issue 8, items 1, 2 and 5): undo that rewrote another
// segment, a false "finished" notice under a filter, and dialogs that let focus escape.
import type { Locator, Page } from '@playwright/test';
import { expect, fixturePath, openDocument, row, test, type QalamApp } from './fixtures';

const ARTICLE = fixturePath('news-article-ar.txt');
const SENTENCE = 'Zakharova added that the peacekeeping forces would leave once their task was done.';

async function pairsOf(app: QalamApp, documentId: number) {
  return (await app.call('pairs:list', { documentId, offset: 0, limit: 100 })).items;
}

/** Alt+↓ from the first editor to the editor of row `index`. */
async function editRow(page: Page, index: number) {
  await row(page, 0).getByTestId('target').click();
  for (let i = 0; i < index; i++) await page.keyboard.press('Alt+ArrowDown');
  await expect(row(page, index).getByTestId('target')).toBeFocused();
}

/** Svelte's warnings (e.g. `derived_inert`) and errors, as the console shows them. */
function consoleWarnings(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'warning' || msg.type() === 'error') seen.push(msg.text());
  });
  return seen;
}

test('Ctrl+Z stays in the segment being edited: copy source is undone there, and nothing typed elsewhere is cut', async ({
  page,
  app,
}) => {
  const id = await app.importFile(ARTICLE);
  await openDocument(page, app, id);
  await editRow(page, 8);
  await page.keyboard.type(SENTENCE);
  await expect(page.getByTestId('save-state')).toHaveText('Saved');

  await page.keyboard.press('Alt+ArrowDown');
  const next = row(page, 9).getByTestId('target');
  await expect(next).toBeFocused();
  await page.keyboard.press('Control+Shift+C');
  const source = (await row(page, 9).getByTestId('source').textContent())!;
  await expect(next).toHaveValue(source);

  await page.keyboard.press('Control+z');
  await expect(next).toHaveValue('');
  await expect(next).toBeFocused();
  await expect(row(page, 8).getByTestId('target')).toHaveValue(SENTENCE);
  // Redo brings the copy back; a second undo in this segment has nothing of segment 9 to take.
  await page.keyboard.press('Control+Shift+Z');
  await expect(next).toHaveValue(source);
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await expect(next).toHaveValue('');
  await expect(row(page, 8).getByTestId('target')).toHaveValue(SENTENCE);
  await expect(page.getByTestId('save-state')).toHaveText('Saved');

  const pairs = await pairsOf(app, id);
  expect(pairs[8]!.target).toBe(SENTENCE);
  expect(pairs[9]!.target).toBe('');
  // The history of segment 9 holds only whole texts: the empty import and the full sentence.
  const history = await app.call('history:list', { pairId: pairs[8]!.id });
  for (const rev of history) expect(['', SENTENCE]).toContain(rev.target);
});

test('copying the source over a translation is one undo step that brings the translation back', async ({ page, app }) => {
  const id = await app.importFile(ARTICLE);
  await openDocument(page, app, id);
  await editRow(page, 1);
  const editor = row(page, 1).getByTestId('target');
  await page.keyboard.type('Russia Today reported');
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  await page.keyboard.press('Control+Shift+C');
  await expect(editor).not.toHaveValue('Russia Today reported');
  // Not silent: the user is told the translation was replaced and how to get it back.
  await expect(page.getByTestId('notice')).toContainText('Ctrl+Z');
  await page.keyboard.press('Control+z');
  await expect(editor).toHaveValue('Russia Today reported');
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  expect((await pairsOf(app, id))[1]!.target).toBe('Russia Today reported');
});

test('restoring an earlier text from History is undone with Ctrl+Z in that segment', async ({ page, app }) => {
  const id = await app.importFile(ARTICLE);
  const [first] = await pairsOf(app, id);
  let p = await app.call('pairs:update-target', { pairId: first!.id, target: 'First try', expectedVersion: first!.version });
  p = await app.call('pairs:set-status', { pairId: p.id, expectedVersion: p.version, action: 'confirm' });
  await app.call('pairs:update-target', { pairId: p.id, target: 'Second try', expectedVersion: p.version });
  await openDocument(page, app, id);
  await row(page, 0).getByTestId('target').click();
  await page.getByRole('tab', { name: 'History' }).click();
  const firstTry = page.getByTestId('revision').filter({ hasText: 'First try' });
  await firstTry.getByRole('button', { name: 'Restore this text' }).first().click();
  const editor = row(page, 0).getByTestId('target');
  await expect(editor).toHaveValue('First try');
  await editor.focus();
  await page.keyboard.press('Control+z');
  await expect(editor).toHaveValue('Second try');
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  expect((await pairsOf(app, id))[0]!.target).toBe('Second try');
});

test('Ctrl+Enter under the Rejected filter goes on to the next segment to do in the whole document', async ({ page, app }) => {
  const warnings = consoleWarnings(page);
  const id = await app.importFile(ARTICLE);
  const pairs = await pairsOf(app, id);
  // Segments 1–4 translated; an editor rejects segment 2.
  for (const p of pairs.slice(0, 4)) {
    const edited = await app.call('pairs:update-target', {
      pairId: p.id,
      target: `Text ${p.position + 1}`,
      expectedVersion: p.version,
    });
    await app.call('pairs:set-status', { pairId: p.id, expectedVersion: edited.version, action: 'confirm' });
  }
  await app.setUser({ name: 'Test Editor', role: 'editor' });
  const second = (await pairsOf(app, id))[1]!;
  await app.call('pairs:set-status', { pairId: second.id, expectedVersion: second.version, action: 'reject', comment: 'Wrong' });
  await app.setUser({ name: 'Test Translator', role: 'translator' });

  await openDocument(page, app, id);
  await page.getByRole('button', { name: /^Rejected/ }).click();
  await expect(page.getByTestId('pair-row')).toHaveCount(1);
  await row(page, 0).getByTestId('target').click();
  await page.keyboard.press('End');
  await page.keyboard.type(', fixed');
  await page.keyboard.press('Control+Enter');

  // The next to do is segment 5 (New), which the filter hid: the filter makes way, and says so.
  const fifth = page.locator('[data-testid="pair-row"][data-pair-id="' + pairs[4]!.id + '"]');
  await expect(fifth.getByTestId('target')).toBeFocused();
  await expect(page.getByTestId('notice')).not.toContainText('Nothing left');
  await expect(page.getByTestId('notice')).toContainText('filter');
  const stored = await pairsOf(app, id);
  expect(stored[1]).toMatchObject({ status: 'translated', target: 'Text 2, fixed' });
  expect(warnings.filter((w) => /derived_inert|svelte/i.test(w))).toEqual([]);
});

test('"Nothing left" is said only when nothing is left, and focus stays in the list', async ({ page, app }) => {
  const id = await app.importText('two.txt', 'الفقرة الأولى.\nالفقرة الثانية.');
  await openDocument(page, app, id);
  await row(page, 0).getByTestId('target').click();
  await page.keyboard.type('The first paragraph.');
  await page.keyboard.press('Control+Enter');
  await expect(row(page, 1).getByTestId('target')).toBeFocused();
  await page.keyboard.type('The second paragraph.');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('notice')).toContainText('Nothing left');
  const focusedInGrid = await page.evaluate(() => document.activeElement?.closest('[data-testid="pair-row"]') !== null);
  expect(focusedInGrid).toBe(true);
});

/** Tabs through the dialog and checks focus never leaves it. */
async function expectTrapped(page: Page, dialog: Locator, presses = 25) {
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press(i % 5 === 4 ? 'Shift+Tab' : 'Tab');
    const inside = await dialog.evaluate((d) => d.contains(document.activeElement));
    expect(inside, `focus inside the dialog after ${i + 1} presses`).toBe(true);
  }
}

test('the export dialog keeps focus after Download; Esc closes it and focus returns', async ({ page, app }) => {
  const id = await app.importFile(ARTICLE);
  await openDocument(page, app, id);
  const opener = page.getByRole('button', { name: 'Export…' });
  await opener.click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  await page.getByLabel(/Plain text \(TXT\)/).check();
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download' }).click();
  await download;
  await expect(dialog.getByTestId('export-result')).toBeVisible();
  expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  await expectTrapped(page, dialog);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(opener).toBeFocused();
});

test.describe('as an editor', () => {
  test.use({ user: { name: 'Test Editor', role: 'editor' } });

  test('every dialog of the workspace traps Tab, closes on Esc and gives focus back', async ({ page, app }) => {
    const id = await app.importFile(ARTICLE);
    const [first] = await pairsOf(app, id);
    await app.call('pairs:update-target', { pairId: first!.id, target: 'Text', expectedVersion: first!.version });
    await openDocument(page, app, id);
    await row(page, 0).getByTestId('target').click();
    const openers: [string, Locator][] = [
      ['quality-dialog', page.getByRole('button', { name: 'Quality…' })],
      ['export-dialog', page.getByRole('button', { name: 'Export…' })],
      ['review-import-dialog', page.getByRole('button', { name: 'Import reviewed DOCX…' })],
      ['reject-dialog', page.getByTestId('pair-panel').getByRole('button', { name: 'Reject…' })],
      ['help', page.getByRole('button', { name: 'Shortcuts' })],
    ];
    for (const [testid, opener] of openers) {
      await opener.click();
      const dialog = page.getByTestId(testid);
      await expect(dialog).toBeVisible();
      await expectTrapped(page, dialog, 15);
      await page.keyboard.press('Escape');
      await expect(dialog, testid).toHaveCount(0);
      await expect(opener, testid).toBeFocused();
    }
  });
});
