// What the document QA's second thread (jobs/qa-thread.ts) is given and answers, and the interface
// of its pool (jobs/qa-threads.ts) as the QA service sees it (a type only: the CLI's bundle, which
// never splits a document, does not load the pool).
import type { MessagePort } from 'node:worker_threads';
import type { AppError } from '../shared/errors';
import type { DocumentFigures } from '../qa/checks';
import type { QaTallyPart } from '../services/qa-tally';
import type { QaIgnore } from '../store/repos/qa';
import type { PackedPairs, ThreadRow } from './qa-issues-pack';
import type { Term } from '../qa/terms';
import type { QaCheckId, QaIssue, QaPair } from '../qa/types';

/** What the other thread needs, besides its rows, to check them as the calling thread would. */
export interface QaThreadPart {
  disabled: QaCheckId[];
  /** The document's glossary: `key` names its version; `terms` are left out when the thread holds that version. */
  glossary: { key: string; terms?: readonly Term[] } | null;
  /** The user's words and the glossary's English words (QaContext.acceptedWords). */
  accepted: readonly string[];
  speller: boolean;
  lengthFences: DocumentFigures['lengthFences'];
  /** The consistency findings of the part's pairs that have any (the maps stay with the caller). */
  consistency: [pairId: number, issues: QaIssue[]][];
  /** The "not an error" marks of the part's pairs that have any. */
  ignores: [pairId: number, marks: QaIgnore[]][];
  /** Judging only the states (QaContext.stateOnly, the "has QA issues" filter): no report entries. */
  judge: boolean;
  /** Every pair's state is stored again (QaTally's `follow`). */
  follow: boolean;
}

export interface QaThreadData {
  port: MessagePort;
  /**
   * Int32 [0]: bumped (and notified) after each message the thread posts, so the caller can sleep
   * in Atomics.wait until there is one; [1]: the run to stop (the caller is cancelled).
   */
  signal: SharedArrayBuffer;
}

export type ToQaThread =
  { type: 'warm'; speller: boolean } | { type: 'check'; seq: number; rows: PackedPairs; part: QaThreadPart };

export type FromQaThread =
  | { type: 'progress'; seq: number; done: number }
  /** The part tallied: its report entries packed (none when judging), counts, states to store. */
  | { type: 'done'; seq: number; rows: number; part: QaTallyPart }
  | { type: 'failed'; seq: number; error: AppError };

/** Splits a document's QA between the calling thread and another one (see jobs/qa-threads.ts). */
export interface QaThreads {
  /** Where to split `rows` pairs (the rows from it on go to the other thread), or null to check them all here. */
  splitAt(rows: number): number | null;
  /** Starts the other thread (and its speller) ahead of a split, while the caller reads the document. */
  prepare(speller: boolean): void;
  /**
   * rows[..at] checked here with `own` (their issues, in order), and rows[at..] checked and
   * tallied in the other thread with `part` (qa-tally.ts). Synchronous (the caller sleeps while it
   * waits); `progress(done)` is called with the rows checked so far, here and there, at least
   * every few hundred rows and while it waits: it may throw (a cancelled job), and then the other
   * thread drops the run. Should the other thread not answer, its rows are checked with `own` and
   * tallied here.
   */
  check(job: {
    rows: readonly ThreadRow[];
    at: number;
    part: QaThreadPart;
    own(row: QaPair): QaIssue[];
    progress(done: number): void;
  }): { own: QaIssue[][]; theirs: QaTallyPart };
  close(): Promise<void>;
}
