import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserWindow as ElectronWindow, Session, WebContents } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cspFindings } from '../csp-policy';
import { BrowserWindow, FakeSession, FakeWebContents, protocol, resetFakeElectron, screen, shell } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const win = await import('../../../../src-main/electron/window');
const { CONTENT_SECURITY_POLICY } = await import('../../../../src-main/renderer-assets');

let dir: string;
beforeEach(() => {
  resetFakeElectron();
  dir = mkdtempSync(join(tmpdir(), 'qalam-window-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('webPreferences', () => {
  // An allow-list, not a match: any key that is added (enableBlinkFeatures, additionalArguments…)
  // or any value that changes fails here, and so must be argued for in review.
  const ALLOWED_WEB_PREFERENCES: Record<string, unknown> = {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    // A file dropped on the window must reach the import drop zone, never replace the app page.
    navigateOnDragDrop: false,
    // A page looping on alert() gets a "stop this page" checkbox.
    safeDialogs: true,
    spellcheck: true,
    preload: expect.stringMatching(/[/\\]preload[/\\]preload\.cjs$/),
  };

  it('has exactly the allowed keys, each with its allowed value', () => {
    expect(Object.keys(win.WEB_PREFERENCES).sort()).toEqual(Object.keys(ALLOWED_WEB_PREFERENCES).sort());
    expect(win.WEB_PREFERENCES).toStrictEqual(ALLOWED_WEB_PREFERENCES);
    expect(Object.isFrozen(win.WEB_PREFERENCES)).toBe(true);
  });

  it('is what the main window is created with', () => {
    win.createMainWindow({ url: win.APP_ENTRY_URL, isAppUrl: win.createAppUrlCheck(), stateFile: join(dir, 'state.json') });
    const created = BrowserWindow.instances[0]!;
    expect(created.options.webPreferences).toBe(win.WEB_PREFERENCES);
    expect(created.loadedUrl).toBe('app://qalam/index.html');
    expect(created.options.show).toBe(false);
  });
});

describe('window icon', () => {
  const open = (platform: NodeJS.Platform) =>
    win.createMainWindow({ url: win.APP_ENTRY_URL, isAppUrl: win.createAppUrlCheck(), stateFile: join(dir, 's.json'), platform });

  it('is the 512 px app icon on Linux', () => {
    open('linux');
    expect(BrowserWindow.instances[0]!.options.icon).toBe(win.WINDOW_ICON_PATH);
    const png = readFileSync(win.WINDOW_ICON_PATH);
    expect([png.toString('latin1', 12, 16), png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual(['IHDR', 512, 512]);
  });

  it('comes from the app bundle or the executable on macOS and Windows', () => {
    open('darwin');
    open('win32');
    expect(BrowserWindow.instances.map((w) => w.options.icon)).toEqual([undefined, undefined]);
  });
});

describe('app:// scheme', () => {
  it('is registered privileged as standard and secure, without CORS or CSP bypass', () => {
    win.registerAppScheme();
    expect(protocol.privileged).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) as unknown },
    ]);
    const privileges = protocol.privileged[0]!.privileges!;
    expect(privileges.bypassCSP).toBeFalsy();
    expect(privileges.corsEnabled).toBeFalsy();
  });

  it('serveApp installs the handler for the app scheme', () => {
    win.serveApp(dir);
    expect(protocol.handlers.has('app')).toBe(true);
  });
});

describe('protocol handler', () => {
  function site(): string {
    const root = join(dir, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Qalam</title>');
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(root, 'assets', 'font.woff2'), new Uint8Array([1, 2, 3]));
    writeFileSync(join(dir, 'secret.txt'), 'not for the page');
    return root;
  }
  const get = (handler: (r: Request) => Promise<Response>, url: string, method = 'GET') => handler(new Request(url, { method }));

  it('serves index.html for / with the strict CSP and the right type', async () => {
    const handler = win.createAppProtocolHandler(site());
    const res = await get(handler, 'app://qalam/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>Qalam</title>');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(cspFindings(res.headers.get('content-security-policy')!)).toEqual([]);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves assets with their MIME types and the CSP on every file', async () => {
    const handler = win.createAppProtocolHandler(site());
    const js = await get(handler, 'app://qalam/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const font = await get(handler, 'app://qalam/assets/font.woff2');
    expect(font.headers.get('content-type')).toBe('font/woff2');
    expect(new Uint8Array(await font.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
  });

  it.each([
    'app://qalam/../secret.txt',
    'app://qalam/%2e%2e/secret.txt',
    'app://qalam/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://qalam/..%2fsecret.txt',
    'app://qalam/assets/..%5c..%5csecret.txt',
    'app://qalam/%2fetc%2fpasswd',
    'app://qalam/assets%00/app.js',
    'app://qalam/%E0%A4%A',
  ])('refuses path traversal: %s', async (url) => {
    const res = await get(win.createAppProtocolHandler(site()), url);
    expect(res.status).toBeGreaterThanOrEqual(400);
    const body = await res.text();
    expect(body).not.toContain('not for the page');
  });

  it('refuses a symlink that points out of the folder', async () => {
    const root = site();
    symlinkSync(join(dir, 'secret.txt'), join(root, 'assets', 'link.txt'));
    const res = await get(win.createAppProtocolHandler(root), 'app://qalam/assets/link.txt');
    expect(res.status).toBe(404);
  });

  it('refuses other hosts, missing files, folders and non-GET methods', async () => {
    const handler = win.createAppProtocolHandler(site());
    expect((await get(handler, 'app://evil/index.html')).status).toBe(404);
    expect((await get(handler, 'app://qalam/missing.js')).status).toBe(404);
    expect((await get(handler, 'app://qalam/assets')).status).toBe(404);
    expect((await get(handler, 'app://qalam/index.html', 'POST')).status).toBe(405);
  });
});

describe('app URL check', () => {
  it('accepts only app://qalam in production', () => {
    const check = win.createAppUrlCheck();
    expect(check('app://qalam/index.html')).toBe(true);
    expect(check('app://other/index.html')).toBe(false);
    expect(check('http://localhost:5173/')).toBe(false);
    expect(check('file:///etc/passwd')).toBe(false);
    expect(check('not a url')).toBe(false);
  });

  it('also accepts the dev server origin under electron-vite dev', () => {
    const check = win.createAppUrlCheck('http://localhost:5173');
    expect(check('http://localhost:5173/src/main.ts')).toBe(true);
    expect(check('http://localhost:5174/')).toBe(false);
    expect(check('https://localhost:5173/')).toBe(false);
  });
});

describe('navigation guards', () => {
  function guarded() {
    const contents = new FakeWebContents('app://qalam/index.html');
    const openExternal = vi.fn(async () => true);
    win.guardWebContents(contents as unknown as WebContents, win.createAppUrlCheck(), openExternal);
    return { contents, openExternal };
  }

  it('lets in-app navigation through', () => {
    const { contents, openExternal } = guarded();
    expect(contents.emitCancellable('will-navigate', 'app://qalam/index.html#/library')).toBe(false);
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('blocks navigation away and sends web links to the system browser', () => {
    const { contents, openExternal } = guarded();
    expect(contents.emitCancellable('will-navigate', 'https://example.com/')).toBe(true);
    expect(openExternal).toHaveBeenCalledWith('https://example.com/');
  });

  it('blocks navigation to file: and javascript: without opening anything', () => {
    const { contents, openExternal } = guarded();
    expect(contents.emitCancellable('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.emitCancellable('will-navigate', 'javascript:alert(1)')).toBe(true);
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('blocks redirects off the app and webview attachment', () => {
    const { contents } = guarded();
    expect(contents.emitCancellable('will-redirect', 'https://example.com/')).toBe(true);
    expect(contents.emitCancellable('will-redirect', 'app://qalam/index.html')).toBe(false);
    expect(contents.emitCancellable('will-attach-webview', {}, {})).toBe(true);
  });

  it('denies window.open, handing only http(s)/mailto to the OS', () => {
    const { contents, openExternal } = guarded();
    const handler = contents.windowOpenHandler!;
    expect(handler({ url: 'https://example.com/help' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'mailto:editor@example.com' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'app://qalam/index.html' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://example.com/help'], ['mailto:editor@example.com']]);
  });

  it('uses shell.openExternal by default', async () => {
    const contents = new FakeWebContents('app://qalam/index.html');
    win.guardWebContents(contents as unknown as WebContents, win.createAppUrlCheck());
    contents.windowOpenHandler!({ url: 'https://example.com/' });
    contents.windowOpenHandler!({ url: 'smb://server/share' });
    await vi.waitFor(() => expect(shell.openExternal).toHaveBeenCalledTimes(1));
    expect(shell.openExternal).toHaveBeenCalledWith('https://example.com/');
  });
});

describe('permissions', () => {
  it('denies every permission request and check', () => {
    const ses = new FakeSession();
    win.denyAllPermissions(ses as unknown as Session);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      const callback = vi.fn();
      ses.permissionRequestHandler!({}, permission, callback, {});
      expect(callback).toHaveBeenCalledWith(false);
      expect(ses.permissionCheckHandler!({}, permission, 'app://qalam', {})).toBe(false);
    }
    expect(ses.devicePermissionHandler!({ deviceType: 'usb' })).toBe(false);
  });
});

describe('window state', () => {
  const primary = { workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
  const right = { workArea: { x: 1920, y: 0, width: 1280, height: 1000 } };

  it('reads only valid files', () => {
    const file = join(dir, 'state.json');
    expect(win.readWindowState(file)).toBeNull();
    writeFileSync(file, '{not json');
    expect(win.readWindowState(file)).toBeNull();
    writeFileSync(file, JSON.stringify({ x: 1, y: 2, width: '800', height: 600, maximized: false }));
    expect(win.readWindowState(file)).toBeNull();
    writeFileSync(file, JSON.stringify({ x: 1, y: 2, width: 800, height: 600, maximized: false, extra: 1 }));
    expect(win.readWindowState(file)).toBeNull();
    writeFileSync(file, JSON.stringify({ x: 1, y: 2, width: 800, height: 600, maximized: true }));
    expect(win.readWindowState(file)).toEqual({ x: 1, y: 2, width: 800, height: 600, maximized: true });
  });

  it('defaults to a centred window that fits the primary display', () => {
    expect(win.clampWindowState(null, [primary], primary)).toEqual({ ...win.DEFAULT_SIZE, maximized: false });
    const small = { workArea: { x: 0, y: 0, width: 1024, height: 700 } };
    expect(win.clampWindowState(null, [small], small)).toEqual({ width: 1024, height: 700, maximized: false });
  });

  it('keeps a position that is visible, on the display it is on', () => {
    const saved = { x: 2000, y: 50, width: 1000, height: 700, maximized: false };
    expect(win.clampWindowState(saved, [primary, right], primary)).toEqual(saved);
  });

  it('pulls a window that hangs over the edge back onto its display', () => {
    const saved = { x: 1700, y: 900, width: 1000, height: 700, maximized: false };
    expect(win.clampWindowState(saved, [primary], primary)).toEqual({
      x: 920,
      y: 340,
      width: 1000,
      height: 700,
      maximized: false,
    });
  });

  it('forgets the position of a display that is gone and shrinks to fit', () => {
    const saved = { x: 2200, y: 100, width: 2400, height: 1400, maximized: true };
    expect(win.clampWindowState(saved, [primary], primary)).toEqual({ width: 1920, height: 1040, maximized: true });
  });

  it('never goes below the minimum size', () => {
    const saved = { x: 10, y: 10, width: 100, height: 50, maximized: false };
    expect(win.clampWindowState(saved, [primary], primary)).toMatchObject({
      width: win.MIN_SIZE.width,
      height: win.MIN_SIZE.height,
    });
  });

  it('saves the bounds on close and restores them, clamped, next time', () => {
    const stateFile = join(dir, 'window-state.json');
    const opts = { url: win.APP_ENTRY_URL, isAppUrl: win.createAppUrlCheck(), stateFile };
    const first = win.createMainWindow(opts) as unknown as BrowserWindow;
    expect(BrowserWindow.instances[0]!.options).toMatchObject({ center: true, width: 1280, height: 820 });
    first.bounds = { x: 300, y: 200, width: 1100, height: 750 };
    first.maximized = true;
    first.close();
    expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toEqual({ x: 300, y: 200, width: 1100, height: 750, maximized: true });

    win.createMainWindow(opts);
    const second = BrowserWindow.instances[1]!;
    expect(second.options).toMatchObject({ x: 300, y: 200, width: 1100, height: 750 });
    expect(second.maximized).toBe(true);

    // The next start has a smaller screen: the window still fits on it.
    screen.displays = [
      { id: 2, workArea: { x: 0, y: 0, width: 1000, height: 700 }, bounds: { x: 0, y: 0, width: 1000, height: 720 } },
    ];
    win.createMainWindow(opts);
    expect(BrowserWindow.instances[2]!.options).toMatchObject({ x: 0, y: 0, width: 1000, height: 700 });
  });

  it('shows the window once it is ready to paint', () => {
    const w = win.createMainWindow({
      url: win.APP_ENTRY_URL,
      isAppUrl: win.createAppUrlCheck(),
      stateFile: join(dir, 's.json'),
    }) as unknown as ElectronWindow & BrowserWindow;
    expect(w.visible).toBe(false);
    w.emit('ready-to-show');
    expect(w.visible).toBe(true);
  });
});
