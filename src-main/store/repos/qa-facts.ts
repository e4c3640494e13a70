// A document's packed QA source facts (migration 0020, qa/facts.ts) and the rows a whole-document
// QA reads beside them: everything but the Arabic source.
import type { Db } from '../connection';
import { SOURCE_FOLDED } from '../folded';
import { stmt } from './statements';
import type { QaState } from './qa';

export interface StoredFacts {
  facts: Buffer;
  termsKey: string | null;
  terms: Buffer | null;
}

export function sourceFacts(db: Db, documentId: number): StoredFacts | undefined {
  const row = stmt(db, 'SELECT facts, terms_key, terms FROM qa_source_facts WHERE document_id = ?').get(documentId) as
    { facts: Buffer; terms_key: string | null; terms: Buffer | null } | undefined;
  return row && { facts: row.facts, termsKey: row.terms_key, terms: row.terms };
}

/** The first bytes of the stored facts (their format), the terms' glossary version and whether they are there, without the blobs. */
export function factsHead(db: Db, documentId: number): { head: Buffer; termsKey: string | null; hasTerms: boolean } | undefined {
  const row = stmt(
    db,
    'SELECT substr(facts, 1, 16) AS head, terms_key, terms IS NOT NULL AS has_terms FROM qa_source_facts WHERE document_id = ?',
  ).get(documentId) as { head: Buffer; terms_key: string | null; has_terms: number } | undefined;
  return row && { head: row.head, termsKey: row.terms_key, hasTerms: row.has_terms === 1 };
}

/** Stores a document's source facts (the terms found are dropped: they are stored with them); nothing for a document that is gone. */
export function putSourceFacts(db: Db, documentId: number, facts: Buffer): void {
  stmt(
    db,
    `INSERT OR REPLACE INTO qa_source_facts (document_id, facts, terms_key, terms)
     SELECT id, ?, NULL, NULL FROM documents WHERE id = ?`,
  ).run(facts, documentId);
}

/** Stores the glossary terms found in a document's sources (its facts must be stored). */
export function putTermFacts(db: Db, documentId: number, key: string | null, terms: Buffer | null): void {
  stmt(db, 'UPDATE qa_source_facts SET terms_key = ?, terms = ? WHERE document_id = ?').run(key, terms, documentId);
}

/** Every pair's id, source and folded source, in position order: what the facts are made from. */
export function factSources(db: Db, documentId: number): { id: number; source: string; sourceFolded: string }[] {
  return stmt(db, `SELECT id, source, ${SOURCE_FOLDED} AS sourceFolded FROM pairs WHERE document_id = ? ORDER BY position`).all(
    documentId,
  ) as { id: number; source: string; sourceFolded: string }[];
}

/** A pair's source (the rare check that needs its text beside the facts). */
export function pairSource(db: Db, pairId: number): string {
  return (stmt(db, 'SELECT source FROM pairs WHERE id = ?').pluck().get(pairId) as string | undefined) ?? '';
}

/** A pair as a whole-document QA reads it beside the facts: no source. */
export interface LeanQaRow {
  id: number;
  position: number;
  target: string;
  excluded: number;
  qa_state: QaState | null;
}

const LEAN = 'SELECT id, position, target, excluded, qa_state FROM pairs WHERE document_id = ?';

/** The lean rows of a document, in position order: all (`from` 0, `to` null), before `to` or from `from`. */
export function leanQaRows(db: Db, documentId: number, from: number, to: number | null): LeanQaRow[] {
  if (to !== null)
    return stmt(db, `${LEAN} AND position >= ? AND position < ? ORDER BY position`).all(documentId, from, to) as LeanQaRow[];
  return stmt(db, `${LEAN} AND position >= ? ORDER BY position`).all(documentId, from) as LeanQaRow[];
}
