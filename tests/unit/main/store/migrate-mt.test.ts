// The machine-translation migration (its own file: the shared migrate.test.ts is a merge hot spot).
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../src-main/store/migrate';
import { migrations } from '../../../../src-main/store/migrations';

describe('machine translation migration', () => {
  it('leaves existing documents opted out, and keys the cache by engine and a 64-character source hash', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const step = migrations.findIndex((m) => m.description.startsWith('machine translation'));
    expect(step).toBeGreaterThan(0);
    migrate(db, migrations.slice(0, step));
    const now = '2026-01-01T00:00:00.000Z';
    db.prepare(
      `INSERT INTO documents (name, file_name, format, source_lang, target_lang, content_hash, created_at, updated_at)
       VALUES ('old', 'd.txt', 'txt', 'ar', 'en', ?, ?, ?)`,
    ).run('d'.repeat(64), now, now);
    migrate(db, migrations.slice(0, step + 1));
    expect(db.prepare('SELECT mt_allowed FROM documents').pluck().get()).toBe(0);
    expect(() => db.prepare('UPDATE documents SET mt_allowed = 2').run()).toThrow(/CHECK/);
    const put = db.prepare('INSERT INTO mt_cache (engine, source_hash, target, created_at) VALUES (?, ?, ?, ?)');
    put.run('deepl||en-US|', 'a'.repeat(64), 'Hello', now);
    expect(() => put.run('deepl||en-US|', 'a'.repeat(64), 'Again', now)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => put.run('deepl||en-US|', 'short', 'Hello', now)).toThrow(/CHECK/);
    expect(() => put.run('', 'b'.repeat(64), 'Hello', now)).toThrow(/CHECK/);
  });
});
