// Each provider adapter against a local fake server that speaks the provider's documented request
// and response shapes, errors included: the request it sends (path, headers, body) and what it
// makes of each answer. Nothing here reaches the network.
import { afterEach, describe, expect, it } from 'vitest';
import { adapterFor, chunk, translateTexts, type MtConfig } from '../../../../src-main/mt';
import { deeplBase } from '../../../../src-main/mt/deepl';
import { systemPrompt } from '../../../../src-main/mt/openai';
import { QalamError } from '../../../../src-main/shared/errors';
import { closedPort, fakeProvider, json, type FakeProvider, type Reply } from './fake-server';

const KEY = 'sk-test-5ecret-KEY-0123456789';
const AR = ['مرحبا بالعالم', 'قال الوزير إن الاجتماع سيعقد غدا'];

let server: FakeProvider | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function start(reply: Reply): Promise<FakeProvider> {
  server = await fakeProvider(reply);
  return server;
}

function cfg(provider: MtConfig['provider'], endpoint: string, extra: Partial<MtConfig> = {}): MtConfig {
  return {
    provider,
    endpoint,
    model: provider === 'openai' ? 'gpt-test' : '',
    english: 'en-US',
    key: KEY,
    timeoutMs: 2000,
    ...extra,
  };
}

async function failure(p: Promise<unknown>): Promise<QalamError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(QalamError);
    const err = e as QalamError;
    // No error a user or a log can see carries the key.
    expect(JSON.stringify({ message: err.message, params: err.params })).not.toContain(KEY);
    return err;
  }
  throw new Error('expected a failure');
}

/** The error cases every provider must turn into a clear code. */
function commonErrors(provider: MtConfig['provider'], body: (status: number) => unknown) {
  it.each([
    [401, 'mt_auth'],
    [403, 'mt_auth'],
    [429, 'mt_rate_limited'],
    [500, 'mt_server'],
    [503, 'mt_server'],
    [400, 'mt_rejected'],
  ])('HTTP %i → %s with the status and the provider', async (status, code) => {
    const s = await start((_req, res) => json(res, status, body(status)));
    const err = await failure(translateTexts(cfg(provider, s.url), [AR[0]!]));
    expect(err.code).toBe(code);
    expect(err.params).toMatchObject({ status, provider: adapterFor({ provider }).label });
  });

  it('a 200 whose body is not JSON, or not the documented shape, is mt_bad_response', async () => {
    const s = await start((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<html>captive portal</html>');
    });
    expect((await failure(translateTexts(cfg(provider, s.url), [AR[0]!]))).code).toBe('mt_bad_response');
    s.reply = (_req, res) => json(res, 200, { unexpected: true });
    expect((await failure(translateTexts(cfg(provider, s.url), [AR[0]!]))).code).toBe('mt_bad_response');
    s.reply = (_req, res) => json(res, 200, '{"translatedText": ["cut off');
    expect((await failure(translateTexts(cfg(provider, s.url), [AR[0]!]))).code).toBe('mt_bad_response');
  });

  it('no answer within the timeout is mt_timeout (and the request is abandoned)', async () => {
    const s = await start(() => {
      /* never answers */
    });
    const err = await failure(translateTexts(cfg(provider, s.url, { timeoutMs: 300 }), [AR[0]!]));
    expect(err.code).toBe('mt_timeout');
    expect(err.params).toMatchObject({ seconds: 0 });
  });

  it('a refused connection is mt_unreachable naming the host', async () => {
    const url = await closedPort();
    const err = await failure(translateTexts(cfg(provider, url), [AR[0]!]));
    expect(err.code).toBe('mt_unreachable');
    expect(err.params).toMatchObject({ host: new URL(url).host, reason: 'ECONNREFUSED' });
  });

  it('a redirect is not followed (the key would go with it)', async () => {
    const s = await start((_req, res) => {
      res.writeHead(307, { Location: 'http://127.0.0.1:9/elsewhere' });
      res.end();
    });
    const err = await failure(translateTexts(cfg(provider, s.url), [AR[0]!]));
    expect(err.code).toBe('mt_unreachable');
    expect(s.requests).toHaveLength(1);
  });

  it('the caller cancelling is mt_cancelled, not a timeout', async () => {
    const s = await start(() => {
      /* never answers */
    });
    const controller = new AbortController();
    const p = translateTexts(cfg(provider, s.url), [AR[0]!], controller.signal);
    setTimeout(() => controller.abort(), 50);
    expect((await failure(p)).code).toBe('mt_cancelled');
  });
}

describe('LibreTranslate adapter', () => {
  it('POSTs /translate with q as an array, source ar, target en, format text and api_key; reads translatedText[]', async () => {
    const s = await start((req, res) => {
      const q = (req.body as { q: string[] }).q;
      json(res, 200, { translatedText: q.map((t, i) => `EN${i}:${t.length}`) });
    });
    const out = await translateTexts(cfg('libretranslate', s.url), AR);
    expect(out).toEqual([`EN0:${AR[0]!.length}`, `EN1:${AR[1]!.length}`]);
    const [req] = s.requests;
    expect(req?.method).toBe('POST');
    expect(req?.path).toBe('/translate');
    expect(req?.headers['content-type']).toBe('application/json');
    expect(req?.headers.authorization).toBeUndefined();
    expect(req?.body).toEqual({ q: AR, source: 'ar', target: 'en', format: 'text', api_key: KEY });
  });

  it('sends no api_key when there is none (a self-hosted server), and accepts a full /translate URL', async () => {
    const s = await start((_req, res) => json(res, 200, { translatedText: ['Hello'] }));
    await translateTexts(cfg('libretranslate', `${s.url}/translate`, { key: null }), [AR[0]!]);
    expect(s.requests[0]?.path).toBe('/translate');
    expect(s.requests[0]?.body).toEqual({ q: [AR[0]], source: 'ar', target: 'en', format: 'text' });
  });

  it('a 403 with {"error": …} (a wrong key) is mt_auth with the server’s words, without the key', async () => {
    const s = await start((_req, res) => json(res, 403, { error: `Invalid API key ${KEY}` }));
    const err = await failure(translateTexts(cfg('libretranslate', s.url), [AR[0]!]));
    expect(err.code).toBe('mt_auth');
    expect(err.params?.detail).toBe('Invalid API key •••');
  });

  it('a translatedText array of the wrong length is mt_bad_response', async () => {
    const s = await start((_req, res) => json(res, 200, { translatedText: ['only one'] }));
    expect((await failure(translateTexts(cfg('libretranslate', s.url), AR))).code).toBe('mt_bad_response');
  });

  commonErrors('libretranslate', (status) => ({ error: `failure ${status}` }));
});

describe('DeepL adapter', () => {
  it('POSTs /v2/translate with DeepL-Auth-Key, text[], source_lang AR and target_lang EN-US; reads translations[].text', async () => {
    const s = await start((req, res) => {
      const text = (req.body as { text: string[] }).text;
      json(res, 200, { translations: text.map((_t, i) => ({ detected_source_language: 'AR', text: `T${i}` })) });
    });
    expect(await translateTexts(cfg('deepl', s.url), AR)).toEqual(['T0', 'T1']);
    const [req] = s.requests;
    expect(req?.path).toBe('/v2/translate');
    expect(req?.headers.authorization).toBe(`DeepL-Auth-Key ${KEY}`);
    expect(req?.headers['content-type']).toBe('application/json');
    expect(req?.body).toEqual({ text: AR, source_lang: 'AR', target_lang: 'EN-US' });
    expect(req?.raw).not.toContain('auth_key');
  });

  it('asks for EN-GB when British English is set', async () => {
    const s = await start((_req, res) => json(res, 200, { translations: [{ text: 'Colour' }] }));
    await translateTexts(cfg('deepl', s.url, { english: 'en-GB' }), [AR[0]!]);
    expect((s.requests[0]?.body as { target_lang: string }).target_lang).toBe('EN-GB');
  });

  it('free keys (…:fx) go to api-free.deepl.com, others to api.deepl.com', () => {
    expect(deeplBase({ key: 'abc:fx' })).toBe('https://api-free.deepl.com');
    expect(deeplBase({ key: 'abc' })).toBe('https://api.deepl.com');
    expect(adapterFor({ provider: 'deepl' }).url(cfg('deepl', '', { key: 'k:fx' }))).toBe(
      'https://api-free.deepl.com/v2/translate',
    );
  });

  it('456 is mt_quota (the character quota is used up), with DeepL’s message', async () => {
    const s = await start((_req, res) => json(res, 456, { message: 'Quota exceeded' }));
    const err = await failure(translateTexts(cfg('deepl', s.url), [AR[0]!]));
    expect(err.code).toBe('mt_quota');
    expect(err.params).toMatchObject({ status: 456, detail: 'Quota exceeded' });
  });

  it('a translations entry without text is mt_bad_response', async () => {
    const s = await start((_req, res) => json(res, 200, { translations: [{ detected_source_language: 'AR' }] }));
    expect((await failure(translateTexts(cfg('deepl', s.url), [AR[0]!]))).code).toBe('mt_bad_response');
  });

  it('batches up to 50 texts per request', () => {
    const texts = Array.from({ length: 120 }, (_v, i) => `نص ${i}`);
    expect(chunk(adapterFor({ provider: 'deepl' }), texts).map((c) => c.length)).toEqual([50, 50, 20]);
  });

  commonErrors('deepl', () => ({ message: 'Something went wrong' }));
});

describe('OpenAI-compatible adapter', () => {
  it('POSTs /v1/chat/completions with a Bearer key, the model, a translator system prompt and the text; reads choices[0].message.content', async () => {
    const s = await start((_req, res) =>
      json(res, 200, {
        id: 'chatcmpl-1',
        object: 'chat.completion',
        choices: [{ index: 0, message: { role: 'assistant', content: '  Hello, world.\n' }, finish_reason: 'stop' }],
      }),
    );
    expect(await translateTexts(cfg('openai', s.url), [AR[0]!])).toEqual(['Hello, world.']);
    const [req] = s.requests;
    expect(req?.path).toBe('/v1/chat/completions');
    expect(req?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(req?.body).toEqual({
      model: 'gpt-test',
      temperature: 0,
      messages: [
        { role: 'system', content: systemPrompt('en-US') },
        { role: 'user', content: AR[0] },
      ],
    });
    expect(systemPrompt('en-US')).toMatch(/Arabic.*English.*American/);
    expect(systemPrompt('en-US')).toMatch(/translation only/);
    expect(systemPrompt('en-GB')).toMatch(/British/);
  });

  it('sends one paragraph per request', () => {
    expect(chunk(adapterFor({ provider: 'openai' }), AR)).toEqual([[AR[0]], [AR[1]]]);
  });

  it('429 with code insufficient_quota is mt_quota; a plain 429 is mt_rate_limited', async () => {
    const s = await start((_req, res) =>
      json(res, 429, {
        error: { message: 'You exceeded your current quota', type: 'insufficient_quota', code: 'insufficient_quota' },
      }),
    );
    expect((await failure(translateTexts(cfg('openai', s.url), [AR[0]!]))).code).toBe('mt_quota');
    s.reply = (_req, res) =>
      json(res, 429, { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } });
    const err = await failure(translateTexts(cfg('openai', s.url), [AR[0]!]));
    expect(err.code).toBe('mt_rate_limited');
    expect(err.params?.detail).toBe('Rate limit reached');
  });

  it('an empty content is mt_bad_response', async () => {
    const s = await start((_req, res) => json(res, 200, { choices: [{ message: { role: 'assistant', content: '' } }] }));
    expect((await failure(translateTexts(cfg('openai', s.url), [AR[0]!]))).code).toBe('mt_bad_response');
  });

  commonErrors('openai', (status) => ({ error: { message: `Error ${status}`, type: 'invalid_request_error', code: null } }));
});
