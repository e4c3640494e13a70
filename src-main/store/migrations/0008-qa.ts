import type { Migration } from '../migrate';

export const m0008: Migration = {
  version: 8,
  description: 'quality checks: warnings marked "not an error" per pair, a per-document check profile, the user dictionary',
  up(db) {
    db.exec(`
      -- A warning stays ignored only while the target it was judged on is unchanged: target_hash is
      -- the hash of that target (services/qa.ts), compared on every check.
      CREATE TABLE qa_ignores (
        pair_id INTEGER NOT NULL REFERENCES pairs (id) ON DELETE CASCADE,
        check_id TEXT NOT NULL CHECK (length(check_id) > 0),
        target_hash TEXT NOT NULL,
        author TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('translator','editor')),
        created_at TEXT NOT NULL,
        PRIMARY KEY (pair_id, check_id)
      ) STRICT;

      -- Checks the document's profile switches off, as a JSON array of check ids.
      ALTER TABLE documents ADD COLUMN qa_disabled TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(qa_disabled));

      -- Words the user added to the dictionary; spelling accepts them everywhere.
      CREATE TABLE user_words (
        word TEXT PRIMARY KEY CHECK (length(word) > 0),
        added_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
