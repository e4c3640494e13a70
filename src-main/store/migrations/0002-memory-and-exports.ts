import type { Migration } from '../migrate';

export const m0002: Migration = {
  version: 2,
  description: 'translation memory units (TMX import) and snapshots of bilingual exports for re-import',
  up(db) {
    db.exec(`
      CREATE TABLE tm_units (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL CHECK (length(source) > 0),
        target TEXT NOT NULL CHECK (length(target) > 0),
        source_norm TEXT NOT NULL,
        source_lang TEXT NOT NULL,
        target_lang TEXT NOT NULL,
        origin TEXT NOT NULL,
        author TEXT,
        created_at TEXT NOT NULL,
        changed_at TEXT NOT NULL,
        UNIQUE (source, target)
      ) STRICT;
      CREATE INDEX tm_units_source_norm ON tm_units (source_norm);

      CREATE TABLE export_snapshots (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        format TEXT NOT NULL,
        created_at TEXT NOT NULL,
        -- {"<pairId>": [version, target]} for every exported pair: the base a re-import diffs against.
        pairs TEXT NOT NULL CHECK (json_valid(pairs))
      ) STRICT;
      CREATE INDEX export_snapshots_document ON export_snapshots (document_id, id);
    `);
  },
};
