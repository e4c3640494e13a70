import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Bridge } from '../../../../src-main/shared/contract';
import { contextBridge, ipcRenderer, resetFakeElectron } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const PRELOAD = resolve(__dirname, '../../../../src-main/electron/preload.ts');

/** Runs the preload afresh (as a new page would) and returns what it exposed as window.qalam. */
async function loadPreload(): Promise<Bridge> {
  vi.resetModules();
  await import('../../../../src-main/electron/preload');
  return contextBridge.exposed.get('qalam') as Bridge;
}

beforeEach(() => resetFakeElectron());

describe('preload', () => {
  it('exposes exactly window.qalam with invoke and on', async () => {
    const bridge = await loadPreload();
    expect(contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect([...contextBridge.exposed.keys()]).toEqual(['qalam']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
    expect(typeof bridge.invoke).toBe('function');
    expect(typeof bridge.on).toBe('function');
  });

  it('forwards invoke to ipcRenderer.invoke and returns its result untouched', async () => {
    const bridge = await loadPreload();
    const result = { ok: true as const, value: [] };
    ipcRenderer.invoke.mockResolvedValueOnce(result);
    await expect(bridge.invoke('documents:list', {})).resolves.toBe(result);
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('documents:list', {});
  });

  it('delivers events by name, with the payload only (never the IpcRendererEvent)', async () => {
    const bridge = await loadPreload();
    const changed = vi.fn();
    const menu = vi.fn();
    bridge.on('pairs:changed', changed);
    bridge.on('menu:command', menu);
    const ipcEvent = { sender: ipcRenderer, senderId: 0 };
    ipcRenderer.emit('qalam:event', ipcEvent, 'pairs:changed', { documentId: 1, pairIds: [2] });
    ipcRenderer.emit('qalam:event', ipcEvent, 'menu:command', { command: 'find' });
    expect(changed.mock.calls).toEqual([[{ documentId: 1, pairIds: [2] }]]);
    expect(menu.mock.calls).toEqual([[{ command: 'find' }]]);
  });

  it('unsubscribes, and one failing listener does not starve the others', async () => {
    const bridge = await loadPreload();
    const first = vi.fn(() => {
      throw new Error('page bug');
    });
    const second = vi.fn();
    const off = bridge.on('documents:changed', second);
    bridge.on('documents:changed', first);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    ipcRenderer.emit('qalam:event', {}, 'documents:changed', { documentId: 1 });
    expect(second).toHaveBeenCalledTimes(1);
    off();
    ipcRenderer.emit('qalam:event', {}, 'documents:changed', { documentId: 2 });
    expect(second).toHaveBeenCalledTimes(1);
    expect(first).toHaveBeenCalledTimes(2);
    error.mockRestore();
  });

  it('keeps one ipcRenderer listener however many subscriptions there are', async () => {
    const bridge = await loadPreload();
    for (let i = 0; i < 50; i++) bridge.on('import:progress', () => undefined);
    expect(ipcRenderer.listenerCount('qalam:event')).toBe(1);
  });

  it('listens on the channel the IPC transport sends on', async () => {
    vi.resetModules();
    const { IPC_EVENT_CHANNEL } = await import('../../../../src-main/shared/wire');
    await loadPreload();
    expect(ipcRenderer.eventNames()).toEqual([IPC_EVENT_CHANNEL]);
  });

  it('imports nothing at run time but electron and the dependency-free wire strings (a sandboxed preload cannot require anything else)', () => {
    const runtimeImports = (file: string) =>
      [...readFileSync(file, 'utf8').matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^']+)'/gm)].map((m) => m[1]);
    expect(runtimeImports(PRELOAD)).toEqual(['electron', '../shared/wire']);
    // Bundled into the preload, so it must import nothing itself.
    expect(runtimeImports(resolve(PRELOAD, '../../shared/wire.ts'))).toEqual([]);
  });
});
