import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Role, Settings } from '../shared/domain';
import { closeDatabase, openDatabase, type Db } from '../store/connection';
import { DB_FILE } from '../paths';
import { readSettings } from '../store/repos/settings';
import { inlineJobs } from '../jobs/inline';
import type { JobRunner } from '../jobs/types';
import type { QaThreads } from '../jobs/qa-thread-protocol';
import { EventBus } from './events';
import { envKeyStore, type MtKeyStore } from './mt-key';
import { systemUserName } from './user-name';

// The user's name moved to user-name.ts, which loads without the store (qalam translate without one).
export { personName, systemUserName } from './user-name';

/** What the desktop shell can do that a browser cannot; the web preview leaves these out. */
export interface Host {
  pickImportFile?(): Promise<{ fileName: string; bytes: Uint8Array } | null>;
  /** Shows a save dialog and writes atomically; null when the user cancels. */
  saveFile?(suggestedName: string, bytes: Uint8Array): Promise<string | null>;
  openExternal?(url: string): Promise<boolean>;
}

export interface ServiceContext {
  db: Db;
  dataDir: string;
  events: EventBus;
  host: Host;
  transport: 'ipc' | 'http' | 'cli';
  /** Where long jobs run (src-main/jobs/): the app's worker thread, or inline for the CLI and tests. */
  jobs: JobRunner;
  /**
   * A second thread for the document QA (jobs/qa-threads.ts): only the job worker has one (the
   * report and the judging of a large document are split over two threads there); elsewhere a
   * document is checked in the calling thread.
   */
  qaThreads?: QaThreads;
  /** The machine-translation key: safeStorage in the app, QALAM_MT_KEY in the CLI and the preview. */
  mtKey: MtKeyStore;
  now(): string;
}

export interface Actor {
  name: string;
  role: Role;
}

export function createContext(opts: {
  db: Db;
  dataDir: string;
  host?: Host;
  transport: ServiceContext['transport'];
  mtKey?: MtKeyStore;
  now?: () => string;
}): ServiceContext {
  const ctx: ServiceContext = {
    db: opts.db,
    dataDir: opts.dataDir,
    events: new EventBus(),
    host: opts.host ?? {},
    transport: opts.transport,
    jobs: inlineJobs(() => ctx),
    mtKey: opts.mtKey ?? envKeyStore(),
    now: opts.now ?? (() => new Date().toISOString()),
  };
  return ctx;
}

export interface OpenedContext {
  db: Db;
  ctx: ServiceContext;
  close(): void;
}

export interface OpenContextOptions {
  dataDir: string;
  dbPath?: string | undefined;
  transport: ServiceContext['transport'];
  host?: Host | undefined;
  nativeBinding?: string | undefined;
  /** Where the machine-translation key lives; the environment (QALAM_MT_KEY) unless the shell gives one. */
  mtKey?: ((dataDir: string) => MtKeyStore) | undefined;
  /**
   * Whether `dataDir` is the app's own folder (the default, QALAM_DATA_DIR, Electron's userData):
   * then a folder an older version left open (0755) is closed to other users too. False for a
   * folder the user named for a database file (`qalam --db ~/work/x.db`): not ours to change.
   */
  ownDataDir?: boolean | undefined;
  checkedBy?: 'main' | undefined;
}

/**
 * A connection and a service context over it: what the CLI and a job worker need. The app's
 * runtime adds the contract's dispatch on top; the CLI does without it (and without loading zod).
 */
export function openContext(opts: OpenContextOptions): OpenedContext {
  // Other local accounts must not read the translations: the folder is the owner's alone.
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  if (opts.ownDataDir !== false) chmodSync(opts.dataDir, 0o700);
  const db = openDatabase(opts.dbPath ?? join(opts.dataDir, DB_FILE), {
    ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
    ...(opts.checkedBy ? { checkedBy: opts.checkedBy } : {}),
  });
  const ctx = createContext({
    db,
    dataDir: opts.dataDir,
    transport: opts.transport,
    ...(opts.host ? { host: opts.host } : {}),
    ...(opts.mtKey ? { mtKey: opts.mtKey(opts.dataDir) } : {}),
  });
  return { db, ctx, close: () => (opts.checkedBy ? db.close() : closeDatabase(db)) };
}

/**
 * Who is acting: the name and role from settings, else the operating system's user name. Every
 * revision and comment records them, and exports write the name into XLIFF notes and TMX
 * creationid: an account that names no person ("root") is never written; the name stays empty.
 */
export function actor(ctx: ServiceContext, settings: Settings = readSettings(ctx.db)): Actor {
  return { name: settings.userName.trim() || systemUserName() || '', role: settings.role };
}
