import type { GlossaryScope, GlossaryTerm } from '../../shared/glossary';
import type { Db } from '../connection';
import { stmt } from './statements';

export interface GlossaryRow {
  id: number;
  documentId: number | null;
  version: number;
}

interface TermRow {
  id: number;
  glossary_id: number;
  source: string;
  target: string;
  note: string;
  forbidden: number;
  created_by: string;
  created_at: string;
  updated_at: string;
}

const toTerm = (r: TermRow): GlossaryTerm => ({
  id: r.id,
  glossaryId: r.glossary_id,
  source: r.source,
  target: r.target,
  note: r.note,
  forbidden: r.forbidden === 1,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const TERM_COLUMNS = 'id, glossary_id, source, target, note, forbidden, created_by, created_at, updated_at';

export function glossaryScope(db: Db, documentId: number): GlossaryScope | null {
  const row = stmt(db, 'SELECT glossary_scope FROM documents WHERE id = ?').get(documentId) as
    { glossary_scope: GlossaryScope } | undefined;
  return row?.glossary_scope ?? null;
}

export function setGlossaryScope(db: Db, documentId: number, scope: GlossaryScope): boolean {
  return stmt(db, 'UPDATE documents SET glossary_scope = ? WHERE id = ?').run(scope, documentId).changes === 1;
}

/** The shared glossary (documentId null) or a document's own; null when it was never created. */
export function findGlossary(db: Db, documentId: number | null): GlossaryRow | null {
  const row = (
    documentId === null
      ? stmt(db, 'SELECT id, document_id, version FROM glossaries WHERE document_id IS NULL').get()
      : stmt(db, 'SELECT id, document_id, version FROM glossaries WHERE document_id = ?').get(documentId)
  ) as { id: number; document_id: number | null; version: number } | undefined;
  return row ? { id: row.id, documentId: row.document_id, version: row.version } : null;
}

export function findGlossaryById(db: Db, glossaryId: number): GlossaryRow | null {
  const row = stmt(db, 'SELECT id, document_id, version FROM glossaries WHERE id = ?').get(glossaryId) as
    { id: number; document_id: number | null; version: number } | undefined;
  return row ? { id: row.id, documentId: row.document_id, version: row.version } : null;
}

export function insertGlossary(db: Db, documentId: number | null, at: string): GlossaryRow {
  const id = Number(
    stmt(db, 'INSERT INTO glossaries (document_id, created_at) VALUES (?, ?)').run(documentId, at).lastInsertRowid,
  );
  return { id, documentId, version: 0 };
}

/** Every write to a glossary's terms bumps its version, which invalidates cached recognition indexes. */
export function bumpVersion(db: Db, glossaryId: number): void {
  stmt(db, 'UPDATE glossaries SET version = version + 1 WHERE id = ?').run(glossaryId);
}

export function countTerms(db: Db, glossaryId: number): number {
  return (stmt(db, 'SELECT count(*) AS n FROM glossary_terms WHERE glossary_id = ?').get(glossaryId) as { n: number }).n;
}

export function allTerms(db: Db, glossaryId: number): GlossaryTerm[] {
  return (
    stmt(db, `SELECT ${TERM_COLUMNS} FROM glossary_terms WHERE glossary_id = ? ORDER BY source_norm, id`).all(
      glossaryId,
    ) as TermRow[]
  ).map(toTerm);
}

/**
 * Terms whose folded Arabic or lower-cased English or note contains the query (already folded by
 * the caller: `sourceQuery` in the search folding, `textQuery` lower case), Arabic order.
 */
export function searchTerms(db: Db, glossaryId: number, sourceQuery: string, textQuery: string, limit: number): GlossaryTerm[] {
  const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return (
    stmt(
      db,
      `SELECT ${TERM_COLUMNS} FROM glossary_terms WHERE glossary_id = ?
         AND (source_norm LIKE ? ESCAPE '\\' OR lower(target) LIKE ? ESCAPE '\\' OR lower(note) LIKE ? ESCAPE '\\')
       ORDER BY source_norm, id LIMIT ?`,
    ).all(glossaryId, like(sourceQuery), like(textQuery), like(textQuery), limit) as TermRow[]
  ).map(toTerm);
}

export function getTerm(db: Db, termId: number): GlossaryTerm | null {
  const row = stmt(db, `SELECT ${TERM_COLUMNS} FROM glossary_terms WHERE id = ?`).get(termId) as TermRow | undefined;
  return row ? toTerm(row) : null;
}

export interface NewTerm {
  source: string;
  sourceNorm: string;
  target: string;
  note: string;
  forbidden: boolean;
  createdBy: string;
  createdAt: string;
}

/** `bump` false: the caller bumps the version once for a batch (an import of thousands of terms). */
export function insertTerm(db: Db, glossaryId: number, t: NewTerm, bump = true): number {
  const id = Number(
    stmt(
      db,
      `INSERT INTO glossary_terms (glossary_id, source, source_norm, target, note, forbidden, created_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(glossaryId, t.source, t.sourceNorm, t.target, t.note, t.forbidden ? 1 : 0, t.createdBy, t.createdAt, t.createdAt)
      .lastInsertRowid,
  );
  if (bump) bumpVersion(db, glossaryId);
  return id;
}

export function updateTerm(
  db: Db,
  termId: number,
  t: Pick<NewTerm, 'source' | 'sourceNorm' | 'target' | 'note' | 'forbidden'> & { updatedAt: string },
): boolean {
  const term = getTerm(db, termId);
  if (!term) return false;
  stmt(
    db,
    'UPDATE glossary_terms SET source = ?, source_norm = ?, target = ?, note = ?, forbidden = ?, updated_at = ? WHERE id = ?',
  ).run(t.source, t.sourceNorm, t.target, t.note, t.forbidden ? 1 : 0, t.updatedAt, termId);
  bumpVersion(db, term.glossaryId);
  return true;
}

export function deleteTerm(db: Db, termId: number): boolean {
  const term = getTerm(db, termId);
  if (!term) return false;
  stmt(db, 'DELETE FROM glossary_terms WHERE id = ?').run(termId);
  bumpVersion(db, term.glossaryId);
  return true;
}

/** Keys of the terms already in a glossary, for skipping duplicates on import: see `termKey`. */
export function termKeys(db: Db, glossaryId: number): Set<string> {
  const rows = stmt(db, 'SELECT source_norm, target, forbidden FROM glossary_terms WHERE glossary_id = ?').all(glossaryId) as {
    source_norm: string;
    target: string;
    forbidden: number;
  }[];
  return new Set(rows.map((r) => termKey(r.source_norm, r.target, r.forbidden === 1)));
}

export function termKey(sourceNorm: string, target: string, forbidden: boolean): string {
  return `${sourceNorm}\u0000${target.trim().toLowerCase()}\u0000${forbidden ? 1 : 0}`;
}
