// What the first paint needs, asked for by the first module the app evaluates (boot.ts): the
// settings (the language) and, starting straight into a document, its first page. Not its summary:
// the workspace asks for that once its first rows are painted (WorkspaceState.open).
// The main process answers them while the rest of the app's script is still being evaluated,
// instead of after the shell has mounted. Each answer is taken once, by the code that would
// otherwise have asked for it; nothing here is state the interface renders.
import type { AppInfo, PairPage } from '../../src-main/shared/contract';
import type { Settings } from '../../src-main/shared/domain';
import type { Result } from '../../src-main/shared/errors';
import { api } from '../lib/api';
import { parseHash } from '../lib/route';
import { loadFonts, warmUpIntl } from '../lib/warm-up';

/** Pairs in one page of the workspace's list: the first page is the one asked for at start-up. */
export const PAGE_SIZE = 100;

export interface EarlySettings {
  settings: Promise<Result<Settings>>;
  info: Promise<Result<AppInfo>>;
}

/** A document's first page, asked for before its workspace exists. */
export interface EarlyDocument {
  documentId: number;
  firstPage: Promise<Result<PairPage>>;
  /** The first page's answer once it has come (set before any other reaction to `firstPage`). */
  answered: Result<PairPage> | null;
}

let earlySettings: EarlySettings | null = null;
let earlyDocument: EarlyDocument | null = null;

function early(documentId: number, firstPage: Promise<Result<PairPage>>) {
  const e: EarlyDocument = { documentId, firstPage, answered: null };
  void firstPage.then((r) => {
    e.answered = r;
    performance.mark('qalam:first-page');
  });
  return e;
}

/**
 * Asks for what the route in `hash` paints first. The first page goes first: the main process
 * answers in turn, and the rows are what the user waits for. The document's summary (a count over
 * the whole document: 10-20 ms of SQLite on 100k pairs when the machine is idle, 30-180 ms beside
 * a starting renderer) is not asked for here: it would compete with the first frame for the cores.
 */
export function startEarly(hash: string): void {
  const route = parseHash(hash);
  const firstPage =
    route.name === 'workspace' ? api.invoke('pairs:list', { documentId: route.documentId, offset: 0, limit: PAGE_SIZE }) : null;
  earlySettings = { settings: api.invoke('settings:get', {}), info: api.invoke('app:get-info', {}) };
  if (firstPage && route.name === 'workspace') earlyDocument = early(route.documentId, firstPage);
  // While the rest of the app's script is fetched and compiled: the fonts now, the locale's
  // number formats once the settings name it (lib/warm-up.ts).
  loadFonts(false);
  void earlySettings.settings.then((r) => {
    const lang = r.ok ? r.value.uiLanguage : 'en';
    if (lang === 'ar') loadFonts(true);
    // An English document's rows and counts are integers, written without Intl (lib/i18n.svelte.ts).
    warmUpIntl(lang, lang !== 'en' || route.name !== 'workspace');
  });
}

/** The settings asked for at start-up, once; null when they were not (or were taken). */
export function takeEarlySettings(): EarlySettings | null {
  const s = earlySettings;
  earlySettings = null;
  return s;
}

/** The document asked for at start-up, or else asks for it now (the same call). */
export function askEarlyDocument(documentId: number): EarlyDocument {
  const e = earlyDocument?.documentId === documentId ? earlyDocument : null;
  earlyDocument = null;
  return e ?? early(documentId, api.invoke('pairs:list', { documentId, offset: 0, limit: PAGE_SIZE }));
}

/** Forgets a document asked for at start-up that nothing will open. */
export function dropEarlyDocument(): void {
  earlyDocument = null;
}
