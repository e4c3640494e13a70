import type { Migration } from '../migrate';

export const m0017: Migration = {
  version: 17,
  description: "who imported a document, so its pairs' import revisions can be written when a pair first changes",
  up(db) {
    db.exec(`
      -- An import used to write one 'import' revision per pair (100k rows for 100k paragraphs, a
      -- sixth of the import's time). A pair that has never changed (version 0) is still exactly
      -- as imported, so that revision is implicit: the pair's text and status, by this author and
      -- role, at the pair's created_at. It is written (repos/revisions.ts keepImportRevision) just
      -- before the pair's first change, so history and undo read the same rows as before.
      -- NULL for documents imported before: their import revisions are stored.
      ALTER TABLE documents ADD COLUMN imported_by TEXT;
      ALTER TABLE documents ADD COLUMN imported_role TEXT CHECK (imported_role IS NULL OR imported_role IN ('translator','editor'));
    `);
  },
};
