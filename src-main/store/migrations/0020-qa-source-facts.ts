import type { Migration } from '../migrate';

export const m0020: Migration = {
  version: 20,
  description:
    "a document's QA source facts, packed once (qa/facts.ts), so a whole-document QA need not read every Arabic source",
  up(db) {
    db.exec(`
      -- What the QA checks read of each source of a document (lengths, numbers, Latin tokens, last
      -- mark, consistency class: qa/facts.ts packSourceFacts), in position order with the pairs'
      -- ids, and the glossary terms found in each (packTermFacts) with the glossary version they
      -- were found with (terms_key, 'glossary id:version'). A document's pairs and sources do not
      -- change after its import; should a source or its folding be rewritten all the same, the
      -- trigger drops the document's facts (filling a pending folding, '' before, changes nothing).
      CREATE TABLE qa_source_facts (
        document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        facts BLOB NOT NULL,
        terms_key TEXT,
        terms BLOB
      );
      CREATE TRIGGER qa_source_facts_stale AFTER UPDATE OF source, source_norm ON pairs
        WHEN OLD.source IS NOT NEW.source OR (OLD.source_norm <> '' AND OLD.source_norm IS NOT NEW.source_norm)
      BEGIN
        DELETE FROM qa_source_facts WHERE document_id = NEW.document_id;
      END;
    `);
  },
};
