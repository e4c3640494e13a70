// What the document QA's second thread (jobs/qa-thread.ts) is given and answers, and the interface
// of its pool (jobs/qa-threads.ts) as the QA service sees it (a type only: the CLI's bundle, which
// never splits a document, does not load the pool).
import type { MessagePort } from 'node:worker_threads';
import type { AppError } from '../shared/errors';
import type { DocumentFigures } from '../qa/checks';
import type { MadeFacts } from '../services/qa-facts';
import type { QaTallyPart } from '../services/qa-tally';
import type { QaIgnore } from '../store/repos/qa';
import type { ThreadRow } from './qa-issues-pack';
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
  /** Judging only the states (QaContext.stateOnly, the "has QA issues" filter): no report entries. */
  judge: boolean;
  /** Every pair's state is stored again (QaTally's `follow`). */
  follow: boolean;
}

/** Where the other thread reads its rows: its own read-only connection to the same file (WAL). */
export interface QaThreadRead {
  dbPath: string;
  documentId: number;
  /** The position its part starts at: it reads the document's pairs from there to the end. */
  from: number;
  /** The index (in position order) of its first pair. */
  first: number;
  /**
   * Whether the caller reads its rows with their stored facts instead of their sources
   * (services/qa-facts.ts): the thread does the same, or answers a state that is not the caller's
   * (an empty epoch) when it cannot, and the caller checks the part itself.
   */
  facts: boolean;
  /** Facts the caller made for this check and has not stored yet (services/qa-facts.ts makeFacts): read instead of those stored. */
  made?: MadeFacts;
}

/**
 * What the document's figures need of the other part's rows: their length ratios (checks.ts
 * lengthRatios) and, for the consistency maps, each row's id, folded source (or, with facts, the
 * key of its class of foldings: qa/facts.ts), target and exclusion
 * (a structured copy of strings costs the reader a copy; decoding them from the store again would
 * cost it several times more).
 */
export interface QaThreadRows {
  ratios: Float64Array;
  ids: Int32Array;
  folded: string[];
  targets: string[];
  excluded: Uint8Array;
}

/** The document's figures for the other part, once the calling thread has them. */
export interface QaThreadFigures {
  lengthFences: DocumentFigures['lengthFences'];
  /**
   * What the consistency checks found of the part's pairs that have a finding (checks.ts
   * consistencyFindings): their ids; per id, how many other targets its source has and how many
   * other sources its target translates; the first other target (an index into `others`). The
   * thread makes the issues on its own texts (consistencyIssuesOf).
   */
  consistency: { ids: Int32Array; counts: Int32Array; others: string[] };
}

export interface QaThreadData {
  port: MessagePort;
  /**
   * Int32 [0]: bumped (and notified) after each message the thread posts, so the caller can sleep
   * in Atomics.wait until there is one; [1]: the run to stop (the caller is cancelled, or does
   * without it); [2]: bumped (and notified) after each message the caller posts, for the thread's
   * own wait between its rows and the figures.
   */
  signal: SharedArrayBuffer;
  /** Path to an Electron build of better_sqlite3.node (the job worker's). */
  nativeBinding?: string | undefined;
}

export type ToQaThread =
  | { type: 'warm'; speller: boolean }
  | { type: 'check'; seq: number; read: QaThreadRead; part: QaThreadPart }
  | ({ type: 'figures'; seq: number } & QaThreadFigures);

export type FromQaThread =
  /** Its rows are read: in what state of the document (services/qa.ts epoch), and what the figures need of them. */
  | ({ type: 'read'; seq: number; epoch: string } & QaThreadRows)
  | { type: 'progress'; seq: number; done: number }
  /** The part tallied: its report entries packed (none when judging), counts, states to store. */
  | { type: 'done'; seq: number; rows: number; part: QaTallyPart }
  | { type: 'failed'; seq: number; error: AppError };

/** One document's QA split with the other thread (see {@link QaThreads.start}). */
export interface QaSplitRun {
  /**
   * Waits until the other thread has read its rows (calling `progress` while it waits: it may
   * throw, a cancelled job): the document's state it read them in and what the figures need of
   * them; null when the thread was lost (its part is then the caller's).
   */
  read(progress: () => void): ({ epoch: string } & QaThreadRows) | null;
  /**
   * rows[..] (the first part) checked here with `own` (their issues, in order), while the other
   * thread checks and tallies its part with `figures` (qa-tally.ts). Synchronous (the caller
   * sleeps while it waits); `progress(done)` is called with the rows checked so far, here and
   * there, at least every few hundred rows and while it waits: it may throw (a cancelled job), and
   * then the other thread drops the run. Should the other thread not answer, its rows
   * (`theirRows()`, read in the caller's snapshot) are checked with `own` and tallied here.
   */
  check(job: {
    figures: QaThreadFigures;
    rows: readonly QaPair[];
    own(row: QaPair): QaIssue[];
    progress(done: number): void;
    theirRows(): ThreadRow[];
    ignores: ReadonlyMap<number, QaIgnore[]>;
  }): { own: QaIssue[][]; theirs: QaTallyPart };
  /** The other thread stops this run (the caller checks everything itself, or failed). */
  drop(): void;
}

/** Splits a document's QA between the calling thread and another one (see jobs/qa-threads.ts). */
export interface QaThreads {
  /** How many of `rows` pairs to check here (the rest go to the other thread), or null to check them all here. */
  splitAt(rows: number): number | null;
  /** Starts the other thread (and its speller) ahead of a split, while the caller reads the document. */
  prepare(speller: boolean): void;
  /** The other thread starts reading its part of the document. */
  start(read: QaThreadRead, part: QaThreadPart): QaSplitRun;
  close(): Promise<void>;
}
