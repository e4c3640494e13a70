// Composition root shared by the Electron shell, the web preview and the tests: a store, a service
// context and the contract's dispatch over them. (The CLI opens only the context: services/context.ts.)
import { openContext, type OpenContextOptions, type ServiceContext } from './services/context';
import type { Db } from './store/connection';
import { createDispatch, type Dispatch } from './transport/dispatch';

export interface Runtime {
  db: Db;
  ctx: ServiceContext;
  dispatch: Dispatch;
  close(): void;
}

export function openRuntime(opts: OpenContextOptions): Runtime {
  const opened = openContext(opts);
  return { ...opened, dispatch: createDispatch(opened.ctx) };
}
