// The "not an error" log migration (its own file: the shared migrate.test.ts is a merge hot spot).
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../src-main/store/migrate';
import { migrations } from '../../../../src-main/store/migrations';

describe('qa ignore log migration', () => {
  it('starts the log with the marks already standing, with their author and time', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const step = migrations.findIndex((m) => m.description.includes('"not an error" mark and its withdrawal'));
    expect(step).toBeGreaterThan(0);
    migrate(db, migrations.slice(0, step));
    const now = '2026-01-01T00:00:00.000Z';
    db.prepare(
      `INSERT INTO documents (name, file_name, format, source_lang, target_lang, content_hash, created_at, updated_at)
       VALUES ('old', 'd.txt', 'txt', 'ar', 'en', ?, ?, ?)`,
    ).run('d'.repeat(64), now, now);
    db.prepare(
      `INSERT INTO pairs (document_id, position, source, target, source_norm, target_norm, status, source_words, created_at, updated_at)
       VALUES (1, 0, 'س', 'T', 'س', 't', 'translated', 1, ?, ?)`,
    ).run(now, now);
    db.prepare(
      `INSERT INTO qa_ignores (pair_id, check_id, target_hash, author, role, created_at) VALUES (1, 'spelling', 'h', 'Eda', 'editor', ?)`,
    ).run(now);
    migrate(db, migrations.slice(0, step + 1));
    expect(
      db.prepare('SELECT pair_id, check_id, action, target_hash, author, role, created_at FROM qa_ignore_log').all(),
    ).toEqual([
      { pair_id: 1, check_id: 'spelling', action: 'ignore', target_hash: 'h', author: 'Eda', role: 'editor', created_at: now },
    ]);
    expect(() => db.prepare("UPDATE qa_ignore_log SET action = 'unignore'").run()).toThrow(/append-only/);
    db.prepare('DELETE FROM pairs').run(); // a deleted document takes its log with it
    expect(db.prepare('SELECT count(*) FROM qa_ignore_log').pluck().get()).toBe(0);
  });
});
