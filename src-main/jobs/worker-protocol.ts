// Messages between the main thread's runner (worker-runner.ts) and the job worker (worker.ts).
import type { EventName } from '../shared/contract';
import type { AppError } from '../shared/errors';
import type { ServiceContext } from '../services/context';
import type { JobName } from './types';

export interface WorkerData {
  dataDir: string;
  dbPath: string;
  transport: ServiceContext['transport'];
  nativeBinding?: string | undefined;
  /**
   * A SharedArrayBuffer of one Int32: the sequence number of the job to stop. The worker is busy in
   * synchronous work while a job runs and reads no messages, so the flag is shared memory.
   */
  cancel: SharedArrayBuffer;
  /** False: the document QA is never split over a second thread (jobs/qa-threads.ts); by default it is. */
  qaThreads?: boolean | undefined;
}

export type ToWorker =
  /** `slicedField`: the input's field that came before in 'slice' messages, to be joined back. */
  | { type: 'run'; seq: number; name: JobName; input: unknown; slicedField?: 'dataBase64' }
  | { type: 'slice'; seq: number; text: string }
  | { type: 'close' };

export type FromWorker =
  | { type: 'event'; name: EventName; payload: unknown }
  /** `packed`: the value is a QA report packed by qa-issues-pack.ts (packReport). */
  | { type: 'done'; seq: number; value: unknown; packed?: 'qa-report' }
  | { type: 'failed'; seq: number; error: AppError };
