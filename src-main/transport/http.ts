// The loopback HTTP bridge: the same contract as IPC, for Playwright and `npm run web`.
// It binds 127.0.0.1 only, needs a random per-run token, and refuses foreign Host and Origin
// headers (DNS rebinding, cross-site requests).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, sep } from 'node:path';
import type { EventBus } from '../services/events';
import { fail } from '../shared/errors';
import type { Dispatch } from './dispatch';
import { CONTENT_SECURITY_POLICY, contentType } from '../renderer-assets';

export const TOKEN_HEADER = 'x-qalam-token';
export const TOKEN_META = 'qalam-bridge-token';
/** Base64 of the largest accepted import (256 MB) plus the JSON around it. */
const MAX_BODY_BYTES = 360 * 1024 * 1024;

export interface HttpBridgeOptions {
  dispatch: Dispatch;
  events: EventBus;
  /** Built renderer to serve (out/renderer); API only when absent. */
  staticDir?: string;
  port?: number;
  token?: string;
}

export interface HttpBridge {
  url: string;
  port: number;
  token: string;
  server: Server;
  close(): Promise<void>;
}

export async function startHttpBridge(opts: HttpBridgeOptions): Promise<HttpBridge> {
  const token = opts.token ?? randomBytes(24).toString('hex');
  const sseClients = new Set<ServerResponse>();
  const offEvents = opts.events.onAny((event, payload) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const res of sseClients) res.write(frame);
  });

  let port = 0;
  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      console.error('[qalam] http bridge:', e);
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

    if (url.pathname.startsWith('/api/')) {
      const given = url.pathname === '/api/events' ? url.searchParams.get('token') : header(req, TOKEN_HEADER);
      if (!given || !sameToken(given, token)) return refuse(res, 401, 'token');
      if (url.pathname === '/api/events' && req.method === 'GET') return openEvents(req, res);
      const match = /^\/api\/invoke\/([a-z]+:[a-z-]+)$/.exec(url.pathname);
      if (!match || req.method !== 'POST') return refuse(res, 404, 'route');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json'))
        return sendJson(res, 415, fail('bad_input', { field: 'content-type' }));
      const body = await readBody(req, MAX_BODY_BYTES);
      if (body === null) return sendJson(res, 413, fail('import_too_large'));
      let input: unknown;
      try {
        input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
      } catch {
        return sendJson(res, 400, fail('bad_input', { field: '(json)' }));
      }
      return sendJson(res, 200, await opts.dispatch(match[1]!, input));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'method');
    return serveStatic(url.pathname, res);
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
    const rel = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
    const file = normalize(join(root, rel));
    if (!file.startsWith(normalize(root) + sep) || !existsSync(file) || !statSync(file).isFile())
      return refuse(res, 404, 'static');
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.setHeader('Cache-Control', 'no-store');
    const type = contentType(file);
    if (file.endsWith('index.html')) {
      // The page learns the token from its own origin; other sites cannot read this response.
      const html = readFileSync(file, 'utf8').replace('</head>', `<meta name="${TOKEN_META}" content="${token}"></head>`);
      res.writeHead(200, { 'Content-Type': type });
      res.end(html);
      return;
    }
    res.writeHead(200, { 'Content-Type': type });
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

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
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

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) over = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
