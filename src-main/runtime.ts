// Composition root shared by the Electron shell, the web preview and the tests: a store, a service
// context and the contract's dispatch over them. (The CLI opens only the context: services/context.ts.)
import { join } from 'node:path';
import { openContext, type OpenContextOptions, type ServiceContext } from './services/context';
import { queueSearchIndexSoon } from './services/documents';
import type { Db } from './store/connection';
import { workerJobs } from './jobs/worker-runner';
import { createDispatch, type Dispatch } from './transport/dispatch';
import { DB_FILE } from './paths';

export interface Runtime {
  db: Db;
  ctx: ServiceContext;
  dispatch: Dispatch;
  close(): void;
}

export function openRuntime(
  opts: OpenContextOptions & {
    /**
     * 'worker' (the app, `npm run web`): long jobs run in a worker thread with its own connection,
     * so the main event loop stays free. 'inline' (default; tests): in the caller's thread.
     */
    jobs?: 'worker' | 'inline';
    /**
     * With jobs: 'worker', whether the job worker may split a large document's QA over a second
     * thread (jobs/qa-threads.ts; the default). False: one thread, as the bench's comparison row.
     */
    qaThreads?: boolean;
  },
): Runtime {
  const opened = openContext(opts);
  let cancelIndex = () => {};
  if (opts.jobs === 'worker') {
    opened.ctx.jobs = workerJobs({
      ctx: opened.ctx,
      dbPath: opts.dbPath ?? join(opts.dataDir, DB_FILE),
      nativeBinding: opts.nativeBinding,
      qaThreads: opts.qaThreads,
    });
    // Documents a CLI import left with folds pending and no index get them soon after start-up.
    cancelIndex = queueSearchIndexSoon(opened.ctx);
  }
  const jobs = opened.ctx.jobs;
  return {
    ...opened,
    dispatch: createDispatch(opened.ctx),
    close: () => {
      cancelIndex();
      void jobs.close();
      opened.close();
    },
  };
}
