import type { ParsedInput } from '../shared/contract';
import { checkAction, statusAfterEdit, type Pair, type Revision } from '../shared/domain';
import { QalamError } from '../shared/errors';
import * as repo from '../store/repos/pairs';
import { appendRevision, getRevision, listRevisions } from '../store/repos/revisions';
import { normalizeForSearch } from '../text/arabic';
import { countWords } from '../text/words';
import { touchDocument } from '../store/repos/documents';
import { actor, type ServiceContext } from './context';
import { getPair } from './pairs';

export function history(ctx: ServiceContext, pairId: number): Revision[] {
  getPair(ctx, pairId);
  return listRevisions(ctx.db, pairId);
}

/** Restoring an earlier text is itself a new revision; nothing is rewritten. */
export function restore(ctx: ServiceContext, input: ParsedInput<'history:restore'>): Pair {
  const who = actor(ctx);
  const pair = ctx.db
    .transaction(() => {
      const pair = getPair(ctx, input.pairId);
      if (pair.version !== input.expectedVersion) throw new QalamError('conflict', { currentVersion: pair.version });
      const verdict = checkAction(who.role, 'restore', pair);
      if (!verdict.ok) throw new QalamError(verdict.reason, { action: 'restore', status: pair.status });
      const rev = getRevision(ctx.db, input.revisionId);
      if (!rev || rev.pairId !== pair.id) throw new QalamError('not_found', { what: 'revision' });
      const at = ctx.now();
      const status = rev.target === pair.target ? pair.status : statusAfterEdit(pair.status, rev.target);
      const ok = repo.writePair(ctx.db, pair.id, pair.version, {
        target: rev.target,
        targetNorm: normalizeForSearch(rev.target),
        targetWords: countWords(rev.target),
        status,
        excluded: pair.excluded,
        rejectionReason: pair.rejectionReason,
        updatedAt: at,
        updatedBy: who.name,
      });
      if (!ok) throw new QalamError('conflict', { currentVersion: -1 });
      touchDocument(ctx.db, pair.documentId, at);
      appendRevision(ctx.db, {
        pairId: pair.id,
        kind: 'restore',
        target: rev.target,
        status,
        author: who.name,
        role: who.role,
        note: `#${rev.id}`,
        at,
      });
      return pair;
    })
    .immediate();
  ctx.events.emit('pairs:changed', { documentId: pair.documentId, pairIds: [pair.id] });
  return getPair(ctx, pair.id);
}
