// Composition root shared by the Electron shell, the web preview and the CLI.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createContext, type Host, type ServiceContext } from './services/context';
import { openDatabase, type Db } from './store/connection';
import { createDispatch, type Dispatch } from './transport/dispatch';
import { DB_FILE } from './paths';

export interface Runtime {
  db: Db;
  ctx: ServiceContext;
  dispatch: Dispatch;
  close(): void;
}

export function openRuntime(opts: {
  dataDir: string;
  dbPath?: string;
  transport: ServiceContext['transport'];
  host?: Host;
  nativeBinding?: string;
}): Runtime {
  mkdirSync(opts.dataDir, { recursive: true });
  const db = openDatabase(
    opts.dbPath ?? join(opts.dataDir, DB_FILE),
    opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {},
  );
  const ctx = createContext({ db, dataDir: opts.dataDir, transport: opts.transport, ...(opts.host ? { host: opts.host } : {}) });
  return { db, ctx, dispatch: createDispatch(ctx), close: () => db.close() };
}
