// The document QA report as a job in the worker (the app's configuration): progress named by the
// caller's job id, and Cancel that leaves the stored QA summary as it was.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Events } from '../../../../src-main/shared/contract';
import type { DocumentSummary } from '../../../../src-main/shared/domain';
import type { Result } from '../../../../src-main/shared/errors';
import type { QaReport } from '../../../../src-main/shared/qa';
import { openRuntime, type Runtime } from '../../../../src-main/runtime';

let rt: Runtime | undefined;
let dir: string | undefined;
afterEach(() => {
  rt?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  rt = undefined;
});

function workerRuntime(): Runtime {
  dir = mkdtempSync(join(tmpdir(), 'qalam-qa-job-'));
  rt = openRuntime({ dataDir: dir, transport: 'http', jobs: 'worker' });
  return rt;
}

async function importParagraphs(r: Runtime, n: number): Promise<number> {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) lines.push(`الفقرة رقم ${i} من وثيقة كبيرة عن قوات حفظ السلام في المنطقة.`);
  const res = (await r.dispatch('documents:import', {
    fileName: 'big.txt',
    dataBase64: Buffer.from(lines.join('\n'), 'utf8').toString('base64'),
  })) as Result<DocumentSummary>;
  if (!res.ok) throw new Error(JSON.stringify(res.error));
  return res.value.id;
}

/** What a report stores: each pair's judged state, and what the document's states were judged with. */
function qaSnapshot(r: Runtime, documentId: number): unknown {
  return {
    states: r.db.prepare('SELECT id, qa_state FROM pairs WHERE document_id = ? ORDER BY id').raw().all(documentId),
    document: r.db.prepare('SELECT * FROM documents WHERE id = ?').get(documentId),
  };
}

describe('the QA report in the worker', () => {
  it('reports progress under the caller’s job id, from 0 to every segment, then answers the report', async () => {
    const r = workerRuntime();
    const documentId = await importParagraphs(r, 5_500);
    const progress: Events['job:progress'][] = [];
    r.ctx.events.on('job:progress', (p) => progress.push(p));
    const res = (await r.dispatch('qa:report', { documentId, jobId: 'qa-1' })) as Result<QaReport>;
    expect(res.ok && res.value.errors).toBe(5_500);
    expect(progress.every((p) => p.jobId === 'qa-1' && p.job === 'qa:report' && p.total === 5_500)).toBe(true);
    // At 0 after each step of the set-up (reading, figures, speller), then every thousand.
    const done = progress.map((p) => p.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect([...new Set(done)]).toEqual([0, 1000, 2000, 3000, 4000, 5000, 5500]);
    // The summary the "has QA issues" filter reads was stored by the report.
    expect(r.db.prepare('SELECT count(*) FROM pairs WHERE qa_state = 2').pluck().get()).toBe(5_500);
  });

  it('a cancelled report leaves the stored QA summary exactly as it was, even with a glossary to follow', async () => {
    const r = workerRuntime();
    const documentId = await importParagraphs(r, 30_000);
    // Judged once (every state stored), then the glossary changes: the report would follow it.
    expect((await r.dispatch('qa:report', { documentId })).ok).toBe(true);
    expect((await r.dispatch('glossary:add', { documentId, source: 'قوات حفظ السلام', target: 'peacekeepers' })).ok).toBe(true);
    const before = qaSnapshot(r, documentId);
    // This connection holds the write lock: the report cannot store before the Cancel, however fast
    // it checks (it waits for the lock, then meets its last checkpoint).
    r.db.prepare('BEGIN IMMEDIATE').run();
    const running = new Promise<void>((resolve) => {
      const off = r.ctx.events.on('job:progress', (p) => {
        if (p.jobId !== 'qa-big' || p.done === 0) return;
        off();
        resolve();
      });
    });
    const call = r.dispatch('qa:report', { documentId, jobId: 'qa-big' });
    await running;
    expect(await r.dispatch('jobs:cancel', { jobId: 'qa-big' })).toEqual({ ok: true, value: { found: true } });
    r.db.prepare('COMMIT').run();
    expect(await call).toEqual({ ok: false, error: { code: 'cancelled', key: 'errors.cancelled' } });
    expect(qaSnapshot(r, documentId)).toEqual(before);
    // Cancelled while it waits to store: the checkpoint after the lock rolls it back.
    r.db.prepare('BEGIN IMMEDIATE').run();
    const waiting = r.dispatch('qa:report', { documentId, jobId: 'qa-late' });
    await new Promise<void>((resolve) => {
      const off = r.ctx.events.on('job:progress', (p) => {
        if (p.jobId !== 'qa-late' || p.done !== 29_000) return;
        off();
        resolve();
      });
    });
    // Past its last progress checkpoint (29,000 of 30,000), it checks the rest and waits for the lock.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await r.dispatch('jobs:cancel', { jobId: 'qa-late' })).toEqual({ ok: true, value: { found: true } });
    r.db.prepare('COMMIT').run();
    expect(await waiting).toEqual({ ok: false, error: { code: 'cancelled', key: 'errors.cancelled' } });
    expect(qaSnapshot(r, documentId)).toEqual(before);
    // Cancelled at its first event, while it reads the document: stopped before checking anything.
    const started = new Promise<void>((resolve) => {
      const off = r.ctx.events.on('job:progress', (p) => {
        if (p.jobId !== 'qa-early') return;
        off();
        resolve();
      });
    });
    const early = r.dispatch('qa:report', { documentId, jobId: 'qa-early' });
    await started;
    expect(await r.dispatch('jobs:cancel', { jobId: 'qa-early' })).toEqual({ ok: true, value: { found: true } });
    expect(await early).toEqual({ ok: false, error: { code: 'cancelled', key: 'errors.cancelled' } });
    expect(qaSnapshot(r, documentId)).toEqual(before);
    // Run to the end, the report stores what it judged with the new glossary.
    expect((await r.dispatch('qa:report', { documentId, jobId: 'qa-again' })).ok).toBe(true);
    expect(qaSnapshot(r, documentId)).not.toEqual(before);
  });
});
