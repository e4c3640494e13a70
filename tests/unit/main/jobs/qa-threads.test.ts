// The document QA split over two threads (jobs/qa-threads.ts) gives the report and the stored
// states one thread gives, stops the other thread's run on Cancel, brings its errors back as
// translated errors, and checks the other part here when that thread does not answer.
import { afterEach, describe, expect, it } from 'vitest';
import { qaThreads } from '../../../../src-main/jobs/qa-threads';
import type { QaThreads } from '../../../../src-main/jobs/qa-thread-protocol';
import Database from 'better-sqlite3';
import { unpackReport } from '../../../../src-main/jobs/qa-issues-pack';
import { importDocument } from '../../../../src-main/services/documents';
import { EventBus } from '../../../../src-main/services/events';
import * as qa from '../../../../src-main/services/qa';
import type { EventName, Events } from '../../../../src-main/shared/contract';
import { QalamError } from '../../../../src-main/shared/errors';
import { QA_CHECKS } from '../../../../src-main/shared/qa';
import { openRuntime } from '../../../../src-main/runtime';
import { as, testRuntime, type TestRuntime } from '../helpers';

let rt: TestRuntime | undefined;
const pools: QaThreads[] = [];
afterEach(async () => {
  rt?.dispose();
  rt = undefined;
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

/** Above 2,000 unjudged pairs the filter's judging takes the whole document (as the report). */
const N = 2_400;
/** The pool splits from 400 pairs: 1,200 are checked here, 1,200 there. */
const MIN = 400;

/** Sources and targets with issues of every kind, repeated every ten pairs so that both parts have each. */
function pairText(i: number): { source: string; target: string } {
  switch (i % 10) {
    case 0:
      return { source: 'وقع الاتفاق في عام ٢٠٢٣ بحضور ٣ وزراء.', target: 'The agreement was signed in 2022 by three ministers.' };
    case 1:
      return { source: 'هل انتهت المحادثات؟', target: 'Have the talks ended؟' };
    case 2:
      // latin-missing and spacing: some marked "not an error" (see below)
      return { source: 'قالت شبكة CNN إن الرئيس وصل إلى أستانا.', target: 'The president arrived in Astana , the network said.' };
    case 3:
      // the glossary's term left out, a misspelt word
      return {
        source: `أعلنت قوات حفظ السلام انسحابها من المدينة رقم ${i}.`,
        target: `The forcse announced their withdrawal from city number ${i}.`,
      };
    case 4:
      // a forbidden term
      return { source: 'وصل الجنود إلى المدينة صباحا.', target: 'The troops arrived in the city this morning.' };
    case 5:
      return { source: 'لم يترجم هذا النص بعد.', target: '' };
    case 6:
      return { source: 'BBC', target: 'BBC' };
    case 7:
      return { source: 'قال (نعم) ثم غادر.', target: 'He said (yes then\u200F left.' };
    case 8:
      // far longer than the document's usual ratio
      return {
        source: 'شكرا جزيلا لكم.',
        target: `Thank you very much, all of you, for everything you have done for us over all these long years ${i}.`,
      };
    default:
      // One source translated differently in each part, one target for different sources across the parts.
      return i < N / 2
        ? { source: 'النص المكرر في الوثيقة.', target: `The repeated text, version ${i % 3}.` }
        : { source: `نص آخر مختلف ${'ا'.repeat(1 + (i % 4))}.`, target: 'The repeated text, version 1.' };
  }
}

async function setUp(): Promise<{ r: TestRuntime; documentId: number; ids: number[] }> {
  const r = (rt = testRuntime());
  as(r, 'translator');
  const lines = Array.from({ length: N }, (_, i) => pairText(i).source);
  const doc = await importDocument(r.ctx, { fileName: 'qa.txt', bytes: new TextEncoder().encode(lines.join('\n')) });
  const ids = r.db.prepare('SELECT id FROM pairs WHERE document_id = ? ORDER BY position').pluck().all(doc.id) as number[];
  const set = r.db.prepare("UPDATE pairs SET target = ?, status = CASE WHEN ? = '' THEN status ELSE 'draft' END WHERE id = ?");
  r.db.transaction(() => ids.forEach((id, i) => set.run(pairText(i).target, pairText(i).target, id)))();
  expect((await r.dispatch('glossary:add', { documentId: doc.id, source: 'قوات حفظ السلام', target: 'peacekeepers' })).ok).toBe(
    true,
  );
  expect((await r.dispatch('glossary:add', { documentId: doc.id, source: 'الجنود', target: 'troops', forbidden: true })).ok).toBe(
    true,
  );
  // Warnings marked "not an error", in both parts (and one on a pair whose text then changes).
  for (const i of [2, 12, N / 2 + 2, N / 2 + 12]) qa.setIgnored(r.ctx, ids[i]!, 'latin-missing', true);
  qa.setIgnored(r.ctx, ids[N / 2 + 22]!, 'spacing', true);
  // Every warning of a pair of each part marked: clean, as the judging must find it.
  for (const i of [2, N / 2 + 2]) qa.setIgnored(r.ctx, ids[i]!, 'spacing', true);
  return { r, documentId: doc.id, ids };
}

/** A pool that counts the documents it split. */
function counted(pool: QaThreads): QaThreads & { splits: number } {
  pools.push(pool);
  const c = {
    ...pool,
    splits: 0,
    start: (...args: Parameters<QaThreads['start']>) => {
      c.splits++;
      return pool.start(...args);
    },
  };
  return c;
}

const states = (r: TestRuntime, documentId: number): unknown =>
  r.db.prepare('SELECT id, qa_state FROM pairs WHERE document_id = ? ORDER BY id').raw().all(documentId);

describe('the document QA over two threads', () => {
  it('reports exactly what one thread reports, stores the same states, and judges the same', async () => {
    const { r, documentId } = await setUp();
    const one = qa.documentQa(r.ctx, documentId);
    const oneStates = states(r, documentId);
    const positions = r.db
      .prepare('SELECT position FROM pairs WHERE document_id = ? ORDER BY position')
      .pluck()
      .all(documentId) as number[];
    // Every kind of issue is there, in the other thread's part too.
    const kinds = (from: number) =>
      new Set(one.pairs.filter((p) => p.position >= from).flatMap((p) => p.issues.map((i) => i.check)));
    // Every check of the vocabulary: a check added later must show up in the other thread's part too.
    const everyKind = QA_CHECKS;
    expect([...kinds(positions[N / 2]!)].sort()).toEqual([...everyKind].sort());
    expect(one.ignored).toBeGreaterThan(0);
    const cleanOnceIgnored = r.db.prepare('SELECT qa_state FROM pairs WHERE position = ? AND document_id = ?').pluck();
    expect(cleanOnceIgnored.get(positions[N / 2 + 2], documentId)).toBe(0);

    const pool = counted(qaThreads({ minPairs: MIN }));
    r.ctx.qaThreads = pool;
    r.db.prepare('UPDATE pairs SET qa_state = NULL WHERE document_id = ?').run(documentId);
    const two = qa.documentQa(r.ctx, documentId);
    expect(pool.splits).toBe(1);
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
    expect(states(r, documentId)).toEqual(oneStates);
    // Again, with the glossary the other thread already holds: the same.
    expect(JSON.stringify(qa.documentQa(r.ctx, documentId))).toBe(JSON.stringify(one));
    expect(pool.splits).toBe(2);
    // Packed for the main thread, the other thread's part as it packed it (two parts): the same once unpacked.
    const packed = qa.documentQaPacked(r.ctx, documentId);
    expect(pool.splits).toBe(3);
    expect(packed.parts).toHaveLength(2);
    expect(JSON.stringify(unpackReport(packed))).toBe(JSON.stringify(one));

    // The "has QA issues" filter's judging (only the states, with the "not an error" marks).
    r.db.prepare('UPDATE pairs SET qa_state = NULL WHERE document_id = ?').run(documentId);
    qa.judgeDocument(r.ctx, documentId);
    expect(pool.splits).toBe(4);
    expect(states(r, documentId)).toEqual(oneStates);
  });

  it('the report through the job worker (packed for the main thread) is the one made here, "not an error" marks included', async () => {
    const { r, documentId } = await setUp();
    const here = JSON.stringify(qa.documentQa(r.ctx, documentId));
    const app = openRuntime({ dataDir: r.dir, transport: 'http', jobs: 'worker' });
    try {
      const res = await app.dispatch('qa:report', { documentId });
      expect(res.ok && JSON.stringify(res.value)).toBe(here);
    } finally {
      app.close();
    }
  });

  it('checks a small document, or any on one core, in one thread', async () => {
    const { r, documentId } = await setUp();
    const one = JSON.stringify(qa.documentQa(r.ctx, documentId));
    const small = counted(qaThreads({ minPairs: N + 1 }));
    r.ctx.qaThreads = small;
    expect(JSON.stringify(qa.documentQa(r.ctx, documentId))).toBe(one);
    const single = counted(qaThreads({ minPairs: MIN, cores: 1 }));
    r.ctx.qaThreads = single;
    expect(JSON.stringify(qa.documentQa(r.ctx, documentId))).toBe(one);
    expect(small.splits + single.splits).toBe(0);
  });

  it('a cancelled split run stores nothing, and the other thread drops it: the next run is whole', async () => {
    const { r, documentId } = await setUp();
    const one = JSON.stringify(qa.documentQa(r.ctx, documentId));
    r.db.prepare('UPDATE pairs SET qa_state = NULL WHERE document_id = ?').run(documentId);
    const before = states(r, documentId);
    const pool = counted(qaThreads({ minPairs: MIN }));
    r.ctx.qaThreads = pool;
    // As the job worker's bus: a progress event is a checkpoint, and this one finds the job cancelled.
    const done: number[] = [];
    class CancellingBus extends EventBus {
      override emit<E extends EventName>(event: E, payload: Events[E]): void {
        super.emit(event, payload);
        if (event !== 'qa:progress') return;
        const p = payload as Events['qa:progress'];
        done.push(p.done);
        if (p.done > 0 && p.done < p.total) throw new QalamError('cancelled');
      }
    }
    const bus = r.ctx.events;
    r.ctx.events = new CancellingBus();
    expect(() => qa.documentQa(r.ctx, documentId)).toThrow(/cancelled/);
    expect(pool.splits).toBe(1);
    expect(done.at(-1)).toBeGreaterThan(0);
    expect(states(r, documentId)).toEqual(before);
    r.ctx.events = bus;
    expect(JSON.stringify(qa.documentQa(r.ctx, documentId))).toBe(one);
    expect(pool.splits).toBe(2);
  });

  it('an error in the other thread comes back as a translated error, and the next run is whole', async () => {
    const { r, documentId } = await setUp();
    const one = JSON.stringify(qa.documentQa(r.ctx, documentId));
    const pool = qaThreads({ minPairs: MIN });
    pools.push(pool);
    let broken = true;
    // The other thread is told of a glossary version without its terms, which it does not hold: it fails.
    r.ctx.qaThreads = {
      ...pool,
      start: (read, part) => pool.start(read, broken ? { ...part, glossary: { key: 'no-such-version' } } : part),
    };
    expect(await r.dispatch('qa:report', { documentId })).toEqual({
      ok: false,
      error: { code: 'internal', key: 'errors.internal' },
    });
    broken = false;
    const again = await r.dispatch('qa:report', { documentId });
    expect(again.ok && JSON.stringify(again.value)).toBe(one);
  });

  it('a thread that never answers has its part checked here, and the next documents are not split', async () => {
    const { r, documentId } = await setUp();
    const one = JSON.stringify(qa.documentQa(r.ctx, documentId));
    const pool = counted(
      qaThreads({
        minPairs: MIN,
        silenceMs: 300,
        // Starts, and reads nothing.
        entry: { entry: 'setInterval(() => {}, 1000);', eval: true },
      }),
    );
    r.ctx.qaThreads = pool;
    expect(JSON.stringify(qa.documentQa(r.ctx, documentId))).toBe(one);
    expect(pool.splits).toBe(1);
    // Taken for lost: the next document is not split.
    expect(pool.splitAt(N)).toBeNull();
  });

  it('the other thread reads its part in its own snapshot: when a write came between, its part is read and checked here', async () => {
    const { r, documentId, ids } = await setUp();
    const one = JSON.stringify(qa.documentQa(r.ctx, documentId));
    const other = new Database(r.db.name);
    try {
      const pool = counted(qaThreads({ minPairs: MIN }));
      // A write lands after this thread's snapshot began and before the other thread reads: a
      // target of the other part changes (and with it the document's state).
      r.ctx.qaThreads = {
        ...pool,
        start: (read, part) => {
          other.prepare("UPDATE pairs SET target = 'Changed meanwhile.' WHERE id = ?").run(ids[N - 1]);
          other.prepare("UPDATE documents SET updated_at = '2099-01-01T00:00:00.000Z' WHERE id = ?").run(documentId);
          return pool.start(read, part);
        },
      };
      // The report is that of the state it began in, whole.
      expect(JSON.stringify(qa.documentQa(r.ctx, documentId))).toBe(one);
      expect(pool.splits).toBe(1);
    } finally {
      other.close();
    }
  });
});
