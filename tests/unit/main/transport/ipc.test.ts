import type { BrowserWindow as ElectronWindow } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BrowserWindow, FakeFrame, FakeWebContents, ipcEvent, ipcMain, resetFakeElectron } from '../electron/fake-electron';
import { testRuntime, type TestRuntime } from '../helpers';

vi.mock('electron', () => import('../electron/fake-electron'));

const { registerIpc, isTrustedSender } = await import('../../../../src-main/transport/ipc');
const { IPC_EVENT_CHANNEL } = await import('../../../../src-main/shared/wire');
const { createAppUrlCheck, APP_ENTRY_URL } = await import('../../../../src-main/electron/window');
const { CHANNELS } = await import('../../../../src-main/shared/contract');
const { EventBus } = await import('../../../../src-main/services/events');
const { ok } = await import('../../../../src-main/shared/errors');

const isAppUrl = createAppUrlCheck();

function appWindow(url = APP_ENTRY_URL): BrowserWindow {
  const win = new BrowserWindow();
  win.webContents.mainFrame.url = url;
  return win;
}

function setup(win: BrowserWindow | null = appWindow()) {
  const events = new EventBus();
  const dispatch = vi.fn(async (_channel: string, input: unknown) => ok({ echoed: input }));
  const dispose = registerIpc({ dispatch, events, getWindow: () => win as unknown as ElectronWindow | null, isAppUrl });
  return { win, events, dispatch, dispose };
}

beforeEach(() => resetFakeElectron());

describe('registration', () => {
  it('handles every contract channel and removes them all on dispose', () => {
    const { dispose } = setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('passes the input of a trusted sender to dispatch', async () => {
    const { win, dispatch } = setup();
    const result = await ipcMain.invoke(ipcEvent(win!.webContents), 'documents:get', { documentId: 4 });
    expect(dispatch).toHaveBeenCalledWith('documents:get', { documentId: 4 });
    expect(result).toEqual({ ok: true, value: { echoed: { documentId: 4 } } });
  });

  it('turns a dispatch that throws into an internal error instead of a rejected invoke', async () => {
    const win = appWindow();
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    registerIpc({
      dispatch: async () => {
        throw new Error('boom at /home/user/secret.ts:1');
      },
      events: new EventBus(),
      getWindow: () => win as unknown as ElectronWindow,
      isAppUrl,
    });
    const result = await ipcMain.invoke(ipcEvent(win.webContents), 'settings:get', {});
    expect(result).toEqual({ ok: false, error: { code: 'internal', key: 'errors.internal' } });
    error.mockRestore();
  });
});

describe('sender frame check', () => {
  const forbidden = { ok: false, error: { code: 'forbidden', key: 'errors.forbidden', params: { reason: 'sender' } } };

  it('refuses another webContents (e.g. a second window or devtools)', async () => {
    const { dispatch } = setup();
    const stranger = new FakeWebContents(APP_ENTRY_URL);
    expect(await ipcMain.invoke(ipcEvent(stranger), 'documents:list', {})).toEqual(forbidden);
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses a subframe of our window, even one showing an app URL', async () => {
    const { win, dispatch } = setup();
    const iframe = new FakeFrame(APP_ENTRY_URL, win!.webContents.mainFrame);
    expect(await ipcMain.invoke(ipcEvent(win!.webContents, iframe), 'documents:list', {})).toEqual(forbidden);
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses a top frame that is not the main frame', async () => {
    const { win } = setup();
    const other = new FakeFrame(APP_ENTRY_URL, null, 'other-token');
    expect(await ipcMain.invoke(ipcEvent(win!.webContents, other), 'documents:list', {})).toEqual(forbidden);
  });

  it('refuses our main frame once it shows a foreign page', async () => {
    const { win, dispatch } = setup(appWindow('https://evil.example/'));
    expect(await ipcMain.invoke(ipcEvent(win!.webContents), 'documents:list', {})).toEqual(forbidden);
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses a stale frame (senderFrame null), a closed window, and no window', async () => {
    const { win } = setup();
    expect(await ipcMain.invoke(ipcEvent(win!.webContents, null), 'documents:list', {})).toEqual(forbidden);
    win!.close();
    expect(await ipcMain.invoke(ipcEvent(win!.webContents), 'documents:list', {})).toEqual(forbidden);
    resetFakeElectron();
    setup(null);
    expect(await ipcMain.invoke(ipcEvent(new FakeWebContents(APP_ENTRY_URL)), 'documents:list', {})).toEqual(forbidden);
  });

  it('accepts the dev server page only when running under electron-vite dev', () => {
    const win = appWindow('http://localhost:5173/');
    const event = ipcEvent(win.webContents) as never;
    expect(isTrustedSender(event, win as unknown as ElectronWindow, createAppUrlCheck())).toBe(false);
    expect(isTrustedSender(event, win as unknown as ElectronWindow, createAppUrlCheck('http://localhost:5173'))).toBe(true);
  });
});

describe('validation (through the real dispatch)', () => {
  let rt: TestRuntime;
  afterEach(() => rt.dispose());

  it('answers bad_input for malformed payloads', async () => {
    rt = testRuntime();
    const win = appWindow();
    registerIpc({ dispatch: rt.dispatch, events: rt.ctx.events, getWindow: () => win as unknown as ElectronWindow, isAppUrl });
    const e = ipcEvent(win.webContents);
    for (const [channel, input] of [
      ['pairs:list', { documentId: '1', offset: 0, limit: 10 }],
      ['settings:update', { uiLanguage: 'fr' }],
      ['documents:get', { documentId: 1, extra: true }],
      ['documents:import', { fileName: 'x.txt', dataBase64: 'not base64!' }],
      ['documents:list', 'a string'],
    ] as const) {
      const result = (await ipcMain.invoke(e, channel, input)) as { ok: boolean; error?: { code: string } };
      expect(result.ok, channel).toBe(false);
      expect(result.error?.code, channel).toBe('bad_input');
    }
  });
});

describe('events', () => {
  it('forwards every EventBus event to the window on one channel', () => {
    const { win, events } = setup();
    events.emit('pairs:changed', { documentId: 1, pairIds: [5] });
    events.emit('menu:command', { command: 'import' });
    expect(win!.webContents.send.mock.calls).toEqual([
      [IPC_EVENT_CHANNEL, 'pairs:changed', { documentId: 1, pairIds: [5] }],
      [IPC_EVENT_CHANNEL, 'menu:command', { command: 'import' }],
    ]);
  });

  it('sends nothing to a foreign page, a closed window, or after dispose', () => {
    const foreign = setup(appWindow('https://evil.example/'));
    foreign.events.emit('documents:changed', { documentId: 1 });
    expect(foreign.win!.webContents.send).not.toHaveBeenCalled();
    foreign.dispose();

    const closed = setup();
    closed.win!.close();
    closed.events.emit('documents:changed', { documentId: 1 });
    expect(closed.win!.webContents.send).not.toHaveBeenCalled();
    closed.dispose();

    const disposed = setup();
    disposed.dispose();
    disposed.events.emit('documents:changed', { documentId: 1 });
    expect(disposed.win!.webContents.send).not.toHaveBeenCalled();
  });
});
