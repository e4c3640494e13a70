// DeepL: POST {base}/v2/translate, `Authorization: DeepL-Auth-Key KEY`, JSON { text: [...],
// source_lang: 'AR', target_lang: 'EN-US' | 'EN-GB' } → { translations: [{ detected_source_language,
// text }] } in order. Up to 50 texts per request. Free keys end in ':fx' and are served by
// api-free.deepl.com, others by api.deepl.com. Errors: 403 a wrong key, 429 too many requests,
// 456 quota exceeded, 413 too large, 5xx; bodies are { "message": "…" } (sometimes with "detail").
import { badResponse, endpointUrl, isRecord } from './http';
import type { MtAdapter, MtConfig } from './types';

export function deeplBase(cfg: Pick<MtConfig, 'key'>): string {
  return cfg.key?.endsWith(':fx') ? 'https://api-free.deepl.com' : 'https://api.deepl.com';
}

export const deepl: MtAdapter = {
  label: 'DeepL',
  maxBatch: 50,
  // The request body may be 128 KiB; Arabic is two bytes a character in UTF-8.
  maxChars: 30_000,
  url: (cfg) => endpointUrl(cfg.endpoint, deeplBase(cfg), '/v2/translate'),
  request: (cfg, texts) => ({
    headers: cfg.key ? { Authorization: `DeepL-Auth-Key ${cfg.key}` } : ({} as Record<string, string>),
    body: { text: texts, source_lang: 'AR', target_lang: cfg.english === 'en-GB' ? 'EN-GB' : 'EN-US' },
  }),
  parse(body, count) {
    const list = isRecord(body) ? body.translations : undefined;
    if (!Array.isArray(list) || list.length !== count) throw badResponse(this.label);
    return list.map((t) => {
      if (!isRecord(t) || typeof t.text !== 'string') throw badResponse(this.label);
      return t.text;
    });
  },
  errorDetail(body) {
    if (!isRecord(body)) return null;
    const parts = [body.message, body.detail].filter((p): p is string => typeof p === 'string' && p !== '');
    return parts.length > 0 ? parts.join(': ') : null;
  },
  quota: (status) => status === 456,
};
