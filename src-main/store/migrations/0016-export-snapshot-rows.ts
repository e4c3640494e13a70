import type { Migration } from '../migrate';

export const m0016: Migration = {
  version: 16,
  description: 'export snapshots as one row per pair, so recording one does not build every target into one value',
  // export_snapshots loses its JSON column: SQLite cannot drop a column with a CHECK, so the table is rebuilt.
  rebuildsTables: true,
  up(db) {
    db.exec(`
      -- A bilingual review's snapshot was one JSON object of every pair's version and target, built
      -- by json_group_object: about 66 MB of text held in memory (and parsed again by its CHECK) for
      -- 100k pairs. As rows, the INSERT … SELECT that records it streams, and a re-import reads them.
      CREATE TABLE export_snapshots_v16 (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        format TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      INSERT INTO export_snapshots_v16 (id, document_id, format, created_at)
        SELECT id, document_id, format, created_at FROM export_snapshots;

      -- Each pair of the document as the export wrote it: the base a re-import diffs against.
      CREATE TABLE export_snapshot_pairs (
        snapshot_id INTEGER NOT NULL REFERENCES export_snapshots (id) ON DELETE CASCADE,
        pair_id INTEGER NOT NULL,
        version INTEGER NOT NULL,
        target TEXT NOT NULL,
        PRIMARY KEY (snapshot_id, pair_id)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO export_snapshot_pairs (snapshot_id, pair_id, version, target)
        SELECT s.id, CAST(j.key AS INTEGER), j.value ->> 0, j.value ->> 1 FROM export_snapshots s, json_each(s.pairs) j;

      DROP TABLE export_snapshots;
      ALTER TABLE export_snapshots_v16 RENAME TO export_snapshots;
      CREATE INDEX export_snapshots_document ON export_snapshots (document_id, id);
    `);
  },
};
