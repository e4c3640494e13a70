// The job runner's interface, apart from the job bodies so that a service context can hold a
// runner without loading every service.
import type { Events } from '../shared/contract';
import type { JobTable } from './table';

export type JobName = keyof JobTable;
export type JobInput<K extends JobName> = Parameters<JobTable[K]>[1] & { jobId?: string | undefined };
export type JobOutput<K extends JobName> = Awaited<ReturnType<JobTable[K]>>;

export interface JobRunner {
  /**
   * True when jobs run off the caller's thread (the worker): work nobody waits for, like a search
   * index, may be queued there. Inline, it would run in the caller's own time.
   */
  readonly background: boolean;
  /** Runs the job and answers with its result, or throws its error (a QalamError; 'cancelled' when stopped). */
  run<K extends JobName>(name: K, input: JobInput<K>): Promise<JobOutput<K>>;
  /** Stops a queued or running job by the caller's `jobId`; false when there is no such job. */
  cancel(jobId: string): boolean;
  close(): Promise<void>;
}

/**
 * The progress events services already emit inside their loops. For a job they are also its
 * checkpoints: a cancelled job stops at the next one (throwing inside its transaction, so SQLite
 * rolls everything back), and its `job:progress` is derived from them.
 */
export function progressOf(event: keyof Events, payload: unknown): { done: number; total: number } | null {
  if (event !== 'import:progress' && event !== 'export:progress' && event !== 'tm:progress' && event !== 'qa:progress') {
    return null;
  }
  const { done, total } = payload as { done: number; total: number };
  return { done, total };
}
