// The app window and everything that keeps it a closed box: the one webPreferences constant, the
// app:// scheme that serves the built renderer with a strict CSP, navigation and popup guards,
// denied permissions, and the remembered window bounds.
import { realpathSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BrowserWindow,
  protocol,
  screen,
  type Display,
  type Rectangle,
  type Session,
  type WebContents,
  type WebPreferences,
} from 'electron';
import { z } from 'zod';
import { writeFileAtomic } from '../fs-atomic';
import { isExternalUrl, openExternalSafely } from './host';
import { CONTENT_SECURITY_POLICY, contentType } from '../renderer-assets';

export const APP_SCHEME = 'app';
export const APP_HOST = 'qalam';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;
export const WINDOW_STATE_FILE = 'window-state.json';

// Built layout (electron-vite): out/main/index.js next to out/preload and out/renderer.
const here = dirname(fileURLToPath(import.meta.url));
export const PRELOAD_PATH = join(here, '..', 'preload', 'preload.cjs');
export const RENDERER_DIR = join(here, '..', 'renderer');
/**
 * The window icon on Linux (macOS and Windows take theirs from the app bundle and the executable).
 * out/main and src-main/electron are both two levels below the folder that holds resources/.
 */
export const WINDOW_ICON_PATH = join(here, '..', '..', 'resources', 'icons', '512x512.png');

/** The only webPreferences any Qalam window gets. */
export const WEB_PREFERENCES = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
  spellcheck: true,
  preload: PRELOAD_PATH,
} satisfies WebPreferences);

/** Must run before `ready`: standard (relative URLs, an origin for 'self') and secure (a secure context). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    // No corsEnabled: it would let other origins read app:// responses. No bypassCSP.
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * Serves files below `rootDir` for app://qalam/…, nothing else: other hosts, methods, encoded
 * separators, `..` and symlinks pointing out of the folder all get an error status, never a file.
 */
export function createAppProtocolHandler(rootDir: string): (request: Request) => Promise<Response> {
  const root = resolve(rootDir);
  let realRoot: string | undefined;
  const refuse = (status: number) => new Response(null, { status, headers: SECURITY_HEADERS });

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405);
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return refuse(400);
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return refuse(404);
    let rel: string;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      return refuse(400);
    }
    if (rel.includes('\0') || rel.includes('\\')) return refuse(400);
    rel = rel.replace(/^\/+/, '') || 'index.html';
    const file = resolve(root, rel);
    if (!inside(root, file)) return refuse(403);
    let real: string;
    try {
      realRoot ??= realpathSync(root);
      real = realpathSync(file);
      if (!inside(realRoot, real) || !statSync(real).isFile()) return refuse(404);
    } catch {
      return refuse(404);
    }
    const headers = {
      ...SECURITY_HEADERS,
      'Content-Type': contentType(real),
      'Cache-Control': 'no-cache',
    };
    if (request.method === 'HEAD') return new Response(null, { status: 200, headers });
    return new Response(new Uint8Array(await readFile(real)), { status: 200, headers });
  };
}

function inside(root: string, file: string): boolean {
  const rel = relative(root, file);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

/** In production only app://qalam; in `electron-vite dev` also the dev server's origin. */
export function createAppUrlCheck(devUrl?: string): (url: string) => boolean {
  const devOrigin = devUrl ? new URL(devUrl).origin : undefined;
  return (url) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    // Node's URL gives custom schemes an opaque "null" origin, so compare scheme and host instead.
    if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST) return true;
    return devOrigin !== undefined && devOrigin !== 'null' && parsed.origin === devOrigin;
  };
}

export function serveApp(rootDir: string = RENDERER_DIR): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rootDir));
}

/** The renderer never needs the camera, notifications, geolocation…: every request and check says no. */
export function denyAllPermissions(ses: Session): void {
  ses.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
}

/**
 * The page can only be our app: other navigations are cancelled (links to the web go to the
 * system browser after a scheme check) and window.open never creates a window.
 */
export function guardWebContents(
  contents: WebContents,
  isAppUrl: (url: string) => boolean,
  openExternal: (url: string) => Promise<boolean> = openExternalSafely,
): void {
  const leave = (url: string) => {
    if (isExternalUrl(url)) void openExternal(url);
  };
  // details.url: the positional url argument is deprecated in Electron 45.
  contents.on('will-navigate', (details) => {
    if (isAppUrl(details.url)) return;
    details.preventDefault();
    leave(details.url);
  });
  contents.on('will-redirect', (details) => {
    if (!isAppUrl(details.url)) details.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    leave(url);
    return { action: 'deny' };
  });
}

// ——— Window bounds ———

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1280, height: 820 } as const;
export const MIN_SIZE = { width: 720, height: 480 } as const;
/** How much of the window must be on a display for the saved position to be kept. */
const MIN_VISIBLE = 100;

const coordinate = z.number().int().min(-100_000).max(100_000);
const windowStateSchema = z
  .object({
    x: coordinate.optional(),
    y: coordinate.optional(),
    width: z.number().int().min(1).max(100_000),
    height: z.number().int().min(1).max(100_000),
    maximized: z.boolean(),
  })
  .strict();

/** Missing, unreadable or invalid files give null: the window then opens at its default size. */
export function readWindowState(file: string): WindowState | null {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
  const parsed = windowStateSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export function writeWindowState(file: string, state: WindowState): void {
  try {
    writeFileAtomic(file, new TextEncoder().encode(JSON.stringify(state)), { overwrite: true });
  } catch (e) {
    // Losing the window position is not worth an error dialog on quit.
    console.warn('[qalam] could not save the window state:', e);
  }
}

/**
 * Fits saved bounds to the displays attached now: a monitor that was unplugged or a resolution
 * that shrank must not leave the window off-screen or larger than the screen.
 */
export function clampWindowState(
  saved: WindowState | null,
  displays: readonly Pick<Display, 'workArea'>[],
  primary: Pick<Display, 'workArea'>,
): WindowState {
  const wanted = saved ?? { ...DEFAULT_SIZE, maximized: false };
  let target = primary.workArea;
  let keepPosition = false;
  if (wanted.x !== undefined && wanted.y !== undefined) {
    const rect = { x: wanted.x, y: wanted.y, width: wanted.width, height: wanted.height };
    let best = 0;
    for (const d of displays) {
      const overlap = intersection(rect, d.workArea);
      if (
        overlap.width >= Math.min(MIN_VISIBLE, rect.width) &&
        overlap.height >= Math.min(MIN_VISIBLE, rect.height) &&
        overlap.width * overlap.height > best
      ) {
        best = overlap.width * overlap.height;
        target = d.workArea;
        keepPosition = true;
      }
    }
  }
  const width = Math.min(Math.max(wanted.width, MIN_SIZE.width), target.width);
  const height = Math.min(Math.max(wanted.height, MIN_SIZE.height), target.height);
  const state: WindowState = { width, height, maximized: wanted.maximized };
  if (keepPosition) {
    state.x = clamp(wanted.x!, target.x, target.x + target.width - width);
    state.y = clamp(wanted.y!, target.y, target.y + target.height - height);
  }
  return state;
}

function intersection(a: Rectangle, b: Rectangle): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(Math.max(v, lo), Math.max(lo, hi));
}

export interface MainWindowOptions {
  url: string;
  isAppUrl: (url: string) => boolean;
  /** window-state.json in userData; the bounds are read when the window opens and written when it closes. */
  stateFile: string;
  title?: string;
  platform?: NodeJS.Platform;
}

export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const state = clampWindowState(readWindowState(opts.stateFile), screen.getAllDisplays(), screen.getPrimaryDisplay());
  const win = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : { center: true }),
    width: state.width,
    height: state.height,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: opts.title ?? 'Qalam',
    ...((opts.platform ?? process.platform) === 'linux' ? { icon: WINDOW_ICON_PATH } : {}),
    // Shown when the first frame is painted: no white flash, no half-built layout.
    show: false,
    webPreferences: WEB_PREFERENCES,
  });
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  guardWebContents(win.webContents, opts.isAppUrl);
  win.on('close', () => {
    const b = win.getNormalBounds();
    writeWindowState(opts.stateFile, { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() });
  });
  void win.loadURL(opts.url).catch((e: unknown) => console.error('[qalam] could not load the app page:', e));
  return win;
}
