import { normalizeForSearch } from '../../text/arabic';
import { contextHash } from '../../tm/retrieval';
import type { Migration } from '../migrate';

export const m0005: Migration = {
  version: 5,
  description:
    'translation memory from confirmed pairs beside TMX units: status, origin document and pair, context, folded English',
  up(db) {
    // Rebuilt rather than altered: UNIQUE (source, target) has to go (two documents may hold the same
    // pair, each with its own unit), and SQLite cannot drop a constraint.
    db.exec(`
      CREATE TABLE tm_units_next (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL CHECK (length(source) > 0),
        target TEXT NOT NULL CHECK (length(target) > 0),
        source_norm TEXT NOT NULL,
        target_norm TEXT NOT NULL,
        source_lang TEXT NOT NULL,
        target_lang TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('imported','translated','approved')),
        -- 'tmx' for imported files (the file name is in origin_name), 'document' for confirmed pairs.
        origin TEXT NOT NULL CHECK (origin IN ('tmx','document')),
        origin_name TEXT NOT NULL,
        -- The pair a unit mirrors; NULL for TMX units and once the pair's document is deleted (the
        -- unit stays in the memory until the user removes it).
        pair_id INTEGER UNIQUE REFERENCES pairs (id) ON DELETE SET NULL,
        -- Kept without a foreign key so a deleted document's units can still be found and removed.
        document_id INTEGER,
        -- Hash of the folded sources before and after (tm/retrieval.ts contextHash); NULL when unknown.
        context_hash INTEGER,
        author TEXT,
        created_at TEXT NOT NULL,
        changed_at TEXT NOT NULL
      ) STRICT;
    `);
    const read = db.prepare('SELECT * FROM tm_units ORDER BY id');
    const write = db.prepare(
      `INSERT INTO tm_units_next (id, source, target, source_norm, target_norm, source_lang, target_lang, status, origin,
         origin_name, author, created_at, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'imported', 'tmx', ?, ?, ?, ?)`,
    );
    for (const u of read.all() as Record<string, string | number | null>[]) {
      write.run(
        u.id,
        u.source,
        u.target,
        u.source_norm,
        normalizeForSearch(String(u.target)),
        u.source_lang,
        u.target_lang,
        String(u.origin).replace(/#[0-9a-f]{12}$/, ''),
        u.author,
        u.created_at,
        u.changed_at,
      );
    }
    // (Read whole: a connection cannot write while it iterates.) Pairs confirmed or approved before there was a memory of them join it now.
    const confirmed = db.prepare(
      `SELECT * FROM (
         SELECT p.id, p.document_id, p.source, p.target, p.source_norm, p.target_norm, p.status, p.excluded, p.updated_at,
           p.updated_by, d.name, d.source_lang, d.target_lang,
           lag(p.source_norm, 1, '') OVER w AS prev, lead(p.source_norm, 1, '') OVER w AS next
         FROM pairs p JOIN documents d ON d.id = p.document_id
         WINDOW w AS (PARTITION BY p.document_id ORDER BY p.position))
       WHERE status IN ('translated', 'approved') AND excluded = 0 AND trim(target) <> ''
       ORDER BY document_id, id`,
    );
    const mirror = db.prepare(
      `INSERT INTO tm_units_next (source, target, source_norm, target_norm, source_lang, target_lang, status, origin,
         origin_name, pair_id, document_id, context_hash, author, created_at, changed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'document', ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const p of confirmed.all() as Record<string, string | number | null>[]) {
      mirror.run(
        p.source,
        p.target,
        p.source_norm,
        p.target_norm,
        p.source_lang,
        p.target_lang,
        p.status,
        p.name,
        p.id,
        p.document_id,
        contextHash(String(p.prev), String(p.next)),
        p.updated_by,
        p.updated_at,
        p.updated_at,
      );
    }
    db.exec(`
      DROP TABLE tm_units;
      ALTER TABLE tm_units_next RENAME TO tm_units;
      CREATE INDEX tm_units_source_norm ON tm_units (source_norm);
      CREATE INDEX tm_units_document ON tm_units (document_id) WHERE document_id IS NOT NULL;
    `);
  },
};
