// The one outgoing HTTP call of machine translation: JSON in, JSON out, with a timeout, the
// caller's cancel signal, no redirects (a key must never follow one to another host), and every
// failure mapped to a translated error code. Errors carry the provider's name, the status and at
// most a short, key-free detail from the provider's body: never the request, never the key.
import { QalamError, type ErrorParams } from '../shared/errors';
import type { MtAdapter, MtConfig } from './types';

/** An error body's detail is shown to the user: short, one line, and never the key. */
export function safeDetail(detail: string | null, key: string | null): string {
  if (!detail) return '';
  let s = detail.replace(/\s+/g, ' ').trim();
  if (key) s = s.split(key).join('•••');
  return s.length > 200 ? `${s.slice(0, 199)}…` : s;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Sends `texts` through `adapter` and returns one translation per text, in order. */
export async function translateWith(adapter: MtAdapter, cfg: MtConfig, texts: string[], signal?: AbortSignal): Promise<string[]> {
  if (texts.length === 0) return [];
  const { headers, body } = adapter.request(cfg, texts);
  const url = adapter.url(cfg);
  const provider = adapter.label;
  const timer = new AbortController();
  const timeout = setTimeout(() => timer.abort(), cfg.timeoutMs);
  const onCancel = () => timer.abort();
  signal?.addEventListener('abort', onCancel, { once: true });
  let status: number;
  let text: string;
  try {
    if (signal?.aborted) throw new QalamError('mt_cancelled', { provider });
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers },
      body: JSON.stringify(body),
      redirect: 'error',
      signal: timer.signal,
    });
    status = res.status;
    text = await res.text();
  } catch (e) {
    if (e instanceof QalamError) throw e;
    if (signal?.aborted) throw new QalamError('mt_cancelled', { provider });
    if (timer.signal.aborted) throw new QalamError('mt_timeout', { provider, seconds: Math.round(cfg.timeoutMs / 1000) });
    throw new QalamError('mt_unreachable', { provider, host: hostOf(url), reason: networkReason(e) });
  } finally {
    clearTimeout(timeout);
    signal?.removeEventListener('abort', onCancel);
  }
  const json = parseJson(text);
  if (status < 200 || status > 299) {
    const detail = safeDetail(json === undefined ? null : adapter.errorDetail(json), cfg.key);
    // i18next context: a message that quotes the provider's own words when there are some.
    const params: ErrorParams = detail ? { provider, status, detail, context: 'detail' } : { provider, status };
    if (status === 401 || status === 403) throw new QalamError('mt_auth', params);
    if (adapter.quota(status, json)) throw new QalamError('mt_quota', params);
    if (status === 429) throw new QalamError('mt_rate_limited', params);
    if (status >= 500) throw new QalamError('mt_server', params);
    throw new QalamError('mt_rejected', params);
  }
  if (json === undefined) throw new QalamError('mt_bad_response', { provider });
  return adapter.parse(json, texts.length);
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** ECONNREFUSED, ENOTFOUND …: undici puts the system's code on the cause. */
function networkReason(e: unknown): string {
  const cause = (e as { cause?: { code?: unknown } } | null)?.cause;
  const code = cause && typeof cause.code === 'string' ? cause.code : '';
  return /^[A-Z_]{2,40}$/.test(code) ? code : 'network';
}

/** A base URL with the provider's path appended, unless the user already gave the full endpoint. */
export function endpointUrl(endpoint: string, fallback: string, path: string): string {
  const base = (endpoint.trim() || fallback).replace(/\/+$/, '');
  return base.endsWith(path) ? base : `${base}${path}`;
}

export function badResponse(provider: string): QalamError {
  return new QalamError('mt_bad_response', { provider });
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
