// Paths, file names and user names inside Arabic UI text keep their own order: each is isolated
// (<bdi>), so "/tmp/x/data" does not show as "tmp/x/data/" and "Sami E." does not lose its final
// period to the far side of the name. Checked by where the characters land, not by the markup.
import type { Locator } from '@playwright/test';
import { expect, openDocument, row, screenshot, test } from './fixtures';

const EDITOR = 'Sami E.';

/** The x of the centre of each given character offset of `needle` inside the element's text. */
async function charXs(el: Locator, needle: string, offsets: number[]): Promise<number[]> {
  return el.evaluate(
    (node, { needle, offsets }) => {
      const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
      let text = '';
      const nodes: { node: Text; start: number }[] = [];
      for (let t = walker.nextNode(); t; t = walker.nextNode()) {
        nodes.push({ node: t as Text, start: text.length });
        text += t.textContent ?? '';
      }
      const at = text.indexOf(needle);
      if (at < 0) throw new Error(`"${needle}" not in "${text}"`);
      return offsets.map((o) => {
        const abs = at + o;
        const owner = [...nodes].reverse().find((n) => n.start <= abs)!;
        const r = document.createRange();
        r.setStart(owner.node, abs - owner.start);
        r.setEnd(owner.node, abs - owner.start + 1);
        const box = r.getBoundingClientRect();
        return box.left + box.width / 2;
      });
    },
    { needle, offsets },
  );
}

/** Characters at these offsets of `needle` appear left to right in this order. */
async function expectInOrder(el: Locator, needle: string, offsets: number[]): Promise<void> {
  const xs = await charXs(el, needle, offsets);
  for (let i = 1; i < xs.length; i++)
    expect(xs[i]!, `"${needle}" offset ${offsets[i]} right of ${offsets[i - 1]}`).toBeGreaterThan(xs[i - 1]!);
}

test.use({ user: { name: EDITOR, role: 'editor' } });

test('Arabic UI: the data path in Settings reads in order', async ({ page, app }) => {
  await app.call('settings:update', { uiLanguage: 'ar' });
  await page.reload();
  await page.getByTestId('nav-settings').click();
  const about = page.locator('p.about');
  await expect(about).toContainText(app.dataDir);
  // The leading slash stays at the left of "tmp", the last path segment at the right.
  const path = app.dataDir;
  await expectInOrder(about, path, [0, 1, path.lastIndexOf('/'), path.length - 1]);
  await screenshot(page, 'isolation-settings-ar');
});

test('Arabic UI: user and file names keep their order in sentences', async ({ page, app }) => {
  await app.call('settings:update', { uiLanguage: 'ar' });
  const documentId = await app.importText('report (final).txt', 'قالت المتحدثة إن بلادها ليست معتدية.\nفقرة ثانية.');
  const [p] = (await app.call('pairs:list', { documentId, offset: 0, limit: 1 })).items;
  await app.setUser({ name: 'Huda', role: 'translator' });
  const confirmed = await app.call('pairs:set-status', {
    pairId: p!.id,
    expectedVersion: p!.version,
    action: 'confirm',
    target: 'The spokeswoman said her country is not an aggressor.',
  });
  await app.setUser({ name: EDITOR, role: 'editor' });
  await app.call('pairs:set-status', {
    pairId: p!.id,
    expectedVersion: confirmed.version,
    action: 'reject',
    comment: 'المصطلح غير دقيق',
  });
  await openDocument(page, app, documentId);
  await page.reload();
  await expect(row(page, 0)).toBeVisible();

  // The top bar: the name, then the role, reading right to left; the name itself left to right.
  const who = page.locator('.who');
  await expectInOrder(who, EDITOR, [0, 5, EDITOR.length - 1]);
  const [role] = await charXs(who, 'محرر', [0]);
  const [name] = await charXs(who, EDITOR, [0]);
  expect(role!, 'the role is read after the name: left of it').toBeLessThan(name!);

  // "Rejected by Sami E.": the period stays after the "E".
  await row(page, 0).getByTestId('source').click();
  const notice = page.getByTestId('pair-panel').getByTestId('rejection-notice');
  await expect(notice).toContainText(EDITOR);
  await expectInOrder(notice.locator('.rejection-title'), EDITOR, [0, 5, EDITOR.length - 1]);
  await screenshot(page, 'isolation-panel-ar');

  // A document name with parentheses, in the library's delete confirmation.
  await page.getByRole('button', { name: 'المكتبة', exact: true }).click();
  await page.getByRole('button', { name: /حذف/ }).first().click();
  const confirm = page.getByTestId('confirm-dialog');
  await expect(confirm).toBeVisible();
  await expectInOrder(confirm.locator('p').first(), 'report (final)', [0, 7, 13]);
});
