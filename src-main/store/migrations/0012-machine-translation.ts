import type { Migration } from '../migrate';

export const m0012: Migration = {
  version: 12,
  description: 'machine translation: a per-document opt-in to send its text to a provider, and a cache of paid translations',
  up(db) {
    db.exec(`
      -- Off unless the user allows it: a translator's clients often forbid sending their text out.
      ALTER TABLE documents ADD COLUMN mt_allowed INTEGER NOT NULL DEFAULT 0 CHECK (mt_allowed IN (0, 1));

      -- What a provider answered for an exact source text, so the same paragraph is never paid for
      -- twice. engine: provider, model, English variant and (for self-hostable providers) the
      -- endpoint; source_hash: SHA-256 of the exact source. Not tied to a document: a paragraph
      -- repeated across documents is paid for once, and deleting a document keeps what was paid.
      CREATE TABLE mt_cache (
        engine TEXT NOT NULL CHECK (length(engine) > 0),
        source_hash TEXT NOT NULL CHECK (length(source_hash) = 64),
        target TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (engine, source_hash)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
