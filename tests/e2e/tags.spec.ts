// Inline tags in the editor (issue 13): an XLIFF with every inline kind shows its codes as numbered
// chips in both columns, F9 inserts the next missing source tag, copy-source copies tags, a chip is
// deleted as one unit, and unbalanced tags are saved but marked.
import type { Page } from '@playwright/test';
import { expect, fixturePath, openDocument, row, screenshot, test, type QalamApp } from './fixtures';

async function openInline(page: Page, app: QalamApp, file = 'inline-12.xlf'): Promise<number> {
  const id = await app.importFile(fixturePath('formats', 'xliff', file));
  await openDocument(page, app, id);
  return id;
}

const chips = (page: Page, index: number, column: 'source' | 'target') =>
  row(page, index).getByTestId(column).getByTestId('tag-chip');

async function stored(app: QalamApp, documentId: number, index: number) {
  const page = await app.call('pairs:list', { documentId, offset: index, limit: 1 });
  return page.items[0]!;
}

test('chips in both columns, never raw markup; F9 inserts the next source tag; copy-source copies tags', async ({
  page,
  app,
}) => {
  const documentId = await openInline(page, app);
  // Source: {1} … {/1} {2/} as chips; the text around them has no markup.
  await expect(chips(page, 0, 'source')).toHaveText(['{1}', '{/1}', '{2/}']);
  await expect(row(page, 1).getByTestId('source')).not.toContainText('href');
  await expect(chips(page, 1, 'source')).toHaveText(['{1}', '{/1}', '{2/}']);
  // The target that came with the file shows its tags too.
  await expect(chips(page, 3, 'target')).toHaveText(['{1}', '{/1}', '{2/}']);
  // Chips stay left-to-right islands inside the Arabic paragraph.
  const chip = chips(page, 0, 'source').first();
  await expect(chip).toHaveCSS('unicode-bidi', 'isolate');
  await expect(chip).toHaveAttribute('dir', 'ltr');

  // F9 at the caret: the first missing tag; with a selection: the pair wraps it.
  const editor = row(page, 0).getByTestId('target');
  await editor.click();
  await page.keyboard.type('Maria ');
  await page.keyboard.type('Zakharova');
  for (let i = 0; i < 'Zakharova'.length; i++) await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('F9');
  await expect(chips(page, 0, 'target')).toHaveText(['{1}', '{/1}']);
  await page.keyboard.press('End');
  await page.keyboard.type(' said');
  await page.keyboard.press('F9');
  await page.keyboard.type('her country is not an aggressor.');
  await expect(chips(page, 0, 'target')).toHaveText(['{1}', '{/1}', '{2/}']);
  await expect(row(page, 0).getByTestId('tag-warning')).toHaveCount(0);
  await expect
    .poll(async () => {
      const p = await stored(app, documentId, 0);
      return [p.target, p.targetCodes?.map((c) => [c.pos, c.kind])];
    })
    .toEqual([
      'Maria Zakharova saidher country is not an aggressor.',
      [
        [6, 'open'],
        [15, 'close'],
        [20, 'standalone'],
      ],
    ]);

  // Copy-source (Ctrl+Shift+C) brings the source's tags with its text.
  const second = row(page, 1).getByTestId('target');
  await second.click();
  await page.keyboard.press('Control+Shift+C');
  await expect(chips(page, 1, 'target')).toHaveText(['{1}', '{/1}', '{2/}']);

  await screenshot(page, 'tags-editor-en');
});

test('a chip is deleted whole, and unbalanced tags are saved but marked', async ({ page, app }) => {
  const documentId = await openInline(page, app);
  const editor = row(page, 3).getByTestId('target');
  await expect(chips(page, 3, 'target')).toHaveCount(3);
  await editor.click();
  // Put the caret right after the closing chip of the term and delete it with one Backspace.
  await page.evaluate(() => {
    const el = document.querySelector('[data-testid="pair-row"][data-index="3"] [data-testid="target"]')!;
    const close = el.querySelectorAll('[data-testid="tag-chip"]')[1]!;
    const range = document.createRange();
    range.setStartAfter(close);
    range.collapse(true);
    const sel = window.getSelection()!;
    sel.removeAllRanges();
    sel.addRange(range);
  });
  await page.keyboard.press('Backspace');
  await expect(chips(page, 3, 'target')).toHaveText(['{1}', '{2/}']);
  await expect(editor).toContainText('The term {1}peacekeeping with a footnote{2/}.');
  const warning = row(page, 3).getByTestId('tag-warning');
  await expect(warning).toContainText('without its partner');
  await expect(chips(page, 3, 'target').first()).toHaveClass(/bad/);
  await expect(editor).toHaveAttribute('aria-invalid', 'true');
  // Saved anyway.
  await expect
    .poll(async () => (await stored(app, documentId, 3)).targetCodes?.map((c) => c.kind))
    .toEqual(['open', 'standalone']);
  await screenshot(page, 'tags-unbalanced-en');
  // Ctrl+Z brings the chip back (the browser's own undo).
  await page.keyboard.press('Control+z');
  await expect(chips(page, 3, 'target')).toHaveText(['{1}', '{/1}', '{2/}']);
  await expect(warning).toHaveCount(0);
});

test('F9 is listed in the shortcut help', async ({ page, app }) => {
  await openInline(page, app);
  await page.keyboard.press('F1');
  const help = page.getByTestId('help');
  await expect(help).toContainText('F9');
  await expect(help).toContainText('next tag');
});

for (const lang of ['en', 'ar'] as const) {
  test(`${lang} UI: XLIFF 1.2 and 2.0 with every inline kind in the editor`, async ({ page, app }) => {
    await app.call('settings:update', { uiLanguage: lang });
    const v12 = await app.importFile(fixturePath('formats', 'xliff', 'inline-12.xlf'));
    const v20 = await app.importFile(fixturePath('formats', 'xliff', 'inline-20.xlf'));
    for (const [name, id] of [
      ['12', v12],
      ['20', v20],
    ] as const) {
      await openDocument(page, app, id);
      await page.reload();
      await expect(chips(page, 0, 'source').first()).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
      await expect(chips(page, 0, 'source').first()).toBeVisible();
      await expect(page.getByTestId('source').filter({ hasText: /<|&lt;/ })).toHaveCount(0);
      await screenshot(page, `tags-xliff${name}-${lang}`);
    }
  });
}
