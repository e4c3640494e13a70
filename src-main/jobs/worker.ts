// The job worker (a worker_threads thread): its own connection to the same database file (WAL lets
// the main thread keep reading while this one writes), one job at a time. Events go to the main
// thread, which re-emits them to the transports; results and translated errors come back as data.
import { parentPort, workerData } from 'node:worker_threads';
import type { EventName, Events } from '../shared/contract';
import { QalamError, toAppError } from '../shared/errors';
import { openContext } from '../services/context';
import { EventBus } from '../services/events';
import { documentQaPacked } from '../services/qa';
import { reportBuffers } from './qa-issues-pack';
import { qaThreads } from './qa-threads';
import { jobTable } from './table';
import { progressOf, type JobName } from './types';
import type { FromWorker, ToWorker, WorkerData } from './worker-protocol';

const data = workerData as WorkerData;
const port = parentPort!;
/** The sequence number of the job the main thread wants stopped (see WorkerData.cancel). */
const cancelled = new Int32Array(data.cancel);
let current: { seq: number; name: JobName; jobId: string | undefined } | null = null;

/** Progress events of the running job are its checkpoints: cancellation throws there. */
class JobBus extends EventBus {
  override emit<E extends EventName>(event: E, payload: Events[E]): void {
    super.emit(event, payload);
    const job = current;
    const p = job && progressOf(event, payload);
    if (!job || !p) return;
    if (job.jobId) super.emit('job:progress', { jobId: job.jobId, job: job.name, ...p });
    // Not at the last one: work after it (a snapshot row, the commit) is not undone by a throw.
    if (p.done < p.total && Atomics.load(cancelled, 0) === job.seq) throw new QalamError('cancelled');
  }

  override checkpoint(): void {
    const job = current;
    if (job && Atomics.load(cancelled, 0) === job.seq) throw new QalamError('cancelled');
  }
}

const opened = openContext({
  dataDir: data.dataDir,
  dbPath: data.dbPath,
  transport: data.transport,
  ownDataDir: false,
  nativeBinding: data.nativeBinding,
  checkedBy: 'main',
});
// The document QA of a large document is split over this thread and a second one.
const qaSplit = data.qaThreads === false ? undefined : qaThreads({ nativeBinding: data.nativeBinding });
if (qaSplit) opened.ctx.qaThreads = qaSplit;
const bus = new JobBus();
opened.ctx.events = bus;
bus.onAny((name, payload) => port.postMessage({ type: 'event', name, payload } satisfies FromWorker));

let slices: { seq: number; parts: string[] } | null = null;

port.on('message', (msg: ToWorker) => {
  if (msg.type === 'close') {
    void qaSplit?.close();
    opened.close();
    port.close();
    return;
  }
  if (msg.type === 'slice') {
    if (slices?.seq !== msg.seq) slices = { seq: msg.seq, parts: [] };
    slices.parts.push(msg.text);
    return;
  }
  let input = msg.input as { jobId?: string; dataBase64?: string };
  if (msg.slicedField === 'dataBase64') {
    input = { ...input, dataBase64: slices?.seq === msg.seq ? slices.parts.join('') : '' };
    slices = null;
  }
  void runJob(msg.seq, msg.name, input);
});

async function runJob(seq: number, name: JobName, input: { jobId?: string }): Promise<void> {
  current = { seq, name, jobId: input.jobId };
  try {
    if (Atomics.load(cancelled, 0) === seq) throw new QalamError('cancelled');
    if (name === 'qa:report') {
      // Hundreds of thousands of issue objects: packed, the main thread reads them several times
      // faster than a structured copy (and its event loop stalls that much less); the second
      // thread's part of a split document comes packed already and goes in as it is.
      const packed = documentQaPacked(opened.ctx, (input as { documentId: number }).documentId);
      port.postMessage({ type: 'done', seq, value: packed, packed: 'qa-report' } satisfies FromWorker, reportBuffers(packed));
      return;
    }
    const value = await (jobTable[name] as (c: typeof opened.ctx, i: unknown) => unknown)(opened.ctx, input);
    port.postMessage({ type: 'done', seq, value } satisfies FromWorker);
  } catch (e) {
    const error = toAppError(e);
    if (error.code === 'internal') console.error(`[qalam] job ${name} failed:`, e);
    port.postMessage({ type: 'failed', seq, error } satisfies FromWorker);
  } finally {
    current = null;
  }
}
