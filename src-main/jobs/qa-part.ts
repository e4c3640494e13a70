// The document QA's second part, as the second thread (qa-thread.ts) checks and tallies it, and as
// the job worker does when that thread is lost (qa-threads.ts): each row checked, then tallied
// (qa-tally.ts) into counts, states and, for a report, entries packed for the main thread.
import type { QaIssue, QaPair } from '../qa/types';
import { QaTally, type QaTallyPart } from '../services/qa-tally';
import type { QaIgnore } from '../store/repos/qa';
import type { ThreadRow } from './qa-issues-pack';

const NO_MARKS: QaIgnore[] = [];

export interface PartJob {
  rows: readonly ThreadRow[];
  /** Row i's issues. */
  check(row: QaPair, i: number): QaIssue[];
  /** The "not an error" marks of the rows that have any. */
  ignores: ReadonlyMap<number, QaIgnore[]>;
  judge: boolean;
  follow: boolean;
  /** Called before row i (every few hundred rows); false stops the run (null is answered). */
  tick?(i: number): boolean;
  every?: number;
}

export function tallyPart(job: PartJob): QaTallyPart | null {
  const { rows, check, ignores, tick } = job;
  const every = job.every ?? 500;
  const tally = new QaTally(job.follow, job.judge ? 'none' : 'packed');
  for (let i = 0; i < rows.length; i++) {
    if (tick && i % every === 0 && !tick(i)) return null;
    const row = rows[i]!;
    tally.add(row, check(row, i), ignores.get(row.id) ?? NO_MARKS);
  }
  return tally.part();
}
