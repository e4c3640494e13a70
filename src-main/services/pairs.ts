import type { NavKind, PairFilter, PairPage, ParsedInput } from '../shared/contract';
import { checkAction, statusAfterEdit, type Action, type Pair } from '../shared/domain';
import { QalamError } from '../shared/errors';
import { codesProblem, sameCodes, type InlineCode } from '../shared/inline';
import * as comments from '../store/repos/comments';
import * as repo from '../store/repos/pairs';
import { isSearchIndexed } from '../store/repos/search';
import { judgeDocument, pairsWithErrors, standingErrorChecks } from './qa';
import { actor, type Actor, type ServiceContext } from './context';
import { queueSearchIndex } from './documents';
import { applyChange, writeTransaction, type PairChange } from './pair-writes';
import { propagateRepetitions } from './tm-writes';

export function getPair(ctx: ServiceContext, id: number): Pair {
  const p = repo.getPair(ctx.db, id);
  if (!p) throw new QalamError('not_found', { what: 'pair' });
  return p;
}

/** A filter on QA issues reads the stored summary: pairs not judged since they changed are judged first. */
function prepareFilter(ctx: ServiceContext, documentId: number, filter: PairFilter | undefined): void {
  if (filter?.qaIssues) judgeDocument(ctx, documentId);
}

export function listPairs(ctx: ServiceContext, documentId: number, offset: number, limit: number, filter?: PairFilter): PairPage {
  prepareFilter(ctx, documentId, filter);
  // A document imported without the app (the CLI) has no index yet: this search scans, and the
  // app's worker builds the index for the next ones.
  if (ctx.jobs.background && filter?.text && !isSearchIndexed(ctx.db, documentId)) queueSearchIndex(ctx);
  const page = repo.listPairs(ctx.db, documentId, offset, limit, filter);
  return { total: page.total, offset, items: page.items };
}

export function locatePair(
  ctx: ServiceContext,
  documentId: number,
  pairId: number,
  filter?: PairFilter,
): { index: number | null } {
  prepareFilter(ctx, documentId, filter);
  return { index: repo.locatePair(ctx.db, documentId, pairId, filter) };
}

export function navigate(
  ctx: ServiceContext,
  documentId: number,
  from: number,
  direction: 'next' | 'prev',
  kind: NavKind,
): { pair: Pair | null } {
  return { pair: repo.navigate(ctx.db, documentId, from, direction, kind) };
}

/** Loads the pair, refuses a stale version, and checks the actor may do `action`. */
function guard(ctx: ServiceContext, pairId: number, expectedVersion: number, action: Action, who: Actor, target?: string): Pair {
  const pair = getPair(ctx, pairId);
  if (pair.version !== expectedVersion) throw new QalamError('conflict', { currentVersion: pair.version });
  const verdict = checkAction(who.role, action, { status: pair.status, excluded: pair.excluded, target: target ?? pair.target });
  if (!verdict.ok) throw new QalamError(verdict.reason, { action, status: pair.status });
  return pair;
}

export function updateTarget(ctx: ServiceContext, input: ParsedInput<'pairs:update-target'>): Pair {
  const who = actor(ctx);
  const pairId = writeTransaction(ctx, () => {
    const pair = guard(ctx, input.pairId, input.expectedVersion, 'edit', who);
    const targetCodes = checkedCodes(input.target, input.targetCodes);
    if (input.target === pair.target && sameCodes(targetCodes, pair.targetCodes)) return pair.id;
    const status = statusAfterEdit(pair.status, input.target);
    // Inserted from memory or machine translation: its own revision with that origin, never merged
    // into a burst of typing, so the history says where the text came from.
    applyChange(ctx, pair, { target: input.target, targetCodes, status }, who, {
      kind: 'edit',
      ...(input.origin ? { origin: input.origin } : {}),
    });
    return pair.id;
  });
  return getPair(ctx, pairId);
}

export function setStatus(ctx: ServiceContext, input: ParsedInput<'pairs:set-status'>): Pair {
  const who = actor(ctx);
  const comment = input.comment?.trim() ?? '';
  if (input.action === 'reject' && comment === '') throw new QalamError('reason_required');
  if (input.action === 'reopen' && comment === '') throw new QalamError('comment_required');
  const pairId = writeTransaction(ctx, () => {
    const pair = guard(ctx, input.pairId, input.expectedVersion, input.action, who, input.target);
    const targetCodes = input.target !== undefined ? checkedCodes(input.target, input.targetCodes) : pair.targetCodes;
    if (input.target !== undefined && (input.target !== pair.target || !sameCodes(targetCodes, pair.targetCodes))) {
      // Saving text and status together: the edit itself must be allowed too.
      const edit = checkAction(who.role, 'edit', pair);
      if (!edit.ok) throw new QalamError(edit.reason, { action: 'edit', status: pair.status });
    }
    const at = ctx.now();
    const next: Record<typeof input.action, PairChange> = {
      confirm: { status: 'translated', rejectionReason: null },
      approve: { status: 'approved', rejectionReason: null },
      reject: { status: 'rejected', rejectionReason: comment },
      reopen: { status: 'translated' },
    };
    const change: PairChange = {
      ...next[input.action],
      ...(input.target !== undefined ? { target: input.target, targetCodes } : {}),
    };
    let note = comment || null;
    if (input.action === 'approve') {
      const errors = standingErrorChecks(ctx, pair.id, input.target);
      if (errors.length && !input.overrideQa)
        throw new QalamError('qa_errors', { count: errors.length, checks: errors.join(', ') });
      if (errors.length) note = `QA override: ${errors.join(', ')}`;
    }
    applyChange(ctx, pair, change, who, { kind: input.action, note, at });
    if (input.action === 'reject' || input.action === 'reopen') {
      comments.insertComment(ctx.db, {
        pairId: pair.id,
        parentId: null,
        kind: input.action === 'reject' ? 'rejection' : 'reopen',
        author: who.name,
        role: who.role,
        body: comment,
        category: input.action === 'reject' ? (input.category ?? null) : null,
        severity: input.action === 'reject' ? (input.category ? (input.severity ?? 'minor') : (input.severity ?? null)) : null,
        at,
      });
    }
    if (input.action === 'approve') comments.resolveRejections(ctx.db, pair.id, who.name, at);
    return pair.id;
  });
  const result = getPair(ctx, pairId);
  // Its repetitions in the document take the confirmed translation, as their own undoable batch.
  if (input.action === 'confirm') propagateRepetitions(ctx, result, who);
  return result;
}

export function setExcluded(ctx: ServiceContext, input: ParsedInput<'pairs:set-excluded'>): Pair {
  const who = actor(ctx);
  const action = input.excluded ? 'exclude' : 'include';
  const pairId = writeTransaction(ctx, () => {
    const pair = guard(ctx, input.pairId, input.expectedVersion, action, who);
    applyChange(ctx, pair, { excluded: input.excluded }, who, { kind: action });
    return pair.id;
  });
  return getPair(ctx, pairId);
}

export function bulkApprove(
  ctx: ServiceContext,
  input: ParsedInput<'pairs:bulk-approve'>,
): { count: number; pairIds: number[]; withQaErrors: number } {
  const who = actor(ctx);
  if (who.role !== 'editor') throw new QalamError('forbidden', { action: 'approve' });
  const filter: PairFilter = { ...input.filter, statuses: ['translated'], excluded: 'exclude' };
  prepareFilter(ctx, input.documentId, filter);
  let ids = repo.matchingPairIds(ctx.db, input.documentId, filter);
  if (input.pairIds) {
    const wanted = new Set(input.pairIds);
    ids = ids.filter((id) => wanted.has(id));
  }
  const withErrors = input.includeQaErrors || ids.length === 0 ? new Set<number>() : pairsWithErrors(ctx, input.documentId);
  const withQaErrors = ids.filter((id) => withErrors.has(id)).length;
  ids = ids.filter((id) => !withErrors.has(id));
  if (input.dryRun || ids.length === 0) return { count: ids.length, pairIds: ids, withQaErrors };
  const approved = writeTransaction(ctx, () => {
    const at = ctx.now();
    const done: number[] = [];
    for (const id of ids) {
      const pair = repo.getPair(ctx.db, id);
      if (!pair || !checkAction(who.role, 'approve', pair).ok) continue;
      applyChange(ctx, pair, { status: 'approved', rejectionReason: null }, who, { kind: 'approve', at });
      comments.resolveRejections(ctx.db, id, who.name, at);
      done.push(id);
    }
    return done;
  });
  return { count: approved.length, pairIds: approved, withQaErrors };
}

/**
 * A target's codes as sent by a client: the contract checked their shape; here they must fit the
 * text (positions inside it, in order, not splitting a character). Unbalanced tags are allowed: the
 * editor and the QA tag check mark them.
 */
export function checkedCodes(target: string, codes: readonly InlineCode[] | null | undefined): InlineCode[] | null {
  if (!codes || codes.length === 0) return null;
  // Stable: codes at one position keep the order the client gave them.
  const sorted = [...codes].sort((a, b) => a.pos - b.pos);
  const problem = codesProblem(target, sorted);
  if (problem) throw new QalamError('bad_input', { field: 'targetCodes', detail: problem });
  return sorted;
}
