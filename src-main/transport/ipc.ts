// The Electron transport: every contract channel on ipcMain.handle, answered only for our own
// window's top frame showing our own page. Validation happens in dispatch, as for HTTP.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { EventBus } from '../services/events';
import { CHANNELS } from '../shared/contract';
import { fail, type Result } from '../shared/errors';
import { IPC_EVENT_CHANNEL } from '../shared/wire';
import type { Dispatch } from './dispatch';

export interface IpcBridgeOptions {
  dispatch: Dispatch;
  events: EventBus;
  /** The app window; requests from any other webContents are refused. */
  getWindow: () => BrowserWindow | null;
  /** Whether a URL belongs to the app (app://qalam, or the dev server in development). */
  isAppUrl: (url: string) => boolean;
}

/**
 * A message counts as ours only if it comes from the app window's webContents, from its top frame
 * (not an iframe), and that frame is showing an app URL. Anything else could be content that got
 * in through a bug, and must not reach the store.
 */
export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  win: BrowserWindow | null,
  isAppUrl: (url: string) => boolean,
): boolean {
  if (!win || win.isDestroyed()) return false;
  const contents = win.webContents;
  if (event.sender !== contents) return false;
  const frame = event.senderFrame;
  // senderFrame is null once the frame navigated away or was destroyed: the request is stale.
  if (!frame || frame.parent !== null) return false;
  const main = contents.mainFrame;
  if (frame !== main && frame.frameToken !== main.frameToken) return false;
  return isAppUrl(frame.url);
}

/** Registers the handlers and event forwarding; the returned function undoes both. */
export function registerIpc(opts: IpcBridgeOptions): () => void {
  const handle = async (event: IpcMainInvokeEvent, channel: string, input: unknown): Promise<Result<unknown>> => {
    if (!isTrustedSender(event, opts.getWindow(), opts.isAppUrl)) return fail('forbidden', { reason: 'sender' });
    try {
      return await opts.dispatch(channel, input);
    } catch (e) {
      // dispatch turns handler errors into Results already; this guards the guarantee that an
      // invoke never rejects in the renderer with a main-process stack.
      console.error('[qalam] ipc:', e);
      return fail('internal');
    }
  };
  for (const channel of CHANNELS) ipcMain.handle(channel, (event, input: unknown) => handle(event, channel, input));

  const offEvents = opts.events.onAny((name, payload) => {
    const win = opts.getWindow();
    if (!win || win.isDestroyed()) return;
    const contents = win.webContents;
    // Never hand data to a page that is not ours (the guards should make this impossible).
    if (contents.isDestroyed() || !opts.isAppUrl(contents.getURL())) return;
    contents.send(IPC_EVENT_CHANNEL, name, payload);
  });

  return () => {
    for (const channel of CHANNELS) ipcMain.removeHandler(channel);
    offEvents();
  };
}
