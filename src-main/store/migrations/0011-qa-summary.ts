import type { Migration } from '../migrate';

export const m0011: Migration = {
  version: 11,
  description: 'a stored QA summary per pair, so the "has QA issues" filter is a column test',
  up(db) {
    db.exec(`
      -- NULL: not judged since the pair, its consistency peers, the profile, the dictionary or a
      -- "not an error" mark changed (services/qa.ts marks it, the write path included); 0: no
      -- standing issue; 1: warnings only; 2: at least one error. Filled in before a query needs it.
      ALTER TABLE pairs ADD COLUMN qa_state INTEGER CHECK (qa_state IS NULL OR qa_state IN (0, 1, 2));
      -- Finding what to judge is an index lookup, not a scan of the document.
      CREATE INDEX pairs_qa_unjudged ON pairs (document_id) WHERE qa_state IS NULL;
      -- The glossary (id:version) the document's stored judgements were made with: a glossary
      -- changed since, shared or the document's own, voids them all.
      ALTER TABLE documents ADD COLUMN qa_judged_with TEXT NOT NULL DEFAULT '';
    `);
  },
};
