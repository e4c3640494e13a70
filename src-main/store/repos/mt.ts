// Machine translation's rows: the per-document opt-in and the cache of paid translations.
import type { Status } from '../../shared/domain';
import type { Db } from '../connection';
import { stmt } from './statements';

export function setMtAllowed(db: Db, documentId: number, allowed: boolean): boolean {
  return stmt(db, 'UPDATE documents SET mt_allowed = ? WHERE id = ?').run(allowed ? 1 : 0, documentId).changes === 1;
}

export function isMtAllowed(db: Db, documentId: number): boolean {
  return stmt(db, 'SELECT mt_allowed FROM documents WHERE id = ?').pluck().get(documentId) === 1;
}

export function cachedTranslation(db: Db, engine: string, sourceHash: string): string | undefined {
  return stmt(db, 'SELECT target FROM mt_cache WHERE engine = ? AND source_hash = ?').pluck().get(engine, sourceHash) as
    string | undefined;
}

export function cacheTranslation(db: Db, engine: string, sourceHash: string, target: string, at: string): void {
  stmt(
    db,
    'INSERT INTO mt_cache (engine, source_hash, target, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET target = excluded.target, created_at = excluded.created_at',
  ).run(engine, sourceHash, target, at);
}

export function countCache(db: Db): number {
  return stmt(db, 'SELECT count(*) FROM mt_cache').pluck().get() as number;
}

export interface EmptyTarget {
  id: number;
  version: number;
  source: string;
  status: Status;
}

/** A document's pairs with an empty target that are not excluded, in order: what batch MT may fill. */
export function emptyTargets(db: Db, documentId: number): EmptyTarget[] {
  return stmt(
    db,
    `SELECT id, version, source, status FROM pairs
     WHERE document_id = ? AND excluded = 0 AND trim(target) = '' AND trim(source) <> '' ORDER BY position`,
  ).all(documentId) as EmptyTarget[];
}
