import type { Migration } from '../migrate';

// The schema and its rules are explained in repos/search.ts.
export const m0010: Migration = {
  version: 10,
  description: 'an FTS5 trigram index over the folded columns for substring search, kept per document by triggers',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE pairs_search USING fts5 (
        source_norm, target_norm,
        content = '', contentless_delete = 1, tokenize = 'trigram case_sensitive 1'
      );
      CREATE TABLE search_indexed (
        document_id INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE
      ) STRICT;
      CREATE TRIGGER pairs_search_insert AFTER INSERT ON pairs
      WHEN EXISTS (SELECT 1 FROM search_indexed WHERE document_id = NEW.document_id)
      BEGIN
        INSERT INTO pairs_search (rowid, source_norm, target_norm) VALUES (NEW.id, NEW.source_norm, NEW.target_norm);
      END;
      CREATE TRIGGER pairs_search_update AFTER UPDATE OF source_norm, target_norm ON pairs
      WHEN (OLD.source_norm <> NEW.source_norm OR OLD.target_norm <> NEW.target_norm)
        AND EXISTS (SELECT 1 FROM search_indexed WHERE document_id = NEW.document_id)
      BEGIN
        DELETE FROM pairs_search WHERE rowid = OLD.id;
        INSERT INTO pairs_search (rowid, source_norm, target_norm) VALUES (NEW.id, NEW.source_norm, NEW.target_norm);
      END;
      CREATE TRIGGER pairs_search_delete AFTER DELETE ON pairs
      BEGIN
        DELETE FROM pairs_search WHERE rowid = OLD.id;
      END;
    `);
    // Stores from before this step: every document is indexed now, once.
    db.exec(`
      INSERT INTO pairs_search (rowid, source_norm, target_norm) SELECT id, source_norm, target_norm FROM pairs ORDER BY id;
      INSERT INTO search_indexed (document_id) SELECT id FROM documents;
    `);
  },
};
