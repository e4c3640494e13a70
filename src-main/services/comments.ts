import type { Comment } from '../shared/domain';
import { QalamError } from '../shared/errors';
import * as repo from '../store/repos/comments';
import { actor, type ServiceContext } from './context';
import { getPair } from './pairs';

function strip(c: Comment & { kind?: unknown }): Comment {
  const { kind: _kind, ...rest } = c;
  return rest;
}

export function listComments(ctx: ServiceContext, pairId: number): Comment[] {
  getPair(ctx, pairId);
  return repo.listComments(ctx.db, pairId).map(strip);
}

export function addComment(ctx: ServiceContext, input: { pairId: number; body: string; parentId?: number | undefined }): Comment {
  const who = actor(ctx);
  const pair = getPair(ctx, input.pairId);
  let parentId: number | null = null;
  if (input.parentId !== undefined) {
    const parent = repo.getComment(ctx.db, input.parentId);
    if (!parent || parent.pairId !== pair.id) throw new QalamError('not_found', { what: 'comment' });
    // Replies hang off the thread's root, so threads stay one level deep like in every CAT tool.
    parentId = parent.parentId ?? parent.id;
  }
  const id = repo.insertComment(ctx.db, {
    pairId: pair.id,
    parentId,
    kind: 'comment',
    author: who.name,
    role: who.role,
    body: input.body,
    category: null,
    severity: null,
    at: ctx.now(),
  });
  ctx.events.emit('pairs:changed', { documentId: pair.documentId, pairIds: [pair.id] });
  return strip(repo.getComment(ctx.db, id)!);
}

export function setResolved(ctx: ServiceContext, commentId: number, resolved: boolean): Comment {
  const who = actor(ctx);
  const c = repo.getComment(ctx.db, commentId);
  if (!c) throw new QalamError('not_found', { what: 'comment' });
  const rootId = c.parentId ?? c.id;
  repo.setResolved(ctx.db, rootId, resolved, who.name, ctx.now());
  const pair = getPair(ctx, c.pairId);
  ctx.events.emit('pairs:changed', { documentId: pair.documentId, pairIds: [pair.id] });
  return strip(repo.getComment(ctx.db, rootId)!);
}
