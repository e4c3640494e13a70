// The loopback bridge's guards, tested the way an attacker meets them: HTTP requests to a running
// bridge from this machine. Each test was checked by removing its guard from http.ts and watching
// it fail (see the tests' names for the guard each one holds).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpBridge, TOKEN_HEADER, type HttpBridge } from '../../../../src-main/transport/http';
import { cspFindings } from '../csp-policy';
import { testRuntime, type TestRuntime } from '../helpers';

const SECRET = 'private key material';

let dir: string;
let rt: TestRuntime;
let bridge: HttpBridge;
/** The session cookie a browser gets from the login URL: every request below is a logged-in one. */
let session: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'qalam-http-guards-'));
  const staticDir = join(dir, 'renderer');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><html><head><title>Qalam</title></head><body></body></html>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log("app")');
  // Beside the served folder: one file outside it, one in a sibling whose name starts the same.
  writeFileSync(join(dir, 'secret.txt'), SECRET);
  mkdirSync(join(dir, 'renderer-private'));
  writeFileSync(join(dir, 'renderer-private', 'key.txt'), SECRET);
  rt = testRuntime();
  bridge = await startHttpBridge({ dispatch: rt.dispatch, events: rt.ctx.events, staticDir });
  const loginUrl = new URL(bridge.loginUrl('/'));
  const login = await get(loginUrl.pathname + loginUrl.search, {}, false);
  session = String(login.headers['set-cookie']?.[0]).split(';')[0]!;
});

afterAll(async () => {
  await bridge.close();
  rt.dispose();
  rmSync(dir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A GET with the path sent exactly as written (fetch and URL would resolve `..` first). */
function get(path: string, headers: Record<string, string> = {}, withSession = true): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const base = { host: `127.0.0.1:${bridge.port}`, ...(withSession ? { cookie: session } : {}) };
    const req = request(
      { host: '127.0.0.1', port: bridge.port, method: 'GET', path, headers: { ...base, ...headers } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('Content-Security-Policy on the bridge', () => {
  it.each(['/', '/index.html', '/assets/app.js'])('%s is served with the strict policy', async (path) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    const csp = res.headers['content-security-policy'];
    expect(typeof csp).toBe('string');
    expect(cspFindings(csp as string)).toEqual([]);
  });
});

describe('loopback only', () => {
  it('listens on 127.0.0.1 and nowhere else', () => {
    const address = bridge.server.address();
    expect(address).toMatchObject({ address: '127.0.0.1', family: 'IPv4' });
  });

  // A bridge bound to 0.0.0.0 would accept these connections (and then answer 403): the port
  // itself must be closed to the network.
  const external = Object.values(networkInterfaces())
    .flat()
    .filter((a) => a !== undefined && !a.internal && a.family === 'IPv4')
    .map((a) => a!.address);
  it.skipIf(external.length === 0)('refuses connections on this machine’s other addresses', async () => {
    for (const host of external) {
      const outcome = await new Promise<string>((resolve) => {
        const socket = connect({ host, port: bridge.port });
        socket.once('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
      });
      expect(outcome, `connecting to ${host}:${bridge.port}`).toBe('ECONNREFUSED');
    }
  });
});

describe('static files stay inside the renderer folder', () => {
  it.each([
    '/..%2fsecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/assets%2f..%2f..%2fsecret.txt',
    '/..%2frenderer-private%2fkey.txt',
    '/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fhostname',
    '/%2fetc%2fhostname',
  ])('%s is refused', async (path) => {
    const res = await get(path);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body).not.toContain(SECRET);
  });
});

describe('request bodies have a ceiling by default', () => {
  // The bridge as `npm run web` starts it, without a test-sized limit: a body declared far larger
  // than any import is refused from its headers, before a byte of it is read.
  it('refuses a declared 1 GiB body with 413 at once', async () => {
    const res = await new Promise<{ status: number; closed: boolean }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: bridge.port,
          method: 'POST',
          path: '/api/invoke/documents:import',
          headers: {
            host: `127.0.0.1:${bridge.port}`,
            'content-type': 'application/json',
            'content-length': String(1024 ** 3),
            [TOKEN_HEADER]: bridge.token,
          },
        },
        (r) => {
          r.resume();
          r.on('end', () => resolve({ status: r.statusCode ?? 0, closed: r.headers.connection === 'close' }));
        },
      );
      // A bridge without a limit would wait for the rest of the gigabyte: the test then times out.
      req.on('error', reject);
      req.write('{"fileName":"huge.txt","dataBase64":"');
    });
    expect(res.status).toBe(413);
  }, 20_000);
});
