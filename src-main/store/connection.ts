// Opening the database: the settings every connection must have, checked before anything is read.
import { chmodSync, closeSync, existsSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { QalamError } from '../shared/errors';
import { normalizeForSearch } from '../shared/fold';
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
  // Taken before SQLite touches the file: what it was when this process found it.
  const stamp = opts.readonly || opts.checkedBy || path === ':memory:' ? null : fileStamp(path);
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
    if (!opts.checkedBy && !(stamp !== null && readStamp(path) === stamp)) checkIntegrity(db);
    configure(db);
    if (!opts.readonly && !opts.checkedBy) migrate(db);
    return db;
  } catch (e) {
    db.close();
    throw asOpenError(e);
  }
}

/**
 * Closes a connection that opened the file itself (not a job worker's), and records the file as
 * this process leaves it (see fileStamp), so that the next open need not check it again.
 */
export function closeDatabase(db: Db): void {
  const path = db.name;
  db.close();
  if (db.readonly || db.memory) return;
  try {
    const stamp = fileStamp(path);
    if (stamp !== null) writeFileSync(`${path}${STAMP_SUFFIX}`, stamp, { mode: 0o600 });
  } catch {
    // Without a stamp the next open checks the whole file: slower, never less safe.
  }
}

/**
 * The full integrity check reads the whole file (seconds for a store of 100k pairs, at every CLI
 * call). It is skipped when the file and its WAL are exactly as a Qalam process left them when it
 * closed them after a check (same inode, size and modification time): since then the file was
 * written by nobody, so nothing can have damaged it that the check would find. Any other write (a
 * crash mid-transaction, another program, a copy put in its place) changes the stamp, and the
 * file is checked again. SQLite still reports a damaged page it meets while reading.
 */
const STAMP_SUFFIX = '-checked';

function fileStamp(path: string): string | null {
  const part = (file: string) => {
    const st = statSync(file, { throwIfNoEntry: false });
    return st ? [st.dev, st.ino, st.size, Math.trunc(st.mtimeMs)] : null;
  };
  const main = part(path);
  return main === null ? null : JSON.stringify({ main, wal: part(`${path}-wal`) });
}

function readStamp(path: string): string | null {
  try {
    return readFileSync(`${path}${STAMP_SUFFIX}`, 'utf8');
  } catch {
    return null;
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
  // The search folding (shared/fold.ts) as SQL, for the pairs whose folded source is not stored
  // yet (repos/pairs.ts SOURCE_FOLDED): every connection, the job worker's and read-only ones too.
  db.function('qalam_fold', { deterministic: true }, (s: unknown) => normalizeForSearch(String(s)));
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
