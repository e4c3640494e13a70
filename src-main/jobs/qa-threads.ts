// The document QA split over two threads: the job worker checks the first part of the document's
// pairs while a second thread (qa-thread.ts, started on the first split and kept, with its own
// speller, glossary index and read-only connection) reads and checks the rest. No text crosses
// between them: the second thread reads its rows itself and sends their length ratios; the job
// worker, which holds the document's consistency maps (it reads the other part's folded sources
// and targets for them), sends back the length fences and the consistency findings of the other
// part's pairs; the second thread answers its part tallied and packed (qa-tally.ts), which goes
// into the report as it is. Both read the same state of the document, or the job worker checks
// the other part itself (services/qa.ts).
//
// The caller (services/qa.ts, inside a job) is synchronous and stays so: its progress events are
// the job's cancel checkpoints and its transaction wraps the store. While it waits, it sleeps in
// Atomics.wait and reads the other thread's messages with receiveMessageOnPort, never through its
// event loop; the other thread waits for the figures the same way.
import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { QalamError } from '../shared/errors';
import type { QaIssue } from '../qa/types';
import type { QaTallyPart } from '../services/qa-tally';
import { tallyPart } from './qa-part';
import type { FromQaThread, QaThreadData, QaThreadRows, QaThreads, ToQaThread } from './qa-thread-protocol';
import { threadEntry, type ThreadEntry } from './thread-entry';

/**
 * Below this many pairs one thread checks them all: the whole check then takes a few hundred
 * milliseconds at most, about what sending the rows and receiving the issues would save.
 */
export const QA_SPLIT_MIN_PAIRS = 10_000;
/**
 * The other thread's share of the rows. More than half: this thread also reads the other part's
 * folded sources and targets, builds the figures and works out the other part's consistency
 * findings, while the other thread, its rows read, runs every check but those that read the figures.
 */
const OTHER_SHARE = 0.6;
/** Rows checked here between two looks at the other thread's messages (and calls to progress). */
const LOOK_EVERY = 250;
/** Without a word from the other thread for this long, it is taken for lost and its part checked here. */
const SILENCE_MS = 30_000;

export interface QaThreadsOptions {
  /** The other thread's entry; by default beside this module (qa-thread.ts from source, qa-thread.js built). */
  entry?: ThreadEntry;
  /** See {@link QA_SPLIT_MIN_PAIRS}. */
  minPairs?: number;
  /** Cores the machine offers (os.availableParallelism()): with one, nothing is split. */
  cores?: number;
  /** See {@link SILENCE_MS}. */
  silenceMs?: number;
  /** The job worker's Electron build of better_sqlite3.node, for the other thread's connection. */
  nativeBinding?: string | undefined;
}

interface Helper {
  worker: Worker;
  port: MessagePort;
  /** The glossary version the thread holds (QaThreadPart.glossary.key). */
  glossaryKey: string | null;
}

export function qaThreads(opts: QaThreadsOptions = {}): QaThreads {
  const minPairs = opts.minPairs ?? QA_SPLIT_MIN_PAIRS;
  const silenceMs = opts.silenceMs ?? SILENCE_MS;
  const cores = opts.cores ?? availableParallelism();
  const signal = new Int32Array(new SharedArrayBuffer(12));
  let helper: Helper | null = null;
  /** Set when the other thread could not be started or was lost: every document is then checked here. */
  let broken = false;
  let seq = 0;

  function start(): Helper {
    if (helper) return helper;
    const { port1, port2 } = new MessageChannel();
    const entry = opts.entry ?? threadEntry(import.meta.url, 'qa-thread.ts', 'qa-thread.js');
    const data: QaThreadData = { port: port2, signal: signal.buffer as SharedArrayBuffer, nativeBinding: opts.nativeBinding };
    const worker = new Worker(entry.entry, { eval: entry.eval, workerData: data, transferList: [port2] });
    // It keeps nothing alive: the job worker lives as long as the main thread wants it.
    worker.unref();
    const started: Helper = { worker, port: port1, glossaryKey: null };
    const lost = (e: unknown) => {
      if (helper !== started) return;
      console.error('[qalam] the QA thread stopped:', e);
      helper = null;
      broken = true;
      port1.close();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`exit code ${code}`)));
    return (helper = started);
  }

  function post(h: Helper, msg: ToQaThread): void {
    h.port.postMessage(msg);
    // The thread waits for the figures in Atomics.wait (qa-thread.ts).
    Atomics.add(signal, 2, 1);
    Atomics.notify(signal, 2);
  }

  return {
    splitAt(rows) {
      if (broken || cores < 2 || rows < minPairs) return null;
      return rows - Math.floor(rows * OTHER_SHARE);
    },

    prepare(speller) {
      if (broken || cores < 2) return;
      post(start(), { type: 'warm', speller });
    },

    start(read, part) {
      const h = start();
      const run = ++seq;
      const sent =
        part.glossary && part.glossary.key === h.glossaryKey ? { ...part, glossary: { key: part.glossary.key } } : part;
      post(h, { type: 'check', seq: run, read, part: sent });
      h.glossaryKey = part.glossary?.key ?? null;

      let theirsDone = 0;
      const answer: {
        read: ({ epoch: string } & QaThreadRows) | null;
        part: QaTallyPart | null;
      } = { read: null, part: null };
      let lastWord = Date.now();
      const listen = (): void => {
        for (let m = receiveMessageOnPort(h.port); m; m = receiveMessageOnPort(h.port)) {
          const msg = m.message as FromQaThread;
          if (msg.seq !== run) continue; // a dropped run's last words
          lastWord = Date.now();
          if (msg.type === 'read') answer.read = msg;
          else if (msg.type === 'progress') theirsDone = msg.done;
          else if (msg.type === 'done') {
            answer.part = msg.part;
            theirsDone = msg.rows;
          } else throw new QalamError(msg.error.code, msg.error.params);
        }
      };
      /** Sleeps until `ready()` or the thread is taken for lost (false). */
      const waitFor = (ready: () => boolean, progress: () => void): boolean => {
        for (;;) {
          const seen = Atomics.load(signal, 0);
          listen();
          progress();
          if (ready()) return true;
          if (Atomics.wait(signal, 0, seen, Math.min(1000, silenceMs)) === 'timed-out' && Date.now() - lastWord > silenceMs) {
            console.error('[qalam] the QA thread did not answer: its part is checked here');
            if (helper === h) helper = null;
            broken = true;
            void h.worker.terminate();
            return false;
          }
        }
      };
      const drop = (): void => {
        Atomics.store(signal, 1, run);
        Atomics.add(signal, 2, 1);
        Atomics.notify(signal, 2);
      };
      // Cancelled (or failed) here or there: the other thread stops at its next look.
      const guarded = <T>(work: () => T): T => {
        try {
          return work();
        } catch (e) {
          drop();
          throw e;
        }
      };

      return {
        read: (progress) => guarded(() => (waitFor(() => answer.read !== null, progress) ? answer.read : null)),

        check: ({ figures, rows, own, progress, theirRows, ignores }) =>
          guarded(() => {
            post(h, { type: 'figures', seq: run, ...figures });
            const at = rows.length;
            const found = new Array<QaIssue[]>(at);
            for (let i = 0; i < at; i++) {
              if (i % LOOK_EVERY === 0) {
                listen();
                progress(i + theirsDone);
              }
              found[i] = own(rows[i]!);
            }
            if (
              waitFor(
                () => answer.part !== null,
                () => progress(at + theirsDone),
              )
            )
              return { own: found, theirs: answer.part! };
            const here = tallyPart({
              rows: theirRows(),
              check: own,
              ignores,
              judge: part.judge,
              follow: part.follow,
              every: LOOK_EVERY,
              tick: (i) => {
                progress(at + i);
                return true;
              },
            });
            return { own: found, theirs: here! };
          }),

        drop,
      };
    },

    async close() {
      const h = helper;
      helper = null;
      if (!h) return;
      h.port.close();
      await h.worker.terminate();
    },
  };
}
