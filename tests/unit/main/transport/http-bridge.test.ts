// The bridge's login, its request-body limit and its handling of broken URLs, met the way a local
// attacker or a careless client meets them: raw HTTP requests to a running bridge.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startHttpBridge, TOKEN_HEADER, type HttpBridge } from '../../../../src-main/transport/http';
import { testRuntime, type TestRuntime } from '../helpers';
import { REPO_ROOT } from '../formats/helpers/tools';

let dir: string;
let staticDir: string;
let rt: TestRuntime;
let bridge: HttpBridge;
const LIMIT = 1000;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'qalam-http-bridge-'));
  staticDir = join(dir, 'renderer');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><html><head><title>Qalam</title></head><body></body></html>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log("app")');
  writeFileSync(join(staticDir, 'assets', 'index-C2KLPwP8.js'), 'console.log("built")');
  rt = testRuntime();
  bridge = await startHttpBridge({ dispatch: rt.dispatch, events: rt.ctx.events, staticDir, maxBodyBytes: LIMIT });
});

afterAll(async () => {
  await bridge.close();
  rt.dispose();
  rmSync(dir, { recursive: true, force: true });
});

afterEach(() => vi.restoreAllMocks());

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

function send(
  method: string,
  path: string,
  headers: Record<string, string | number> = {},
  body?: string | ((req: ReturnType<typeof request>) => void),
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: bridge.port, method, path, headers: { host: `127.0.0.1:${bridge.port}`, ...headers } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    if (typeof body === 'function') body(req);
    else req.end(body);
  });
}

const pathOf = (url: string) => {
  const u = new URL(url);
  return u.pathname + u.search;
};

async function logIn(): Promise<string> {
  const res = await send('GET', pathOf(bridge.loginUrl('/')));
  return String(res.headers['set-cookie']?.[0]).split(';')[0]!;
}

const invoke = (headers: Record<string, string>) =>
  send('POST', '/api/invoke/settings:get', { 'content-type': 'application/json', ...headers }, '{}');

describe('login: a one-time URL traded for an HttpOnly, SameSite=Strict cookie', () => {
  it('refuses the page, its assets, the API and the event stream without a session', async () => {
    for (const path of ['/', '/index.html', '/assets/app.js']) expect((await send('GET', path)).status, path).toBe(401);
    expect((await invoke({})).status).toBe(401);
    expect((await send('GET', '/api/events')).status).toBe(401);
    // The API token was once accepted in the event stream's URL; a secret in a URL ends up in logs.
    expect((await send('GET', `/api/events?${new URLSearchParams({ token: bridge.token })}`)).status).toBe(401);
  });

  it('trades the login token for a session cookie once, redirecting to the clean address', async () => {
    const url = bridge.loginUrl('/');
    const login = new URL(url).searchParams.get('token')!;
    const res = await send('GET', pathOf(url));
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    const [cookie] = res.headers['set-cookie'] ?? [];
    expect(cookie).toMatch(new RegExp(`^qalam_session_${bridge.port}=[0-9a-f]{64}; HttpOnly; SameSite=Strict; Path=/$`));
    expect(cookie).not.toContain(login);
    expect(cookie).not.toContain(bridge.token);

    const session = cookie!.split(';')[0]!;
    const page = await send('GET', '/', { cookie: session });
    expect(page.status).toBe(200);
    expect((await send('GET', '/assets/app.js', { cookie: session })).status).toBe(200);
    expect((await invoke({ cookie: session })).status).toBe(200);

    // Used once: the same URL no longer logs anyone in.
    const again = await send('GET', pathOf(url));
    expect(again.status).toBe(401);
    expect(again.headers['set-cookie']).toBeUndefined();
  });

  it('lets the browser keep the build’s hashed assets, never the page or any other file', async () => {
    const [cookie] = (await send('GET', pathOf(bridge.loginUrl('/')))).headers['set-cookie'] ?? [];
    const session = cookie!.split(';')[0]!;
    const hashed = await send('GET', '/assets/index-C2KLPwP8.js', { cookie: session });
    expect(hashed.status).toBe(200);
    expect(hashed.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    for (const path of ['/', '/index.html', '/assets/app.js']) {
      const res = await send('GET', path, { cookie: session });
      expect(res.status, path).toBe(200);
      expect(res.headers['cache-control'], path).toBe('no-store');
    }
    // Still nothing without the session, cacheable or not.
    expect((await send('GET', '/assets/index-C2KLPwP8.js')).status).toBe(401);
  });

  it('writes no secret into the page, and accepts no made-up session or login token', async () => {
    const session = await logIn();
    const page = await send('GET', '/', { cookie: session });
    expect(page.body).toContain('<title>Qalam</title>');
    expect(page.body).not.toContain(bridge.token);
    expect(page.body).not.toContain(session.split('=')[1]);
    expect(page.body).not.toMatch(/qalam-bridge-token|<meta[^>]*token/i);
    const forged = `qalam_session_${bridge.port}=${'0'.repeat(64)}`;
    expect((await send('GET', '/', { cookie: forged })).status).toBe(401);
    expect((await send('GET', `/?token=${'0'.repeat(48)}`)).status).toBe(401);
  });

  it('keeps the Host and Origin checks in front of the login (a refused login token stays unused)', async () => {
    const url = bridge.loginUrl('/');
    expect((await send('GET', pathOf(url), { host: `evil.example:${bridge.port}` })).status).toBe(403);
    expect((await send('GET', pathOf(url), { origin: 'http://evil.example' })).status).toBe(403);
    expect((await send('GET', pathOf(url))).status).toBe(303);
  });

  it('still answers a non-browser client with the API token in its header', async () => {
    expect((await invoke({ [TOKEN_HEADER]: bridge.token })).status).toBe(200);
    expect((await invoke({ [TOKEN_HEADER]: 'x'.repeat(bridge.token.length) })).status).toBe(401);
  });

  it('never prints a token or a session', async () => {
    const printed: string[] = [];
    for (const m of ['log', 'error', 'warn', 'info'] as const) {
      vi.spyOn(console, m).mockImplementation((...a: unknown[]) => void printed.push(a.map(String).join(' ')));
    }
    const url = bridge.loginUrl('/');
    const res = await send('GET', pathOf(url));
    const session = String(res.headers['set-cookie']?.[0]).split(';')[0]!;
    await send('GET', '/%E0%A4%A', { cookie: session });
    await invoke({ cookie: session });
    const all = printed.join('\n');
    expect(all).not.toContain(new URL(url).searchParams.get('token')!);
    expect(all).not.toContain(session.split('=')[1]);
    expect(all).not.toContain(bridge.token);
  });

  it('`npm run web` prints a one-time login address and nothing secret besides it', async () => {
    const data = join(dir, 'web-data');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(REPO_ROOT, 'src-main/web.ts'), '--data-dir', data, '--static', staticDir],
      {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      let out = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.setEncoding('utf8');
        child.stdout.on('data', (c: string) => {
          out += c;
          const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+/.exec(out);
          if (m) resolve(m[0]);
        });
        child.once('exit', (code) => reject(new Error(`web exited ${code}: ${out}`)));
      });
      const u = new URL(url);
      const get = (path: string, headers: Record<string, string> = {}) =>
        new Promise<Reply>((resolve, reject) => {
          const req = request({ host: '127.0.0.1', port: Number(u.port), path, headers: { host: u.host, ...headers } }, (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: '' }));
          });
          req.on('error', reject);
          req.end();
        });
      expect((await get('/')).status).toBe(401);
      const login = await get(u.pathname + u.search);
      expect(login.status).toBe(303);
      expect((await get('/', { cookie: String(login.headers['set-cookie']?.[0]).split(';')[0]! })).status).toBe(200);
      expect((await get(u.pathname + u.search)).status).toBe(401);
    } finally {
      child.kill('SIGTERM');
    }
  });
});

describe('malformed percent-encoding', () => {
  it.each(['/%E0%A4%A', '/assets/%ZZ', '/api/invoke/%E0%A4%A'])('%s is a 400 with no stack, logged or sent', async (path) => {
    const printed: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void printed.push(a.map(String).join(' ')));
    const session = await logIn();
    const res = await send(path.startsWith('/api/') ? 'POST' : 'GET', path, {
      cookie: session,
      'content-type': 'application/json',
    });
    expect(res.status).toBe(400);
    expect(res.body).not.toMatch(/URIError|at .*\.ts:\d+/);
    expect(printed.join('\n')).not.toMatch(/URIError|\n\s+at /);
  });
});

describe('request bodies: refused as soon as they pass the limit', () => {
  it('answers 413 from the declared length alone, without waiting for the body', async () => {
    const res = await send(
      'POST',
      '/api/invoke/settings:get',
      { 'content-type': 'application/json', [TOKEN_HEADER]: bridge.token, 'content-length': 50_000_000 },
      (req) => {
        // Only a few bytes of the fifty megabytes announced, and the request is never finished.
        req.write('{"a":');
      },
    );
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'import_too_large' } });
  });

  it('stops reading a body without a length once it passes the limit, and closes the connection', async () => {
    let closed = false;
    const res = await send(
      'POST',
      '/api/invoke/settings:get',
      { 'content-type': 'application/json', [TOKEN_HEADER]: bridge.token },
      (req) => {
        req.on('close', () => (closed = true));
        req.write('x'.repeat(LIMIT / 2));
        req.write('x'.repeat(LIMIT / 2 + 1));
        // …and more would follow: the reply comes before the request ends.
      },
    );
    expect(res.status).toBe(413);
    expect(res.headers.connection).toBe('close');
    await vi.waitFor(() => expect(closed).toBe(true));
  });

  it('accepts a body of exactly the limit, declared or streamed', async () => {
    const body = JSON.stringify({ pad: 'x'.repeat(LIMIT - 10) });
    expect(body.length).toBe(LIMIT);
    const headers = { 'content-type': 'application/json', [TOKEN_HEADER]: bridge.token };
    expect((await send('POST', '/api/invoke/settings:get', { ...headers, 'content-length': LIMIT }, body)).status).toBe(200);
    expect(
      (
        await send('POST', '/api/invoke/settings:get', headers, (req) => {
          req.write(body.slice(0, 400));
          req.end(body.slice(400));
        })
      ).status,
    ).toBe(200);
  });
});
