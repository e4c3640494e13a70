// The Electron entry: lifecycle only. Everything else lives in window.ts, menu.ts, host.ts and the
// IPC transport; the services are the same ones the CLI and the web preview use.
import { join } from 'node:path';
import { app, dialog, session, type BrowserWindow } from 'electron';
import { createElectronHost } from './host';
import { createMainI18n, languageFromSystem, type MainI18n } from '../i18n';
import { createAppMenu, type AppMenu } from './menu';
import { safeStorageKeyStore } from './mt-key';
import { attachContextMenu, enableSpellcheck } from './spellcheck';
import { openRuntime, type Runtime } from '../runtime';
import type { Channel } from '../shared/contract';
import { QalamError } from '../shared/errors';
import { DB_FILE } from '../paths';
import type { Dispatch } from '../transport/dispatch';
import { registerIpc } from '../transport/ipc';
import {
  APP_ENTRY_URL,
  WINDOW_STATE_FILE,
  createAppUrlCheck,
  createMainWindow,
  denyAllPermissions,
  registerAppScheme,
  serveApp,
} from './window';

/** Successful calls to these change what the menu shows (language, Open Recent). */
const MENU_INPUTS: ReadonlySet<Channel> = new Set<Channel>([
  'settings:update',
  'documents:import',
  'documents:open',
  'documents:rename',
  'documents:delete',
]);

// A packaged app must never be pointed at another page through the environment.
const devUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const isAppUrl = createAppUrlCheck(devUrl);

let runtime: Runtime | null = null;
let mainWindow: BrowserWindow | null = null;
let menu: AppMenu | null = null;
let disposeIpc: (() => void) | null = null;
let i18n: MainI18n | null = null;

// Both must happen before `ready`, hence at module evaluation (see Electron's ESM notes).
registerAppScheme();
const primary = app.requestSingleInstanceLock();

/** Settles when start-up has finished (window open, or the error box shown); tests wait on it. */
export const startup: Promise<void> = primary ? boot() : quitSecondInstance();

function quitSecondInstance(): Promise<void> {
  // The first instance receives 'second-instance' and comes to the front.
  app.quit();
  return Promise.resolve();
}

function boot(): Promise<void> {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (runtime && !mainWindow) openWindow();
  });
  app.on('will-quit', shutdown);
  return app.whenReady().then(start).catch(fatal);
}

/** Anything else that breaks start-up: the same kind of box, then out (Electron's default shows a stack). */
function fatal(e: unknown): void {
  console.error('[qalam] start-up failed:', e);
  const t = (i18n ?? createMainI18n(languageFromSystem(app.getPreferredSystemLanguages()))).t;
  const reason = firstLine(e);
  dialog.showErrorBox(t('startup.title'), t('startup.failed', { reason }));
  shutdown();
  app.exit(1);
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e)).slice(0, 300);
}

async function start(): Promise<void> {
  i18n = createMainI18n(languageFromSystem(app.getPreferredSystemLanguages()));
  const dataDir = app.getPath('userData');
  const host = createElectronHost({ getWindow: () => mainWindow, t: i18n.t });
  const binding = nativeBinding();
  try {
    runtime = openRuntime({
      dataDir,
      transport: 'ipc',
      jobs: 'worker',
      host,
      mtKey: safeStorageKeyStore,
      ...(binding ? { nativeBinding: binding } : {}),
    });
  } catch (e) {
    showStartupError(i18n, e, join(dataDir, DB_FILE));
    app.exit(1);
    return;
  }
  app.setAboutPanelOptions({ applicationName: 'Qalam', applicationVersion: app.getVersion() });
  denyAllPermissions(session.defaultSession);
  enableSpellcheck(session.defaultSession);
  serveApp();

  const rt = runtime;
  const dispatch: Dispatch = async (channel, input) => {
    const result = await rt.dispatch(channel, input);
    if (result.ok && MENU_INPUTS.has(channel as Channel)) void menu?.refresh();
    return result;
  };
  menu = createAppMenu({ i18n, dispatch: rt.dispatch, events: rt.ctx.events, dev: devUrl !== undefined });
  disposeIpc = registerIpc({ dispatch, events: rt.ctx.events, getWindow: () => mainWindow, isAppUrl });
  await menu.refresh();
  openWindow();
}

/**
 * The Electron build of better-sqlite3: `npm start` names it in the environment; a packaged app
 * loads the copy shipped beside app.asar (electron-builder.yml) and never a path from the
 * environment, which would let anyone who can set a variable run native code inside Qalam.
 */
function nativeBinding(): string | undefined {
  if (app.isPackaged) return join(process.resourcesPath, 'native', 'better_sqlite3.node');
  return process.env.QALAM_NATIVE_BINDING || undefined;
}

function openWindow(): void {
  const win = createMainWindow({
    url: devUrl ?? APP_ENTRY_URL,
    isAppUrl,
    stateFile: join(app.getPath('userData'), WINDOW_STATE_FILE),
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  const rt = runtime;
  attachContextMenu(win.webContents, session.defaultSession, {
    t: (key, params) => (i18n ?? createMainI18n('en')).t(key, params),
    // Failures are not the menu's to report: the QA check keeps flagging the word, nothing is lost.
    addWord: (word) => void rt?.dispatch('qa:set-word', { word, known: true }),
  });
  mainWindow = win;
}

function shutdown(): void {
  disposeIpc?.();
  disposeIpc = null;
  runtime?.close();
  runtime = null;
}

/** A translated sentence and the file's path: the user can act on it; a stack trace helps no one. */
function showStartupError(i18n: MainI18n, e: unknown, dbPath: string): void {
  console.error('[qalam] could not open the database:', e);
  const code = e instanceof QalamError ? e.code : undefined;
  const known = code === 'db_corrupt' || code === 'db_too_new' || code === 'db_locked';
  const reason = firstLine(e);
  const message = known ? i18n.t(`startup.${code}`, { path: dbPath }) : i18n.t('startup.other', { path: dbPath, reason });
  dialog.showErrorBox(i18n.t('startup.title'), message);
}
