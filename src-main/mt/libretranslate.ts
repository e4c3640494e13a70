// LibreTranslate: POST {base}/translate with JSON { q, source, target, format, api_key }. `q` may be
// an array, and `translatedText` is then an array in the same order. Errors are { "error": "…" }:
// 400 bad input, 403 a missing or wrong key, 429 slow down, 500 a failed translation.
import { badResponse, endpointUrl, isRecord } from './http';
import type { MtAdapter } from './types';

export const libreTranslate: MtAdapter = {
  label: 'LibreTranslate',
  maxBatch: 25,
  maxChars: 20_000,
  url: (cfg) => endpointUrl(cfg.endpoint, 'https://libretranslate.com', '/translate'),
  request: (cfg, texts) => ({
    headers: {},
    body: { q: texts, source: 'ar', target: 'en', format: 'text', ...(cfg.key ? { api_key: cfg.key } : {}) },
  }),
  parse(body, count) {
    const out = isRecord(body) ? body.translatedText : undefined;
    if (!Array.isArray(out) || out.length !== count || !out.every((t) => typeof t === 'string')) {
      throw badResponse(this.label);
    }
    return out as string[];
  },
  errorDetail: (body) => (isRecord(body) && typeof body.error === 'string' ? body.error : null),
  quota: () => false,
};
