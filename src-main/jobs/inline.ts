// Jobs run in the caller's own process and connection: the CLI (nothing else waits on its event
// loop), the tests and the job worker itself. Progress is reported as in the worker; nothing can
// interrupt a synchronous job here, so cancel finds nothing.
import type { ServiceContext } from '../services/context';
import { progressOf, type JobName, type JobRunner } from './types';

export function inlineJobs(getCtx: () => ServiceContext): JobRunner {
  return {
    background: false,
    async run(name, input) {
      const ctx = getCtx();
      const { jobTable } = await import('./table');
      const jobId = input.jobId;
      const off = jobId
        ? ctx.events.onAny((event, payload) => {
            const p = progressOf(event, payload);
            if (p) ctx.events.emit('job:progress', { jobId, job: name, ...p });
          })
        : undefined;
      try {
        return (await (jobTable[name] as (c: ServiceContext, i: unknown) => unknown)(ctx, input)) as never;
      } finally {
        off?.();
      }
    },
    cancel: () => false,
    close: () => Promise.resolve(),
  };
}

export type { JobName };
