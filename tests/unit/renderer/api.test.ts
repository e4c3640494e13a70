import { describe, expect, it, vi } from 'vitest';
import type { Bridge } from '../../../src-main/shared/contract';
import { ApiError, createApi, createHttpBridge, resolveBridge } from '../../../src-renderer/lib/api';

class FakeEventSource {
  static last: FakeEventSource | null = null;
  listeners = new Map<string, ((e: MessageEvent<string>) => void)[]>();
  constructor(readonly url: string) {
    FakeEventSource.last = this;
  }
  addEventListener(name: string, l: (e: MessageEvent<string>) => void) {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), l]);
  }
  emit(name: string, data: string) {
    for (const l of this.listeners.get(name) ?? []) l(new MessageEvent(name, { data }));
  }
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function http(fetchImpl: typeof fetch) {
  return createHttpBridge({ fetch: fetchImpl, EventSource: FakeEventSource as unknown as typeof EventSource });
}

describe('HTTP bridge', () => {
  it("posts JSON to /api/invoke/<channel>, with no secret of its own (the session cookie is the browser's), and returns the Result", async () => {
    const fetchImpl = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => json({ ok: true, value: { deleted: 1 } }));
    const r = await http(fetchImpl as typeof fetch).invoke('documents:delete', { documentId: 3 });
    expect(r).toEqual({ ok: true, value: { deleted: 1 } });
    const [url, init] = fetchImpl.mock.calls[0]!;
    expect(url).toBe('/api/invoke/documents:delete');
    expect(init?.method).toBe('POST');
    expect(init?.headers).toEqual({ 'content-type': 'application/json' });
    expect(init?.credentials ?? 'same-origin').toBe('same-origin');
    expect(JSON.parse(String(init?.body))).toEqual({ documentId: 3 });
  });

  it('passes a failed Result through', async () => {
    const r = await http(async () =>
      json({ ok: false, error: { code: 'conflict', key: 'errors.conflict', params: { currentVersion: 4 } } }),
    ).invoke('pairs:get', { pairId: 1 });
    expect(r).toEqual({ ok: false, error: { code: 'conflict', key: 'errors.conflict', params: { currentVersion: 4 } } });
  });

  it('turns a network failure, a refusal or garbage into an internal error, never a rejection', async () => {
    const down = await http(async () => Promise.reject(new TypeError('Failed to fetch'))).invoke('settings:get', {});
    expect(down).toEqual({ ok: false, error: { code: 'internal', key: 'errors.internal' } });
    const refused = await http(async () => new Response('refused: token\n', { status: 401 })).invoke('settings:get', {});
    expect(refused.ok === false && refused.error.code).toBe('internal');
    const odd = await http(async () => json({ hello: 1 })).invoke('settings:get', {});
    expect(odd.ok === false && odd.error.code).toBe('internal');
  });

  it('opens one event stream, with no token in its URL, and delivers parsed payloads', () => {
    const bridge = http(async () => json({ ok: true, value: null }));
    const seen: unknown[] = [];
    const off = bridge.on('pairs:changed', (p) => seen.push(p));
    bridge.on('documents:changed', (p) => seen.push(p));
    const es = FakeEventSource.last!;
    expect(es.url).toBe('/api/events');
    es.emit('pairs:changed', JSON.stringify({ documentId: 1, pairIds: [2] }));
    es.emit('documents:changed', JSON.stringify({ documentId: null }));
    es.emit('pairs:changed', 'not json');
    off();
    es.emit('pairs:changed', JSON.stringify({ documentId: 9, pairIds: [] }));
    expect(seen).toEqual([{ documentId: 1, pairIds: [2] }, { documentId: null }]);
    expect(FakeEventSource.last).toBe(es);
  });
});

describe('api', () => {
  it('call() returns the value or throws an ApiError carrying the AppError', async () => {
    const bridge: Bridge = {
      invoke: (async (channel: string) =>
        channel === 'settings:get'
          ? { ok: true, value: { userName: 'x' } }
          : { ok: false, error: { code: 'forbidden', key: 'errors.forbidden' } }) as Bridge['invoke'],
      on: () => () => {},
    };
    const api = createApi(() => bridge);
    await expect(api.call('settings:get', {})).resolves.toEqual({ userName: 'x' });
    const err = await api.call('documents:delete', { documentId: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).error.code).toBe('forbidden');
  });

  it('turns a throwing bridge into an internal Result', async () => {
    const api = createApi(() => ({ invoke: () => Promise.reject(new Error('ipc down')), on: () => () => {} }) as Bridge);
    expect(await api.invoke('settings:get', {})).toEqual({ ok: false, error: { code: 'internal', key: 'errors.internal' } });
  });

  it('keeps a throwing event listener from breaking the others', () => {
    let deliver: (p: unknown) => void = () => {};
    const api = createApi(
      () => ({ invoke: vi.fn(), on: (_e: string, l: (p: unknown) => void) => ((deliver = l), () => {}) }) as unknown as Bridge,
    );
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    api.on('menu:command', () => {
      throw new Error('boom');
    });
    expect(() => deliver({ command: 'help' })).not.toThrow();
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });

  it('chooses window.qalam when the preload provided it, else HTTP to its own origin', async () => {
    const preload = { invoke: vi.fn(), on: vi.fn() } as unknown as Bridge;
    expect(resolveBridge({ ...window, qalam: preload } as Window & typeof globalThis)).toBe(preload);

    const fetchImpl = vi.fn(async (_u: RequestInfo | URL, _i?: RequestInit) => json({ ok: true, value: 1 }));
    const fake = { document, fetch: fetchImpl, EventSource: FakeEventSource } as unknown as Window & typeof globalThis;
    await resolveBridge(fake).invoke('settings:get', {});
    expect(fetchImpl.mock.calls[0]![0]).toBe('/api/invoke/settings:get');
  });
});
