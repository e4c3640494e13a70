import { describe, expect, it } from 'vitest';
import { checkAction, ROLES, STATUSES } from '../../../../src-main/shared/domain';
import {
  commentOrigins,
  comparisonBases,
  lastConfirmed,
  latestRejection,
  mayApprove,
  openThreads,
  threads,
} from '../../../../src-renderer/components/review/review';
import { comment, revision } from './fixtures';

describe('review helpers', () => {
  const imp = revision({ kind: 'import', target: '', status: 'new', createdAt: '2026-01-10T09:00:00.000Z' });
  const edit = revision({ kind: 'edit', target: 'Zakharova said', status: 'draft' });
  const conf1 = revision({ kind: 'confirm', target: 'Zakharova said', status: 'translated' });
  const rej = revision({
    kind: 'reject',
    target: 'Zakharova said',
    status: 'rejected',
    author: 'Sami',
    role: 'editor',
    note: 'Name her role',
    createdAt: '2026-01-10T12:00:00.000Z',
  });
  const fix = revision({ kind: 'edit', target: 'Spokeswoman Zakharova said', status: 'rejected' });
  const conf2 = revision({ kind: 'confirm', target: 'Spokeswoman Zakharova said', status: 'translated' });
  const history = [imp, edit, conf1, rej, fix, conf2];

  it('compares each revision with the one before it', () => {
    expect(comparisonBases(history, 'previous').map((r) => r?.id ?? null)).toEqual([
      null,
      imp.id,
      edit.id,
      conf1.id,
      rej.id,
      fix.id,
    ]);
  });

  it('compares each revision with the latest confirmed one strictly before it', () => {
    expect(comparisonBases(history, 'confirmed').map((r) => r?.id ?? null)).toEqual([
      null,
      null,
      null,
      conf1.id,
      conf1.id,
      conf1.id,
    ]);
    expect(lastConfirmed(history)?.id).toBe(conf2.id);
    expect(lastConfirmed([imp, edit])).toBeNull();
  });

  it('groups replies under their root and counts open threads', () => {
    const cs = [
      comment({ id: 1, body: 'root a' }),
      comment({ id: 2, body: 'root b', resolved: true }),
      comment({ id: 3, body: 'reply to a', parentId: 1 }),
      comment({ id: 4, body: 'second reply to a', parentId: 1 }),
    ];
    const th = threads(cs);
    expect(th.map((x) => [x.root.id, x.replies.map((r) => r.id)])).toEqual([
      [1, [3, 4]],
      [2, []],
    ]);
    expect(openThreads(cs)).toBe(1);
  });

  it('recognises the rejection comment by its revision, not by its category', () => {
    const reason = comment({ id: 9, body: 'Name her role', createdAt: rej.createdAt });
    const plain = comment({ id: 10, body: 'Name her role', createdAt: '2026-01-10T13:00:00.000Z' });
    const origins = commentOrigins([reason, plain], history);
    expect(origins.get(9)).toBe('rejection');
    expect(origins.has(10)).toBe(false);
    expect(latestRejection([reason, plain], history)).toEqual({ revision: rej, comment: reason });
  });

  it('derives "may approve" from the shared rules', () => {
    for (const role of ROLES) {
      expect(mayApprove(role)).toBe(
        STATUSES.some((status) => checkAction(role, 'approve', { status, excluded: false, target: 'x' }).ok),
      );
    }
    expect(mayApprove('editor')).toBe(true);
    expect(mayApprove('translator')).toBe(false);
  });
});
