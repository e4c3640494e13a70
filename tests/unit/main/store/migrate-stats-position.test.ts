// Migration 0019: the statistics index keyed by position after status and exclusion (its own
// file: the shared migrate.test.ts is a merge hot spot).
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, userVersion } from '../../../../src-main/store/migrate';
import { migrations } from '../../../../src-main/store/migrations';

const step = migrations.findIndex((m) => m.description.startsWith('the statistics index lists'));

function storeBefore(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations.slice(0, step));
  const doc = db.prepare(
    `INSERT INTO documents (id, name, file_name, format, source_lang, target_lang, content_hash, created_at, updated_at)
     VALUES (?, 'd', 'd.txt', 'txt', 'ar', 'en', ?, 'now', 'now')`,
  );
  const pair = db.prepare(
    `INSERT INTO pairs (document_id, position, source, source_norm, target, target_norm, status, excluded, source_words, target_words, created_at, updated_at)
     VALUES (?, ?, 's', 's', 't', 't', ?, ?, ?, ?, 'now', 'now')`,
  );
  const statuses = ['new', 'draft', 'translated', 'approved', 'rejected'];
  for (const d of [1, 2]) {
    doc.run(d, String(d).repeat(64));
    for (let i = 0; i < 60; i++) pair.run(d, i, statuses[(i * 7) % 5], i % 4 === 0 ? 1 : 0, (i * 13) % 17, (i * 5) % 11);
  }
  return db;
}

const STATS = `SELECT status, excluded, count(*) AS n, sum(source_words) AS sw, sum(target_words) AS tw
  FROM pairs WHERE document_id = ? GROUP BY status, excluded ORDER BY status, excluded`;

describe('0019-stats-in-position-order', () => {
  it('rebuilds the statistics index of an existing store with position after status and exclusion: same figures, still covering', () => {
    expect(step).toBeGreaterThan(0);
    const db = storeBefore();
    const before = [1, 2].map((d) => db.prepare(STATS).all(d));
    migrate(db, migrations.slice(0, step + 1));
    expect(userVersion(db)).toBe(step + 1);
    const columns = db.prepare("SELECT name FROM pragma_index_info('pairs_stats') ORDER BY seqno").pluck().all();
    expect(columns).toEqual(['document_id', 'status', 'excluded', 'position', 'source_words', 'target_words']);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect([1, 2].map((d) => db.prepare(STATS).all(d))).toEqual(before);
    const plan = (q: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${q}`).all(1) as { detail: string }[]).map((p) => p.detail).join(' | ');
    expect(plan(STATS)).toMatch(/COVERING INDEX pairs_stats/);
    // One status of the included pairs in page order: from the index, without a sort.
    const approved = "SELECT id FROM pairs WHERE document_id = ? AND status = 'approved' AND excluded = 0 ORDER BY position";
    expect(plan(approved)).toMatch(/INDEX pairs_stats/);
    expect(plan(approved)).not.toMatch(/TEMP B-TREE/);
    expect(db.prepare(approved).pluck().all(1)).toEqual(
      db
        .prepare(
          "SELECT id FROM pairs NOT INDEXED WHERE document_id = ? AND status = 'approved' AND excluded = 0 ORDER BY position",
        )
        .pluck()
        .all(1),
    );
  });
});
