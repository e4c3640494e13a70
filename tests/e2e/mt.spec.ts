// Machine translation in the app (issue 10, item 7) against a fake DeepL on 127.0.0.1: the
// settings section, the per-document opt-in, the suggestion under the memory matches inserted with
// Ctrl+0 (origin mt in history, one undo step), batch pre-translation with counts before sending,
// and the key nowhere in the page. The renderer's CSP is the fixture's: any request from the page
// to the provider would be a violation that fails the test.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { envKeyStore } from '../../src-main/services/mt-key';
import { expect, fixturePath, openDocument, row, screenshot, test, type QalamApp } from './fixtures';

const KEY = 'e2e-5ecret-deepl-key-0042:fx';

interface FakeDeepl {
  url: string;
  texts: string[][];
  close(): Promise<void>;
}

/** DeepL's documented answer, one translation per text; the English says which paragraph it was. */
async function fakeDeepl(): Promise<FakeDeepl> {
  const texts: string[][] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const text = (JSON.parse(body) as { text: string[] }).text;
      texts.push(text);
      if (req.headers.authorization !== `DeepL-Auth-Key ${KEY}`) {
        res.writeHead(403, { 'Content-Type': 'application/json' }).end('{"message":"Wrong key"}');
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          translations: text.map((t) => ({ detected_source_language: 'AR', text: `Machine English of ${t.length} characters.` })),
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    texts,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The provider set up as a user would have it, then the page reloaded so it reads those settings. */
async function setUp(page: Page, app: QalamApp, deepl: FakeDeepl, settings: { uiLanguage?: 'ar' } = {}): Promise<number> {
  app.rt.ctx.mtKey = envKeyStore({ QALAM_MT_KEY: KEY });
  await app.call('settings:update', { mtProvider: 'deepl', mtEndpoint: deepl.url, mtTimeoutSec: 10, ...settings });
  const doc = await app.importFile(fixturePath('news-article-ar.txt'));
  await page.reload();
  return doc;
}

async function keyNowhere(page: Page): Promise<void> {
  expect(await page.content()).not.toContain(KEY);
  const storage = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(storage).not.toContain(KEY);
}

let deepl: FakeDeepl;
test.beforeEach(async () => {
  deepl = await fakeDeepl();
});
test.afterEach(async () => {
  await deepl.close();
});

test('nothing is sent until the document allows it; then the suggestion is labelled, inserted with Ctrl+0 and undone', async ({
  page,
  app,
}) => {
  const doc = await setUp(page, app, deepl);
  await openDocument(page, app, doc);
  const editor = row(page, 0).getByTestId('target');
  await editor.click();
  const section = page.getByTestId('mt-suggestion');
  await expect(section.getByTestId('mt-not-allowed')).toBeVisible();
  await page.waitForTimeout(600);
  expect(deepl.texts).toEqual([]);

  // The opt-in says what leaving the machine means, and counts before anything is sent.
  await section.getByTestId('mt-allow-open').click();
  const dialog = page.getByTestId('mt-dialog');
  await expect(dialog).toContainText('over the network');
  await expect(dialog.getByTestId('mt-estimate')).toContainText('12 empty segments');
  await expect(dialog.getByTestId('mt-run')).toBeDisabled();
  expect(deepl.texts).toEqual([]);
  // Allowed: from now on the focused segment may be asked for (the panel does so once focus rests).
  await dialog.getByTestId('mt-allow').check();
  await expect(dialog.getByTestId('mt-run')).toBeEnabled();
  await screenshot(page, 'mt-dialog-en');
  await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();

  await editor.click();
  await expect(section.getByTestId('mt-provider')).toHaveText('DeepL');
  await expect(section.getByTestId('mt-text')).toHaveText(/^Machine English of \d+ characters\.$/);
  await expect(section.getByTestId('mt-text')).toHaveAttribute('dir', 'ltr');
  const suggestion = (await section.getByTestId('mt-text').textContent())!;
  await screenshot(page, 'mt-suggestion-en');

  await editor.fill('My own words');
  await page.keyboard.press('Control+0');
  await expect(editor).toHaveValue(suggestion);
  await expect(editor).toBeFocused();
  await expect
    .poll(
      async () =>
        (
          await app.call('history:list', {
            pairId: (await app.call('pairs:list', { documentId: doc, offset: 0, limit: 1 })).items[0]!.id,
          })
        ).at(-1)?.origin,
    )
    .toBe('mt');
  await page.keyboard.press('Control+z');
  await expect(editor).toHaveValue('My own words');
  // Paid once: going back to the pair takes the cache.
  await row(page, 1).getByTestId('target').click();
  await editor.click();
  await expect(section.getByTestId('mt-text')).toHaveText(suggestion);
  expect(deepl.texts.flat().filter((t) => t === deepl.texts[0]![0])).toHaveLength(1);
  await keyNowhere(page);
});

test('batch pre-translation shows the counts first, fills the empty segments as one batch and undoes it', async ({
  page,
  app,
}) => {
  const doc = await setUp(page, app, deepl);
  await openDocument(page, app, doc);
  await page.getByTestId('mt-open').click();
  const dialog = page.getByTestId('mt-dialog');
  await dialog.getByTestId('mt-allow').check();
  // Nothing was translated before: the line says so, not "the rest was translated before".
  await expect(dialog.getByTestId('mt-estimate-send')).toHaveText(
    'To send: all 12 segments, 2,123 characters (none of them was translated before).',
  );
  await dialog.getByTestId('mt-run').click();
  await expect(dialog.getByTestId('mt-result-summary')).toContainText('12 segments filled as Draft');
  await expect(dialog.getByTestId('mt-result-summary')).toContainText('in 1 request');
  await screenshot(page, 'mt-batch-en');
  await expect(row(page, 3).getByTestId('target')).toHaveValue(/^Machine English/);
  await expect(row(page, 3)).toHaveAttribute('data-status', 'draft');
  await dialog.getByTestId('mt-undo').click();
  await expect(row(page, 3).getByTestId('target')).toHaveValue('');
  await keyNowhere(page);
});

test('settings: provider, address, timeout, the key said to come from QALAM_MT_KEY here, and Test connection', async ({
  page,
  app,
}) => {
  await setUp(page, app, deepl);
  await page.goto(`${app.url}/#/settings`);
  const section = page.getByTestId('mt-settings');
  await expect(section.getByTestId('mt-provider-select')).toHaveValue('deepl');
  await expect(section.getByTestId('mt-endpoint')).toHaveValue(deepl.url);
  await expect(section.getByTestId('mt-key-env')).toContainText('QALAM_MT_KEY');
  await section.getByTestId('mt-test').click();
  await expect(section.getByTestId('mt-test-ok')).toContainText('DeepL answered');
  await screenshot(page, 'mt-settings-en');
  await keyNowhere(page);
});

test('in Arabic: settings, suggestion and batch dialog', async ({ page, app }) => {
  const doc = await setUp(page, app, deepl, { uiLanguage: 'ar' });
  await app.call('mt:set-allowed', { documentId: doc, allowed: true });
  await page.goto(`${app.url}/#/settings`);
  const section = page.getByTestId('mt-settings');
  await section.getByTestId('mt-test').click();
  await expect(section.getByTestId('mt-test-ok')).toBeVisible();
  await screenshot(page, 'mt-settings-ar');

  await openDocument(page, app, doc);
  await row(page, 0).getByTestId('target').click();
  await expect(page.getByTestId('mt-text')).toBeVisible();
  await screenshot(page, 'mt-suggestion-ar');
  await page.getByTestId('mt-open').click();
  await expect(page.getByTestId('mt-estimate')).toBeVisible();
  await screenshot(page, 'mt-dialog-ar');
  await page.getByTestId('mt-run').click();
  await expect(page.getByTestId('mt-result-summary')).toBeVisible();
  await screenshot(page, 'mt-batch-ar');
  await keyNowhere(page);
});

test('a provider error is a translated message and changes nothing', async ({ page, app }) => {
  const doc = await setUp(page, app, deepl);
  app.rt.ctx.mtKey = envKeyStore({ QALAM_MT_KEY: 'a-wrong-key' });
  await app.call('mt:set-allowed', { documentId: doc, allowed: true });
  await openDocument(page, app, doc);
  await page.getByTestId('mt-open').click();
  await page.getByTestId('mt-run').click();
  // Names and the provider's words are isolated (they may be Latin inside an Arabic sentence).
  await expect(page.getByTestId('mt-dialog-error')).toHaveText(
    '\u2066DeepL\u2069 refused the key (HTTP 403): “\u2068Wrong key\u2069”. Check the key in Settings → Machine translation. Nothing was changed.',
  );
  await expect(row(page, 0).getByTestId('target')).toHaveValue('');
});
