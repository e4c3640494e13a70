// A stand-in for the `electron` module: no Electron binary can be downloaded here, so the shell is
// tested against these fakes. Use it with
//   vi.mock('electron', () => import('./fake-electron'));
// and call resetFakeElectron() in beforeEach. The exported objects are stable (modules under test
// bind them at import time); reset clears their recorded state. They live on globalThis so that a
// test which re-imports modules (vi.resetModules) still shares them with the code it imports.
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';

type Fn = (...args: never[]) => unknown;

export interface FakeRectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

// ——— app ———
class FakeApp extends EventEmitter {
  name = 'Qalam';
  isPackaged = false;
  /** What requestSingleInstanceLock returns: false plays a second instance. */
  singleInstanceLock = true;
  preferredLanguages: string[] = ['en-US'];
  paths: Record<string, string> = {};
  private readyResolve: (() => void) | null = null;
  private readyPromise: Promise<void> = this.newReady();

  requestSingleInstanceLock = vi.fn(() => this.singleInstanceLock);
  quit = vi.fn();
  exit = vi.fn();
  setAboutPanelOptions = vi.fn();
  getVersion = vi.fn(() => '0.1.0');
  getPreferredSystemLanguages = vi.fn(() => this.preferredLanguages);
  getAppPath = vi.fn(() => process.cwd());
  getPath = vi.fn((name: string) => {
    const p = this.paths[name];
    if (!p) throw new Error(`fake app.getPath: no path for ${name}`);
    return p;
  });
  whenReady = vi.fn(() => this.readyPromise);

  /** Plays Electron finishing its start-up. */
  becomeReady(): void {
    this.readyResolve?.();
    this.emit('ready');
  }

  private newReady(): Promise<void> {
    return new Promise<void>((resolve) => (this.readyResolve = resolve));
  }

  reset(): void {
    this.removeAllListeners();
    this.isPackaged = false;
    this.singleInstanceLock = true;
    this.preferredLanguages = ['en-US'];
    this.paths = { userData: mkdtempSync(join(tmpdir(), 'qalam-electron-')), documents: tmpdir() };
    this.readyPromise = this.newReady();
    for (const m of [
      this.requestSingleInstanceLock,
      this.quit,
      this.exit,
      this.setAboutPanelOptions,
      this.getPath,
      this.whenReady,
    ])
      m.mockClear();
  }
}

// ——— webContents, frames, windows ———
export class FakeFrame {
  constructor(
    public url: string,
    public parent: FakeFrame | null = null,
    public frameToken = `frame-${Math.random().toString(36).slice(2)}`,
  ) {}
}

let nextContentsId = 1;
export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  mainFrame: FakeFrame;
  destroyed = false;
  windowOpenHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | null = null;
  send = vi.fn();
  replaceMisspelling = vi.fn((_word: string) => undefined);

  constructor(url = '') {
    super();
    this.mainFrame = new FakeFrame(url);
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  /**
   * Emits a cancellable event as Electron does (navigation events carry the URL on the event and,
   * deprecated, as the first argument); returns whether a listener called preventDefault.
   */
  emitCancellable(name: string, ...args: unknown[]): boolean {
    let prevented = false;
    const event = { preventDefault: () => (prevented = true), ...(typeof args[0] === 'string' ? { url: args[0] } : {}) };
    this.emit(name, event, ...args);
    return prevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.instances.filter((w) => !w.destroyed);
  }

  readonly options: Record<string, unknown>;
  readonly webContents: FakeWebContents;
  bounds: FakeRectangle;
  maximized = false;
  minimized = false;
  visible = false;
  destroyed = false;
  loadedUrl: string | null = null;
  focus = vi.fn();
  show = vi.fn(() => {
    this.visible = true;
  });
  restore = vi.fn(() => {
    this.minimized = false;
  });

  constructor(options: Record<string, unknown> = {}) {
    super();
    this.options = options;
    this.webContents = new FakeWebContents();
    const n = (k: string, d: number) => (typeof options[k] === 'number' ? (options[k] as number) : d);
    this.bounds = { x: n('x', 100), y: n('y', 100), width: n('width', 800), height: n('height', 600) };
    FakeBrowserWindow.instances.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  maximize(): void {
    this.maximized = true;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getNormalBounds(): FakeRectangle {
    return { ...this.bounds };
  }
  getBounds(): FakeRectangle {
    return { ...this.bounds };
  }
  close(): void {
    this.emit('close', { preventDefault() {} });
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

// ——— ipcMain / ipcRenderer / contextBridge ———
class FakeIpcMain extends EventEmitter {
  readonly handlers = new Map<string, Fn>();
  handle = vi.fn((channel: string, fn: Fn) => {
    // Electron refuses a second handler for one channel; so does the fake.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, fn);
  });
  removeHandler = vi.fn((channel: string) => {
    this.handlers.delete(channel);
  });
  /** Calls a registered handler the way ipcMain does for ipcRenderer.invoke, including the clone. */
  async invoke(event: unknown, channel: string, ...args: unknown[]): Promise<unknown> {
    const fn = this.handlers.get(channel) as ((event: unknown, ...a: unknown[]) => unknown) | undefined;
    if (!fn) throw new Error(`No handler registered for '${channel}'`);
    return structuredClone(await fn(event, ...args.map((a) => structuredClone(a))));
  }
  reset(): void {
    this.handlers.clear();
    this.handle.mockClear();
    this.removeHandler.mockClear();
  }
}

class FakeIpcRenderer extends EventEmitter {
  invoke = vi.fn(async (_channel: string, ..._args: unknown[]): Promise<unknown> => undefined);
  send = vi.fn();
  reset(): void {
    this.removeAllListeners();
    this.invoke.mockReset();
    this.invoke.mockImplementation(async () => undefined);
  }
}

function createContextBridge() {
  const bridge = {
    exposed: new Map<string, unknown>(),
    exposeInMainWorld: vi.fn((key: string, api: unknown) => {
      bridge.exposed.set(key, api);
    }),
  };
  return bridge;
}

// ——— protocol, session, shell, dialog, Menu, screen ———
type ProtocolHandler = (request: Request) => Response | Promise<Response>;
function createProtocol() {
  const p = {
    privileged: [] as { scheme: string; privileges?: Record<string, boolean> }[],
    handlers: new Map<string, ProtocolHandler>(),
    registerSchemesAsPrivileged: vi.fn((schemes: { scheme: string; privileges?: Record<string, boolean> }[]) => {
      p.privileged.push(...schemes);
    }),
    handle: vi.fn((scheme: string, handler: ProtocolHandler) => {
      p.handlers.set(scheme, handler);
    }),
    unhandle: vi.fn((scheme: string) => {
      p.handlers.delete(scheme);
    }),
  };
  return p;
}

type PermissionRequestHandler = (wc: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;
type PermissionCheckHandler = (wc: unknown, permission: string, origin: string, details: unknown) => boolean;
export class FakeSession {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;
  devicePermissionHandler: ((details: unknown) => boolean) | null = null;
  setPermissionRequestHandler = vi.fn((h: PermissionRequestHandler | null) => {
    this.permissionRequestHandler = h;
  });
  setPermissionCheckHandler = vi.fn((h: PermissionCheckHandler | null) => {
    this.permissionCheckHandler = h;
  });
  setDevicePermissionHandler = vi.fn((h: ((details: unknown) => boolean) | null) => {
    this.devicePermissionHandler = h;
  });
  spellCheckerLanguages: string[] = [];
  setSpellCheckerLanguages = vi.fn((languages: string[]) => {
    this.spellCheckerLanguages = [...languages];
  });
  addWordToSpellCheckerDictionary = vi.fn((_word: string) => true);
}
const createShell = () => ({
  openExternal: vi.fn(async (_url: string): Promise<void> => undefined),
});

const createDialog = () => ({
  showOpenDialog: vi.fn(async (..._args: unknown[]): Promise<{ canceled: boolean; filePaths: string[] }> => ({
    canceled: true,
    filePaths: [],
  })),
  showSaveDialog: vi.fn(async (..._args: unknown[]): Promise<{ canceled: boolean; filePath?: string }> => ({ canceled: true })),
  showErrorBox: vi.fn((_title: string, _content: string) => undefined),
});

export interface FakeMenu {
  template: unknown[];
  popup: ReturnType<typeof vi.fn>;
}
function createMenu() {
  const m = {
    current: null as FakeMenu | null,
    buildFromTemplate: vi.fn((template: unknown[]): FakeMenu => ({ template, popup: vi.fn() })),
    setApplicationMenu: vi.fn((menu: FakeMenu | null) => {
      m.current = menu;
    }),
    getApplicationMenu: vi.fn(() => m.current),
  };
  return m;
}

export interface FakeDisplay {
  id: number;
  workArea: FakeRectangle;
  bounds: FakeRectangle;
}
const defaultDisplays = (): FakeDisplay[] => [
  { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 }, bounds: { x: 0, y: 0, width: 1920, height: 1080 } },
];
function createScreen() {
  const sc = {
    displays: defaultDisplays(),
    getAllDisplays: vi.fn(() => sc.displays),
    getPrimaryDisplay: vi.fn(() => sc.displays[0]!),
  };
  return sc;
}

function createFakes() {
  return {
    app: new FakeApp(),
    BrowserWindow: FakeBrowserWindow,
    ipcMain: new FakeIpcMain(),
    ipcRenderer: new FakeIpcRenderer(),
    contextBridge: createContextBridge(),
    protocol: createProtocol(),
    session: { defaultSession: new FakeSession() },
    shell: createShell(),
    dialog: createDialog(),
    Menu: createMenu(),
    screen: createScreen(),
  };
}
const store = globalThis as typeof globalThis & { __qalamFakeElectron?: ReturnType<typeof createFakes> };
const fakes = (store.__qalamFakeElectron ??= createFakes());

export const { app, BrowserWindow, ipcMain, ipcRenderer, contextBridge, protocol, session, shell, dialog, Menu, screen } = fakes;
export type BrowserWindow = FakeBrowserWindow;

/** Forget everything recorded: call in beforeEach. */
export function resetFakeElectron(): void {
  app.reset();
  BrowserWindow.instances = [];
  ipcMain.reset();
  ipcRenderer.reset();
  contextBridge.exposed.clear();
  contextBridge.exposeInMainWorld.mockClear();
  protocol.privileged = [];
  protocol.handlers.clear();
  protocol.registerSchemesAsPrivileged.mockClear();
  protocol.handle.mockClear();
  session.defaultSession = new FakeSession();
  shell.openExternal.mockReset();
  shell.openExternal.mockImplementation(async () => undefined);
  dialog.showOpenDialog.mockReset();
  dialog.showOpenDialog.mockImplementation(async () => ({ canceled: true, filePaths: [] }));
  dialog.showSaveDialog.mockReset();
  dialog.showSaveDialog.mockImplementation(async () => ({ canceled: true }));
  dialog.showErrorBox.mockClear();
  Menu.current = null;
  Menu.buildFromTemplate.mockClear();
  Menu.setApplicationMenu.mockClear();
  screen.displays = defaultDisplays();
}

/** An IPC event as ipcMain hands it to a handler: from `contents`, sent by `frame`. */
export function ipcEvent(
  contents: FakeWebContents,
  frame: FakeFrame | null = contents.mainFrame,
): { sender: FakeWebContents; senderFrame: FakeFrame | null } {
  return { sender: contents, senderFrame: frame };
}
