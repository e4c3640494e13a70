import type { Migration } from '../migrate';

export const m0009: Migration = {
  version: 9,
  description: 'glossaries: one shared by all documents and one per document on request, with their terms',
  up(db) {
    db.exec(`
      -- document_id NULL is the shared glossary; there is at most one (the partial index below).
      -- version grows with every write to the glossary's terms: recognition indexes are cached by it.
      CREATE TABLE glossaries (
        id INTEGER PRIMARY KEY,
        document_id INTEGER UNIQUE REFERENCES documents (id) ON DELETE CASCADE,
        version INTEGER NOT NULL DEFAULT 0 CHECK (version >= 0),
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX glossaries_one_shared ON glossaries ((document_id IS NULL)) WHERE document_id IS NULL;

      -- source and target hold alternatives separated by ";". source_norm is the search folding of
      -- source (text/arabic normalizeForSearch), for the list's search and duplicate detection.
      CREATE TABLE glossary_terms (
        id INTEGER PRIMARY KEY,
        glossary_id INTEGER NOT NULL REFERENCES glossaries (id) ON DELETE CASCADE,
        source TEXT NOT NULL CHECK (length(trim(source)) > 0),
        source_norm TEXT NOT NULL,
        target TEXT NOT NULL CHECK (length(trim(target)) > 0),
        note TEXT NOT NULL DEFAULT '',
        forbidden INTEGER NOT NULL DEFAULT 0 CHECK (forbidden IN (0, 1)),
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX glossary_terms_by_source ON glossary_terms (glossary_id, source_norm);

      -- Which glossary a document's checks and recognition use; the user picks.
      ALTER TABLE documents ADD COLUMN glossary_scope TEXT NOT NULL DEFAULT 'shared' CHECK (glossary_scope IN ('shared', 'document'));
    `);
  },
};
