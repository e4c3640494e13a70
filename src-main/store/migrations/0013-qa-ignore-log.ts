import type { Migration } from '../migrate';

export const m0013: Migration = {
  version: 13,
  description: 'quality checks: every "not an error" mark and its withdrawal kept in order, for the pair\'s history',
  up(db) {
    db.exec(`
      -- qa_ignores keeps only the standing mark per check (a new mark replaces it); the history needs
      -- each one with who and when, so marks and withdrawals are appended here in the same
      -- transaction. target_hash is the hash of the text the mark was made on: the history tells from
      -- it when a later text made the mark lapse.
      CREATE TABLE qa_ignore_log (
        id INTEGER PRIMARY KEY,
        pair_id INTEGER NOT NULL REFERENCES pairs (id) ON DELETE CASCADE,
        check_id TEXT NOT NULL CHECK (length(check_id) > 0),
        action TEXT NOT NULL CHECK (action IN ('ignore','unignore')),
        target_hash TEXT NOT NULL,
        author TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('translator','editor')),
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX qa_ignore_log_pair ON qa_ignore_log (pair_id, id);

      -- Append-only, like revisions: a reviewer can trust what it says.
      CREATE TRIGGER qa_ignore_log_no_update BEFORE UPDATE ON qa_ignore_log
      BEGIN SELECT RAISE(ABORT, 'qa_ignore_log is append-only'); END;

      -- The marks made before this log existed are its first entries.
      INSERT INTO qa_ignore_log (pair_id, check_id, action, target_hash, author, role, created_at)
        SELECT pair_id, check_id, 'ignore', target_hash, author, role, created_at FROM qa_ignores ORDER BY created_at;
    `);
  },
};
