// Migration 0017: who imported a document, so its pairs' import revisions can stay implicit. A
// document imported before it keeps no importer (its revisions are stored).
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { migrate } from '../../../../src-main/store/migrate';
import { migrations } from '../../../../src-main/store/migrations';

it('adds the importer to documents, NULL for documents imported before', () => {
  const db = new Database(':memory:');
  migrate(db, migrations.slice(0, 16));
  db.prepare(
    `INSERT INTO documents (name, file_name, format, source_lang, target_lang, content_hash, created_at, updated_at)
     VALUES ('d', 'd.txt', 'txt', 'ar', 'en', ?, 't', 't')`,
  ).run('a'.repeat(64));
  migrate(db, migrations);
  expect(db.prepare('SELECT imported_by, imported_role FROM documents').get()).toEqual({
    imported_by: null,
    imported_role: null,
  });
  expect(() => db.prepare("UPDATE documents SET imported_role = 'owner'").run()).toThrow(/CHECK/);
});
