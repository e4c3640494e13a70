// Composition root shared by the Electron shell, the web preview and the CLI.
import { chmodSync, mkdirSync } from 'node:fs';
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
  /**
   * Whether `dataDir` is the app's own folder (the default, QALAM_DATA_DIR, Electron's userData):
   * then a folder an older version left open (0755) is closed to other users too. False for a
   * folder the user named for a database file (`qalam --db ~/work/x.db`): not ours to change.
   */
  ownDataDir?: boolean;
}): Runtime {
  // Other local accounts must not read the translations: the folder is the owner's alone.
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  if (opts.ownDataDir !== false) chmodSync(opts.dataDir, 0o700);
  const db = openDatabase(
    opts.dbPath ?? join(opts.dataDir, DB_FILE),
    opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {},
  );
  const ctx = createContext({ db, dataDir: opts.dataDir, transport: opts.transport, ...(opts.host ? { host: opts.host } : {}) });
  return { db, ctx, dispatch: createDispatch(ctx), close: () => db.close() };
}
