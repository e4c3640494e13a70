// Every writer of a pair goes through applyChange: each test below checks what that promises, the
// revision, the version bump, the document's timestamp and the change event, for one writer.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Pair, Revision } from '../../../../src-main/shared/domain';
import type { QalamError } from '../../../../src-main/shared/errors';
import { getDocument, storeImported } from '../../../../src-main/services/documents';
import { listBatches, listHistory, restore, undoBatch } from '../../../../src-main/services/history';
import { renderExport, reviewApply, reviewPreview } from '../../../../src-main/services/io';
import { actor } from '../../../../src-main/services/context';
import { applyChange, batchTransaction, writeTransaction } from '../../../../src-main/services/pair-writes';
import { bulkApprove, getPair, listPairs, setExcluded, setStatus, updateTarget } from '../../../../src-main/services/pairs';
import { listBatchRevisions } from '../../../../src-main/store/repos/revisions';
import { as, editDocx, testRuntime, type TestRuntime } from '../helpers';

let rt: TestRuntime;
let documentId: number;
let events: { documentId: number; pairIds: number[] }[];
const SOURCES = ['قالت المتحدثة باسم وزارة الخارجية', 'وذكرت شبكة روسيا اليوم', 'انتهاء مهام قوات حفظ السلام', 'تم أضافة تعليقك'];

beforeEach(() => {
  rt = testRuntime();
  documentId = storeImported(
    rt.ctx,
    { format: 'txt', sourceLang: 'ar', targetLang: 'en', warnings: [], paragraphs: SOURCES.map((source) => ({ source })) },
    { fileName: 'doc.txt', hash: 'f'.repeat(64) },
    () => {},
  );
  events = [];
  rt.ctx.events.on('pairs:changed', (e) => events.push(e));
});
afterEach(() => rt.dispose());

const pairAt = (position: number) => listPairs(rt.ctx, documentId, position, 1).items[0]!;
const lastRevision = (pairId: number): Revision => listHistory(rt.ctx, pairId).at(-1)!;
const code = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    return (e as QalamError).code;
  }
  return 'ok';
};

/** What every write promises: one version more, the revision, the document touched, one event. */
function expectWritten(before: Pair, after: Pair, kind: Revision['kind']): Revision {
  expect(after.version).toBe(before.version + 1);
  const rev = lastRevision(after.id);
  expect(rev.kind).toBe(kind);
  expect([rev.target, rev.status]).toEqual([after.target, after.status]);
  expect(rev.createdAt).toBe(after.updatedAt);
  expect(getDocument(rt.ctx, documentId).updatedAt).toBe(after.updatedAt);
  expect(events.at(-1)).toEqual({ documentId, pairIds: [after.id] });
  return rev;
}

function translated(position: number, target: string): Pair {
  const p = pairAt(position);
  return setStatus(rt.ctx, { pairId: p.id, expectedVersion: p.version, action: 'confirm', target });
}

describe('every writer goes through the one write path', () => {
  it('edit (pairs:update-target)', () => {
    as(rt, 'translator');
    const before = pairAt(0);
    const after = updateTarget(rt.ctx, { pairId: before.id, target: 'The spokeswoman said', expectedVersion: before.version });
    expect(after.targetWords).toBe(3);
    const rev = expectWritten(before, after, 'edit');
    expect([rev.batchId, rev.origin]).toEqual([null, null]);
  });

  it('status changes (pairs:set-status): confirm, reject, approve, reopen', () => {
    as(rt, 'translator');
    let p = pairAt(0);
    let next = setStatus(rt.ctx, { pairId: p.id, expectedVersion: p.version, action: 'confirm', target: 'Said' });
    expectWritten(p, next, 'confirm');
    as(rt, 'editor');
    p = next;
    next = setStatus(rt.ctx, { pairId: p.id, expectedVersion: p.version, action: 'reject', comment: 'Too short' });
    expect(expectWritten(p, next, 'reject').note).toBe('Too short');
    p = updateTarget(rt.ctx, { pairId: next.id, target: 'She said', expectedVersion: next.version });
    p = setStatus(rt.ctx, { pairId: p.id, expectedVersion: p.version, action: 'confirm' });
    next = setStatus(rt.ctx, { pairId: p.id, expectedVersion: p.version, action: 'approve', overrideQa: true });
    expectWritten(p, next, 'approve');
    p = next;
    next = setStatus(rt.ctx, { pairId: p.id, expectedVersion: p.version, action: 'reopen', comment: 'Client asked' });
    expectWritten(p, next, 'reopen');
  });

  it('exclusion (pairs:set-excluded)', () => {
    as(rt, 'editor');
    const before = pairAt(3);
    const after = setExcluded(rt.ctx, { pairId: before.id, expectedVersion: before.version, excluded: true });
    expectWritten(before, after, 'exclude');
  });

  it('bulk approval: every pair once, one event for all', () => {
    as(rt, 'translator');
    const before = [translated(0, 'One'), translated(1, 'Two')];
    as(rt, 'editor');
    const { pairIds } = bulkApprove(rt.ctx, { documentId });
    expect(pairIds).toEqual(before.map((p) => p.id));
    for (const p of before) {
      const after = getPair(rt.ctx, p.id);
      expect(after.version).toBe(p.version + 1);
      expect([lastRevision(p.id).kind, lastRevision(p.id).status]).toEqual(['approve', 'approved']);
      expect(getDocument(rt.ctx, documentId).updatedAt).toBe(after.updatedAt);
    }
    expect(events.at(-1)).toEqual({ documentId, pairIds });
  });

  it('restore (history:restore)', () => {
    as(rt, 'translator');
    let p = translated(1, 'Russia Today reported');
    p = updateTarget(rt.ctx, { pairId: p.id, target: 'RT reported', expectedVersion: p.version });
    const confirmed = listHistory(rt.ctx, p.id).find((r) => r.kind === 'confirm')!;
    const after = restore(rt.ctx, { pairId: p.id, revisionId: confirmed.id, expectedVersion: p.version });
    expect(after.target).toBe('Russia Today reported');
    expect(expectWritten(p, after, 'restore').note).toBe(`#${confirmed.id}`);
  });
});

describe('batches', () => {
  /** Two translated pairs exported to a review DOCX, both edited by a reviewer, applied as a batch. */
  async function reviewImport(): Promise<{ before: Pair[]; batchId: number }> {
    as(rt, 'translator');
    const before = [translated(0, 'First version'), translated(1, 'Second version')];
    as(rt, 'editor');
    const { file } = await renderExport(rt.ctx, { documentId, format: 'docx-bilingual' });
    const reviewed = await editDocx(file.bytes, { 'First version': 'First reviewed', 'Second version': 'Second reviewed' });
    const preview = await reviewPreview(rt.ctx, documentId, 'reviewed.docx', reviewed);
    const pairIds = preview.changes.map((c) => c.pairId);
    expect(pairIds).toEqual(before.map((p) => p.id));
    const stamp = getDocument(rt.ctx, documentId).updatedAt;
    reviewApply(rt.ctx, { documentId, token: preview.token, pairIds, status: 'draft' });
    const doc = getDocument(rt.ctx, documentId);
    expect(doc.updatedAt > stamp).toBe(true); // the re-import once left the document's timestamp alone
    const batches = listBatches(rt.ctx, documentId);
    expect(batches.map((b) => [b.origin, b.note, b.author])).toEqual([['review-import', 'reviewed.docx', 'Eda Editor']]);
    return { before, batchId: batches[0]!.id };
  }

  it('the bilingual re-import writes one batch: a revision per pair, versions bumped, one event', async () => {
    const { before, batchId } = await reviewImport();
    const revs = listBatchRevisions(rt.db, batchId);
    expect(revs.map((r) => [r.pairId, r.kind, r.origin, r.target, r.status, r.note])).toEqual([
      [before[0]!.id, 'replace', 'review-import', 'First reviewed', 'draft', 'reviewed.docx'],
      [before[1]!.id, 'replace', 'review-import', 'Second reviewed', 'draft', 'reviewed.docx'],
    ]);
    for (const p of before) {
      const after = getPair(rt.ctx, p.id);
      expect(after.version).toBe(p.version + 1);
      expect(getDocument(rt.ctx, documentId).updatedAt).toBe(after.updatedAt);
    }
    expect(events.at(-1)).toEqual({ documentId, pairIds: before.map((p) => p.id) });
  });

  it('undo puts each pair back to its pre-batch text and status, and keeps pairs changed since', async () => {
    const { before, batchId } = await reviewImport();
    const [first, second] = before as [Pair, Pair];
    const edited = getPair(rt.ctx, second.id);
    updateTarget(rt.ctx, { pairId: second.id, target: 'Edited after the batch', expectedVersion: edited.version });

    const result = undoBatch(rt.ctx, batchId);
    expect(result).toEqual({ restored: [first.id], refused: [{ pairId: second.id, reason: 'conflict' }] });
    const undone = getPair(rt.ctx, first.id);
    expect([undone.target, undone.status]).toEqual(['First version', 'translated']);
    expect(getPair(rt.ctx, second.id).target).toBe('Edited after the batch');
    const rev = lastRevision(first.id);
    expect([rev.kind, rev.origin, rev.note]).toEqual(['restore', 'undo', `#${batchId}`]);
    expect(getDocument(rt.ctx, documentId).updatedAt).toBe(undone.updatedAt);
    // The undo is a batch of its own; undoing the first batch again finds nothing left to undo.
    expect(listBatches(rt.ctx, documentId).map((b) => b.origin)).toEqual(['review-import', 'undo']);
    expect(rev.batchId).toBe(listBatches(rt.ctx, documentId)[1]!.id);
    expect(undoBatch(rt.ctx, batchId).restored).toEqual([]);
  });

  it('undo refuses a pair that is now locked, and a batch that does not exist', async () => {
    const { before, batchId } = await reviewImport();
    const p = getPair(rt.ctx, before[0]!.id);
    const confirmed = setStatus(rt.ctx, { pairId: p.id, expectedVersion: p.version, action: 'confirm' });
    setStatus(rt.ctx, { pairId: p.id, expectedVersion: confirmed.version, action: 'approve', overrideQa: true });
    expect(undoBatch(rt.ctx, batchId).refused).toEqual([{ pairId: p.id, reason: 'conflict' }]);
    expect(code(() => undoBatch(rt.ctx, 999))).toBe('not_found');
  });

  it('a batch that writes nothing is not kept', () => {
    batchTransaction(rt.ctx, { documentId, origin: 'replace', who: actor(rt.ctx) }, () => undefined);
    expect(listBatches(rt.ctx, documentId)).toEqual([]);
  });

  it('records origin and score on a batch edit, and never folds it into a typing burst', () => {
    as(rt, 'translator');
    const p = pairAt(2);
    const typed = updateTarget(rt.ctx, { pairId: p.id, target: 'Peacekeeping', expectedVersion: p.version });
    batchTransaction(rt.ctx, { documentId, origin: 'tm', who: actor(rt.ctx) }, () => {
      applyChange(rt.ctx, typed, { target: 'The end of the peacekeepers’ mission', status: 'draft' }, actor(rt.ctx), {
        kind: 'edit',
        origin: 'tm',
        score: 87.5,
      });
    });
    const revs = listHistory(rt.ctx, p.id);
    expect(revs.map((r) => [r.kind, r.origin, r.score])).toEqual([
      ['import', null, null],
      ['edit', null, null],
      ['edit', 'tm', 87.5],
    ]);
  });
});

describe('the write path guards itself', () => {
  it('runs only inside a write transaction', () => {
    expect(() => applyChange(rt.ctx, pairAt(0), { target: 'x' }, actor(rt.ctx), { kind: 'edit' })).toThrow(
      /inside writeTransaction/,
    );
  });

  it('refuses to change the text of an approved or excluded pair, whatever the caller checked', () => {
    as(rt, 'editor');
    const p = translated(0, 'Approved text');
    const approved = setStatus(rt.ctx, { pairId: p.id, expectedVersion: p.version, action: 'approve', overrideQa: true });
    const excluded = setExcluded(rt.ctx, { pairId: pairAt(3).id, expectedVersion: 0, excluded: true });
    for (const [pair, refusal] of [
      [approved, 'locked'],
      [excluded, 'excluded'],
    ] as const) {
      expect(
        code(() =>
          writeTransaction(rt.ctx, () =>
            applyChange(rt.ctx, pair, { target: 'Overwritten' }, actor(rt.ctx), { kind: 'replace' }),
          ),
        ),
      ).toBe(refusal);
      expect(getPair(rt.ctx, pair.id).target).toBe(pair.target);
    }
  });

  it('refuses a stale pair and rolls the whole operation back: no revision, no timestamp, no event', () => {
    as(rt, 'translator');
    const stale = pairAt(0);
    const fresh = pairAt(1);
    updateTarget(rt.ctx, { pairId: stale.id, target: 'Someone else typed this', expectedVersion: stale.version });
    const stamp = getDocument(rt.ctx, documentId).updatedAt;
    const eventCount = events.length;
    const revisionsOfFresh = listHistory(rt.ctx, fresh.id).length;
    expect(
      code(() =>
        writeTransaction(rt.ctx, () => {
          applyChange(rt.ctx, fresh, { target: 'Written first' }, actor(rt.ctx), { kind: 'replace' });
          applyChange(rt.ctx, stale, { target: 'Lost update' }, actor(rt.ctx), { kind: 'replace' });
        }),
      ),
    ).toBe('conflict');
    expect(getPair(rt.ctx, fresh.id).target).toBe('');
    expect(listHistory(rt.ctx, fresh.id)).toHaveLength(revisionsOfFresh);
    expect(getPair(rt.ctx, stale.id).target).toBe('Someone else typed this');
    expect(getDocument(rt.ctx, documentId).updatedAt).toBe(stamp);
    expect(events).toHaveLength(eventCount);
  });
});
