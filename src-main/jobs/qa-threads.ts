// The document QA split over two threads: the job worker checks the first part of the document's
// pairs while a second thread (qa-thread.ts, started on the first split and kept, with its own
// speller and glossary index) checks the rest. Both run the same checks with the same document
// figures: the length fences go with the rows, and the consistency findings of the other part are
// worked out here, where the maps are, so the maps are neither copied nor built twice. The results
// come back in pair order, so the report is the one a single thread makes.
//
// The caller (services/qa.ts, inside a job) is synchronous and stays so: its progress events are
// the job's cancel checkpoints and its transaction wraps the store. While its own part is done and
// it waits, it sleeps in Atomics.wait and reads the other thread's messages with
// receiveMessageOnPort, never through its event loop.
import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { QalamError } from '../shared/errors';
import type { QaIssue } from '../qa/types';
import type { QaTallyPart } from '../services/qa-tally';
import { packPairs, pairsBuffers } from './qa-issues-pack';
import { tallyPart } from './qa-part';
import type { FromQaThread, QaThreadData, QaThreads, ToQaThread } from './qa-thread-protocol';
import { threadEntry, type ThreadEntry } from './thread-entry';

/**
 * Below this many pairs one thread checks them all: the whole check then takes a few hundred
 * milliseconds at most, about what sending the rows and receiving the issues would save.
 */
export const QA_SPLIT_MIN_PAIRS = 10_000;
/**
 * The other thread's share of the rows. Less than half: this thread also reads the rows, builds the
 * figures, works out the other part's consistency findings, copies the rows out and the issues in,
 * and counts the report.
 */
const OTHER_SHARE = 0.5;
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
  const signal = new Int32Array(new SharedArrayBuffer(8));
  let helper: Helper | null = null;
  /** Set when the other thread could not be started or was lost: every document is then checked here. */
  let broken = false;
  let seq = 0;

  function start(): Helper {
    if (helper) return helper;
    const { port1, port2 } = new MessageChannel();
    const entry = opts.entry ?? threadEntry(import.meta.url, 'qa-thread.ts', 'qa-thread.js');
    const data: QaThreadData = { port: port2, signal: signal.buffer as SharedArrayBuffer };
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

    check({ rows, at, part, own, progress }) {
      const h = start();
      const run = ++seq;
      // Only what the checks and the tally read, the texts in arrays of strings (qa-issues-pack.ts).
      const theirs = packPairs(rows, at);
      const sent =
        part.glossary && part.glossary.key === h.glossaryKey ? { ...part, glossary: { key: part.glossary.key } } : part;
      h.port.postMessage({ type: 'check', seq: run, rows: theirs, part: sent } satisfies ToQaThread, pairsBuffers(theirs));
      h.glossaryKey = part.glossary?.key ?? null;

      const found: QaIssue[][] = new Array<QaIssue[]>(at);
      let theirsDone = 0;
      const answer: { part: QaTallyPart | null } = { part: null };
      let lastWord = Date.now();
      const read = (): void => {
        for (let m = receiveMessageOnPort(h.port); m; m = receiveMessageOnPort(h.port)) {
          const msg = m.message as FromQaThread;
          if (msg.seq !== run) continue; // a cancelled run's last words
          lastWord = Date.now();
          if (msg.type === 'progress') theirsDone = msg.done;
          else if (msg.type === 'done') {
            answer.part = msg.part;
            theirsDone = msg.rows;
          } else throw new QalamError(msg.error.code, msg.error.params);
        }
      };
      try {
        for (let i = 0; i < at; i++) {
          if (i % LOOK_EVERY === 0) {
            read();
            progress(i + theirsDone);
          }
          found[i] = own(rows[i]!);
        }
        for (;;) {
          const seen = Atomics.load(signal, 0);
          read();
          progress(at + theirsDone);
          if (answer.part) return { own: found, theirs: answer.part };
          if (Atomics.wait(signal, 0, seen, Math.min(1000, silenceMs)) === 'timed-out' && Date.now() - lastWord > silenceMs) {
            console.error('[qalam] the QA thread did not answer: its part is checked here');
            helper = null;
            broken = true;
            void h.worker.terminate();
            const here = tallyPart({
              rows: rows.slice(at),
              check: own,
              ignores: new Map(part.ignores),
              judge: part.judge,
              follow: part.follow,
              every: LOOK_EVERY,
              tick: (i) => {
                progress(at + i);
                return true;
              },
            });
            return { own: found, theirs: here! };
          }
        }
      } catch (e) {
        // Cancelled (or failed) here or there: the other thread stops at its next look.
        Atomics.store(signal, 1, run);
        throw e;
      }
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
