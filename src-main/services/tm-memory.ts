// The memory's side of the pair write path, and the retrieval index it keeps in step. Kept apart
// from services/tm.ts so the write path (pair-writes.ts) can call it without importing the matching
// service (and, through it, the pair services that call the write path).
import type { Pair } from '../shared/domain';
import { dataVersion, type Db } from '../store/connection';
import { getDocumentRow } from '../store/repos/documents';
import * as units from '../store/repos/tm';
import { normalizeForSearch } from '../text/arabic';
import { contextHash, TmIndex } from '../tm/retrieval';
import type { ServiceContext } from './context';

// ——— The retrieval index, one per connection ———

interface IndexState {
  index: TmIndex;
  /** PRAGMA data_version when built: it changes when another connection (a CLI run) commits. */
  dataVersion: number;
}
const indexes = new WeakMap<Db, IndexState>();

/** The index for this connection, built on first use and whenever another process changed the store. */
export function memoryIndex(db: Db): TmIndex {
  const version = dataVersion(db);
  const state = indexes.get(db);
  if (state && state.dataVersion === version && !state.index.wasted) return state.index;
  const index = new TmIndex();
  for (const row of units.indexRows(db)) index.add(row.id, row.source_norm);
  indexes.set(db, { index, dataVersion: version });
  return index;
}

/** Keeps a built index in step with this connection's own writes (which leave data_version alone). */
export function noteUnit(db: Db, id: number, sourceNorm: string | null): void {
  const state = indexes.get(db);
  if (!state) return;
  if (sourceNorm === null) state.index.remove(id);
  else state.index.add(id, sourceNorm);
}

// ——— Keeping the memory in step with pairs ———

/**
 * Called by the pair write path after every change: a pair confirmed or approved is (re)written as its
 * unit; a rejected, emptied or excluded pair's unit is removed (an editor said it is wrong, or there is
 * nothing to offer); a draft keeps the unit of its last confirmation.
 */
export function syncPairUnit(ctx: ServiceContext, pair: Pair): void {
  const confirmed = pair.status === 'translated' || pair.status === 'approved';
  if (confirmed && !pair.excluded && pair.target.trim() !== '') {
    const doc = getDocumentRow(ctx.db, pair.documentId);
    if (!doc) return;
    const sourceNorm = normalizeForSearch(pair.source);
    const around = units.neighbourNorms(ctx.db, pair.documentId, pair.position);
    const id = units.upsertPairUnit(ctx.db, {
      source: pair.source,
      target: pair.target,
      source_norm: sourceNorm,
      target_norm: normalizeForSearch(pair.target),
      source_lang: doc.source_lang,
      target_lang: doc.target_lang,
      status: pair.status === 'approved' ? 'approved' : 'translated',
      origin: 'document',
      origin_name: doc.name,
      pair_id: pair.id,
      document_id: pair.documentId,
      context_hash: contextHash(around.prev, around.next),
      author: pair.updatedBy,
      created_at: pair.updatedAt,
      changed_at: pair.updatedAt,
    });
    noteUnit(ctx.db, id, sourceNorm);
  } else if (pair.status === 'rejected' || pair.excluded || pair.target.trim() === '') {
    const id = units.deletePairUnit(ctx.db, pair.id);
    if (id !== undefined) noteUnit(ctx.db, id, null);
  }
}

/**
 * Pairs that arrive confirmed or approved with an import (XLIFF, CSV, a bilingual file) join the
 * memory as the import finishes, like pairs confirmed in Qalam.
 */
export function mirrorDocument(ctx: ServiceContext, documentId: number): number {
  const doc = getDocumentRow(ctx.db, documentId);
  if (!doc) return 0;
  const rows = units.documentSegments(ctx.db, documentId);
  const added: [number, string][] = [];
  ctx.db
    .transaction(() => {
      rows.forEach((p, i) => {
        if ((p.status !== 'translated' && p.status !== 'approved') || p.excluded === 1 || p.target.trim() === '') return;
        const id = units.upsertPairUnit(ctx.db, {
          source: p.source,
          target: p.target,
          source_norm: p.source_norm,
          target_norm: normalizeForSearch(p.target),
          source_lang: doc.source_lang,
          target_lang: doc.target_lang,
          status: p.status,
          origin: 'document',
          origin_name: doc.name,
          pair_id: p.id,
          document_id: documentId,
          context_hash: contextHash(rows[i - 1]?.source_norm ?? '', rows[i + 1]?.source_norm ?? ''),
          author: p.updated_by,
          created_at: p.updated_at,
          changed_at: p.updated_at,
        });
        added.push([id, p.source_norm]);
      });
    })
    .immediate();
  for (const [id, norm] of added) noteUnit(ctx.db, id, norm);
  return added.length;
}
