// Start-up straight into a document, and language switches, frame by frame: the Arabic strings
// are a chunk loaded on first use (lib/i18n.svelte.ts), so these check that no frame ever shows a
// mirrored shell with English strings or an English shell with Arabic ones. Screenshots of the
// first paint (the moment the bench measures) in both languages.
import type { Page } from '@playwright/test';
import { expect, fixturePath, openDocument, row, screenshot, test } from './fixtures';

const ARTICLE = fixturePath('news-article-ar.txt');

interface Frame {
  dir: string;
  lang: string;
  nav: string;
  rows: number;
}

/**
 * Records what each frame painted, from the next page load on: sampled just after the frame (a
 * task posted from requestAnimationFrame), since the virtual list adds its rows during the frame's
 * own layout (resize observers), after requestAnimationFrame callbacks have run.
 */
async function recordFrames(page: Page): Promise<void> {
  // A new document for the script to run in (the fixture's page is already at the app's address).
  await page.goto('about:blank');
  await page.addInitScript(() => {
    const frames: Frame[] = [];
    (window as unknown as { __frames: Frame[] }).__frames = frames;
    const sample = () => {
      const shell = document.querySelector('[data-testid="shell"]');
      if (shell)
        frames.push({
          dir: document.documentElement.dir,
          lang: document.documentElement.lang,
          nav: shell.querySelector('nav')?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
          rows: document.querySelectorAll('[data-testid="pair-row"]').length,
        });
      requestAnimationFrame(() => setTimeout(sample, 0));
    };
    requestAnimationFrame(() => setTimeout(sample, 0));
  });
}

const frames = (page: Page) => page.evaluate(() => (window as unknown as { __frames: Frame[] }).__frames);

const ENGLISH_NAV = /^Qalam Library Settings /;
const ARABIC_NAV = /^قلم المكتبة الإعدادات /;

/** The first frame painted with rows, as the bench measures it. */
async function firstPaint(page: Page, name: string): Promise<void> {
  await page.waitForFunction(() => document.documentElement.dataset.firstRowsPainted !== undefined);
  await screenshot(page, name);
}

test('an Arabic start straight into a document: every frame is mirrored and in Arabic', async ({ page, app }) => {
  const id = await app.importFile(ARTICLE);
  await app.call('settings:update', { uiLanguage: 'ar' });
  await recordFrames(page);
  await page.goto(`${app.url}/#/documents/${id}`);
  await firstPaint(page, 'first-paint-ar');
  const seen = await frames(page);
  expect(seen.length).toBeGreaterThan(0);
  for (const f of seen) {
    expect(f).toMatchObject({ dir: 'rtl', lang: 'ar' });
    expect(f.nav).toMatch(ARABIC_NAV);
  }
  expect(seen.at(-1)!.rows).toBeGreaterThan(0);
  // Arabic-Indic row numbers, Arabic column heads: nothing painted from the English strings.
  await expect(page.getByTestId('workspace')).toContainText('النص العربي');
});

test('an English start straight into a document: every frame in English, no Arabic strings loaded', async ({ page, app }) => {
  const id = await app.importFile(ARTICLE);
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('.js')) scripts.push(r.url().split('/').pop()!);
  });
  await recordFrames(page);
  await page.goto(`${app.url}/#/documents/${id}`);
  await firstPaint(page, 'first-paint-en');
  const seen = await frames(page);
  expect(seen.length).toBeGreaterThan(0);
  for (const f of seen) {
    expect(f).toMatchObject({ dir: 'ltr', lang: 'en' });
    expect(f.nav).toMatch(ENGLISH_NAV);
  }
  expect(seen.at(-1)!.rows).toBeGreaterThan(0);
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.filter((s) => /^ar-/.test(s))).toEqual([]);
});

test('switching to Arabic and back: strings and direction change in the same frame', async ({ page, app }) => {
  const id = await app.importFile(ARTICLE);
  await recordFrames(page);
  await openDocument(page, app, id);
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('ui-language').selectOption('ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByTestId('nav-settings')).toHaveText('الإعدادات');
  await page.getByTestId('ui-language').selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(page.getByTestId('nav-settings')).toHaveText('Settings');
  const seen = await frames(page);
  expect(seen.some((f) => f.dir === 'rtl')).toBe(true);
  for (const f of seen) {
    if (f.dir === 'rtl') {
      expect(f.lang).toBe('ar');
      expect(f.nav).toMatch(ARABIC_NAV);
    } else {
      expect(f.lang).toBe('en');
      expect(f.nav).toMatch(ENGLISH_NAV);
    }
  }
  // The Arabic strings stay loaded: the second switch needs no request.
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.getByTestId('ui-language').selectOption('ar');
  await expect(page.getByTestId('nav-settings')).toHaveText('الإعدادات');
  expect(requests.filter((u) => u.endsWith('.js'))).toEqual([]);
});

test('a start straight into a document asks for its first page before the app has mounted, and once', async ({ page, app }) => {
  const id = await app.importFile(ARTICLE);
  await page.goto('about:blank');
  await page.goto(`${app.url}/#/documents/${id}`);
  await page.waitForFunction(() => document.documentElement.dataset.firstRowsPainted !== undefined);
  const seen = await page.evaluate(() => ({
    scripts: [...document.querySelectorAll<HTMLScriptElement>('script[type="module"]')].map((s) => s.src.split('/').pop()!),
    mounted: performance.getEntriesByName('qalam:mounted', 'mark')[0]?.startTime ?? NaN,
    requests: performance
      .getEntriesByType('resource')
      .filter((e) => e.name.includes('/api/invoke/'))
      .map((e) => ({ channel: e.name.split('/').pop()!, start: e.startTime })),
    fonts: performance
      .getEntriesByType('resource')
      .filter((e) => e.name.endsWith('.woff2'))
      .map((e) => ({ file: e.name.split('/').pop()!, start: e.startTime })),
  }));
  const asked = (channel: string) => seen.requests.filter((r) => r.channel === channel);
  // state/early.ts, from the first module evaluated: the main process answers while the rest of the app evaluates.
  expect(asked('pairs:list')).toHaveLength(1);
  expect(asked('settings:get')).toHaveLength(1);
  expect(asked('pairs:list')[0]!.start).toBeLessThan(seen.mounted);
  expect(asked('settings:get')[0]!.start).toBeLessThan(seen.mounted);
  // The boot chunk is a script of its own, first (electron.vite.config.ts): it runs once parsed, not after the whole bundle.
  expect(seen.scripts).toHaveLength(2);
  expect(seen.scripts[0]).toMatch(/^boot-/);
  // The faces of the first rows are asked for by the boot chunk too (lib/warm-up.ts), not by the first layout.
  const early = seen.fonts.filter((f) => f.start < seen.mounted).map((f) => f.file.replace(/-[\w-]{8}\.woff2$/, ''));
  expect(early).toEqual(expect.arrayContaining(['inter-latin-400-normal', 'inter-latin-600-normal']));
  expect(early.some((f) => f.startsWith('noto-naskh-arabic-arabic-400'))).toBe(true);
  // The summary (title, counts: a count over the whole document) is asked for once the first rows
  // are painted, not beside them (WorkspaceState.open), and shows.
  await expect(page.locator('#doc-title')).toHaveText(/news-article-ar/);
  await expect(page.getByTestId('stat-total').locator('strong')).not.toHaveText('0');
  const summary = await page.evaluate(() => ({
    painted: Number(document.documentElement.dataset.firstRowsPainted),
    asked: performance
      .getEntriesByType('resource')
      .filter((e) => e.name.endsWith('/api/invoke/documents:open'))
      .map((e) => e.startTime),
  }));
  expect(summary.asked).toHaveLength(1);
  expect(summary.asked[0]).toBeGreaterThanOrEqual(summary.painted);
});

test('the first frame draws the rows in view only; the rows below come in the next frames, and the keyboard goes on to them', async ({
  page,
  app,
}) => {
  const lines = Array.from({ length: 60 }, (_, i) => `الفقرة رقم ${i + 1} من الوثيقة، وفيها نص عربي للتجربة.`);
  const id = await app.importText('rows.txt', lines.join('\n'));
  await page.goto('about:blank');
  // The rows in the DOM, and those wholly below the list's edge: first at the app's mark of its
  // first rows painted (views/Workspace.svelte makes it in the task after that frame, before it
  // gives the list anything more: the DOM then is what that frame painted), then after each frame.
  // Sampled in the mark itself, not in a task of the test's own: under load such a task could run
  // after the app's and see what the next frame will paint.
  await page.addInitScript(() => {
    const seen: { rows: number; below: number }[] = [];
    (window as unknown as { __rows: typeof seen }).__rows = seen;
    const sample = () => {
      const list = document.querySelector('[data-testid="pair-list"]');
      const rows = [...document.querySelectorAll('[data-testid="pair-row"]')];
      const edge = list?.getBoundingClientRect().bottom ?? 0;
      seen.push({ rows: rows.length, below: rows.filter((r) => r.getBoundingClientRect().top >= edge).length });
    };
    const mark = performance.mark.bind(performance);
    performance.mark = ((name: string, options?: PerformanceMarkOptions) => {
      if (name === 'qalam:first-rows') sample();
      return mark(name, options);
    }) as typeof performance.mark;
    const afterFrame = () => {
      if (seen.length > 0) sample();
      requestAnimationFrame(() => setTimeout(afterFrame, 0));
    };
    requestAnimationFrame(() => setTimeout(afterFrame, 0));
  });
  await page.goto(`${app.url}/#/documents/${id}`);
  await page.waitForFunction(() => document.documentElement.dataset.firstRowsPainted !== undefined);
  const seen = () => page.evaluate(() => (window as unknown as { __rows: { rows: number; below: number }[] }).__rows);
  // The list's buffer (rows kept ready below the view) is drawn once the first rows are painted.
  await expect.poll(async () => (await seen()).at(-1)?.below ?? 0).toBeGreaterThan(0);
  const [first] = await seen();
  expect(first!.rows).toBeGreaterThan(2);
  expect(first!.below).toBe(0);
  // From the last row of the first frame, the next-segment key goes on past it, row after row.
  const last = first!.rows - 1;
  await row(page, last).getByTestId('target').click();
  for (let i = last + 1; i <= last + 4; i++) {
    await page.keyboard.press('Alt+ArrowDown');
    await expect(row(page, i).getByTestId('target')).toBeFocused();
  }
});
