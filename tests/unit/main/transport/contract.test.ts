// One contract, two transports: the same calls through IPC (transport/ipc.ts with a faked ipcMain,
// handlers invoked with an event from the app's main frame) and through the real loopback HTTP
// bridge must give the same answers, each against its own fresh store.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserWindow as ElectronWindow } from 'electron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BrowserWindow, ipcEvent, ipcMain, resetFakeElectron } from '../electron/fake-electron';
import { SAMPLE_PATH } from '../helpers';

vi.mock('electron', () => import('../electron/fake-electron'));

const { registerIpc } = await import('../../../../src-main/transport/ipc');
const { startHttpBridge, TOKEN_HEADER } = await import('../../../../src-main/transport/http');
const { openRuntime } = await import('../../../../src-main/runtime');
const { APP_ENTRY_URL, createAppUrlCheck } = await import('../../../../src-main/electron/window');
import type { Runtime } from '../../../../src-main/runtime';
import { contract } from '../../../../src-main/shared/contract';

type Call = (channel: string, input: unknown) => Promise<unknown>;
interface Transport {
  call: Call;
  close(): Promise<void>;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** A fresh store in its own folder, with a clock that ticks one second per call. */
function freshRuntime(transport: 'ipc' | 'http'): Runtime {
  const dir = mkdtempSync(join(tmpdir(), `qalam-contract-${transport}-`));
  const rt = openRuntime({ dataDir: dir, transport });
  let t = Date.parse('2026-03-01T09:00:00.000Z');
  rt.ctx.now = () => new Date((t += 1000)).toISOString();
  cleanups.push(() => {
    rt.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return rt;
}

function ipcTransport(): Transport {
  resetFakeElectron();
  const rt = freshRuntime('ipc');
  const win = new BrowserWindow();
  win.webContents.mainFrame.url = APP_ENTRY_URL;
  const dispose = registerIpc({
    dispatch: rt.dispatch,
    events: rt.ctx.events,
    getWindow: () => win as unknown as ElectronWindow,
    isAppUrl: createAppUrlCheck(),
  });
  const event = ipcEvent(win.webContents);
  return {
    // ipcMain.invoke of the fake structured-clones input and output, as Electron does.
    call: (channel, input) => ipcMain.invoke(event, channel, input),
    close: async () => dispose(),
  };
}

async function httpTransport(): Promise<Transport & { url: string; token: string; port: number }> {
  const rt = freshRuntime('http');
  const bridge = await startHttpBridge({ dispatch: rt.dispatch, events: rt.ctx.events });
  cleanups.push(() => bridge.close());
  return {
    url: bridge.url,
    token: bridge.token,
    port: bridge.port,
    call: async (channel, input) => {
      const res = await fetch(`${bridge.url}/api/invoke/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TOKEN_HEADER]: bridge.token },
        body: JSON.stringify(input),
      });
      return res.json();
    },
    close: () => bridge.close(),
  };
}

interface Ok<T> {
  ok: true;
  value: T;
}
const value = <T>(r: unknown): T => {
  expect(r).toMatchObject({ ok: true });
  return (r as Ok<T>).value;
};

/** The scenario from the issue; returns every answer in order. */
async function scenario(call: Call): Promise<unknown[]> {
  const answers: unknown[] = [];
  const step = async (channel: string, input: unknown) => {
    const r = await call(channel, input);
    answers.push({ channel, result: r });
    return r;
  };
  await step('settings:update', { userName: 'Tariq Translator', role: 'translator', uiLanguage: 'ar' });
  const dataBase64 = readFileSync(SAMPLE_PATH).toString('base64');
  const doc = value<{ id: number }>(await step('documents:import', { fileName: 'news-article-ar.txt', dataBase64 }));
  await step('documents:list', {});
  const page = value<{ items: { id: number; version: number }[] }>(
    await step('pairs:list', { documentId: doc.id, offset: 0, limit: 50 }),
  );
  const first = page.items[0]!;
  await step('pairs:update-target', {
    pairId: first.id,
    target: 'The Russian foreign ministry spokeswoman said her country is not an aggressor.',
    expectedVersion: first.version,
  });
  // Same expected version again: someone else's edit got in first.
  await step('pairs:update-target', { pairId: first.id, target: 'A stale edit', expectedVersion: first.version });
  await step('stats:document', { documentId: doc.id });
  return answers;
}

describe('IPC and HTTP give identical results', () => {
  it('for the import-edit-conflict-stats scenario', async () => {
    const ipc = ipcTransport();
    const http = await httpTransport();
    const viaIpc = await scenario(ipc.call);
    const viaHttp = await scenario(http.call);

    // Both stores run on the same fixed clock, so even the timestamps must match.
    expect(viaIpc).toEqual(viaHttp);
    // The scenario really did what it claims (identical failures would also be "equal").
    const results = viaIpc.map((a) => (a as { result: { ok: boolean; error?: { code: string } } }).result);
    expect(results.map((r) => r.ok)).toEqual([true, true, true, true, true, false, true]);
    expect(results[5]!.error?.code).toBe('conflict');
    const stats = (results[6] as Ok<{ total: { segments: number }; byStatus: { draft: { segments: number } } }>).value;
    expect(stats.total.segments).toBeGreaterThan(1);
    expect(stats.byStatus.draft.segments).toBe(1);
    const list = (results[2] as Ok<{ name: string }[]>).value;
    expect(list).toHaveLength(1);
  });

  it('refuses the same malformed payloads with bad_input', async () => {
    const ipc = ipcTransport();
    const http = await httpTransport();
    const malformed: [string, unknown][] = [
      ['pairs:list', { documentId: 'one', offset: 0, limit: 10 }],
      ['pairs:update-target', { pairId: 1, target: 42, expectedVersion: 0 }],
      ['settings:update', { uiLanguage: 'en', admin: true }],
      ['documents:get', { documentId: -3 }],
      ['documents:import', { fileName: '', dataBase64: 'AAAA' }],
      ['stats:document', null],
      ['documents:list', [1, 2, 3]],
    ];
    for (const [channel, input] of malformed) {
      const [a, b] = [await ipc.call(channel, input), await http.call(channel, input)];
      expect(a, channel).toEqual(b);
      expect((a as { error?: { code: string } }).error?.code, channel).toBe('bad_input');
    }
  });
});

/** A raw request, so that Host and Origin can be anything (fetch would not let us set Host). */
function raw(
  port: number,
  opts: { path: string; headers: Record<string, string>; body?: string },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: opts.path, headers: opts.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(opts.body ?? '{}');
  });
}

describe('HTTP-only refusals', () => {
  it('refuses a missing or wrong token (401), a foreign Host (403), a foreign Origin (403), a non-JSON body (bad_input)', async () => {
    const http = await httpTransport();
    const path = '/api/invoke/documents:list';
    const host = `127.0.0.1:${http.port}`;
    const json = { 'content-type': 'application/json' };

    expect((await raw(http.port, { path, headers: { ...json, host } })).status).toBe(401);
    expect(
      (await raw(http.port, { path, headers: { ...json, host, [TOKEN_HEADER]: 'x'.repeat(http.token.length) } })).status,
    ).toBe(401);
    expect((await raw(http.port, { path, headers: { ...json, host, [TOKEN_HEADER]: 'short' } })).status).toBe(401);
    expect(
      (await raw(http.port, { path, headers: { ...json, host: `evil.example:${http.port}`, [TOKEN_HEADER]: http.token } }))
        .status,
    ).toBe(403);
    expect(
      (await raw(http.port, { path, headers: { ...json, host, origin: 'https://evil.example', [TOKEN_HEADER]: http.token } }))
        .status,
    ).toBe(403);

    const notJson = await raw(http.port, {
      path,
      headers: { ...json, host, [TOKEN_HEADER]: http.token },
      body: '{"documentId": ',
    });
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body)).toMatchObject({ ok: false, error: { code: 'bad_input' } });

    // The control: the same request with the right token, Host and Origin is answered.
    const fine = await raw(http.port, { path, headers: { ...json, host, origin: http.url, [TOKEN_HEADER]: http.token } });
    expect(fine.status).toBe(200);
    expect(JSON.parse(fine.body)).toEqual({ ok: true, value: [] });
  });
});

describe('base64 input', () => {
  const schema = contract['documents:import'].input;
  const check = async (dataBase64: string) => (await schema.safeParseAsync({ fileName: 'f.txt', dataBase64 })).success;
  // 5 MB of base64: three slices of the check (contract.ts isBase64), the padding in the last.
  const big = Buffer.alloc(5 * 1024 * 1024 * 0.75 + 1, 0xd8).toString('base64');

  it('accepts a large valid file, padding at its end only, and refuses a bad character or padding in any slice', async () => {
    expect(big.endsWith('=')).toBe(true);
    expect(await check(big)).toBe(true);
    const at = (i: number, c: string) => big.slice(0, i) + c + big.slice(i + 1);
    expect(await check(at(3 * 1024 * 1024, '!'))).toBe(false);
    expect(await check(at(2 * 1024 * 1024 - 1, '='))).toBe(false);
    expect(await check(at(10, '\n'))).toBe(false);
    expect(await check(at(big.length - 3, '-'))).toBe(false);
    expect((await schema.safeParseAsync({ fileName: 'f.txt', dataBase64: at(5, '$') })).error?.issues[0]?.path).toEqual([
      'dataBase64',
    ]);
  });

  it('checks a large file between other work: a timer set before the check fires before it ends', async () => {
    const order: string[] = [];
    setTimeout(() => order.push('timer'), 0);
    const done = check(big).then(() => order.push('checked'));
    await done;
    expect(order).toEqual(['timer', 'checked']);
  });
});
