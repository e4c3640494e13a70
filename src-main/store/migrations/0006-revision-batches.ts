import type { Migration } from '../migrate';

const ROLE = `'translator','editor'`;

export const m0006: Migration = {
  version: 6,
  description: 'batches: revisions written together (re-import, replace-all, pre-translation) can be listed and undone as one',
  up(db) {
    db.exec(`
      CREATE TABLE batches (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        origin TEXT NOT NULL CHECK (length(origin) > 0),
        author TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN (${ROLE})),
        note TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX batches_document ON batches (document_id, id);

      -- Where a revision's text came from beyond its kind ('tm', 'mt', 'pretranslate', 'replace',
      -- 'review-import', 'undo' …) and the match score behind it. Free text rather than a CHECK:
      -- new origins come with new features, and SQLite cannot alter a CHECK without a rebuild.
      ALTER TABLE revisions ADD COLUMN batch_id INTEGER REFERENCES batches (id) ON DELETE CASCADE;
      ALTER TABLE revisions ADD COLUMN origin TEXT;
      ALTER TABLE revisions ADD COLUMN score REAL CHECK (score IS NULL OR (score >= 0 AND score <= 100));
      CREATE INDEX revisions_batch ON revisions (batch_id, pair_id) WHERE batch_id IS NOT NULL;
    `);
  },
};
