// Each test gets its own data directory and a real runtime (store + services) with the loopback
// HTTP bridge serving the built renderer (out/renderer), in this process. The page fails the test
// on any console error, uncaught exception or Content-Security-Policy violation.
import { test as base, expect, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Channel, Input, Output } from '../../src-main/shared/contract';
import type { Role, Settings } from '../../src-main/shared/domain';
import { openRuntime, type Runtime } from '../../src-main/runtime';
import { startHttpBridge, type HttpBridge } from '../../src-main/transport/http';

export { expect };

export const ROOT = resolve(import.meta.dirname, '..', '..');
/** The built renderer; QALAM_STATIC_DIR points elsewhere (e.g. a private build while others rebuild out/). */
export const STATIC_DIR = process.env.QALAM_STATIC_DIR ?? join(ROOT, 'out', 'renderer');
export const fixturePath = (...parts: string[]) => join(ROOT, 'tests', 'fixtures', ...parts);
export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');

export interface QalamApp {
  /** http://127.0.0.1:<port> — the app is at `${url}/`. */
  url: string;
  dataDir: string;
  /** The runtime behind the bridge: call services directly (rt.ctx) or through the contract. */
  rt: Runtime;
  bridge: HttpBridge;
  /** Calls a channel like the renderer does (validated by the contract); throws on a failed Result. */
  call<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>>;
  /** Sets the user and marks onboarding done (or not). */
  setUser(user: { name: string; role: Role; onboarded?: boolean }): Promise<Settings>;
  /** Imports a file through the services (not the UI); returns the new document's id. */
  importFile(path: string, opts?: { name?: string }): Promise<number>;
  importText(fileName: string, text: string): Promise<number>;
}

export interface PageProblems {
  errors: string[];
  /** Messages a test expects (e.g. a deliberately refused request): not counted as failures. */
  allow(pattern: RegExp): void;
}

interface Options {
  /** The user the app starts with; null leaves settings untouched (first run: onboarding). */
  user: { name: string; role: Role } | null;
  /** Where long jobs run: 'worker' as in the app (src-main/jobs/), 'inline' in the test's process. */
  jobs: 'worker' | 'inline';
}

export const test = base.extend<Options & { app: QalamApp; problems: PageProblems }>({
  user: [{ name: 'Test Translator', role: 'translator' }, { option: true }],
  jobs: ['inline', { option: true }],

  app: async ({ user, jobs }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'qalam-e2e-'));
    const rt = openRuntime({ dataDir, transport: 'http', jobs });
    const bridge = await startHttpBridge({ dispatch: rt.dispatch, events: rt.ctx.events, staticDir: STATIC_DIR });
    const call = async <C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>> => {
      const r = await rt.dispatch(channel, input);
      if (!r.ok) throw new Error(`${channel} failed: ${JSON.stringify(r.error)}`);
      return r.value as Output<C>;
    };
    const app: QalamApp = {
      url: bridge.url,
      dataDir,
      rt,
      bridge,
      call,
      setUser: ({ name, role, onboarded = true }) => call('settings:update', { userName: name, role, onboarded }),
      importFile: async (path, opts = {}) => {
        const dataBase64 = readFileSync(path).toString('base64');
        const fileName = path.split(/[\\/]/).pop()!;
        const doc = await call('documents:import', { fileName, dataBase64, ...(opts.name ? { name: opts.name } : {}) });
        return doc.id;
      },
      importText: async (fileName, text) => {
        const doc = await call('documents:import', { fileName, dataBase64: Buffer.from(text, 'utf8').toString('base64') });
        return doc.id;
      },
    };
    if (user) await app.setUser(user);
    await use(app);
    await bridge.close();
    rt.close();
    rmSync(dataDir, { recursive: true, force: true });
  },

  // Playwright reads a fixture's dependencies from this destructuring: none here.
  // eslint-disable-next-line no-empty-pattern
  problems: async ({}, use) => {
    const allowed: RegExp[] = [];
    const problems: PageProblems = { errors: [], allow: (p) => allowed.push(p) };
    await use(problems);
    const unexpected = problems.errors.filter((e) => !allowed.some((p) => p.test(e)));
    expect(unexpected, 'console errors, page errors or CSP violations').toEqual([]);
  },

  page: async ({ page, app, problems }, use) => {
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.errors.push(`console: ${msg.text()}`);
    });
    page.on('pageerror', (e) => problems.errors.push(`pageerror: ${e.message}`));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.errors.push(`http ${r.status()}: ${r.url()}`);
    });
    await page.exposeFunction('__qalamCspViolation', (text: string) => problems.errors.push(`csp: ${text}`));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        const report = (window as unknown as { __qalamCspViolation: (t: string) => void }).__qalamCspViolation;
        void report(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
      });
    });
    // Log in as a user of `npm run web` does: the one-time URL sets the session cookie and
    // redirects to the clean address.
    await page.goto(app.bridge.loginUrl('/'));
    await expect(page).toHaveURL(`${app.url}/`);
    await use(page);
  },
});

/** Waits until the workspace shows its rows. */
export async function openDocument(page: Page, app: QalamApp, documentId: number): Promise<void> {
  await page.goto(`${app.url}/#/documents/${documentId}`);
  await expect(page.getByTestId('pair-row').first()).toBeVisible();
}

export function row(page: Page, index: number) {
  return page.locator(`[data-testid="pair-row"][data-index="${index}"]`);
}

type Files = Parameters<Page['setInputFiles']>[1];

/** Imports through the UI as a user does: the library's Import button, then the file chooser. */
export async function chooseFile(page: Page, files: Files): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-button').click();
  await (await chooser).setFiles(files);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

/** Scrolls the virtual list with the mouse wheel until the row is rendered. */
export async function reveal(page: Page, index: number): Promise<void> {
  const target = row(page, index);
  const list = (await page.getByRole('region', { name: 'Segments' }).boundingBox())!;
  await page.mouse.move(list.x + list.width / 2, list.y + list.height / 2);
  for (let i = 0; i < 60 && (await target.count()) === 0; i++) {
    const indices = await page
      .getByTestId('pair-row')
      .evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.index)));
    await page.mouse.wheel(0, index > Math.max(...indices) ? 300 : -300);
    await page.waitForTimeout(50);
  }
  await expect(target).toHaveCount(1);
  await target.scrollIntoViewIfNeeded();
}
