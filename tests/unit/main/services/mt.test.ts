// Machine translation through the services, against a fake DeepL on 127.0.0.1: the per-document
// opt-in (no request without it), the cache (a paragraph is paid for once), batch pre-translation
// (one undoable batch; cancel keeps what arrived; an error changes nothing), insertion recorded with
// origin 'mt', and the key: never in a log, a settings answer, an error or an export.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { importDocument } from '../../../../src-main/services/documents';
import { listHistory, undoBatch } from '../../../../src-main/services/history';
import { renderExport } from '../../../../src-main/services/io';
import * as mt from '../../../../src-main/services/mt';
import { encryptedFileKeyStore, envKeyStore, type KeyCipher } from '../../../../src-main/services/mt-key';
import { getPair, listPairs, setExcluded, updateTarget } from '../../../../src-main/services/pairs';
import { getSettings, updateSettings } from '../../../../src-main/services/settings';
import { exportMemoryForRenderer } from '../../../../src-main/services/tm';
import { listBatches } from '../../../../src-main/services/tm-writes';
import { EXPORT_FORMATS, exportFormatsFor } from '../../../../src-main/shared/domain';
import { errorMessage } from '../../../../src-main/cli-messages';
import { QalamError, toAppError } from '../../../../src-main/shared/errors';
import { countCache } from '../../../../src-main/store/repos/mt';
import { fakeProvider, json, type FakeProvider } from '../mt/fake-server';
import { as, importSample, testRuntime, type TestRuntime } from '../helpers';

const KEY = 'deepl-5ecret-key-9f8e7d6c:fx';

let rt: TestRuntime;
let deepl: FakeProvider;
let consoleCalls: unknown[][];

/** DeepL's documented answer: one translation per text, in order. */
function translateAll(req: { body: unknown }, res: Parameters<typeof json>[0]) {
  const text = (req.body as { text: string[] }).text;
  json(res, 200, { translations: text.map((t) => ({ detected_source_language: 'AR', text: `EN(${t.slice(0, 12)})` })) });
}

beforeEach(async () => {
  consoleCalls = [];
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void consoleCalls.push(args));
  }
  rt = testRuntime();
  rt.ctx.mtKey = envKeyStore({ QALAM_MT_KEY: KEY });
  deepl = await fakeProvider(translateAll);
  updateSettings(rt.ctx, { mtProvider: 'deepl', mtEndpoint: deepl.url, mtTimeoutSec: 5 });
});

afterEach(async () => {
  // The key is never logged, whatever the test did.
  expect(JSON.stringify(consoleCalls)).not.toContain(KEY);
  vi.restoreAllMocks();
  await deepl.close();
  rt.dispose();
});

async function allowedSample() {
  const doc = await importSample(rt);
  mt.setAllowed(rt.ctx, doc.id, true);
  return doc;
}

const pairsOf = (documentId: number) => listPairs(rt.ctx, documentId, 0, 1000).items;

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof QalamError) return e.code;
    throw e;
  }
  return 'ok';
}

describe('per-document opt-in', () => {
  it('sends nothing for a document that has not allowed it: suggestion and batch are refused', async () => {
    const doc = await importSample(rt);
    expect(doc.mtAllowed).toBe(false);
    const pair = pairsOf(doc.id)[0]!;
    expect(await code(mt.suggest(rt.ctx, pair.id))).toBe('mt_not_allowed');
    expect(await code(mt.pretranslate(rt.ctx, doc.id))).toBe('mt_not_allowed');
    expect(deepl.requests).toHaveLength(0);
    // Counting what would be sent sends nothing and needs no opt-in.
    const estimate = await mt.estimate(rt.ctx, doc.id);
    expect(estimate.segments).toBeGreaterThan(0);
    expect(deepl.requests).toHaveLength(0);

    expect(mt.setAllowed(rt.ctx, doc.id, true).mtAllowed).toBe(true);
    expect((await mt.suggest(rt.ctx, pair.id)).text).toMatch(/^EN\(/);
    expect(deepl.requests).toHaveLength(1);
    // Withdrawn: refused again, even for a text already in the cache.
    mt.setAllowed(rt.ctx, doc.id, false);
    expect(await code(mt.suggest(rt.ctx, pair.id))).toBe('mt_not_allowed');
  });

  it('refuses with mt_not_configured while no provider, no DeepL key or no chat model is set', async () => {
    const doc = await allowedSample();
    const pair = pairsOf(doc.id)[0]!;
    updateSettings(rt.ctx, { mtProvider: 'none' });
    expect(await code(mt.suggest(rt.ctx, pair.id))).toBe('mt_not_configured');
    updateSettings(rt.ctx, { mtProvider: 'openai', mtModel: '' });
    expect(await code(mt.suggest(rt.ctx, pair.id))).toBe('mt_not_configured');
    updateSettings(rt.ctx, { mtProvider: 'deepl' });
    rt.ctx.mtKey = envKeyStore({});
    expect(await code(mt.suggest(rt.ctx, pair.id))).toBe('mt_not_configured');
    expect(deepl.requests).toHaveLength(0);
  });
});

describe('the cache', () => {
  it('pays for a paragraph once: a second suggestion, a concurrent one and a batch take it from the store', async () => {
    const doc = await allowedSample();
    const [first, second] = pairsOf(doc.id);
    const a = await mt.suggest(rt.ctx, first!.id);
    expect(a).toMatchObject({ provider: 'DeepL', cached: false });
    const again = await mt.suggest(rt.ctx, first!.id);
    expect(again).toMatchObject({ text: a.text, cached: true });
    expect(deepl.requests).toHaveLength(1);

    const [x, y] = await Promise.all([mt.suggest(rt.ctx, second!.id), mt.suggest(rt.ctx, second!.id)]);
    expect(x.text).toBe(y.text);
    expect(deepl.requests).toHaveLength(2);

    const estimate = await mt.estimate(rt.ctx, doc.id);
    expect(estimate.sendSegments).toBe(estimate.segments - 2);
    const result = await mt.pretranslate(rt.ctx, doc.id);
    expect(result.fromCache).toBe(2);
    const sent = (deepl.requests.slice(2) as { body: unknown }[]).flatMap((r) => (r.body as { text: string[] }).text);
    expect(sent).not.toContain(first!.source);
    expect(sent).not.toContain(second!.source);
    expect(sent).toHaveLength(estimate.sendSegments);
  });

  it('keys the cache by engine: another English variant is another translation', async () => {
    const doc = await allowedSample();
    const pair = pairsOf(doc.id)[0]!;
    await mt.suggest(rt.ctx, pair.id);
    updateSettings(rt.ctx, { mtEnglish: 'en-GB' });
    expect((await mt.suggest(rt.ctx, pair.id)).cached).toBe(false);
    expect(deepl.requests).toHaveLength(2);
    expect(countCache(rt.db)).toBe(2);
  });

  it('sends a paragraph repeated in the document once', async () => {
    const text = ['فقرة مكررة في النص.', 'فقرة أخرى.', 'فقرة مكررة في النص.', 'فقرة مكررة في النص.'].join('\n\n');
    const doc = await importDocument(rt.ctx, { fileName: 'rep.txt', bytes: new TextEncoder().encode(text) });
    mt.setAllowed(rt.ctx, doc.id, true);
    const estimate = await mt.estimate(rt.ctx, doc.id);
    expect(estimate).toMatchObject({ segments: 4, sendSegments: 2 });
    const result = await mt.pretranslate(rt.ctx, doc.id);
    expect(result).toMatchObject({ filled: 4, requests: 1 });
    expect((deepl.requests[0]?.body as { text: string[] }).text).toHaveLength(2);
  });
});

describe('batch pre-translation', () => {
  it('a second run for the same document while one is going is refused, and says so; the first finishes', async () => {
    const doc = await allowedSample();
    const first = mt.pretranslate(rt.ctx, doc.id);
    let refusal: unknown;
    await mt.pretranslate(rt.ctx, doc.id).catch((e: unknown) => (refusal = e));
    expect(refusal).toBeInstanceOf(QalamError);
    const err = toAppError(refusal);
    expect(err).toMatchObject({ code: 'conflict', params: { what: 'mt' } });
    expect(errorMessage(err)).toBe('Machine translation is already running for this document: wait for it to finish.');
    expect((await first).filled).toBe(pairsOf(doc.id).length);
  });

  it('fills every empty target as Draft with an mt revision, as one batch that undoes as one', async () => {
    const doc = await allowedSample();
    const before = pairsOf(doc.id);
    const typed = before[1]!;
    updateTarget(rt.ctx, { pairId: typed.id, target: 'Typed by hand', expectedVersion: typed.version });
    const estimate = await mt.estimate(rt.ctx, doc.id);
    expect(estimate.segments).toBe(before.length - 1);
    expect(estimate.chars).toBe(before.filter((p) => p.id !== typed.id).reduce((n, p) => n + p.source.length, 0));

    const progress: number[] = [];
    rt.ctx.events.on('mt:progress', (e) => progress.push(e.done));
    const result = await mt.pretranslate(rt.ctx, doc.id);
    expect(result).toMatchObject({ filled: estimate.segments, cancelled: false, skipped: 0, requests: 1 });
    expect(result.sentChars).toBe(estimate.sendChars);
    expect(progress.at(-1)).toBe(estimate.segments);

    const after = pairsOf(doc.id);
    expect(after.find((p) => p.id === typed.id)?.target).toBe('Typed by hand');
    for (const p of after.filter((q) => q.id !== typed.id)) {
      expect(p.target).toMatch(/^EN\(/);
      expect(p.status).toBe('draft');
      expect(listHistory(rt.ctx, p.id).at(-1)).toMatchObject({ origin: 'mt', batchId: result.batchId, note: 'DeepL' });
    }
    expect(listBatches(rt.ctx, doc.id)[0]).toMatchObject({ id: result.batchId, origin: 'mt', pairs: result.filled });

    const undo = undoBatch(rt.ctx, result.batchId!);
    expect(undo.restored).toHaveLength(result.filled);
    expect(
      pairsOf(doc.id)
        .filter((p) => p.target !== '')
        .map((p) => p.id),
    ).toEqual([typed.id]);
  });

  it('an error part-way writes nothing; what was paid for is cached and not sent again', async () => {
    const text = Array.from({ length: 60 }, (_v, i) => `الفقرة رقم ${i + 1} من النص.`).join('\n\n');
    const doc = await importDocument(rt.ctx, { fileName: 'long.txt', bytes: new TextEncoder().encode(text) });
    mt.setAllowed(rt.ctx, doc.id, true);
    let calls = 0;
    deepl.reply = (req, res) => (++calls === 1 ? translateAll(req, res) : json(res, 456, { message: 'Quota exceeded' }));
    expect(await code(mt.pretranslate(rt.ctx, doc.id))).toBe('mt_quota');
    expect(pairsOf(doc.id).every((p) => p.target === '' && p.status === 'new' && p.version === 0)).toBe(true);
    expect(listBatches(rt.ctx, doc.id)).toEqual([]);
    expect(countCache(rt.db)).toBe(50);

    deepl.reply = translateAll;
    expect((await mt.estimate(rt.ctx, doc.id)).sendSegments).toBe(10);
    const result = await mt.pretranslate(rt.ctx, doc.id);
    expect(result).toMatchObject({ filled: 60, fromCache: 50, requests: 1 });
    expect((deepl.requests.at(-1)?.body as { text: string[] }).text).toHaveLength(10);
  });

  it('cancel keeps what had arrived, as one batch, and sends nothing more', async () => {
    const text = Array.from({ length: 120 }, (_v, i) => `جملة ${i + 1}.`).join('\n\n');
    const doc = await importDocument(rt.ctx, { fileName: 'c.txt', bytes: new TextEncoder().encode(text) });
    mt.setAllowed(rt.ctx, doc.id, true);
    let calls = 0;
    deepl.reply = (req, res) => {
      if (++calls === 1) return translateAll(req, res);
      // The second request hangs until the user cancels.
      expect(mt.cancel(rt.ctx, doc.id)).toEqual({ cancelled: true });
    };
    const result = await mt.pretranslate(rt.ctx, doc.id);
    expect(result).toMatchObject({ cancelled: true, filled: 50, requests: 1 });
    expect(deepl.requests).toHaveLength(2);
    expect(pairsOf(doc.id).filter((p) => p.target !== '')).toHaveLength(50);
    expect(listBatches(rt.ctx, doc.id)).toHaveLength(1);
    expect(mt.cancel(rt.ctx, doc.id)).toEqual({ cancelled: false });
  });

  it('leaves excluded paragraphs alone: neither sent nor filled', async () => {
    const doc = await allowedSample();
    as(rt, 'editor');
    const boiler = pairsOf(doc.id).at(-1)!;
    setExcluded(rt.ctx, { pairId: boiler.id, expectedVersion: boiler.version, excluded: true });
    const estimate = await mt.estimate(rt.ctx, doc.id);
    expect(estimate.segments).toBe(pairsOf(doc.id).length - 1);
    await mt.pretranslate(rt.ctx, doc.id);
    const sent = deepl.requests.flatMap((r) => (r.body as { text: string[] }).text);
    expect(sent).not.toContain(boiler.source);
    expect(getPair(rt.ctx, boiler.id).target).toBe('');
  });
});

describe('insertion', () => {
  it('a target saved with origin mt is its own revision, not merged into typing', async () => {
    const doc = await allowedSample();
    const pair = pairsOf(doc.id)[0]!;
    const typed = updateTarget(rt.ctx, { pairId: pair.id, target: 'Typ', expectedVersion: pair.version });
    const suggestion = await mt.suggest(rt.ctx, pair.id);
    const inserted = updateTarget(rt.ctx, {
      pairId: pair.id,
      target: suggestion.text,
      expectedVersion: typed.version,
      origin: 'mt',
    });
    updateTarget(rt.ctx, { pairId: pair.id, target: `${suggestion.text} more`, expectedVersion: inserted.version });
    const history = listHistory(rt.ctx, pair.id).slice(-3);
    expect(history.map((r) => [r.kind, r.origin ?? null, r.target])).toEqual([
      ['edit', null, 'Typ'],
      ['edit', 'mt', suggestion.text],
      ['edit', null, `${suggestion.text} more`],
    ]);
  });
});

describe('the key', () => {
  it('settings say only whether there is one', async () => {
    expect(getSettings(rt.ctx).mtHasKey).toBe(true);
    const viaBridge = await rt.dispatch('settings:get', {});
    expect(JSON.stringify(viaBridge)).not.toContain(KEY);
    expect(viaBridge).toMatchObject({ ok: true, value: { mtHasKey: true } });
    rt.ctx.mtKey = envKeyStore({});
    expect(getSettings(rt.ctx).mtHasKey).toBe(false);
  });

  it('the environment key cannot be replaced from the UI', async () => {
    const r = await rt.dispatch('mt:set-key', { key: 'another' });
    expect(r).toMatchObject({ ok: false, error: { code: 'mt_key_store', params: { context: 'env' } } });
  });

  it('is in no export and in no error, also when the provider echoes it', async () => {
    const doc = await allowedSample();
    await mt.pretranslate(rt.ctx, doc.id);
    for (const format of EXPORT_FORMATS.filter((f) => exportFormatsFor(doc).includes(f))) {
      const { file } = await renderExport(rt.ctx, { documentId: doc.id, format });
      expect(Buffer.from(file.bytes).toString('latin1'), format).not.toContain(KEY);
    }
    const memory = await exportMemoryForRenderer(rt.ctx, false);
    expect(Buffer.from(memory.dataBase64 ?? '', 'base64').toString('utf8')).not.toContain(KEY);
    expect(readFileSync(join(rt.dir, 'qalam.db')).toString('latin1')).not.toContain(KEY);

    deepl.reply = (_req, res) => json(res, 403, { message: `Wrong key ${KEY}` });
    const pair = pairsOf(doc.id)[0]!;
    mt.setAllowed(rt.ctx, doc.id, true);
    updateSettings(rt.ctx, { mtEnglish: 'en-GB' });
    const r = await rt.dispatch('mt:suggest', { pairId: pair.id });
    expect(r).toMatchObject({ ok: false, error: { code: 'mt_auth', params: { status: 403 } } });
    expect(JSON.stringify(r)).not.toContain(KEY);
    expect(getPair(rt.ctx, pair.id).target).toMatch(/^EN\(/);
  });

  it('the app’s store encrypts it into a 0600 file and reports only whether it is there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qalam-key-'));
    try {
      let available = true;
      const cipher: KeyCipher = {
        isAvailable: () => Promise.resolve(available),
        encrypt: (plain) => Promise.resolve(Buffer.from([...Buffer.from(plain)].map((b) => b ^ 0x5a))),
        decrypt: (enc) => Promise.resolve({ plain: Buffer.from([...enc].map((b) => b ^ 0x5a)).toString(), reEncrypt: false }),
      };
      const path = join(dir, 'mt-key.bin');
      const store = encryptedFileKeyStore(path, cipher);
      expect(store.has()).toBe(false);
      await store.set(KEY);
      expect(store.has()).toBe(true);
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(readFileSync(path).toString('latin1')).not.toContain(KEY);
      expect(await store.get()).toBe(KEY);
      await store.set(null);
      expect(store.has()).toBe(false);
      // Without the operating system's encryption nothing is written, rather than the key in the clear.
      available = false;
      expect(await code(store.set(KEY))).toBe('mt_key_store');
      expect(store.has()).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('settings', () => {
  it('accept an http(s) endpoint or none, a timeout of 5–300 s, and refuse anything else', async () => {
    expect(await rt.dispatch('settings:update', { mtEndpoint: 'file:///etc/passwd' })).toMatchObject({ ok: false });
    expect(await rt.dispatch('settings:update', { mtTimeoutSec: 1 })).toMatchObject({ ok: false });
    expect(await rt.dispatch('settings:update', { mtProvider: 'google' })).toMatchObject({ ok: false });
    expect(await rt.dispatch('settings:update', { mtHasKey: true })).toMatchObject({ ok: false });
    expect(await rt.dispatch('settings:update', { mtEndpoint: '', mtModel: 'gpt-4o-mini', mtTimeoutSec: 60 })).toMatchObject({
      ok: true,
      value: { mtEndpoint: '', mtModel: 'gpt-4o-mini', mtTimeoutSec: 60 },
    });
  });

  it('Test connection translates our own sample sentence, not document text', async () => {
    const r = await mt.testConnection(rt.ctx);
    expect(r).toMatchObject({ provider: 'DeepL', sample: mt.MT_TEST_SAMPLE });
    expect((deepl.requests[0]?.body as { text: string[] }).text).toEqual([mt.MT_TEST_SAMPLE]);
    expect(deepl.requests[0]?.headers.authorization).toBe(`DeepL-Auth-Key ${KEY}`);
  });
});
