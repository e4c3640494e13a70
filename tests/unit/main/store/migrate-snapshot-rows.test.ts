// Export snapshots as rows (its own file: the shared migrate.test.ts is a merge hot spot).
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../src-main/store/migrate';
import { migrations } from '../../../../src-main/store/migrations';
import { insertSnapshot, latestSnapshot } from '../../../../src-main/store/repos/snapshots';

const now = '2026-01-01T00:00:00.000Z';

function documentWithPairs(db: Database.Database, targets: string[]): void {
  db.prepare(
    `INSERT INTO documents (name, file_name, format, source_lang, target_lang, content_hash, created_at, updated_at)
     VALUES ('old', 'd.txt', 'txt', 'ar', 'en', ?, ?, ?)`,
  ).run('d'.repeat(64), now, now);
  const ins = db.prepare(
    `INSERT INTO pairs (document_id, position, source, target, source_norm, target_norm, status, source_words, version, created_at, updated_at)
     VALUES (1, ?, 'س', ?, 'س', lower(?), 'translated', 1, ?, ?, ?)`,
  );
  targets.forEach((t, i) => ins.run(i, t, t, 4 + i, now, now));
}

describe('export snapshot rows migration', () => {
  it('turns each JSON snapshot into rows, keeps the snapshots and their order, and cascades with the document', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const step = migrations.findIndex((m) => m.description.startsWith('export snapshots as one row per pair'));
    expect(step).toBeGreaterThan(0);
    migrate(db, migrations.slice(0, step));
    documentWithPairs(db, ['One', '']);
    const old = db.prepare(
      `INSERT INTO export_snapshots (document_id, format, created_at, pairs) VALUES (1, 'docx-bilingual', ?, ?)`,
    );
    old.run(now, JSON.stringify({ 1: [1, 'One'], 2: [1, ''] }));
    old.run(now, JSON.stringify({ 1: [3, 'One "quoted" \\ ٱ'], 2: [2, 'Two'] }));
    migrate(db, migrations.slice(0, step + 1));
    expect(latestSnapshot(db, 1)).toEqual(
      new Map([
        [1, { version: 3, target: 'One "quoted" \\ ٱ' }],
        [2, { version: 2, target: 'Two' }],
      ]),
    );
    expect(
      db.prepare('SELECT snapshot_id, pair_id, version, target FROM export_snapshot_pairs WHERE snapshot_id = 1').all(),
    ).toEqual([
      { snapshot_id: 1, pair_id: 1, version: 1, target: 'One' },
      { snapshot_id: 1, pair_id: 2, version: 1, target: '' },
    ]);
    // A new snapshot comes after the migrated ones.
    insertSnapshot(db, 1, 'docx-bilingual', now);
    expect(latestSnapshot(db, 1)).toEqual(
      new Map([
        [1, { version: 4, target: 'One' }],
        [2, { version: 5, target: '' }],
      ]),
    );
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.prepare('DELETE FROM documents').run();
    expect(db.prepare('SELECT count(*) FROM export_snapshot_pairs').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM export_snapshots').pluck().get()).toBe(0);
  });
});
