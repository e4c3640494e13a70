// Long jobs through the real dispatch with the worker runner: the app's configuration.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Events, PairPage } from '../../../../src-main/shared/contract';
import type { Result } from '../../../../src-main/shared/errors';
import type { DocumentSummary } from '../../../../src-main/shared/domain';
import { openRuntime, type Runtime } from '../../../../src-main/runtime';
import { fourParagraphTmx } from '../tm/fixtures';
import { sampleBytes } from '../helpers';

let rt: Runtime | undefined;
let dir: string | undefined;
afterEach(() => {
  rt?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  rt = undefined;
});

function workerRuntime(): Runtime {
  dir = mkdtempSync(join(tmpdir(), 'qalam-jobs-'));
  rt = openRuntime({ dataDir: dir, transport: 'http', jobs: 'worker' });
  return rt;
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

function paragraphs(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) lines.push(`الفقرة رقم ${i} من وثيقة كبيرة، وفيها كلمات كافية لتكون فقرة حقيقية.`);
  return lines.join('\n');
}

/** Every table's row count and the documents' rows: what a cancelled job must leave as it was. */
function snapshot(r: Runtime): Record<string, unknown> {
  const tables = r.db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  const out: Record<string, unknown> = {};
  for (const t of tables) out[t] = r.db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get();
  out.documentRows = r.db.prepare('SELECT * FROM documents ORDER BY id').all();
  out.maxRevision = r.db.prepare('SELECT max(id) FROM revisions').pluck().get();
  return out;
}

function waitFor<E extends keyof Events>(r: Runtime, event: E, test: (p: Events[E]) => boolean): Promise<Events[E]> {
  return new Promise((resolve) => {
    const off = r.ctx.events.on(event, (p) => {
      if (!test(p)) return;
      off();
      resolve(p);
    });
  });
}

describe('jobs in the worker', () => {
  it('imports through the worker with progress named by the job id, and the main connection sees the document', async () => {
    const r = workerRuntime();
    const progress: Events['job:progress'][] = [];
    r.ctx.events.on('job:progress', (p) => progress.push(p));
    const changed = waitFor(r, 'documents:changed', () => true);
    const res = (await r.dispatch('documents:import', {
      fileName: 'big.txt',
      dataBase64: b64(new TextEncoder().encode(paragraphs(5000))),
      jobId: 'imp-1',
    })) as Result<DocumentSummary>;
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.value.stats.total.segments).toBe(5000);
    expect((await changed).documentId).toBe(res.value.id);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.every((p) => p.jobId === 'imp-1' && p.job === 'documents:import' && p.total === 5000)).toBe(true);
    expect(progress.at(-1)!.done).toBe(5000);
    // The main thread's own connection reads what the worker committed.
    const list = (await r.dispatch('documents:list', {})) as Result<DocumentSummary[]>;
    expect(list.ok && list.value.map((d) => d.id)).toEqual([res.value.id]);
  });

  it('a cancelled import leaves the store exactly as it was: rows, documents, revisions, memory', async () => {
    const r = workerRuntime();
    // Something in every table first, memory included.
    expect((await r.dispatch('documents:import', { fileName: 'sample.txt', dataBase64: b64(sampleBytes()) })).ok).toBe(true);
    expect((await r.dispatch('tm:import', { fileName: 'four.tmx', dataBase64: b64(fourParagraphTmx()) })).ok).toBe(true);
    const before = snapshot(r);
    const first = waitFor(r, 'job:progress', (p) => p.jobId === 'big' && p.done > 0 && p.done < p.total);
    const call = r.dispatch('documents:import', {
      fileName: 'big.txt',
      dataBase64: b64(new TextEncoder().encode(paragraphs(60_000))),
      jobId: 'big',
    });
    await first;
    expect(await r.dispatch('jobs:cancel', { jobId: 'big' })).toEqual({ ok: true, value: { found: true } });
    const res = await call;
    expect(res).toEqual({ ok: false, error: { code: 'cancelled', key: 'errors.cancelled' } });
    expect(snapshot(r)).toEqual(before);
    // The worker is free again, and a job it finished cannot be cancelled.
    const again = await r.dispatch('documents:import', {
      fileName: 'small.txt',
      dataBase64: b64(new TextEncoder().encode(paragraphs(10))),
      jobId: 'small',
    });
    expect(again.ok).toBe(true);
    expect(await r.dispatch('jobs:cancel', { jobId: 'small' })).toEqual({ ok: true, value: { found: false } });
  });

  it('answers a second request while a large import runs', async () => {
    const r = workerRuntime();
    const order: string[] = [];
    const first = waitFor(r, 'job:progress', (p) => p.jobId === 'large' && p.done > 0 && p.done < p.total);
    const imported = r
      .dispatch('documents:import', {
        fileName: 'large.txt',
        dataBase64: b64(new TextEncoder().encode(paragraphs(100_000))),
        jobId: 'large',
      })
      .then((res) => {
        order.push('import');
        return res;
      });
    await first;
    const list = await r.dispatch('documents:list', {});
    order.push('list');
    expect(list).toEqual({ ok: true, value: [] });
    expect((await imported).ok).toBe(true);
    expect(order).toEqual(['list', 'import']);
  });

  it('builds the search index as its own job after the import; search answers the same before and after', async () => {
    const r = workerRuntime();
    const res = (await r.dispatch('documents:import', {
      fileName: 'idx.txt',
      dataBase64: b64(new TextEncoder().encode(paragraphs(20_000))),
    })) as Result<DocumentSummary>;
    if (!res.ok) throw new Error(res.error.code);
    const id = res.value.id;
    const indexed = () => r.db.prepare('SELECT count(*) FROM search_indexed WHERE document_id = ?').pluck().get(id) === 1;
    const search = (text: string) => r.dispatch('pairs:list', { documentId: id, offset: 0, limit: 50, filter: { text } });
    // The import answered with its rows committed and the index job still to come (20k pairs take
    // far longer to index than this turn of the loop): the scan answers meanwhile.
    expect(indexed()).toBe(false);
    const queries = ['وثيقة', 'رقم 1234 من', 'الفقرة رقم 19999', 'حقيقية.'];
    const before = await Promise.all(queries.map(search));
    const deadline = Date.now() + 60_000;
    while (!indexed() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(indexed()).toBe(true);
    expect(await Promise.all(queries.map(search))).toEqual(before);
    expect(before.map((p) => p.ok && (p.value as { total: number }).total)).toEqual([20_000, 1, 1, 20_000]);
  });

  it('judges a large document for the "has QA issues" filter in the worker, answering other requests meanwhile', async () => {
    const r = workerRuntime();
    const n = 30_000;
    const imported = (await r.dispatch('documents:import', {
      fileName: 'large.txt',
      dataBase64: b64(new TextEncoder().encode(paragraphs(n))),
    })) as Result<DocumentSummary>;
    if (!imported.ok) throw new Error(JSON.stringify(imported.error));
    const documentId = imported.value.id;
    let settled = false;
    const filtered = r.dispatch('pairs:list', { documentId, offset: 0, limit: 10, filter: { qaIssues: true } }).then((res) => {
      settled = true;
      return res;
    });
    // Judged on the calling thread, the answer would be ready before the event loop turned once.
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    const list = await r.dispatch('documents:list', {});
    expect(list.ok).toBe(true);
    expect(settled).toBe(false);
    const page = (await filtered) as Result<PairPage>;
    // Every pair is untranslated: each stands with an error (empty target), stored by the worker.
    expect(page.ok && page.value.total).toBe(n);
    expect(r.db.prepare('SELECT count(*) FROM pairs WHERE qa_state = 2').pluck().get()).toBe(n);
  });

  it('counts repetitions and analyses a document in the worker (whole-document reads)', async () => {
    const r = workerRuntime();
    // 300 paragraphs, each written twice: 300 repetitions in 300 groups.
    const text = `${paragraphs(300)}\n${paragraphs(300)}`;
    const imported = (await r.dispatch('documents:import', {
      fileName: 'twice.txt',
      dataBase64: b64(new TextEncoder().encode(text)),
    })) as Result<DocumentSummary>;
    if (!imported.ok) throw new Error(JSON.stringify(imported.error));
    const documentId = imported.value.id;
    for (const channel of ['tm:repetitions', 'tm:analyze'] as const) {
      let settled = false;
      const answer = r.dispatch(channel, { documentId }).then((res) => {
        settled = true;
        return res;
      });
      // Answered on the calling thread, it would be ready before the event loop turned once.
      await new Promise((resolve) => setImmediate(resolve));
      expect(settled, channel).toBe(false);
      const res = await answer;
      if (!res.ok) throw new Error(JSON.stringify(res.error));
      if (channel === 'tm:repetitions') expect(res.value).toMatchObject({ documentId, segments: 300, groups: 300 });
      else expect(res.value).toMatchObject({ documentId, total: { segments: 600 }, bands: { repetition: { segments: 300 } } });
    }
  });

  it('a queued job cancelled before it starts never runs; the one ahead finishes', async () => {
    const r = workerRuntime();
    const a = r.dispatch('documents:import', {
      fileName: 'a.txt',
      dataBase64: b64(new TextEncoder().encode(paragraphs(20_000))),
      jobId: 'a',
    });
    const b = r.dispatch('documents:import', {
      fileName: 'b.txt',
      dataBase64: b64(new TextEncoder().encode(paragraphs(10))),
      jobId: 'b',
    });
    // Let dispatch validate both inputs and queue them.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await r.dispatch('jobs:cancel', { jobId: 'b' })).toEqual({ ok: true, value: { found: true } });
    expect((await b).ok).toBe(false);
    expect((await a).ok).toBe(true);
    expect(r.db.prepare('SELECT file_name FROM documents').pluck().all()).toEqual(['a.txt']);
  });

  it('errors from the worker arrive as the same translated Result errors', async () => {
    const r = workerRuntime();
    const empty = await r.dispatch('documents:import', {
      fileName: 'empty.txt',
      dataBase64: b64(new TextEncoder().encode('\n\n')),
    });
    expect(empty).toEqual({ ok: false, error: { code: 'import_empty', key: 'errors.import_empty' } });
    const binary = await r.dispatch('documents:import', {
      fileName: 'x.bin',
      dataBase64: b64(new Uint8Array([0, 1, 2, 0, 0, 3])),
    });
    expect(binary.ok || binary.error.key).toBe('errors.import_binary');
    expect((await r.dispatch('documents:import', { fileName: 'sample.txt', dataBase64: b64(sampleBytes()) })).ok).toBe(true);
    const duplicate = await r.dispatch('documents:import', { fileName: 'sample.txt', dataBase64: b64(sampleBytes()) });
    expect(duplicate.ok).toBe(false);
    if (duplicate.ok) return;
    expect(duplicate.error).toMatchObject({ code: 'import_duplicate', key: 'errors.import_duplicate', params: { id: 1 } });
    const missing = await r.dispatch('qa:report', { documentId: 99 });
    expect(missing).toEqual({ ok: false, error: { code: 'not_found', key: 'errors.not_found', params: { what: 'document' } } });
  });
});
