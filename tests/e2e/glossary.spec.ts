// The glossary in the workspace (issue 11.3) on the sample article: a small glossary imported in the
// Glossary dialog, terms underlined in the Arabic through their clitics with the English as the
// tooltip, listed in the assistance panel and inserted with Ctrl+Shift+1…, terms added from a
// selection with Ctrl+Shift+G, and QA's glossary checks on a stored target, in English and Arabic.
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, fixturePath, openDocument, reveal, row, screenshot, SCREENSHOTS, test } from './fixtures';
import { becomeUser, EDITOR, pairsOf } from './review-sample';

mkdirSync(SCREENSHOTS, { recursive: true });

const ARTICLE = fixturePath('news-article-ar.txt');
const GLOSSARY_CSV = [
  'arabic,english,note,forbidden',
  'قوات حفظ السلام,peacekeeping forces,CSTO usage,no',
  'كازاخستان,Kazakhstan,,no',
  'معاهدة الأمن الجماعي,Collective Security Treaty,,no',
  'الناتو,NATO,,no',
  'الناتو,the Atlantic pact,say NATO,yes',
].join('\n');

async function importGlossary(page: Page): Promise<void> {
  await page.getByTestId('glossary-button').click();
  const dialog = page.getByTestId('glossary-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('glossary-file').setInputFiles({
    name: 'terms.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(GLOSSARY_CSV, 'utf8'),
  });
}

/** The term marks of a row's source: their text and tooltip. */
async function termMarks(page: Page, index: number): Promise<{ text: string; title: string }[]> {
  return row(page, index)
    .getByTestId('source')
    .locator('mark[data-deco~="term"]')
    .evaluateAll((els) => els.map((e) => ({ text: e.textContent ?? '', title: e.getAttribute('title') ?? '' })));
}

/** Selects `phrase` in a row's source cell as a mouse would (the page's selection). */
async function selectInSource(page: Page, index: number, phrase: string): Promise<void> {
  await row(page, index)
    .getByTestId('source')
    .evaluate((cell, p) => {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      const full = cell.textContent ?? '';
      const at = full.indexOf(p);
      let seen = 0;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const len = n.textContent!.length;
        if (seen <= at && at < seen + len) range.setStart(n, at - seen);
        if (seen < at + p.length && at + p.length <= seen + len) range.setEnd(n, at + p.length - seen);
        seen += len;
      }
      const sel = document.getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
    }, phrase);
}

test('import a glossary, see terms underlined with their English, insert with Ctrl+Shift+1…, add from a selection', async ({
  page,
  app,
}) => {
  test.setTimeout(90_000);
  const documentId = await app.importFile(ARTICLE);
  await openDocument(page, app, documentId);
  await importGlossary(page);
  const dialog = page.getByTestId('glossary-dialog');
  await expect(dialog.getByTestId('glossary-status')).toHaveText('5 terms imported.');
  await expect(dialog.getByTestId('glossary-row')).toHaveCount(5);
  await expect(dialog.getByTestId('glossary-count')).toHaveText('5 terms');
  // Search folds the Arabic as the store does.
  await dialog.getByTestId('glossary-search').fill('الأمن');
  await expect(dialog.getByTestId('glossary-row')).toHaveCount(1);
  await dialog.getByTestId('glossary-search').fill('');
  await expect(dialog.getByTestId('glossary-row')).toHaveCount(5);
  await screenshot(page, 'glossary-dialog-en');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // Paragraph 1: وقوات حفظ السلام (and + forces…) and كازاخستان, underlined, English in the tooltip.
  await expect
    .poll(() => termMarks(page, 0))
    .toEqual([
      { text: 'وقوات حفظ السلام', title: 'peacekeeping forces — CSTO usage' },
      { text: 'كازاخستان', title: 'Kazakhstan' },
    ]);
  // Paragraph 4: الكازاخستاني ("the Kazakh") is another word; paragraph 5: لمنظمة معاهدة الأمن الجماعي … قوات حفظ السلام.
  await expect.poll(async () => (await termMarks(page, 3)).map((m) => m.text)).toEqual(['قوات حفظ السلام']);
  await expect
    .poll(async () => (await termMarks(page, 4)).map((m) => m.text))
    .toEqual(['معاهدة الأمن الجماعي', 'قوات حفظ السلام']);
  await screenshot(page, 'glossary-underlined-en');

  // The panel lists the focused pair's terms; Ctrl+Shift+1 and 2 insert them at the caret.
  const editor = row(page, 0).getByTestId('target');
  await editor.click();
  const panelTerms = page.getByTestId('glossary-terms').getByTestId('glossary-term');
  await expect(panelTerms).toHaveCount(2);
  await expect(panelTerms.first()).toContainText('peacekeeping forces');
  await page.keyboard.type('Russia is not an aggressor and the ');
  await page.keyboard.press('Control+Shift+1');
  await expect(editor).toHaveValue('Russia is not an aggressor and the peacekeeping forces');
  await page.keyboard.type(' ended the bloodshed in');
  await page.keyboard.press('Control+Shift+2');
  await expect(editor).toHaveValue('Russia is not an aggressor and the peacekeeping forces ended the bloodshed in Kazakhstan');
  await expect(editor).toBeFocused();
  // One undo step takes the insertion back, and only it.
  await page.keyboard.press('Control+z');
  await expect(editor).toHaveValue('Russia is not an aggressor and the peacekeeping forces ended the bloodshed in');
  // A click in the panel inserts at the caret too, the editor keeping the focus.
  await page.getByTestId('glossary-terms').getByTestId('glossary-insert').nth(1).click();
  const full = 'Russia is not an aggressor and the peacekeeping forces ended the bloodshed in Kazakhstan';
  await expect(editor).toHaveValue(full);
  await page.keyboard.type('.');
  await screenshot(page, 'glossary-panel-en');

  // Ctrl+Shift+G: the English selected in the translation and the Arabic selected in the source.
  await editor.evaluate((el: HTMLTextAreaElement, t) => {
    const at = el.value.indexOf(t);
    el.setSelectionRange(at, at + t.length);
    el.blur();
  }, 'bloodshed');
  await selectInSource(page, 0, 'إراقة الدماء');
  await page.keyboard.press('Control+Shift+G');
  // The names are isolated in the notice (bidi), hence the pattern.
  await expect(page.getByText(/^Term added: \W*إراقة الدماء\W* → \W*bloodshed\W*$/)).toBeVisible();
  await expect.poll(async () => (await termMarks(page, 0)).map((m) => m.text)).toContain('لإراقة الدماء');

  // Only the Arabic selected: the dialog asks for the English.
  await editor.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(0, 0));
  await selectInSource(page, 0, 'ماريا زاخاروفا');
  await page.keyboard.press('Control+Shift+G');
  const add = page.getByTestId('add-term-dialog');
  await expect(add.getByTestId('term-source')).toHaveValue('ماريا زاخاروفا');
  await expect(add.getByTestId('term-target')).toBeFocused();
  await page.keyboard.type('Maria Zakharova');
  await page.keyboard.press('Enter');
  await expect(add).toHaveCount(0);
  // The new term is also missing from this translation, so the QA warning's message shares the
  // tooltip; the term's English is its last line.
  await expect.poll(async () => (await termMarks(page, 0)).map((m) => m.title.split('\n').at(-1))).toContain('Maria Zakharova');
  const stored = await app.call('glossary:list', { documentId });
  expect(stored.total).toBe(7);

  // Paragraph 10: والناتو (and + the NATO), once scrolled into view.
  await reveal(page, 9);
  await expect.poll(async () => (await termMarks(page, 9)).map((m) => [m.text, m.title])).toEqual([['والناتو', 'NATO']]);
});

test('QA: a target lacking a recognised term and using a forbidden one; the editor is asked before approving', async ({
  page,
  app,
}) => {
  test.setTimeout(90_000);
  const documentId = await app.importFile(ARTICLE);
  await app.call('glossary:import', {
    documentId,
    fileName: 'terms.csv',
    dataBase64: Buffer.from(GLOSSARY_CSV).toString('base64'),
  });
  const p = (await pairsOf(app, documentId))[9]!;
  const target =
    'On 9 and 10 January 2022 Russia and the United States held talks in Geneva on Moscow’s proposals for security guarantees; a meeting of the Council of Russia and the Atlantic pact in Brussels will follow, and further talks within the OSCE in Vienna.';
  await app.call('pairs:set-status', { pairId: p.id, expectedVersion: p.version, action: 'confirm', target });
  const { issues } = await app.call('qa:check-pair', { pairId: p.id });
  expect(issues.filter((i) => i.check.startsWith('term-')).map((i) => [i.check, i.params])).toEqual([
    ['term-missing', { source: 'والناتو', term: 'NATO' }],
    ['term-forbidden', { term: 'the Atlantic pact' }],
  ]);

  await becomeUser(page, app, EDITOR, 'editor');
  await openDocument(page, app, documentId);
  await reveal(page, 9);
  await row(page, 9).getByTestId('source').click();
  await page.getByTestId('pair-panel').getByRole('button', { name: 'Approve' }).click();
  const ask = page.getByRole('dialog', { name: 'Approve despite QA errors?' });
  await expect(ask).toContainText('Forbidden term');
  await ask.getByRole('button', { name: 'Cancel' }).click();
  expect((await pairsOf(app, documentId))[9]!.status).toBe('translated');
});

test('Arabic UI: the glossary dialog, underlined terms and the panel mirror, the texts keep their directions', async ({
  page,
  app,
}) => {
  test.setTimeout(60_000);
  const documentId = await app.importFile(ARTICLE);
  await app.call('settings:update', { uiLanguage: 'ar' });
  await openDocument(page, app, documentId);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await importGlossary(page);
  const dialog = page.getByTestId('glossary-dialog');
  await expect(dialog.getByTestId('glossary-status')).toHaveText('استُوردت 5 مصطلحات.');
  await expect(dialog.getByTestId('glossary-row').first().locator('td').first()).toHaveAttribute('dir', 'rtl');
  await expect(dialog.getByTestId('glossary-row').first().locator('td').nth(1)).toHaveAttribute('dir', 'ltr');
  await screenshot(page, 'glossary-dialog-ar');
  // The en-US spellchecker never sees the Arabic: every field of the open dialog for Arabic text
  // (dir=rtl or lang=ar), and the search that takes either language, has spellcheck off; the
  // English term keeps it. The new-term form is opened so that its fields are among them.
  await dialog.getByTestId('glossary-add').click();
  await expect(dialog.getByTestId('term-source')).toBeVisible();
  const fields = await dialog
    .locator('input:not([type=checkbox]):not([type=radio]):not([type=file]), textarea')
    .evaluateAll((els) =>
      els.map((e) => ({
        id: e.getAttribute('data-testid') ?? e.id,
        dir: e.getAttribute('dir'),
        lang: e.getAttribute('lang'),
        spellcheck: (e as HTMLElement).spellcheck,
      })),
    );
  const arabic = fields.filter((f) => f.id !== 'term-note' && (f.dir === 'rtl' || f.lang === 'ar' || f.dir === 'auto'));
  expect(arabic.map((f) => f.id)).toEqual(expect.arrayContaining(['glossary-search', 'term-source']));
  expect(arabic.filter((f) => f.spellcheck)).toEqual([]);
  expect(fields.filter((f) => f.lang === 'en').map((f) => [f.id, f.spellcheck])).toEqual([['term-target', true]]);
  // The note takes either language: checked while it is English, not once it holds Arabic.
  const note = dialog.getByTestId('term-note');
  await note.fill('A diplomatic term');
  expect(await note.evaluate((e) => (e as HTMLElement).spellcheck)).toBe(true);
  await note.fill('مصطلح دبلوماسي');
  expect(await note.evaluate((e) => (e as HTMLElement).spellcheck)).toBe(false);
  await page.keyboard.press('Escape');
  await row(page, 0).getByTestId('target').click();
  await expect(page.getByTestId('glossary-terms').getByTestId('glossary-term')).toHaveCount(2);
  await expect.poll(async () => (await termMarks(page, 0)).length).toBe(2);
  await screenshot(page, 'glossary-underlined-ar');
});
