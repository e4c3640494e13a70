import type Database from 'better-sqlite3';
import type { Db } from '../connection';

const cache = new WeakMap<Db, Map<string, Database.Statement>>();

/** Prepared once per connection: preparing is the expensive part of a small query. */
export function stmt(db: Db, sql: string): Database.Statement {
  let byDb = cache.get(db);
  if (!byDb) {
    byDb = new Map();
    cache.set(db, byDb);
  }
  let s = byDb.get(sql);
  if (!s) {
    s = db.prepare(sql);
    byDb.set(sql, s);
  }
  return s;
}
