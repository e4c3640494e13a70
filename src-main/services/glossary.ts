// The glossary: terms with Arabic and English forms, one glossary shared by every document and, on
// request, one of a document's own (documents.glossary_scope says which a document uses). Recognition
// (qa/terms.ts) runs here for the editor's underlines and the QA checks, on an index built once per
// glossary version.
import type { ExportResult } from '../shared/contract';
import { QalamError } from '../shared/errors';
import {
  MAX_NOTE_CHARS,
  MAX_TERM_CHARS,
  type GlossaryFormat,
  type GlossaryHit,
  type GlossaryHits,
  type GlossaryImportResult,
  type GlossaryList,
  type GlossaryScope,
  type GlossaryTerm,
} from '../shared/glossary';
import { TermIndex, type Term } from '../qa/terms';
import { normalizeForSearch } from '../text/arabic';
import { getDocumentRow } from '../store/repos/documents';
import * as repo from '../store/repos/glossary';
import { getPair } from '../store/repos/pairs';
import { writeFileAtomic } from '../fs-atomic';
import { actor, type ServiceContext } from './context';

function scopeOf(ctx: ServiceContext, documentId: number): GlossaryScope {
  const scope = repo.glossaryScope(ctx.db, documentId);
  if (!scope) throw new QalamError('not_found', { what: 'document' });
  return scope;
}

/** The glossary a document uses, or null while it has never held a term. */
function currentGlossary(ctx: ServiceContext, documentId: number): { scope: GlossaryScope; glossary: repo.GlossaryRow | null } {
  const scope = scopeOf(ctx, documentId);
  return { scope, glossary: repo.findGlossary(ctx.db, scope === 'shared' ? null : documentId) };
}

/** The glossary a document uses, created on the first write. */
function writableGlossary(ctx: ServiceContext, documentId: number): repo.GlossaryRow {
  const { scope, glossary } = currentGlossary(ctx, documentId);
  return glossary ?? repo.insertGlossary(ctx.db, scope === 'shared' ? null : documentId, ctx.now());
}

export function listTerms(ctx: ServiceContext, documentId: number, query = '', limit = 500): GlossaryList {
  const { scope, glossary } = currentGlossary(ctx, documentId);
  if (!glossary) return { documentId, scope, glossaryId: 0, version: 0, total: 0, terms: [] };
  const q = query.trim();
  const terms =
    q === ''
      ? repo.allTerms(ctx.db, glossary.id).slice(0, limit)
      : repo.searchTerms(ctx.db, glossary.id, normalizeForSearch(q), q.toLowerCase(), limit);
  return {
    documentId,
    scope,
    glossaryId: glossary.id,
    version: glossary.version,
    total: repo.countTerms(ctx.db, glossary.id),
    terms,
  };
}

export interface TermInput {
  source: string;
  target: string;
  note?: string;
  forbidden?: boolean;
}

/** Trimmed, one line per form, within the limits; `bad_input` names the field otherwise. */
function cleanTerm(input: TermInput): Required<TermInput> {
  const line = (s: string) => s.replace(/\s+/g, ' ').trim();
  const source = line(input.source);
  const target = line(input.target);
  const note = (input.note ?? '').trim();
  if (source === '' || source.length > MAX_TERM_CHARS) throw new QalamError('bad_input', { field: 'source' });
  if (target === '' || target.length > MAX_TERM_CHARS) throw new QalamError('bad_input', { field: 'target' });
  if (note.length > MAX_NOTE_CHARS) throw new QalamError('bad_input', { field: 'note' });
  return { source, target, note, forbidden: input.forbidden ?? false };
}

export function addTerm(ctx: ServiceContext, documentId: number, input: TermInput): GlossaryTerm {
  const t = cleanTerm(input);
  const { id, before } = ctx.db
    .transaction(() => {
      const glossary = writableGlossary(ctx, documentId);
      const termId = repo.insertTerm(ctx.db, glossary.id, {
        ...t,
        sourceNorm: normalizeForSearch(t.source),
        createdBy: actor(ctx).name,
        createdAt: ctx.now(),
      });
      return { id: termId, before: glossary.version };
    })
    .immediate();
  const term = repo.getTerm(ctx.db, id)!;
  indexAdded(ctx, term, before);
  return term;
}

export function editTerm(ctx: ServiceContext, termId: number, input: TermInput): GlossaryTerm {
  const t = cleanTerm(input);
  if (!repo.updateTerm(ctx.db, termId, { ...t, sourceNorm: normalizeForSearch(t.source), updatedAt: ctx.now() })) {
    throw new QalamError('not_found', { what: 'term' });
  }
  return repo.getTerm(ctx.db, termId)!;
}

export function deleteTerm(ctx: ServiceContext, termId: number): { deleted: number } {
  if (!repo.deleteTerm(ctx.db, termId)) throw new QalamError('not_found', { what: 'term' });
  return { deleted: termId };
}

/** Which glossary the document uses from now on; the other keeps its terms. */
export function setScope(ctx: ServiceContext, documentId: number, scope: GlossaryScope): GlossaryList {
  if (!repo.setGlossaryScope(ctx.db, documentId, scope)) throw new QalamError('not_found', { what: 'document' });
  return listTerms(ctx, documentId);
}

/**
 * Adds a file's terms to the glossary the document uses, skipping those it already has. The file is
 * read completely first and stored in one transaction: a bad file changes nothing.
 */
export async function importGlossary(
  ctx: ServiceContext,
  documentId: number,
  fileName: string,
  bytes: Uint8Array,
): Promise<GlossaryImportResult> {
  scopeOf(ctx, documentId);
  const { parseGlossary } = await import('../formats/glossary');
  const parsed = parseGlossary(fileName, bytes);
  const who = actor(ctx).name;
  const at = ctx.now();
  let added = 0;
  let duplicates = 0;
  ctx.db
    .transaction(() => {
      const glossary = writableGlossary(ctx, documentId);
      const known = repo.termKeys(ctx.db, glossary.id);
      for (const e of parsed.entries) {
        const sourceNorm = normalizeForSearch(e.source);
        const key = repo.termKey(sourceNorm, e.target, e.forbidden);
        if (known.has(key)) {
          duplicates++;
          continue;
        }
        known.add(key);
        repo.insertTerm(
          ctx.db,
          glossary.id,
          {
            source: e.source,
            sourceNorm,
            target: e.target,
            note: e.note,
            forbidden: e.forbidden,
            createdBy: e.createdBy ?? who,
            createdAt: e.createdAt ?? at,
          },
          false,
        );
        added++;
      }
      if (added > 0) repo.bumpVersion(ctx.db, glossary.id);
    })
    .immediate();
  return { added, duplicates, skipped: parsed.skipped };
}

const MIME: Record<GlossaryFormat, string> = {
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  tbx: 'application/x-tbx+xml',
};

export async function renderGlossary(
  ctx: ServiceContext,
  documentId: number,
  format: GlossaryFormat,
): Promise<{ fileName: string; mime: string; bytes: Uint8Array }> {
  const { scope, glossary } = currentGlossary(ctx, documentId);
  const terms = glossary ? repo.allTerms(ctx.db, glossary.id) : [];
  // io and the formats load on use: QA and recognition import this file and need neither.
  const { safeFileName } = await import('./io');
  const name = scope === 'shared' ? 'shared' : safeFileName(getDocumentRow(ctx.db, documentId)!.name);
  const { writeGlossaryCsv, writeTbx } = await import('../formats/glossary');
  const bytes =
    format === 'tbx'
      ? writeTbx(terms, scope === 'shared' ? 'Qalam shared glossary' : `Qalam glossary: ${name}`)
      : writeGlossaryCsv(terms, format === 'tsv' ? '\t' : ',');
  return { fileName: `glossary-${name}.${format}`, mime: MIME[format], bytes };
}

export async function exportGlossary(
  ctx: ServiceContext,
  documentId: number,
  format: GlossaryFormat,
  saveAs: boolean,
): Promise<ExportResult> {
  const file = await renderGlossary(ctx, documentId, format);
  const { deliverFile } = await import('./io');
  return deliverFile(ctx, file.fileName, file.mime, file.bytes, saveAs);
}

/** CLI: written atomically, never replacing a file unless asked. */
export async function exportGlossaryToFile(
  ctx: ServiceContext,
  documentId: number,
  format: GlossaryFormat,
  path: string,
  overwrite = false,
): Promise<{ terms: number; bytes: number }> {
  const file = await renderGlossary(ctx, documentId, format);
  writeFileAtomic(path, file.bytes, { overwrite });
  return { terms: listTerms(ctx, documentId, '', 1).total, bytes: file.bytes.length };
}

// ——— Recognition ———

export interface GlossaryIndex {
  glossaryId: number;
  version: number;
  index: TermIndex;
  /** Lower-case words of the usable English terms: the spell check accepts them. */
  englishWords: ReadonlySet<string>;
  /** The terms indexed, in the order they were: the document QA's second thread builds the same index from them. */
  terms: readonly Term[];
}

const indexes = new WeakMap<ServiceContext['db'], Map<number, GlossaryIndex>>();

/** Which glossary a document uses, at which version ('' for none): without building its index. */
export function glossaryFingerprint(ctx: ServiceContext, documentId: number): string {
  const { glossary } = currentGlossary(ctx, documentId);
  return glossary ? `${glossary.id}:${glossary.version}` : '';
}

/** The recognition index of the glossary a document uses, rebuilt only when the glossary's version changed. */
export function glossaryIndex(ctx: ServiceContext, documentId: number): GlossaryIndex | null {
  const { glossary } = currentGlossary(ctx, documentId);
  if (!glossary) return null;
  let byDb = indexes.get(ctx.db);
  if (!byDb) indexes.set(ctx.db, (byDb = new Map()));
  const cached = byDb.get(glossary.id);
  if (cached && cached.version === glossary.version) return cached;
  const terms = repo.allTerms(ctx.db, glossary.id);
  const englishWords = new Set<string>();
  for (const t of terms) if (!t.forbidden) for (const w of englishWordsOf(t.target)) englishWords.add(w);
  const built: GlossaryIndex = {
    glossaryId: glossary.id,
    version: glossary.version,
    index: new TermIndex(terms),
    englishWords,
    terms: terms.map((t) => ({ id: t.id, source: t.source, target: t.target, forbidden: t.forbidden })),
  };
  byDb.set(glossary.id, built);
  return built;
}

/**
 * A term added to a glossary whose index is cached at the version before: the index takes the term
 * and moves to the new version instead of being built again. Anything else (an edit, a delete, an
 * import, another process's write) leaves the cache behind, and the next use rebuilds it.
 */
function indexAdded(ctx: ServiceContext, term: GlossaryTerm, versionBefore: number): void {
  const byDb = indexes.get(ctx.db);
  const cached = byDb?.get(term.glossaryId);
  const now = repo.findGlossaryById(ctx.db, term.glossaryId);
  if (!byDb || !cached || !now || cached.version !== versionBefore || now.version !== versionBefore + 1) return;
  cached.index.add(term);
  // A new set, not the old one grown: callers cache what they merged it into by its identity.
  const englishWords = new Set(cached.englishWords);
  if (!term.forbidden) for (const w of englishWordsOf(term.target)) englishWords.add(w);
  const terms = [...cached.terms, { id: term.id, source: term.source, target: term.target, forbidden: term.forbidden }];
  byDb.set(term.glossaryId, { ...cached, version: now.version, englishWords, terms });
}

function englishWordsOf(target: string): string[] {
  return [...target.matchAll(/[\p{L}'’]+/gu)].map((m) => m[0].toLowerCase());
}

/** The terms recognised in each pair's Arabic source: the editor's underlines and the assistance panel. */
export function findTerms(ctx: ServiceContext, documentId: number, pairIds: readonly number[]): GlossaryHits {
  const g = glossaryIndex(ctx, documentId);
  const out: GlossaryHits = { glossaryVersion: g?.version ?? 0, pairs: {} };
  if (!g) return out;
  for (const pairId of pairIds) {
    const pair = getPair(ctx.db, pairId);
    if (!pair || pair.documentId !== documentId) continue;
    const hits: GlossaryHit[] = g.index.find(pair.source).map((h) => ({
      termId: h.term.id,
      start: h.start,
      end: h.end,
      source: h.term.source,
      target: h.term.target,
      note: h.term.note ?? '',
    }));
    if (hits.length) out.pairs[pairId] = hits;
  }
  return out;
}
