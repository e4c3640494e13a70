// Schema migrations: PRAGMA user_version counts the steps applied; each step runs in one
// transaction with the version bump, so a crash leaves the database at a whole version.
import { QalamError } from '../shared/errors';
import type { Db } from './connection';
import { migrations } from './migrations';

export interface Migration {
  version: number;
  /** One line of intent. */
  description: string;
  /**
   * The step rebuilds a table that others reference (SQLite cannot change a CHECK in place). Foreign
   * keys are switched off around its transaction, as SQLite's own procedure says, because dropping the
   * old table would otherwise cascade-delete every row that refers to it; a foreign_key_check inside
   * the transaction still refuses to commit a broken reference.
   */
  rebuildsTables?: boolean;
  up(db: Db): void;
}

export const SCHEMA_VERSION = migrations.length;

export function userVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(db: Db, steps: readonly Migration[] = migrations): number {
  const current = userVersion(db);
  if (current > steps.length) {
    throw new QalamError('db_too_new', { found: current, supported: steps.length });
  }
  if (current === 0 && steps.length > 0 && isEmpty(db)) return createSchema(db, steps);
  for (const step of steps.slice(current)) {
    const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
    if (step.rebuildsTables) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        step.up(db);
        if (step.rebuildsTables && (db.pragma('foreign_key_check') as unknown[]).length > 0) {
          throw new Error(`migration ${step.version} left broken references`);
        }
        db.pragma(`user_version = ${step.version}`);
      }).immediate();
    } finally {
      if (step.rebuildsTables) db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
    }
  }
  return userVersion(db);
}

function isEmpty(db: Db): boolean {
  return db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get() === 0;
}

/**
 * A new, empty database: every step in one transaction, so creating a store costs one commit (one
 * fsync under synchronous=FULL) instead of one per step, and a crash leaves it empty. Foreign keys
 * are off for the whole of it when a step rebuilds tables (there are no rows to keep).
 */
function createSchema(db: Db, steps: readonly Migration[]): number {
  const rebuilds = steps.some((s) => s.rebuildsTables);
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  if (rebuilds) db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      for (const step of steps) step.up(db);
      if (rebuilds && (db.pragma('foreign_key_check') as unknown[]).length > 0) {
        throw new Error('the new schema has broken references');
      }
      db.pragma(`user_version = ${steps[steps.length - 1]!.version}`);
    }).immediate();
  } finally {
    if (rebuilds) db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
  return userVersion(db);
}
