// window.qalam: the contract's Bridge over ipcRenderer, nothing more. A sandboxed preload can only
// require('electron'), so the contract is imported as types and the one value it needs comes from
// shared/wire.ts, which imports nothing and is bundled in.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Bridge, EventName, Events } from '../shared/contract';
import { IPC_EVENT_CHANNEL } from '../shared/wire';

type Listener = (payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();

// One ipcRenderer listener for all subscriptions: the page never sees the IpcRendererEvent (it
// carries `sender`, i.e. ipcRenderer itself).
ipcRenderer.on(IPC_EVENT_CHANNEL, (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
  if (typeof name !== 'string') return;
  for (const listener of [...(listeners.get(name) ?? [])]) {
    try {
      listener(payload);
    } catch (e) {
      console.error('[qalam] event listener failed:', e);
    }
  }
});

const bridge: Bridge = {
  invoke: (channel, input) => ipcRenderer.invoke(channel, input),
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void) {
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    const l = listener as Listener;
    set.add(l);
    return () => {
      set.delete(l);
    };
  },
};

contextBridge.exposeInMainWorld('qalam', bridge);
