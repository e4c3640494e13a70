// Pure helpers behind the pair panel: comment threads, which comments are rejections, and which
// revision each history entry is compared with.
import { checkAction, type Comment, type Pair, type Revision, type Role } from '../../../src-main/shared/domain';

export interface Thread {
  root: Comment;
  replies: Comment[];
}

/** Roots in order with their replies (one level deep: the service hangs every reply off the root). */
export function threads(comments: Comment[]): Thread[] {
  const byRoot = new Map<number, Thread>();
  const out: Thread[] = [];
  for (const c of comments) {
    if (c.parentId === null) {
      const th = { root: c, replies: [] };
      byRoot.set(c.id, th);
      out.push(th);
    }
  }
  for (const c of comments) {
    if (c.parentId !== null) byRoot.get(c.parentId)?.replies.push(c);
  }
  return out;
}

export function openThreads(comments: Comment[]): number {
  return comments.filter((c) => c.parentId === null && !c.resolved).length;
}

export type CommentOrigin = 'rejection' | 'reopen';

/**
 * Rejecting and reopening write a comment and a revision in one transaction, with the same time
 * and text: that is how a comment is recognised as the reason of a rejection or a reopening.
 */
export function commentOrigins(comments: Comment[], revisions: Revision[]): Map<number, CommentOrigin> {
  const origins = new Map<number, CommentOrigin>();
  for (const c of comments) {
    if (c.parentId !== null) continue;
    const rev = revisions.find(
      (r) => (r.kind === 'reject' || r.kind === 'reopen') && r.createdAt === c.createdAt && r.note === c.body,
    );
    if (rev) origins.set(c.id, rev.kind === 'reject' ? 'rejection' : 'reopen');
  }
  return origins;
}

export type CompareMode = 'previous' | 'confirmed';

/**
 * For each revision (oldest first), the revision its text is compared with: the one just before it,
 * or the latest translator-confirmed one before it. Null when there is none.
 */
export function comparisonBases(revisions: Revision[], mode: CompareMode): (Revision | null)[] {
  let confirmed: Revision | null = null;
  return revisions.map((rev, i) => {
    const base = mode === 'previous' ? (revisions[i - 1] ?? null) : confirmed;
    if (rev.kind === 'confirm') confirmed = rev;
    return base;
  });
}

/** The latest rejection: its revision (author, time, text) and its comment (category, severity). */
export function latestRejection(
  comments: Comment[],
  revisions: Revision[],
): { revision: Revision; comment: Comment | null } | null {
  const revision = revisions.findLast((r) => r.kind === 'reject');
  if (!revision) return null;
  const comment =
    comments.find((c) => c.parentId === null && c.createdAt === revision.createdAt && c.body === revision.note) ?? null;
  return { revision, comment };
}

/** The text the translator last confirmed, which the editor's changes are shown against. */
export function lastConfirmed(revisions: Revision[]): Revision | null {
  return revisions.findLast((r) => r.kind === 'confirm') ?? null;
}

export function allowed(
  role: Role,
  action: Parameters<typeof checkAction>[1],
  pair: Pick<Pair, 'status' | 'excluded' | 'target'>,
): boolean {
  return checkAction(role, action, pair).ok;
}

/** Whether the role may approve at all (bulk approval, applying a review as approved). */
export function mayApprove(role: Role): boolean {
  return checkAction(role, 'approve', { status: 'translated', excluded: false, target: '-' }).ok;
}

/**
 * The revisions (oldest first, each with what the caller made of it) with the "not an error" marks
 * placed among them by time: a mark comes after every revision made before or with it.
 */
export function interleave<T extends { rev: Revision }, E extends { createdAt: string }>(
  revisions: T[],
  marks: E[],
): ({ type: 'revision'; entry: T } | { type: 'mark'; mark: E })[] {
  const out: ({ type: 'revision'; entry: T } | { type: 'mark'; mark: E })[] = [];
  let m = 0;
  for (const entry of revisions) {
    while (m < marks.length && marks[m]!.createdAt < entry.rev.createdAt) out.push({ type: 'mark', mark: marks[m++]! });
    out.push({ type: 'revision', entry });
  }
  while (m < marks.length) out.push({ type: 'mark', mark: marks[m++]! });
  return out;
}
