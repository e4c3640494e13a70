// Opening the database: the settings every connection must have, checked before anything is read.
import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
import { QalamError } from '../shared/errors';
import { migrate } from './migrate';

export type Db = Database.Database;

export interface OpenOptions {
  /** Path to an Electron build of better_sqlite3.node; Node's build is used when absent. */
  nativeBinding?: string;
  readonly?: boolean;
  /**
   * Another connection of this process (the main thread, for a job worker's) has just checked and
   * migrated the file: skip the integrity check and the migrations, which read the whole file.
   */
  checkedBy?: 'main';
}

export function openDatabase(path: string, opts: OpenOptions = {}): Db {
  let db: Db;
  try {
    if (!opts.readonly && path !== ':memory:') makePrivate(path);
    db = new Database(path, {
      ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
      ...(opts.readonly ? { readonly: true } : {}),
    });
  } catch (e) {
    throw asOpenError(e);
  }
  try {
    db.pragma('busy_timeout = 5000');
    // Check before anything writes (switching to WAL rewrites the header): a damaged file stays as found.
    if (!opts.checkedBy) checkIntegrity(db);
    configure(db);
    if (!opts.readonly && !opts.checkedBy) migrate(db);
    return db;
  } catch (e) {
    db.close();
    throw asOpenError(e);
  }
}

/** Changes when another connection (a CLI run, the app) commits; this connection's own writes leave it. */
export function dataVersion(db: Db): number {
  return db.pragma('data_version', { simple: true }) as number;
}

/**
 * The database file is created (or, from an older version, tightened to) 0600 before SQLite opens
 * it: SQLite gives the -wal and -shm files it creates the database file's permissions.
 */
function makePrivate(path: string): void {
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(file)) chmodSync(file, 0o600);
}

function configure(db: Db): void {
  db.pragma('journal_mode = WAL');
  // FULL: a confirmed translation survives a power cut; WAL keeps it cheap.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
}

function checkIntegrity(db: Db): void {
  const rows = db.pragma('integrity_check') as { integrity_check: string }[];
  const first = rows[0]?.integrity_check;
  if (first !== 'ok') throw new QalamError('db_corrupt', { detail: String(first ?? 'unknown').slice(0, 200) });
}

function asOpenError(e: unknown): Error {
  if (e instanceof QalamError) return e;
  const code = (e as { code?: string }).code;
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') return new QalamError('db_corrupt', { detail: code });
  if (code === 'SQLITE_BUSY') return new QalamError('db_locked');
  return e instanceof Error ? e : new Error(String(e));
}
