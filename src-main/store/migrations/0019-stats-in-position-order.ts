import type { Migration } from '../migrate';

export const m0019: Migration = {
  version: 19,
  description: "the statistics index lists a document's pairs of one status in position order, so an import appends to it",
  up(db) {
    db.exec(`
      -- An import inserts a new document's pairs in position order, all 'new' and included: keyed
      -- by their word counts, each entry went somewhere in the document's range (a 100k import
      -- dropped the index and built it again after its rows); keyed by position first, each
      -- entry is appended after the last. Still covering: the statistics and the search's allowed
      -- pairs read the status, exclusion and word counts without the table.
      DROP INDEX pairs_stats;
      CREATE INDEX pairs_stats ON pairs (document_id, status, excluded, position, source_words, target_words);
    `);
  },
};
