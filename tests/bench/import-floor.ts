// The floors `npm run bench` sets the 100k import beside, as whole processes like `qalam import`
// (bundled by tests/bench/import.ts, so no TypeScript loader is timed):
//   bare  — (document_id, position, source) for each line, one transaction, WAL + FULL: the physical
//           cost of storing the text;
//   full  — the rows the import wrote before issue 12 (document, pairs with folded text and word
//           counts, one import revision per pair) into Qalam's own schema, from bare statements.
// Usage: node import-floor.mjs bare|full FILE DB
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { openDatabase } from '../../src-main/store/connection';
import { normalizeForSearch } from '../../src-main/text/arabic';
import { splitParagraphs } from '../../src-main/text/paragraphs';
import { countWords } from '../../src-main/text/words';

const [mode, file, dbPath] = process.argv.slice(2) as [string, string, string];
const text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(file));
const now = new Date().toISOString();

if (mode === 'bare') {
  const lines = text.split('\n');
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(
    'CREATE TABLE lines (id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL, position INTEGER NOT NULL, source TEXT NOT NULL)',
  );
  const ins = db.prepare('INSERT INTO lines (document_id, position, source) VALUES (1, ?, ?)');
  db.transaction(() => lines.forEach((line, i) => ins.run(i, line))).immediate();
  db.close();
} else {
  const paragraphs = splitParagraphs(text);
  const db = openDatabase(dbPath);
  const insDoc = db.prepare(
    `INSERT INTO documents (name, file_name, format, source_lang, target_lang, content_hash, created_at, updated_at) VALUES ('f', 'f.txt', 'txt', 'ar', 'en', ?, ?, ?)`,
  );
  const insPair = db.prepare(
    `INSERT INTO pairs (document_id, position, source, target, source_norm, target_norm, status, excluded, source_words, target_words, created_at, updated_at, updated_by)
     VALUES (?, ?, ?, '', ?, '', 'new', 0, ?, 0, ?, ?, 'bench')`,
  );
  const insRev = db.prepare(
    `INSERT INTO revisions (pair_id, kind, target, status, author, role, note, created_at, touched_at) VALUES (?, 'import', '', 'new', 'bench', 'translator', NULL, ?, ?)`,
  );
  db.transaction(() => {
    const doc = insDoc.run('0'.repeat(64), now, now).lastInsertRowid;
    paragraphs.forEach((p, i) => {
      const id = insPair.run(doc, i, p, normalizeForSearch(p), countWords(p), now, now).lastInsertRowid;
      insRev.run(id, now, now);
    });
  }).immediate();
  db.close();
}
