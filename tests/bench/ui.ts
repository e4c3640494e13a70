// Renderer figures for a 100k-pair document, in Debian's Chromium through the HTTP bridge:
// time from navigation to the first rows painted, and the JS heap after scrolling through it all.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type CDPSession } from '@playwright/test';
import { openRuntime } from '../../src-main/runtime';
import { updateSettings } from '../../src-main/services/settings';
import { startHttpBridge } from '../../src-main/transport/http';
import { round } from './store';

const CHROMIUM = process.env.QALAM_CHROMIUM ?? '/usr/bin/chromium';

export type UiBench =
  | { skipped: string }
  | {
      skipped?: undefined;
      /** Opening the document from the running app's library: median of five. */
      firstRowsMs: number;
      /** A fresh page load straight to the document (boots the whole app first). */
      coldStartMs: number;
      heapMb: number;
      heapBeforeScrollMb: number;
      rowsInDom: number;
      scrolledTo: number;
    };

export async function benchUi(dataDir: string, documentId: number, log: (s: string) => void): Promise<UiBench> {
  const staticDir = resolve(process.env.QALAM_STATIC_DIR ?? 'out/renderer');
  if (!existsSync(resolve(staticDir, 'index.html'))) return { skipped: 'renderer not built (npm run build)' };
  if (!existsSync(CHROMIUM)) return { skipped: `no Chromium at ${CHROMIUM}` };
  const rt = openRuntime({ dataDir, transport: 'http' });
  updateSettings(rt.ctx, { userName: 'Bench', role: 'translator', onboarded: true });
  const bridge = await startHttpBridge({ dispatch: rt.dispatch, events: rt.ctx.events, staticDir });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const cdp = await page.context().newCDPSession(page);
    // Warm the HTTP cache and the SQLite page cache the way a second start would find them.
    await page.goto(bridge.loginUrl('/'));
    await page.goto('about:blank');
    await page.goto(`${bridge.url}/#/documents/${documentId}`);
    await page.waitForFunction(() => document.documentElement.dataset.firstRowsPainted !== undefined, null, { timeout: 60_000 });
    const coldStartMs = await page.evaluate(() => Number(document.documentElement.dataset.firstRowsPainted));
    log(`cold start: first rows painted ${round(coldStartMs)} ms after navigation`);
    // Opening the document from the running app (the library), as a user does: median of five.
    const opens: number[] = [];
    for (let i = 0; i < 5; i++) {
      await page.evaluate(() => (location.hash = '#/'));
      await page.waitForSelector('[data-testid="library"], main', { timeout: 30_000 });
      await page.waitForTimeout(300);
      const start = await page.evaluate((id) => {
        delete document.documentElement.dataset.firstRowsPainted;
        const t = performance.now();
        location.hash = `#/documents/${id}`;
        return t;
      }, documentId);
      await page.waitForFunction(() => document.documentElement.dataset.firstRowsPainted !== undefined, null, {
        timeout: 60_000,
      });
      opens.push((await page.evaluate(() => Number(document.documentElement.dataset.firstRowsPainted))) - start);
    }
    const firstRowsMs = opens.sort((a, b) => a - b)[2]!;
    log(`open from the library: first rows painted after ${round(firstRowsMs)} ms (median of 5)`);
    const heapBefore = await heapMb(cdp);
    const scrolledTo = await page.evaluate(async () => {
      // The virtual list: the scrollable element with by far the tallest content.
      const scroller = [...document.querySelectorAll<HTMLElement>('*')]
        .filter((el) => el.clientHeight > 100 && /auto|scroll/.test(getComputedStyle(el).overflowY))
        .sort((a, b) => b.scrollHeight - a.scrollHeight)[0];
      if (!scroller) return -1;
      // 400 jumps of a few screens each, then the very end: every page of the document is fetched on the way.
      const jumps = 400;
      for (let i = 1; i <= jumps; i++) {
        scroller.scrollTop = (scroller.scrollHeight * i) / jumps;
        await new Promise((r) => requestAnimationFrame(() => r(null)));
      }
      scroller.scrollTop = scroller.scrollHeight;
      await new Promise((r) => setTimeout(r, 500));
      return scroller.scrollTop;
    });
    await page.waitForTimeout(1000);
    const heap = await heapMb(cdp);
    const rowsInDom = await page.locator('[data-pair-id]').count();
    log(`heap after scrolling ${heap} MB`);
    return {
      firstRowsMs: round(firstRowsMs),
      coldStartMs: round(coldStartMs),
      heapMb: heap,
      heapBeforeScrollMb: heapBefore,
      rowsInDom,
      scrolledTo: Math.round(scrolledTo),
    };
  } finally {
    await browser.close();
    await bridge.close();
    rt.close();
  }
}

async function heapMb(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  return round(usedSize / 1048576);
}
