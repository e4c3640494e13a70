// Where the first word of a paragraph lands, in both UI languages. The Arabic source always has a
// right-to-left base direction and the English target a left-to-right one, whatever character a
// paragraph starts with: "CNN", a digit, a quotation mark, or (in the target) an Arabic name.
// Checked by geometry, not by the dir attribute: `unicode-bidi: plaintext` keeps dir="rtl" on the
// element and still lays a paragraph that starts with Latin letters out left-to-right.
import type { Locator, Page } from '@playwright/test';
import { chooseFile, expect, fixturePath, openDocument, row, screenshot, test, type QalamApp } from './fixtures';

const MIXED = fixturePath('mixed-direction-ar.txt');
/** The first word of each paragraph of the fixture, as it must land at the right edge. */
const FIRST_WORDS = ['CNN', '2022', '"NATO"', '«معتدية»'];
/** Targets that open with an Arabic name or a quotation mark: still left-to-right. */
const TARGETS = [
  'زاخاروفا said the talks in Geneva were professional, constructive and practical.',
  '"روسيا اليوم" reported that this came in response to Western statements.',
];

interface Edges {
  /** Distance from the element's content box left edge to the word's left edge, in px. */
  fromLeft: number;
  /** Distance from the word's right edge to the content box right edge, in px. */
  fromRight: number;
}

/** Where `word` (its first occurrence in the element's text) lands on the element's first line. */
async function wordEdges(el: Locator, word: string): Promise<Edges> {
  return el.evaluate((node, w) => {
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let found = false;
    for (let t = walker.nextNode(); t && !found; t = walker.nextNode()) {
      const at = (t.textContent ?? '').indexOf(w);
      if (at < 0) continue;
      range.setStart(t, at);
      range.setEnd(t, at + w.length);
      found = true;
    }
    if (!found) throw new Error(`"${w}" not found in ${node.textContent}`);
    const rects = [...range.getClientRects()];
    const word = { left: Math.min(...rects.map((r) => r.left)), right: Math.max(...rects.map((r) => r.right)) };
    const box = node.getBoundingClientRect();
    const cs = getComputedStyle(node);
    const left = box.left + parseFloat(cs.paddingLeft) + parseFloat(cs.borderLeftWidth);
    const right = box.right - parseFloat(cs.paddingRight) - parseFloat(cs.borderRightWidth);
    return { fromLeft: word.left - left, fromRight: right - word.right };
  }, word);
}

/**
 * A textarea's layout is not reachable through ranges: ask the caret what lies at the left edge of
 * the first line. Left-to-right, that is the start of the text (offset 0, or the end of an Arabic
 * first word, which reads right to left); right-to-left it would be the end of the first line.
 */
async function offsetAtLeftEdge(editor: Locator): Promise<number> {
  return editor.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const cs = getComputedStyle(el);
    const x = box.left + parseFloat(cs.paddingLeft) + parseFloat(cs.borderLeftWidth) + 2;
    const y = box.top + parseFloat(cs.paddingTop) + parseFloat(cs.borderTopWidth) + parseFloat(cs.lineHeight) / 2;
    const pos = document.caretPositionFromPoint(x, y);
    if (!pos || pos.offsetNode !== el) throw new Error('no caret position inside the editor');
    return pos.offset;
  });
}

async function expectAtRightEdge(el: Locator, word: string): Promise<void> {
  const e = await wordEdges(el, word);
  expect(e.fromRight, `"${word}" starts the line at the right edge`).toBeLessThan(3);
  expect(e.fromLeft, `"${word}" is not at the left edge`).toBeGreaterThan(40);
}

async function expectAtLeftEdge(el: Locator, word: string): Promise<void> {
  const e = await wordEdges(el, word);
  expect(e.fromLeft, `"${word}" starts the line at the left edge`).toBeLessThan(3);
  expect(e.fromRight, `"${word}" is not at the right edge`).toBeGreaterThan(40);
}

async function expectEditorStartsLeft(editor: Locator, firstWord: string): Promise<void> {
  expect(await offsetAtLeftEdge(editor)).toBeLessThanOrEqual(firstWord.length);
}

async function prepare(app: QalamApp): Promise<number> {
  const documentId = await app.importFile(MIXED);
  const pairs = (await app.call('pairs:list', { documentId, offset: 0, limit: 10 })).items;
  for (const [i, target] of TARGETS.entries()) {
    const p = pairs[i]!;
    await app.call('pairs:set-status', { pairId: p.id, expectedVersion: p.version, action: 'confirm', target });
  }
  return documentId;
}

async function checkGrid(page: Page): Promise<void> {
  for (const [i, word] of FIRST_WORDS.entries()) await expectAtRightEdge(row(page, i).getByTestId('source'), word);
  // A plain Arabic paragraph, for contrast: the same rule, no surprise.
  await expectAtRightEdge(row(page, 4).getByTestId('source'), 'قالت');
  await expectEditorStartsLeft(row(page, 0).getByTestId('target'), 'زاخاروفا');
  await expectEditorStartsLeft(row(page, 1).getByTestId('target'), '"روسيا');
}

for (const lang of ['en', 'ar'] as const) {
  test(`${lang} UI: the first word of every paragraph lands where its column's direction says`, async ({ page, app }) => {
    const documentId = await prepare(app);
    await app.call('settings:update', { uiLanguage: lang });
    await openDocument(page, app, documentId);
    await page.reload();
    await expect(row(page, 4)).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
    await checkGrid(page);

    // The side panel's history shows the target as a diff: left-to-right too.
    await row(page, 0).getByTestId('source').click();
    const panel = page.getByTestId('pair-panel');
    await panel.getByRole('tab', { name: lang === 'ar' ? 'السجل' : 'History' }).click();
    const diff = panel.getByTestId('revision').first().locator('.diff');
    await expectAtLeftEdge(diff, 'زاخاروفا');
    await screenshot(page, `bidi-grid-${lang}`);

    // The reject form quotes the target.
    await app.setUser({ name: 'Sami Editor', role: 'editor' });
    await page.reload();
    await expect(row(page, 1)).toBeVisible();
    await row(page, 1).getByTestId('source').click();
    await panel.getByRole('button', { name: lang === 'ar' ? 'رفض…' : 'Reject…' }).click();
    const quote = page.getByTestId('reject-dialog').locator('blockquote');
    await expect(quote).toBeVisible();
    await expectAtLeftEdge(quote, '"روسيا');
    await page.keyboard.press('Escape');
  });

  test(`${lang} UI: the import preview keeps the Arabic sample right-to-left`, async ({ page, app }) => {
    await app.call('settings:update', { uiLanguage: lang });
    await page.reload();
    await chooseFile(page, MIXED);
    const sample = page.locator('ol.sample li');
    await expect(sample.first()).toBeVisible();
    for (const [i, word] of FIRST_WORDS.slice(0, 3).entries()) await expectAtRightEdge(sample.nth(i), word);
    await screenshot(page, `bidi-import-preview-${lang}`);
  });
}
