// Machine translation: the settings and key turned into a provider call, the per-document opt-in
// (no request is ever made for a document without it), the cache (a paragraph is paid for once),
// the suggestion for one pair and batch pre-translation of empty targets as one undoable batch.
//
// Batch pre-translation, decided: requests go out in chunks and every answer is cached as soon as
// it arrives. Cancel keeps what has arrived: it is written as one 'mt' batch (undo it with
// tm:undo-batch). An error (timeout, key, quota, server, bad answer) writes nothing to the
// document, as every MT error changes nothing; what was paid for before it stays in the cache, so
// running again costs only the rest.
import { createHash } from 'node:crypto';
import type { MtEstimate, MtPretranslateResult, MtSuggestion, MtTestResult } from '../shared/contract';
import { checkAction, statusAfterEdit, type DocumentSummary, type Settings } from '../shared/domain';
import { QalamError } from '../shared/errors';
import { adapterFor, chunk, translateTexts, type MtConfig } from '../mt';
import { getPair as getPairRow } from '../store/repos/pairs';
import * as repo from '../store/repos/mt';
import { readSettings } from '../store/repos/settings';
import { actor, type ServiceContext } from './context';
import { getDocument } from './documents';
import { applyChange, batchTransaction } from './pair-writes';

/** The Test connection button's sentence: our own text, so no document leaves the machine. */
export const MT_TEST_SAMPLE = 'مرحبا بالعالم. هذه جملة لاختبار الاتصال.';

/** The provider call as the settings and the key store describe it; mt_not_configured when incomplete. */
export async function mtConfig(ctx: ServiceContext, settings: Settings = readSettings(ctx.db)): Promise<MtConfig> {
  if (settings.mtProvider === 'none') throw new QalamError('mt_not_configured', { context: 'provider' });
  const key = await ctx.mtKey.get();
  // LibreTranslate and chat servers can be self-hosted without a key; DeepL always needs one.
  if (settings.mtProvider === 'deepl' && !key) throw new QalamError('mt_not_configured', { context: 'key' });
  if (settings.mtProvider === 'openai' && settings.mtModel.trim() === '') {
    throw new QalamError('mt_not_configured', { context: 'model' });
  }
  return {
    provider: settings.mtProvider,
    endpoint: settings.mtEndpoint,
    model: settings.mtModel.trim(),
    english: settings.mtEnglish,
    key,
    timeoutMs: settings.mtTimeoutSec * 1000,
  };
}

/**
 * What identifies the translations a configuration produces, for the cache: the provider, the model
 * and the English asked for; for LibreTranslate and chat endpoints also the server, since each
 * deployment runs its own models. DeepL's free and pro endpoints are one engine.
 */
export function engineOf(cfg: MtConfig): string {
  const server = cfg.provider === 'deepl' ? '' : adapterFor(cfg).url(cfg);
  return [cfg.provider, cfg.model, cfg.english, server].join('|');
}

export function sourceHash(source: string): string {
  return createHash('sha256').update(source, 'utf8').digest('hex');
}

function requireAllowed(ctx: ServiceContext, documentId: number): DocumentSummary {
  const doc = getDocument(ctx, documentId);
  if (!doc.mtAllowed) throw new QalamError('mt_not_allowed', { name: doc.name });
  return doc;
}

export function setAllowed(ctx: ServiceContext, documentId: number, allowed: boolean): DocumentSummary {
  getDocument(ctx, documentId);
  repo.setMtAllowed(ctx.db, documentId, allowed);
  ctx.events.emit('documents:changed', { documentId });
  return getDocument(ctx, documentId);
}

export async function setKey(ctx: ServiceContext, key: string | null): Promise<{ hasKey: boolean }> {
  await ctx.mtKey.set(key);
  return { hasKey: ctx.mtKey.has() };
}

export async function testConnection(ctx: ServiceContext): Promise<MtTestResult> {
  const cfg = await mtConfig(ctx);
  const started = Date.now();
  const [translation] = await translateTexts(cfg, [MT_TEST_SAMPLE]);
  return { provider: adapterFor(cfg).label, sample: MT_TEST_SAMPLE, translation: translation ?? '', ms: Date.now() - started };
}

/** Requests on their way, by engine and source: a second ask for the same text waits for the first. */
const pending = new WeakMap<ServiceContext, Map<string, Promise<string>>>();

/** One text through the cache, else the provider (whose answer is cached at once). */
async function translateOne(ctx: ServiceContext, cfg: MtConfig, source: string): Promise<{ text: string; cached: boolean }> {
  const engine = engineOf(cfg);
  const hash = sourceHash(source);
  const hit = repo.cachedTranslation(ctx.db, engine, hash);
  if (hit !== undefined) return { text: hit, cached: true };
  let map = pending.get(ctx);
  if (!map) pending.set(ctx, (map = new Map()));
  const slot = `${engine}\n${hash}`;
  let request = map.get(slot);
  if (!request) {
    request = translateTexts(cfg, [source]).then(([text]) => {
      const out = text ?? '';
      repo.cacheTranslation(ctx.db, engine, hash, out, ctx.now());
      return out;
    });
    map.set(slot, request);
    const done = () => map.delete(slot);
    request.then(done, done);
  }
  return { text: await request, cached: false };
}

export async function suggest(ctx: ServiceContext, pairId: number): Promise<MtSuggestion> {
  const pair = getPairRow(ctx.db, pairId);
  if (!pair) throw new QalamError('not_found', { what: 'pair' });
  requireAllowed(ctx, pair.documentId);
  if (pair.source.trim() === '') throw new QalamError('bad_input', { field: 'source' });
  const cfg = await mtConfig(ctx);
  const { text, cached } = await translateOne(ctx, cfg, pair.source);
  return { pairId, text, provider: adapterFor(cfg).label, cached };
}

/** Empty targets the current user may fill (an editor may not write translations). */
function fillable(ctx: ServiceContext, documentId: number) {
  const who = actor(ctx);
  const rows = repo
    .emptyTargets(ctx.db, documentId)
    .filter((r) => checkAction(who.role, 'edit', { status: r.status, excluded: false, target: '' }).ok);
  return { who, rows };
}

/** The distinct sources not yet in the cache, in document order. */
function toSend(ctx: ServiceContext, engine: string | null, sources: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const s of sources) {
    if (seen.has(s)) continue;
    seen.add(s);
    if (engine === null || repo.cachedTranslation(ctx.db, engine, sourceHash(s)) === undefined) out.push(s);
  }
  return out;
}

/** What a batch would fill and send, before anything is sent. Counting needs no opt-in: nothing leaves. */
export async function estimate(ctx: ServiceContext, documentId: number): Promise<MtEstimate> {
  getDocument(ctx, documentId);
  const { rows } = fillable(ctx, documentId);
  let engine: string | null = null;
  try {
    engine = engineOf(await mtConfig(ctx));
  } catch {
    // Not configured yet: everything would be sent.
  }
  const send = toSend(
    ctx,
    engine,
    rows.map((r) => r.source),
  );
  return {
    documentId,
    segments: rows.length,
    chars: rows.reduce((n, r) => n + r.source.length, 0),
    sendSegments: send.length,
    sendChars: send.reduce((n, s) => n + s.length, 0),
  };
}

const running = new WeakMap<ServiceContext, Map<number, AbortController>>();

export function cancel(ctx: ServiceContext, documentId: number): { cancelled: boolean } {
  const run = running.get(ctx)?.get(documentId);
  run?.abort();
  return { cancelled: run !== undefined };
}

export async function pretranslate(ctx: ServiceContext, documentId: number): Promise<MtPretranslateResult> {
  requireAllowed(ctx, documentId);
  const cfg = await mtConfig(ctx);
  const adapter = adapterFor(cfg);
  const engine = engineOf(cfg);
  let runs = running.get(ctx);
  if (!runs) running.set(ctx, (runs = new Map()));
  if (runs.has(documentId)) throw new QalamError('conflict', { what: 'mt' });
  const controller = new AbortController();
  runs.set(documentId, controller);

  const result: MtPretranslateResult = {
    documentId,
    batchId: null,
    filled: 0,
    sentChars: 0,
    requests: 0,
    fromCache: 0,
    cancelled: false,
    skipped: 0,
  };
  try {
    const { who, rows } = fillable(ctx, documentId);
    const total = rows.length;
    const bySource = new Map<string, string>();
    const send = toSend(
      ctx,
      engine,
      rows.map((r) => r.source),
    );
    const sendSet = new Set(send);
    for (const r of rows) {
      if (sendSet.has(r.source) || bySource.has(r.source)) continue;
      const hit = repo.cachedTranslation(ctx.db, engine, sourceHash(r.source));
      if (hit !== undefined) bySource.set(r.source, hit);
    }
    const ready = () => rows.filter((r) => bySource.has(r.source)).length;
    ctx.events.emit('mt:progress', { documentId, done: ready(), total });
    for (const texts of chunk(adapter, send)) {
      let out: string[];
      try {
        out = await translateTexts(cfg, texts, controller.signal);
      } catch (e) {
        if (e instanceof QalamError && e.code === 'mt_cancelled') {
          result.cancelled = true;
          break;
        }
        throw e;
      }
      result.requests++;
      const at = ctx.now();
      texts.forEach((source, i) => {
        const target = out[i] ?? '';
        repo.cacheTranslation(ctx.db, engine, sourceHash(source), target, at);
        bySource.set(source, target);
        result.sentChars += source.length;
      });
      ctx.events.emit('mt:progress', { documentId, done: ready(), total });
      if (controller.signal.aborted) {
        result.cancelled = true;
        break;
      }
    }
    result.fromCache = rows.filter((r) => bySource.has(r.source) && !sendSet.has(r.source)).length;

    batchTransaction(ctx, { documentId, origin: 'mt', who, note: adapter.label }, (batchId) => {
      const at = ctx.now();
      for (const r of rows) {
        const target = bySource.get(r.source);
        if (target === undefined || target.trim() === '') continue;
        const pair = getPairRow(ctx.db, r.id);
        // Typed into while the requests were out: the translator's text wins.
        if (!pair || pair.version !== r.version || pair.target.trim() !== '' || pair.excluded) {
          result.skipped++;
          continue;
        }
        applyChange(ctx, pair, { target, targetCodes: null, status: statusAfterEdit(pair.status, target) }, who, {
          kind: 'edit',
          origin: 'mt',
          note: adapter.label,
          at,
        });
        result.filled++;
      }
      result.batchId = result.filled > 0 ? batchId : null;
    });
    return result;
  } finally {
    runs.delete(documentId);
  }
}
