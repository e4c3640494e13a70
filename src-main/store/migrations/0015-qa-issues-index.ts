import type { Migration } from '../migrate';

export const m0015: Migration = {
  version: 15,
  description: 'an index of the pairs with QA issues, so the "has QA issues" filter counts and pages without reading every row',
  up(db) {
    db.exec(`
      -- qa_state is in no other index: counting the filter's matches read every row of the document
      -- (its text included), about a second on the main thread for 100k pairs. Only the pairs with
      -- issues are in it, in document order (the order a page is read in), with their state (a count reads no row).
      CREATE INDEX pairs_qa_issues ON pairs (document_id, position, qa_state) WHERE qa_state > 0;
    `);
  },
};
