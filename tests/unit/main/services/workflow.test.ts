import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type QalamError } from '../../../../src-main/shared/errors';
import { addComment, listComments, setResolved } from '../../../../src-main/services/comments';
import { storeImported } from '../../../../src-main/services/documents';
import { listHistory, restore } from '../../../../src-main/services/history';
import {
  bulkApprove,
  getPair,
  listPairs,
  navigate,
  setExcluded,
  setStatus,
  updateTarget,
} from '../../../../src-main/services/pairs';
import { getQuality, getStats } from '../../../../src-main/services/stats';
import { EDIT_BURST_MS } from '../../../../src-main/store/repos/revisions';
import { as, testRuntime, type TestRuntime } from '../helpers';

let rt: TestRuntime;
let documentId: number;
const SOURCES = ['قالت المتحدثة باسم وزارة الخارجية', 'وذكرت شبكة روسيا اليوم', 'انتهاء مهام قوات حفظ السلام', 'تم أضافة تعليقك'];

beforeEach(() => {
  rt = testRuntime();
  documentId = storeImported(
    rt.ctx,
    { format: 'txt', sourceLang: 'ar', targetLang: 'en', warnings: [], paragraphs: SOURCES.map((source) => ({ source })) },
    { fileName: 'doc.txt', hash: 'e'.repeat(64) },
    () => {},
  );
});
afterEach(() => rt.dispose());

const pairAt = (position: number) => listPairs(rt.ctx, documentId, position, 1).items[0]!;
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as QalamError).code;
  }
  return 'ok';
};

describe('editing', () => {
  it('moves new → draft, records one revision per burst of typing, and refuses stale versions', () => {
    as(rt, 'translator');
    let p = pairAt(0);
    for (const text of ['The', 'The spokes', 'The spokeswoman said']) {
      p = updateTarget(rt.ctx, { pairId: p.id, target: text, expectedVersion: p.version });
    }
    expect(p.status).toBe('draft');
    expect(p.version).toBe(3);
    const revs = listHistory(rt.ctx, p.id);
    expect(revs.map((r) => r.kind)).toEqual(['import', 'edit']);
    expect(revs[1]!.target).toBe('The spokeswoman said');

    expect(code(() => updateTarget(rt.ctx, { pairId: p.id, target: 'Overwrite', expectedVersion: 1 }))).toBe('conflict');
    expect(getPair(rt.ctx, p.id).target).toBe('The spokeswoman said');
  });

  it('starts a new edit revision after a pause longer than the burst window', () => {
    as(rt, 'translator');
    let p = pairAt(0);
    p = updateTarget(rt.ctx, { pairId: p.id, target: 'First', expectedVersion: p.version });
    const start = Date.parse(rt.ctx.now());
    rt.ctx.now = () => new Date(start + EDIT_BURST_MS + 1000).toISOString();
    p = updateTarget(rt.ctx, { pairId: p.id, target: 'Second', expectedVersion: p.version });
    expect(listHistory(rt.ctx, p.id).map((r) => r.target)).toEqual(['', 'First', 'Second']);
  });

  it('sends an edited translated pair back to draft, and keeps a rejection visible while editing', () => {
    as(rt, 'translator');
    let p = pairAt(0);
    p = setStatus(rt.ctx, { pairId: p.id, expectedVersion: p.version, action: 'confirm', target: 'The spokeswoman said' });
    expect(p.status).toBe('translated');
    p = updateTarget(rt.ctx, { pairId: p.id, target: 'The spokesperson said', expectedVersion: p.version });
    expect(p.status).toBe('draft');
    p = setStatus(rt.ctx, { pairId: p.id, expectedVersion: p.version, action: 'confirm' });
    as(rt, 'editor');
    p = setStatus(rt.ctx, {
      pairId: p.id,
      expectedVersion: p.version,
      action: 'reject',
      comment: 'Use "spokeswoman"',
      category: 'terminology',
      severity: 'major',
    });
    expect(p.status).toBe('rejected');
    expect(p.rejectionReason).toBe('Use "spokeswoman"');
    expect(p.openComments).toBe(1);
    as(rt, 'translator');
    p = updateTarget(rt.ctx, { pairId: p.id, target: 'The spokeswoman said', expectedVersion: p.version });
    expect(p.status).toBe('rejected');
    expect(p.rejectionReason).toBe('Use "spokeswoman"');
    p = setStatus(rt.ctx, { pairId: p.id, expectedVersion: p.version, action: 'confirm' });
    expect(p.status).toBe('translated');
    expect(p.rejectionReason).toBeNull();
    as(rt, 'editor');
    p = setStatus(rt.ctx, { pairId: p.id, expectedVersion: p.version, action: 'approve', overrideQa: true });
    expect(p.status).toBe('approved');
    expect(p.openComments).toBe(0); // approval answers the rejection thread
    expect(listHistory(rt.ctx, p.id).map((r) => `${r.kind}:${r.status}:${r.role}`)).toEqual([
      'import:new:translator',
      'confirm:translated:translator',
      'edit:draft:translator',
      'confirm:translated:translator',
      'reject:rejected:editor',
      'edit:rejected:translator',
      'confirm:translated:translator',
      'approve:approved:editor',
    ]);
  });

  it('requires a reason to reject and a comment to reopen', () => {
    as(rt, 'translator');
    let p = setStatus(rt.ctx, { pairId: pairAt(0).id, expectedVersion: 0, action: 'confirm', target: 'Text' });
    as(rt, 'editor');
    expect(code(() => setStatus(rt.ctx, { pairId: p.id, expectedVersion: p.version, action: 'reject', comment: '  ' }))).toBe(
      'reason_required',
    );
    p = setStatus(rt.ctx, { pairId: p.id, expectedVersion: p.version, action: 'approve', overrideQa: true });
    expect(code(() => setStatus(rt.ctx, { pairId: p.id, expectedVersion: p.version, action: 'reopen' }))).toBe(
      'comment_required',
    );
    p = setStatus(rt.ctx, { pairId: p.id, expectedVersion: p.version, action: 'reopen', comment: 'Client changed the term' });
    expect(p.status).toBe('translated');
  });

  it('restores an earlier text as a new revision', () => {
    as(rt, 'translator');
    let p = pairAt(1);
    p = setStatus(rt.ctx, { pairId: p.id, expectedVersion: p.version, action: 'confirm', target: 'Russia Today reported' });
    p = updateTarget(rt.ctx, { pairId: p.id, target: 'RT network reported', expectedVersion: p.version });
    const confirmed = listHistory(rt.ctx, p.id).find((r) => r.kind === 'confirm')!;
    p = restore(rt.ctx, { pairId: p.id, revisionId: confirmed.id, expectedVersion: p.version });
    expect(p.target).toBe('Russia Today reported');
    expect(p.status).toBe('draft');
    const last = listHistory(rt.ctx, p.id).at(-1)!;
    expect(last.kind).toBe('restore');
    expect(last.note).toBe(`#${confirmed.id}`);
  });
});

describe('exclusion, navigation, statistics', () => {
  it('leaves excluded pairs out of counts and navigation, and finishes when all others are approved', () => {
    as(rt, 'editor');
    const boiler = pairAt(3);
    setExcluded(rt.ctx, { pairId: boiler.id, expectedVersion: boiler.version, excluded: true });
    let s = getStats(rt.ctx, documentId);
    expect(s.total.segments).toBe(3);
    expect(s.excluded.segments).toBe(1);
    expect(s.excluded.words).toBe(3);

    as(rt, 'translator');
    for (const pos of [0, 1, 2]) {
      const p = pairAt(pos);
      setStatus(rt.ctx, { pairId: p.id, expectedVersion: p.version, action: 'confirm', target: `Translation ${pos}` });
    }
    expect(navigate(rt.ctx, documentId, -1, 'next', 'needs-work').pair).toBeNull();
    expect(navigate(rt.ctx, documentId, -1, 'next', 'needs-review').pair?.position).toBe(0);
    expect(navigate(rt.ctx, documentId, 2, 'next', 'any').pair).toBeNull(); // the excluded pair is skipped

    as(rt, 'editor');
    expect(bulkApprove(rt.ctx, { documentId, dryRun: true }).count).toBe(3);
    expect(getStats(rt.ctx, documentId).byStatus.translated.segments).toBe(3);
    expect(bulkApprove(rt.ctx, { documentId }).count).toBe(3);
    s = getStats(rt.ctx, documentId);
    expect(s.finished).toBe(true);
    expect(s.byStatus.approved.words).toBe(s.total.words);
  });

  it('refuses bulk approval to translators', () => {
    as(rt, 'translator');
    expect(code(() => bulkApprove(rt.ctx, { documentId }))).toBe('forbidden');
  });

  it('filters by status, by normalised Arabic text and by open comments', () => {
    as(rt, 'translator');
    const p = pairAt(2);
    addComment(rt.ctx, { pairId: p.id, body: 'Is "peacekeeping" right here?' });
    expect(listPairs(rt.ctx, documentId, 0, 50, { openComments: true }).items.map((x) => x.position)).toEqual([2]);
    // Typed with a hamza-less alef and without the taa marbuta: still found.
    expect(listPairs(rt.ctx, documentId, 0, 50, { text: 'اضافه', textIn: 'source' }).items.map((x) => x.position)).toEqual([3]);
    expect(listPairs(rt.ctx, documentId, 0, 50, { text: 'الخارجيَّة' }).total).toBe(1);
    expect(listPairs(rt.ctx, documentId, 0, 50, { statuses: ['new'], excluded: 'exclude' }).total).toBe(4);
  });
});

describe('comments and quality', () => {
  it('threads replies under the root and resolves whole threads', () => {
    as(rt, 'translator');
    const p = pairAt(0);
    const root = addComment(rt.ctx, { pairId: p.id, body: 'Which ministry?' });
    as(rt, 'editor');
    const reply = addComment(rt.ctx, { pairId: p.id, body: 'Foreign ministry', parentId: root.id });
    const nested = addComment(rt.ctx, { pairId: p.id, body: 'Thanks', parentId: reply.id });
    expect(nested.parentId).toBe(root.id);
    expect(getPair(rt.ctx, p.id).openComments).toBe(1);
    setResolved(rt.ctx, reply.id, true);
    expect(getPair(rt.ctx, p.id).openComments).toBe(0);
    expect(listComments(rt.ctx, p.id).find((c) => c.id === root.id)?.resolvedBy).toBe('Eda Editor');
  });

  it('scores rejections per 1,000 reviewed words', () => {
    as(rt, 'translator');
    for (const pos of [0, 1]) {
      const p = pairAt(pos);
      setStatus(rt.ctx, { pairId: p.id, expectedVersion: p.version, action: 'confirm', target: `T${pos}` });
    }
    as(rt, 'editor');
    const a = pairAt(0);
    setStatus(rt.ctx, {
      pairId: a.id,
      expectedVersion: a.version,
      action: 'reject',
      comment: 'Wrong',
      category: 'accuracy',
      severity: 'major',
    });
    const b = pairAt(1);
    setStatus(rt.ctx, { pairId: b.id, expectedVersion: b.version, action: 'approve', overrideQa: true });
    const q = getQuality(rt.ctx, documentId);
    expect(q.errors).toBe(1);
    expect(q.byCategory.accuracy.major).toBe(1);
    expect(q.penaltyPoints).toBe(5);
    expect(q.reviewedWords).toBe(a.sourceWords + b.sourceWords);
    expect(q.penaltyPer1000).toBeCloseTo((5 * 1000) / q.reviewedWords, 1);
  });

  it('a rejected segment fixed since still counts as reviewed: its error is scored against its words', () => {
    as(rt, 'translator');
    let a = pairAt(0);
    setStatus(rt.ctx, { pairId: a.id, expectedVersion: a.version, action: 'confirm', target: 'The spokeswoman' });
    as(rt, 'editor');
    a = pairAt(0);
    setStatus(rt.ctx, {
      pairId: a.id,
      expectedVersion: a.version,
      action: 'reject',
      comment: 'Which one?',
      category: 'accuracy',
      severity: 'major',
    });
    as(rt, 'translator');
    a = pairAt(0);
    setStatus(rt.ctx, {
      pairId: a.id,
      expectedVersion: a.version,
      action: 'confirm',
      target: 'The Foreign Ministry spokeswoman',
    });
    expect(pairAt(0).status).toBe('translated');

    const q = getQuality(rt.ctx, documentId);
    expect(q.errors).toBe(1);
    expect(q.penaltyPoints).toBe(5);
    expect(q.reviewedWords).toBe(a.sourceWords);
    expect(q.reviewedSegments).toBe(1);
    expect(q.penaltyPer1000).toBeCloseTo((5 * 1000) / a.sourceWords, 1);
    expect(q.score).toBeCloseTo(Math.max(0, 100 - (5 * 1000) / a.sourceWords), 1);
    expect(q.penaltyPer1000).toBeGreaterThan(0);

    // Words never reviewed do not dilute the score; an excluded segment leaves it altogether.
    as(rt, 'editor');
    const d = pairAt(3);
    setExcluded(rt.ctx, { pairId: d.id, expectedVersion: d.version, excluded: true });
    expect(getQuality(rt.ctx, documentId).reviewedWords).toBe(a.sourceWords);
    a = pairAt(0);
    setExcluded(rt.ctx, { pairId: a.id, expectedVersion: a.version, excluded: true });
    expect(getQuality(rt.ctx, documentId)).toMatchObject({ errors: 0, reviewedWords: 0, reviewedSegments: 0, penaltyPer1000: 0 });
  });

  it('counts segments imported as approved or rejected as reviewed', () => {
    const imported = storeImported(
      rt.ctx,
      {
        format: 'xliff20',
        sourceLang: 'ar',
        targetLang: 'en',
        warnings: [],
        paragraphs: [
          { source: 'قالت المتحدثة', target: 'The spokeswoman said', status: 'approved' },
          { source: 'وذكرت شبكة روسيا اليوم', target: 'Russia Today said', status: 'rejected' },
          { source: 'انتهاء مهام القوات', target: 'The end', status: 'translated' },
        ],
      },
      { fileName: 'reviewed.xlf', hash: 'f'.repeat(64) },
      () => {},
    );
    expect(getQuality(rt.ctx, imported)).toMatchObject({ reviewedSegments: 2, reviewedWords: 2 + 4 });
  });
});
