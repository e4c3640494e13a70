// The loopback HTTP bridge: the same contract as IPC, for Playwright and `npm run web`.
// It binds 127.0.0.1 only and refuses foreign Host and Origin headers (DNS rebinding, cross-site
// requests). Any local account can reach a loopback port, so nothing is served without a secret:
// as in Jupyter, the one who started the bridge gets a one-time login URL; its first visit trades
// the token for an HttpOnly, SameSite=Strict session cookie and is redirected to a clean URL.
// Neither the token nor the session is ever written into a page or a log. Non-browser clients
// (tests) may send the per-run API token in a header instead.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, sep } from 'node:path';
import type { EventBus } from '../services/events';
import { fail } from '../shared/errors';
import type { Dispatch } from './dispatch';
import { CONTENT_SECURITY_POLICY, contentType } from '../renderer-assets';
import { HTTP_EVENTS_PATH, HTTP_INVOKE_PATH, TOKEN_HEADER } from '../shared/wire';

export { TOKEN_HEADER };
/** The query parameter of a login URL. */
export const LOGIN_PARAM = 'token';
/** Base64 of the largest accepted import (256 MB) plus the JSON around it. */
export const MAX_BODY_BYTES = 360 * 1024 * 1024;

export interface HttpBridgeOptions {
  dispatch: Dispatch;
  events: EventBus;
  /** Built renderer to serve (out/renderer); API only when absent. */
  staticDir?: string;
  port?: number;
  token?: string;
  /** Largest request body accepted (default MAX_BODY_BYTES). */
  maxBodyBytes?: number;
}

export interface HttpBridge {
  url: string;
  port: number;
  /** The API token for non-browser clients (TOKEN_HEADER); never put it in a page or a URL. */
  token: string;
  /** A new one-time login URL (to `path`): its first visit sets the session cookie. */
  loginUrl(path?: string): string;
  server: Server;
  close(): Promise<void>;
}

export async function startHttpBridge(opts: HttpBridgeOptions): Promise<HttpBridge> {
  const token = opts.token ?? randomBytes(24).toString('hex');
  const maxBody = opts.maxBodyBytes ?? MAX_BODY_BYTES;
  /** Login tokens not yet used, and the sessions they were traded for. */
  const logins = new Set<string>();
  const sessions = new Set<string>();
  const sseClients = new Set<ServerResponse>();
  const offEvents = opts.events.onAny((event, payload) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const res of sseClients) res.write(frame);
  });

  let port = 0;
  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      // One line: a stack trace in a terminal helps nobody, and the request URL could carry a secret.
      console.error(`[qalam] http bridge: ${e instanceof Error ? `${e.name}: ${e.message}` : 'failure'}`);
      if (!res.headersSent) sendJson(res, 500, fail('internal'));
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    if (!isLoopback(req.socket.remoteAddress) || !hostAllowed(req.headers.host, port)) return refuse(res, 403, 'host');
    if (req.headers.origin !== undefined && !originAllowed(req.headers.origin, port)) return refuse(res, 403, 'origin');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return refuse(res, 400, 'path');
    }

    const login = url.searchParams.get(LOGIN_PARAM);
    if (login !== null) return logIn(login, url, req, res);
    const hasSession = sessions.has(cookie(req, sessionCookie()) ?? '');

    // Everything under /api/ (HTTP_INVOKE_PATH, HTTP_EVENTS_PATH) needs the session or the token.
    if (pathname.startsWith('/api/')) {
      const given = header(req, TOKEN_HEADER);
      if (!hasSession && !(given && sameToken(given, token))) return refuse(res, 401, 'login');
      if (pathname === HTTP_EVENTS_PATH && req.method === 'GET') return openEvents(req, res);
      const channel = pathname.startsWith(HTTP_INVOKE_PATH) ? pathname.slice(HTTP_INVOKE_PATH.length) : '';
      const match = /^([a-z]+:[a-z-]+)$/.exec(channel);
      if (!match || req.method !== 'POST') return refuse(res, 404, 'route');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json'))
        return sendJson(res, 415, fail('bad_input', { field: 'content-type' }));
      const body = await readBody(req, res, maxBody);
      if (body === null) return; // refused (413) or the client went away
      let input: unknown;
      try {
        input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
      } catch {
        return sendJson(res, 400, fail('bad_input', { field: '(json)' }));
      }
      return sendJson(res, 200, await opts.dispatch(match[1]!, input));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'method');
    if (!hasSession) return refuse(res, 401, 'login (open the address `npm run web` printed)');
    return serveStatic(pathname, res);
  }

  /** Cookies are per host, not per port: each bridge names its own. */
  function sessionCookie(): string {
    return `qalam_session_${port}`;
  }

  function logIn(login: string, url: URL, req: IncomingMessage, res: ServerResponse): void {
    let known: string | undefined;
    for (const t of logins) if (sameToken(login, t)) known = t;
    if (known === undefined || req.method !== 'GET') return refuse(res, 401, 'login');
    logins.delete(known);
    const session = randomBytes(32).toString('hex');
    sessions.add(session);
    url.searchParams.delete(LOGIN_PARAM);
    res.writeHead(303, {
      Location: url.pathname + url.search,
      'Set-Cookie': `${sessionCookie()}=${session}; HttpOnly; SameSite=Strict; Path=/`,
      'Cache-Control': 'no-store',
    });
    res.end();
  }

  function openEvents(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    sseClients.add(res);
    req.on('close', () => sseClients.delete(res));
  }

  function serveStatic(pathname: string, res: ServerResponse): void {
    const root = opts.staticDir;
    if (!root) return refuse(res, 404, 'static');
    const rel = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
    const file = normalize(join(root, rel));
    if (!file.startsWith(normalize(root) + sep) || !existsSync(file) || !statSync(file).isFile())
      return refuse(res, 404, 'static');
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.setHeader('Cache-Control', cacheControl(rel));
    res.writeHead(200, { 'Content-Type': contentType(file) });
    createReadStream(file).pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    token,
    loginUrl: (path = '/') => {
      const login = randomBytes(24).toString('hex');
      logins.add(login);
      return `http://127.0.0.1:${port}${path}?${LOGIN_PARAM}=${login}`;
    },
    server,
    close: () =>
      new Promise<void>((resolve) => {
        offEvents();
        for (const res of sseClients) res.end();
        sseClients.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The build names every file under assets/ by a hash of its content (Vite), so a name never
 * changes meaning: the browser may keep them, as Electron keeps compiled code for app:// scripts
 * (the scheme's codeCache), and a start then neither fetches nor compiles them again. Only this
 * browser profile's cache holds them (private), and it got them with a session. The page itself
 * (index.html names the current build's files) is never stored.
 */
export function cacheControl(rel: string): string {
  return /^assets\/[^/]+-[A-Za-z0-9_-]{8}\.[a-z0-9]+$/.test(rel) ? 'private, max-age=31536000, immutable' : 'no-store';
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function isLoopback(addr: string | undefined): boolean {
  return addr === '127.0.0.1' || addr === '::ffff:127.0.0.1' || addr === '::1';
}

export function hostAllowed(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

export function originAllowed(origin: string, port: number): boolean {
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

function refuse(res: ServerResponse, status: number, reason: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`refused: ${reason}\n`);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(json);
}

/**
 * The request body, or null when it was refused: a declared or actual size over the limit gets a 413
 * at once and the rest is never read (the connection is closed). A declared length is read straight
 * into one buffer of that size, so an accepted body costs its size once, not chunks plus a copy.
 */
function readBody(req: IncomingMessage, res: ServerResponse, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const tooLarge = (): void => {
      req.removeAllListeners('data');
      req.pause();
      res.writeHead(413, { 'Content-Type': 'application/json; charset=utf-8', Connection: 'close' });
      res.end(JSON.stringify(fail('import_too_large', { limitMb: Math.floor(limit / 1048576) })), () => req.destroy());
      resolve(null);
    };
    const declared = req.headers['content-length'] === undefined ? null : Number(req.headers['content-length']);
    if (declared !== null && !(declared <= limit)) return tooLarge();
    const whole = declared === null ? null : Buffer.allocUnsafe(declared);
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      if (size + c.length > limit || (whole && size + c.length > whole.length)) return tooLarge();
      if (whole) c.copy(whole, size);
      else chunks.push(c);
      size += c.length;
    });
    req.on('end', () => resolve(whole ? whole.subarray(0, size) : Buffer.concat(chunks)));
    req.on('aborted', () => resolve(null));
    req.on('error', reject);
  });
}
