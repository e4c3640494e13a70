import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { QalamError } from '../../../../src-main/shared/errors';
import { closeDatabase, openDatabase } from '../../../../src-main/store/connection';
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

describe('the integrity check at open', () => {
  /** A store Qalam opened, filled and closed: it leaves the stamp of the file beside it. */
  function closedByQalam(): string {
    const path = tempDb();
    const db = openDatabase(path);
    db.exec('CREATE TABLE t (x TEXT); CREATE INDEX t_x ON t (x);');
    const ins = db.prepare('INSERT INTO t VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 2000; i++) ins.run(`row ${i} ${'x'.repeat(50)}`);
    })();
    closeDatabase(db);
    expect(existsSync(`${path}-checked`)).toBe(true);
    // A whole second, which utimes can put back exactly; a session that writes nothing keeps it.
    utimesSync(path, WHEN, WHEN);
    closeDatabase(openDatabase(path));
    expect(statSync(path).mtime).toEqual(WHEN);
    return path;
  }
  const WHEN = new Date('2024-03-05T07:08:09Z');
  /** Damages pages of t (the last ones written), keeping the size; the modification time as given. */
  function damage(path: string, mtime: Date): void {
    const bytes = readFileSync(path);
    for (let i = bytes.length - 4096 * 4; i < bytes.length - 4096 * 4 + 600; i++) bytes[i] = 0xff;
    writeFileSync(path, bytes);
    utimesSync(path, mtime, mtime);
  }

  it('is skipped for a file exactly as Qalam closed it, and done again once anything else wrote to it', () => {
    const path = closedByQalam();
    const { mtime } = statSync(path);
    // Damage that keeps the size and puts the time back is what the stamp cannot see: the check is skipped.
    damage(path, mtime);
    expect(codeOf(() => openDatabase(path).close())).toBeUndefined();
    // Any other write moves the modification time: the whole file is checked and the damage found.
    damage(path, new Date(mtime.getTime() + 2000));
    expect(codeOf(() => openDatabase(path))).toBe('db_corrupt');
  });

  it('checks a file put in the store’s place, even with the same size and time', () => {
    const path = closedByQalam();
    const { mtime } = statSync(path);
    const copy = `${path}.copy`;
    writeFileSync(copy, readFileSync(path));
    damage(copy, mtime);
    renameSync(copy, path);
    expect(codeOf(() => openDatabase(path))).toBe('db_corrupt');
  });

  it('checks a file a process wrote without closing it through Qalam (a crash)', () => {
    const path = closedByQalam();
    const db = openDatabase(path);
    db.prepare('INSERT INTO t VALUES (?)').run('after the stamp');
    db.close(); // not closeDatabase: the stamp stays the one from before this write
    damage(path, statSync(path).mtime);
    expect(codeOf(() => openDatabase(path))).toBe('db_corrupt');
  });
});
