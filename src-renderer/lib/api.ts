// The renderer's one door to the main process. In Electron the preload exposes `window.qalam`; in
// the browser preview and the tests the same Bridge is built over the loopback HTTP bridge. Nothing
// else in the renderer knows which one it runs on.
import type { Bridge, Channel, EventName, Events, Input, Output } from '../../src-main/shared/contract';
import { appError, type AppError, type Result } from '../../src-main/shared/errors';
import { HTTP_EVENTS_PATH, HTTP_INVOKE_PATH } from '../../src-main/shared/wire';

declare global {
  interface Window {
    qalam?: Bridge;
  }
}

/** Thrown by `api.call`: carries the AppError so callers can show `errors.<code>`. */
export class ApiError extends Error {
  readonly error: AppError;
  constructor(error: AppError) {
    super(error.code);
    this.name = 'ApiError';
    this.error = error;
  }
}

function isResult(v: unknown): v is Result<unknown> {
  if (typeof v !== 'object' || v === null || !('ok' in v)) return false;
  const r = v as { ok: unknown; error?: { code?: unknown } };
  return r.ok === true ? 'value' in r : r.ok === false && typeof r.error?.code === 'string';
}

type AnyListener = (payload: unknown) => void;

/**
 * The page has no secret of its own: the bridge knows it by its HttpOnly session cookie, which the
 * browser sends with every same-origin request and event stream.
 */
export interface HttpBridgeDeps {
  fetch: typeof fetch;
  EventSource: typeof EventSource;
  base?: string;
}

/** The Bridge over `POST /api/invoke/<channel>` and `GET /api/events` (Server-Sent Events). */
export function createHttpBridge(deps: HttpBridgeDeps): Bridge {
  const base = deps.base ?? '';
  const listeners = new Map<EventName, Set<AnyListener>>();
  const attached = new Set<EventName>();
  let source: EventSource | null = null;

  function attach(event: EventName): void {
    if (attached.has(event)) return;
    source ??= new deps.EventSource(`${base}${HTTP_EVENTS_PATH}`);
    attached.add(event);
    source.addEventListener(event, (msg) => {
      let payload: unknown;
      try {
        payload = JSON.parse((msg as MessageEvent<string>).data);
      } catch {
        return;
      }
      for (const l of [...(listeners.get(event) ?? [])]) l(payload);
    });
  }

  return {
    async invoke<C extends Channel>(channel: C, input: Input<C>): Promise<Result<Output<C>>> {
      try {
        const res = await deps.fetch(`${base}${HTTP_INVOKE_PATH}${channel}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(input ?? {}),
        });
        const body: unknown = await res.json().catch(() => null);
        if (isResult(body)) return body as Result<Output<C>>;
        return { ok: false, error: appError('internal', { status: res.status }) };
      } catch {
        return { ok: false, error: appError('internal') };
      }
    },
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      set.add(listener as AnyListener);
      attach(event);
      return () => set.delete(listener as AnyListener);
    },
  };
}

/** `window.qalam` when the preload provided it, else the HTTP bridge of the page's own origin. */
export function resolveBridge(win: Window & typeof globalThis = window): Bridge {
  if (win.qalam) return win.qalam;
  return createHttpBridge({ fetch: win.fetch.bind(win), EventSource: win.EventSource });
}

export interface Api {
  /** Never rejects: a failure of any kind comes back as a failed Result. */
  invoke<C extends Channel>(channel: C, input: Input<C>): Promise<Result<Output<C>>>;
  /** The value, or throws an ApiError carrying the AppError. */
  call<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}

export function createApi(getBridge: () => Bridge): Api {
  let bridge: Bridge | null = null;
  const b = () => (bridge ??= getBridge());
  const invoke = async <C extends Channel>(channel: C, input: Input<C>): Promise<Result<Output<C>>> => {
    try {
      const r = await b().invoke(channel, input);
      return isResult(r) ? r : { ok: false, error: appError('internal') };
    } catch {
      return { ok: false, error: appError('internal') };
    }
  };
  return {
    invoke,
    async call(channel, input) {
      const r = await invoke(channel, input);
      if (!r.ok) throw new ApiError(r.error);
      return r.value;
    },
    on(event, listener) {
      return b().on(event, (payload) => {
        try {
          listener(payload);
        } catch (e) {
          console.warn('[qalam] event listener failed:', event, e);
        }
      });
    },
  };
}

export const api: Api = createApi(() => resolveBridge());
