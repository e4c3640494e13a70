import type { Migration } from '../migrate';

export const m0003: Migration = {
  version: 3,
  description: 'a covering index for per-status counts, so statistics of a 100k-pair document never touch the table',
  up(db) {
    db.exec(`
      DROP INDEX pairs_document_status;
      CREATE INDEX pairs_stats ON pairs (document_id, status, excluded, source_words);
    `);
  },
};
