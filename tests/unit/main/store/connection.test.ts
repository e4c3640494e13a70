import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { QalamError } from '../../../../src-main/shared/errors';
import { openDatabase } from '../../../../src-main/store/connection';
import { SCHEMA_VERSION } from '../../../../src-main/store/migrate';

const dirs: string[] = [];
function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'qalam-conn-'));
  dirs.push(dir);
  return join(dir, 'test.db');
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof QalamError ? e.code : `not a QalamError: ${String(e)}`;
  }
  return undefined;
}

describe('openDatabase', () => {
  it('sets WAL, synchronous=FULL, foreign keys and a busy timeout on every open', () => {
    const path = tempDb();
    for (let i = 0; i < 2; i++) {
      const db = openDatabase(path);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2); // 2 = FULL
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      db.close();
    }
  });

  it('refuses a file that is not a database with db_corrupt', () => {
    const path = tempDb();
    writeFileSync(path, Buffer.alloc(8192, 0x41));
    expect(codeOf(() => openDatabase(path))).toBe('db_corrupt');
  });

  it('refuses a database whose pages are damaged with db_corrupt, and leaves the file alone', () => {
    const path = tempDb();
    const db = new Database(path);
    db.pragma('journal_mode = DELETE');
    db.exec('CREATE TABLE t (x TEXT); CREATE INDEX t_x ON t (x);');
    const ins = db.prepare('INSERT INTO t VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 2000; i++) ins.run(`row ${i} ${'x'.repeat(50)}`);
    })();
    db.close();
    const bytes = readFileSync(path);
    // Scribble over the middle of the file (index and table pages), not the header.
    for (let i = 4096 * 3; i < 4096 * 3 + 600; i++) bytes[i] = 0xff;
    writeFileSync(path, bytes);
    expect(codeOf(() => openDatabase(path))).toBe('db_corrupt');
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('refuses a database written by a newer version of Qalam', () => {
    const path = tempDb();
    openDatabase(path).close();
    const raw = new Database(path);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    raw.close();
    expect(codeOf(() => openDatabase(path))).toBe('db_too_new');
  });
});
