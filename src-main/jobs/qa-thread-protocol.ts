// What the document QA's second thread (jobs/qa-thread.ts) is given and answers, and the interface
// of its pool (jobs/qa-threads.ts) as the QA service sees it (a type only: the CLI's bundle, which
// never splits a document, does not load the pool).
import type { MessagePort } from 'node:worker_threads';
import type { AppError } from '../shared/errors';
import type { DocumentFigures } from '../qa/checks';
import type { PackedIssues, PackedPairs } from './qa-issues-pack';
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
  /** Judging only (QaContext.stateOnly): the checks marked "not an error" on each pair's current text. */
  ignored?: [pairId: number, checks: QaCheckId[]][];
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
  /** Each of the `rows` rows' issues in order (qa-issues-pack.ts). */
  | { type: 'done'; seq: number; rows: number; found: PackedIssues }
  | { type: 'failed'; seq: number; error: AppError };

/** Splits a document's QA between the calling thread and another one (see jobs/qa-threads.ts). */
export interface QaThreads {
  /** Where to split `rows` pairs (the rows from it on go to the other thread), or null to check them all here. */
  splitAt(rows: number): number | null;
  /** Starts the other thread (and its speller) ahead of a split, while the caller reads the document. */
  prepare(speller: boolean): void;
  /**
   * Every row's issues, in order: rows[at..] checked in the other thread with `part`, rows[..at]
   * here with `own`. Synchronous (the caller sleeps while it waits); `progress(done)` is called
   * with the rows checked so far, here and there, at least every few hundred rows and while it
   * waits: it may throw (a cancelled job), and then the other thread drops the run.
   */
  check(job: {
    rows: readonly QaPair[];
    at: number;
    part: QaThreadPart;
    own(row: QaPair): QaIssue[];
    progress(done: number): void;
  }): QaIssue[][];
  close(): Promise<void>;
}
