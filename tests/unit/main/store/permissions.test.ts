// Translations are private: other local accounts must not read the store (issue 8.14).
import { chmodSync, closeSync, mkdirSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { openRuntime } from '../../../../src-main/runtime';
import { REPO_ROOT } from '../formats/helpers/tools';

const mode = (path: string) => statSync(path).mode & 0o777;
let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(rt: ReturnType<typeof openRuntime>): void {
  // A write keeps -wal and -shm on disk while the connection is open.
  rt.db.exec('CREATE TABLE IF NOT EXISTS t (x INTEGER) STRICT; INSERT INTO t VALUES (1)');
}

describe('data folder and store permissions', () => {
  it('creates the data folder 0700 and qalam.db, -wal and -shm 0600, whatever the umask', () => {
    dir = mkdtempSync(join(tmpdir(), 'qalam-perm-'));
    const data = join(dir, 'Qalam');
    const old = process.umask(0o022);
    try {
      const rt = openRuntime({ dataDir: data, transport: 'cli' });
      write(rt);
      expect(mode(data)).toBe(0o700);
      for (const f of ['qalam.db', 'qalam.db-wal', 'qalam.db-shm']) expect(mode(join(data, f)), f).toBe(0o600);
      rt.close();
    } finally {
      process.umask(old);
    }
  });

  it('closes a folder and files an older version left readable (0755, 0644)', () => {
    dir = mkdtempSync(join(tmpdir(), 'qalam-perm-'));
    const data = join(dir, 'Qalam');
    mkdirSync(data, { mode: 0o755 });
    chmodSync(data, 0o755);
    for (const f of ['qalam.db', 'qalam.db-wal', 'qalam.db-shm']) {
      closeSync(openSync(join(data, f), 'w', 0o644));
      chmodSync(join(data, f), 0o644);
    }
    const rt = openRuntime({ dataDir: data, transport: 'cli' });
    write(rt);
    expect(mode(data)).toBe(0o700);
    for (const f of ['qalam.db', 'qalam.db-wal', 'qalam.db-shm']) expect(mode(join(data, f)), f).toBe(0o600);
    rt.close();
  });

  it('leaves a folder the user chose for --db as it is, but still makes the database private', () => {
    dir = mkdtempSync(join(tmpdir(), 'qalam-perm-'));
    const shared = join(dir, 'work');
    mkdirSync(shared);
    chmodSync(shared, 0o755);
    writeFileSync(join(shared, 'notes.txt'), 'mine');
    const r = spawnSync(process.execPath, [join(REPO_ROOT, 'bin/qalam.cjs'), 'list', '--db', join(shared, 'x.db')], {
      encoding: 'utf8',
      env: { ...process.env, QALAM_CLI_SOURCE: '1' },
    });
    expect(r.status).toBe(0);
    expect(mode(shared)).toBe(0o755);
    expect(mode(join(shared, 'x.db'))).toBe(0o600);
  });
});
