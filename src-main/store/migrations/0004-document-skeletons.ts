import type { Migration } from '../migrate';

export const m0004: Migration = {
  version: 4,
  description:
    'the imported file kept as the skeleton of layout exports, where each pair comes from (header, footnote, …), HTML documents',
  rebuildsTables: true,
  up(db) {
    db.exec(`
      CREATE TABLE document_skeletons (
        document_id INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
        bytes BLOB NOT NULL CHECK (length(bytes) > 0)
      ) STRICT;

      ALTER TABLE pairs ADD COLUMN origin TEXT
        CHECK (origin IS NULL OR origin IN ('header','footer','footnote','endnote','textbox','comment','title'));

      -- 'html' joins the formats: SQLite cannot change a CHECK in place, so the table is rebuilt.
      CREATE TABLE documents_next (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
        file_name TEXT NOT NULL,
        format TEXT NOT NULL CHECK (format IN ('txt','docx','xliff12','xliff20','tmx','csv','html')),
        encoding TEXT,
        source_lang TEXT NOT NULL,
        target_lang TEXT NOT NULL,
        content_hash TEXT NOT NULL CHECK (length(content_hash) = 64),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        opened_at TEXT
      ) STRICT;
      INSERT INTO documents_next SELECT * FROM documents;
      DROP TABLE documents;
      ALTER TABLE documents_next RENAME TO documents;
      CREATE INDEX documents_content_hash ON documents (content_hash);
    `);
  },
};
