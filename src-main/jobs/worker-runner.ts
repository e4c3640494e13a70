// The main thread's side of the job worker: one worker, started on the first job and kept; jobs
// queue here and go to the worker one at a time (SQLite has one writer anyway), so a queued job
// can be cancelled before it starts and the worker's shared cancel flag names only the running one.
import { Worker } from 'node:worker_threads';
import { QalamError } from '../shared/errors';
import type { ServiceContext } from '../services/context';
import type { JobName, JobRunner } from './types';
import { unpackReport, type PackedReport } from './qa-issues-pack';
import { threadEntry, type ThreadEntry } from './thread-entry';
import type { FromWorker, ToWorker, WorkerData } from './worker-protocol';

/** Base64 characters per message to the worker (see send). */
const SLICE_CHARS = 1024 * 1024;

interface Pending {
  seq: number;
  name: JobName;
  input: { jobId?: string | undefined };
  resolve(value: unknown): void;
  reject(e: unknown): void;
}

export interface WorkerJobsOptions {
  ctx: ServiceContext;
  dbPath: string;
  nativeBinding?: string | undefined;
  /** See WorkerData.qaThreads. */
  qaThreads?: boolean | undefined;
  /** The worker's entry; by default beside this module (worker.ts from source, job-worker.js built). */
  workerFile?: string;
}

/**
 * The app's build emits the worker as out/main/job-worker.js next to the bundle holding this code;
 * from source it is worker.ts, run through tsx (thread-entry.ts).
 */
const defaultWorker = (): ThreadEntry => threadEntry(import.meta.url, 'worker.ts', 'job-worker.js');

export function workerJobs(opts: WorkerJobsOptions): JobRunner {
  const cancelFlag = new Int32Array(new SharedArrayBuffer(4));
  const queue: Pending[] = [];
  let running: Pending | null = null;
  let worker: Worker | null = null;
  let seq = 0;

  function start(): Worker {
    const entry = opts.workerFile ? { entry: opts.workerFile, eval: false } : defaultWorker();
    const data: WorkerData = {
      dataDir: opts.ctx.dataDir,
      dbPath: opts.dbPath,
      transport: opts.ctx.transport,
      nativeBinding: opts.nativeBinding,
      cancel: cancelFlag.buffer as SharedArrayBuffer,
      qaThreads: opts.qaThreads,
    };
    const w = new Worker(entry.entry, { workerData: data, eval: entry.eval });
    w.on('message', (msg: FromWorker) => {
      if (msg.type === 'event') {
        opts.ctx.events.emit(msg.name, msg.payload as never);
        return;
      }
      const job = running;
      if (!job || job.seq !== msg.seq) return;
      running = null;
      if (msg.type === 'done') job.resolve(msg.packed === 'qa-report' ? unpackReport(msg.value as PackedReport) : msg.value);
      else job.reject(new QalamError(msg.error.code, msg.error.params));
      next();
    });
    const lost = (e: unknown) => {
      if (worker !== w) return;
      worker = null;
      console.error('[qalam] the job worker stopped:', e);
      const job = running;
      running = null;
      job?.reject(new QalamError('internal'));
      next();
    };
    w.on('error', lost);
    w.on('exit', (code) => lost(new Error(`exit code ${code}`)));
    return w;
  }

  function next(): void {
    if (running || queue.length === 0) {
      // An idle worker does not keep the process alive (tests, `npm run web` on Ctrl-C).
      if (!running) worker?.unref();
      return;
    }
    const job = (running = queue.shift()!);
    const w = (worker ??= start());
    w.ref();
    void send(w, job);
  }

  /**
   * Copying a message to the worker blocks this thread for as long as the copy takes: a 60 MB
   * base64 file in one message stalls the event loop for tens of milliseconds. A large file goes in
   * slices, one per turn of the event loop, and the worker joins them.
   */
  async function send(w: Worker, job: Pending): Promise<void> {
    const { dataBase64, ...rest } = job.input as { dataBase64?: unknown };
    if (typeof dataBase64 !== 'string' || dataBase64.length <= SLICE_CHARS) {
      w.postMessage({ type: 'run', seq: job.seq, name: job.name, input: job.input } satisfies ToWorker);
      return;
    }
    for (let at = 0; at < dataBase64.length; at += SLICE_CHARS) {
      if (running !== job || worker !== w) return;
      w.postMessage({ type: 'slice', seq: job.seq, text: dataBase64.slice(at, at + SLICE_CHARS) } satisfies ToWorker);
      await new Promise((resolve) => setImmediate(resolve));
    }
    w.postMessage({ type: 'run', seq: job.seq, name: job.name, input: rest, slicedField: 'dataBase64' } satisfies ToWorker);
  }

  return {
    background: true,
    run(name, input) {
      return new Promise((resolve, reject) => {
        queue.push({ seq: ++seq, name, input, resolve: resolve as (v: unknown) => void, reject });
        next();
      });
    },
    cancel(jobId) {
      if (running?.input.jobId === jobId) {
        Atomics.store(cancelFlag, 0, running.seq);
        return true;
      }
      const i = queue.findIndex((j) => j.input.jobId === jobId);
      if (i < 0) return false;
      queue.splice(i, 1)[0]!.reject(new QalamError('cancelled'));
      return true;
    },
    async close() {
      const w = worker;
      worker = null;
      for (const job of queue.splice(0)) job.reject(new QalamError('cancelled'));
      if (!w) return;
      if (running) {
        // Mid-transaction: stopping the thread leaves the database as before the job (WAL).
        running.reject(new QalamError('cancelled'));
        running = null;
        await w.terminate();
        return;
      }
      const exited = new Promise((resolve) => w.once('exit', resolve));
      w.postMessage({ type: 'close' } satisfies ToWorker);
      await exited;
    },
  };
}
