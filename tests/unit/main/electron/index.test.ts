// The lifecycle in src-main/electron/index.ts, run against the fake electron module: each test imports the
// entry afresh, as a new process would.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { MenuItemConstructorOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { app, BrowserWindow, dialog, ipcEvent, ipcMain, Menu, protocol, resetFakeElectron, session } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));
import type { contextMenuTemplate } from '../../../../src-main/electron/spellcheck';

type Item = MenuItemConstructorOptions;
const menuLabels = () => (Menu.current?.template as Item[] | undefined)?.map((i) => i.label);

let userData: string;
const cleanups: (() => void)[] = [];
beforeEach(() => {
  resetFakeElectron();
  userData = app.paths.userData!;
  delete process.env.ELECTRON_RENDERER_URL;
  delete process.env.QALAM_NATIVE_BINDING;
});
afterEach(() => {
  app.emit('will-quit');
  rmSync(userData, { recursive: true, force: true });
  delete process.env.ELECTRON_RENDERER_URL;
  delete process.env.QALAM_NATIVE_BINDING;
  delete (process as { resourcesPath?: string }).resourcesPath;
  while (cleanups.length) cleanups.pop()!();
});

/** Loads the entry as Electron would, lets the app become ready, and waits for start-up. */
async function launch(): Promise<void> {
  vi.resetModules();
  const entry = await import('../../../../src-main/electron/index');
  app.becomeReady();
  await entry.startup;
}

const mainWindow = () => BrowserWindow.instances[0]!;
const invoke = (channel: string, input: unknown) => ipcMain.invoke(ipcEvent(mainWindow().webContents), channel, input);

describe('single instance', () => {
  it('a second instance quits at once, before opening anything', async () => {
    app.singleInstanceLock = false;
    await launch();
    expect(app.quit).toHaveBeenCalledTimes(1);
    expect(app.whenReady).not.toHaveBeenCalled();
    expect(BrowserWindow.instances).toHaveLength(0);
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('the first instance comes to the front when a second one starts', async () => {
    await launch();
    const win = mainWindow();
    win.minimized = true;
    app.emit('second-instance', {}, ['qalam'], '/');
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
    expect(app.quit).not.toHaveBeenCalled();
  });
});

describe('start-up', () => {
  it('registers the app scheme before ready, then opens the store, the window, IPC and the menu', async () => {
    await launch();
    expect(protocol.registerSchemesAsPrivileged.mock.invocationCallOrder[0]).toBeLessThan(
      app.whenReady.mock.invocationCallOrder[0]!,
    );
    expect(app.getPath).toHaveBeenCalledWith('userData');
    expect(existsSync(join(userData, 'qalam.db'))).toBe(true);
    expect(protocol.handlers.has('app')).toBe(true);
    expect(session.defaultSession.permissionRequestHandler).not.toBeNull();
    expect(session.defaultSession.permissionCheckHandler).not.toBeNull();
    expect(BrowserWindow.instances).toHaveLength(1);
    expect(mainWindow().loadedUrl).toBe('app://qalam/index.html');
    expect(ipcMain.handlers.size).toBeGreaterThan(20);
    expect(menuLabels()).toEqual(['File', 'Edit', 'View', 'Help']);
    expect(await invoke('app:get-info', {})).toMatchObject({
      ok: true,
      value: { transport: 'ipc', dataPath: userData, nativeDialogs: true },
    });
  });

  it('rebuilds the menu in Arabic when the UI language changes', async () => {
    await launch();
    expect(await invoke('settings:update', { uiLanguage: 'ar' })).toMatchObject({ ok: true });
    await vi.waitFor(() => expect(menuLabels()).toEqual(['ملف', 'تحرير', 'عرض', 'مساعدة']));
    await invoke('settings:update', { uiLanguage: 'en' });
    await vi.waitFor(() => expect(menuLabels()).toEqual(['File', 'Edit', 'View', 'Help']));
  });

  it('starts with the menu in the stored language', async () => {
    await launch();
    await invoke('settings:update', { uiLanguage: 'ar' });
    app.emit('will-quit');
    resetFakeElectron();
    app.paths.userData = userData;
    await launch();
    expect(menuLabels()).toEqual(['ملف', 'تحرير', 'عرض', 'مساعدة']);
  });

  it('delivers a menu click to the page as a menu:command event', async () => {
    await launch();
    const file = (Menu.current!.template as Item[])[0]!;
    const importItem = (file.submenu as Item[]).find((i) => i.id === 'import')!;
    (importItem.click as () => void)();
    expect(mainWindow().webContents.send).toHaveBeenCalledWith('qalam:event', 'menu:command', { command: 'import' });
  });

  it('loads the dev server only when unpackaged', async () => {
    process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173';
    await launch();
    expect(mainWindow().loadedUrl).toBe('http://localhost:5173');
    const view = (Menu.current!.template as Item[])[2]!;
    expect((view.submenu as Item[]).map((i) => i.role)).toContain('toggleDevTools');
    app.emit('will-quit');

    resetFakeElectron();
    app.paths.userData = userData;
    packaged();
    await launch();
    expect(mainWindow().loadedUrl).toBe('app://qalam/index.html');
  });
});

/** Plays a packaged app: process.resourcesPath holds native/better_sqlite3.node (here the Node build). */
function packaged(withBinding = true): void {
  app.isPackaged = true;
  const resources = mkdtempSync(join(tmpdir(), 'qalam-resources-'));
  cleanups.push(() => rmSync(resources, { recursive: true, force: true }));
  if (withBinding) {
    mkdirSync(join(resources, 'native'));
    const sqlite = dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json'));
    copyFileSync(join(sqlite, 'build', 'Release', 'better_sqlite3.node'), join(resources, 'native', 'better_sqlite3.node'));
  }
  (process as { resourcesPath?: string }).resourcesPath = resources;
}

describe('the native SQLite binding', () => {
  const quietly = async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await launch();
    error.mockRestore();
  };

  it('comes from QALAM_NATIVE_BINDING under npm start', async () => {
    process.env.QALAM_NATIVE_BINDING = join(userData, 'missing.node');
    await quietly();
    expect(dialog.showErrorBox).toHaveBeenCalledTimes(1);
    expect(BrowserWindow.instances).toHaveLength(0);
  });

  it('comes from the app’s resources when packaged, never from the environment', async () => {
    process.env.QALAM_NATIVE_BINDING = join(userData, 'missing.node');
    packaged();
    await launch();
    expect(dialog.showErrorBox).not.toHaveBeenCalled();
    expect(existsSync(join(userData, 'qalam.db'))).toBe(true);
    expect(BrowserWindow.instances).toHaveLength(1);
  });

  it('is looked for in the resources only: a packaged app without it does not start', async () => {
    packaged(false);
    await quietly();
    expect(dialog.showErrorBox).toHaveBeenCalledTimes(1);
    expect(dialog.showErrorBox.mock.calls[0]![1]).toContain('better_sqlite3.node');
    expect(BrowserWindow.instances).toHaveLength(0);
  });
});

describe('a database that cannot be opened', () => {
  it('shows a translated error box (not a stack trace) and exits', async () => {
    writeFileSync(join(userData, 'qalam.db'), 'this is not a database, just text that fills the header '.repeat(100));
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await launch();
    error.mockRestore();
    expect(dialog.showErrorBox).toHaveBeenCalledTimes(1);
    const [title, message] = dialog.showErrorBox.mock.calls[0]!;
    expect(title).toBe('Qalam cannot start');
    expect(message).toContain('damaged');
    expect(message).toContain(join(userData, 'qalam.db'));
    expect(message).not.toMatch(/\n\s+at /);
    expect(app.exit).toHaveBeenCalledWith(1);
    expect(BrowserWindow.instances).toHaveLength(0);
  });

  it('says so in Arabic on an Arabic system, for a database from a newer Qalam', async () => {
    const db = new Database(join(userData, 'qalam.db'));
    db.pragma('user_version = 999');
    db.close();
    app.preferredLanguages = ['ar-EG', 'en-US'];
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await launch();
    error.mockRestore();
    const [title, message] = dialog.showErrorBox.mock.calls[0]!;
    expect(title).toBe('تعذّر تشغيل قلم');
    expect(message).toContain('بإصدار أحدث');
    expect(app.exit).toHaveBeenCalledWith(1);
  });
});

describe('any other start-up failure', () => {
  it('ends in the same kind of error box and a clean exit, not an unhandled rejection', async () => {
    Menu.buildFromTemplate.mockImplementationOnce(() => {
      throw new Error('menu broke\n    at somewhere.ts:1');
    });
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await launch();
    error.mockRestore();
    expect(dialog.showErrorBox).toHaveBeenCalledWith(
      'Qalam cannot start',
      'Qalam could not start (menu broke). Please report this problem.',
    );
    expect(app.exit).toHaveBeenCalledWith(1);
    expect(ipcMain.handlers.size).toBe(0);
  });
});

describe('windows and quitting', () => {
  it('quits when the last window closes (not on macOS) and closes the database on quit', async () => {
    await launch();
    await invoke('settings:update', { userName: 'Tariq' });
    expect(existsSync(join(userData, 'qalam.db-wal'))).toBe(true);
    mainWindow().close();
    expect(existsSync(join(userData, 'window-state.json'))).toBe(true);
    app.emit('window-all-closed');
    expect(app.quit).toHaveBeenCalledTimes(process.platform === 'darwin' ? 0 : 1);
    app.emit('will-quit');
    // The last connection closing checkpoints and removes the WAL file.
    expect(existsSync(join(userData, 'qalam.db-wal'))).toBe(false);
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('reopens a window on activate when there is none (macOS dock click)', async () => {
    await launch();
    mainWindow().close();
    app.emit('activate');
    expect(BrowserWindow.instances).toHaveLength(2);
    expect(BrowserWindow.instances[1]!.loadedUrl).toBe('app://qalam/index.html');
    // IPC now answers the new window, not the closed one.
    expect(await ipcMain.invoke(ipcEvent(BrowserWindow.instances[1]!.webContents), 'settings:get', {})).toMatchObject({
      ok: true,
    });
    expect(await ipcMain.invoke(ipcEvent(BrowserWindow.instances[0]!.webContents), 'settings:get', {})).toMatchObject({
      ok: false,
    });
  });
});

describe('spelling (issue 11.5)', () => {
  type Params = Parameters<typeof contextMenuTemplate>[0];
  const params = (over: Partial<Params> = {}): Params => ({
    misspelledWord: '',
    dictionarySuggestions: [],
    isEditable: true,
    selectionText: '',
    editFlags: { canCut: true, canCopy: true, canPaste: true } as Params['editFlags'],
    ...over,
  });
  /** Right-clicks in the page and returns the menu that popped up (or null). */
  function rightClick(p: Params): { items: Item[]; popup: ReturnType<typeof vi.fn> } | null {
    const before = Menu.buildFromTemplate.mock.results.length;
    mainWindow().webContents.emit('context-menu', { preventDefault() {} }, p);
    const built = Menu.buildFromTemplate.mock.results[before]?.value as
      { template: Item[]; popup: ReturnType<typeof vi.fn> } | undefined;
    return built ? { items: built.template, popup: built.popup } : null;
  }
  const click = (item: Item | undefined) => (item!.click as () => void)();

  it('sets the spellchecker to English for the session', async () => {
    await launch();
    expect(session.defaultSession.setSpellCheckerLanguages).toHaveBeenCalledWith(['en-US']);
    expect(session.defaultSession.spellCheckerLanguages).toEqual(['en-US']);
  });

  it('offers suggestions that replace the word, and Add to Dictionary that also tells QA', async () => {
    await launch();
    const menu = rightClick(
      params({ misspelledWord: 'agressor', dictionarySuggestions: ['aggressor', 'aggressors', 'a', 'b', 'c', 'd'] }),
    )!;
    expect(menu.popup).toHaveBeenCalled();
    expect(menu.items.filter((i) => i.type !== 'separator').map((i) => i.label)).toEqual([
      'aggressor',
      'aggressors',
      'a',
      'b',
      'c',
      'Add to Dictionary',
      'Cut',
      'Copy',
      'Paste',
    ]);
    click(menu.items[0]);
    expect(mainWindow().webContents.replaceMisspelling).toHaveBeenCalledWith('aggressor');

    const zakharova = rightClick(params({ misspelledWord: 'Zakharova' }))!;
    expect(zakharova.items[0]).toMatchObject({ label: 'No spelling suggestions', enabled: false });
    click(zakharova.items.find((i) => i.id === 'spell-add'));
    expect(session.defaultSession.addWordToSpellCheckerDictionary).toHaveBeenCalledWith('Zakharova');
    // The QA spelling check accepts it too: it is in the user's dictionary.
    await expect
      .poll(async () => ((await invoke('qa:list-words', {})) as { value: { words: string[] } }).value.words)
      .toContain('Zakharova');
  });

  it('without a misspelling: Cut/Copy/Paste as the field allows; outside a field only Copy of a selection', async () => {
    await launch();
    const field = rightClick(params({ editFlags: { canCut: false, canCopy: false, canPaste: true } as Params['editFlags'] }))!;
    expect(field.items.map((i) => [i.role, i.enabled])).toEqual([
      ['cut', false],
      ['copy', false],
      ['paste', true],
    ]);
    expect(rightClick(params({ isEditable: false, selectionText: 'السلام' }))!.items.map((i) => i.role)).toEqual(['copy']);
    expect(rightClick(params({ isEditable: false }))).toBeNull();
  });

  it('labels follow the UI language', async () => {
    await launch();
    await invoke('settings:update', { uiLanguage: 'ar' });
    // The menu's language follows once the application menu has re-read the settings.
    await expect
      .poll(() =>
        rightClick(params({ misspelledWord: 'Zakharova' }))!
          .items.filter((i) => i.type !== 'separator')
          .map((i) => i.label),
      )
      .toEqual(['لا اقتراحات إملائية', 'أضف إلى القاموس', 'قص', 'نسخ', 'لصق']);
  });
});
