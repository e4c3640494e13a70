// Schema migrations: PRAGMA user_version counts the steps applied; each step runs in one
// transaction with the version bump, so a crash leaves the database at a whole version.
import { QalamError } from '../shared/errors';
import type { Db } from './connection';
import { migrations } from './migrations';

export interface Migration {
  version: number;
  /** One line of intent. */
  description: string;
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
  for (const step of steps.slice(current)) {
    db.transaction(() => {
      step.up(db);
      db.pragma(`user_version = ${step.version}`);
    }).immediate();
  }
  return userVersion(db);
}
