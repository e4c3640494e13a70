// The stored QA summary behind the "has QA issues" filter: judged before a filtered query, voided
// by every change its checks depend on (the pair's text, a consistency peer's text, a "not an
// error" mark, the profile, the dictionary).
import { afterEach, describe, expect, it } from 'vitest';
import { importDocument } from '../../../../src-main/services/documents';
import { listPairs, locatePair, setExcluded, setStatus, updateTarget } from '../../../../src-main/services/pairs';
import * as glossary from '../../../../src-main/services/glossary';
import * as qa from '../../../../src-main/services/qa';
import * as repo from '../../../../src-main/store/repos/qa';
import { as, testRuntime, type TestRuntime } from '../helpers';

let rt: TestRuntime;
afterEach(() => rt?.dispose());

const SOURCES = [
  'وقع الاتفاق في عام ٢٠٢٣.',
  'هل انتهت المحادثات؟',
  'انتهت المحادثات.',
  'انتهت المحادثات.',
  'قالت الشبكة إن الرئيس وصل.',
];
const GOOD = [
  'The agreement was signed in 2023.',
  'Have the talks ended?',
  'The talks ended.',
  'The talks ended.',
  'The network said that the president arrived.',
];

async function setup() {
  rt = testRuntime();
  as(rt, 'translator');
  const doc = await importDocument(rt.ctx, { fileName: 'qa.txt', bytes: new TextEncoder().encode(SOURCES.join('\n')) });
  GOOD.forEach((target, i) => {
    // Confirming paragraph 3 also fills its repetition, paragraph 4 (propagation).
    const p = listPairs(rt.ctx, doc.id, 0, 10).items[i]!;
    if (p.status !== 'translated') setStatus(rt.ctx, { pairId: p.id, expectedVersion: p.version, action: 'confirm', target });
  });
  const pairs = listPairs(rt.ctx, doc.id, 0, 10).items;
  const withIssues = () => listPairs(rt.ctx, doc.id, 0, 10, { qaIssues: true }).items.map((p) => p.position);
  const edit = (i: number, target: string) => {
    const p = listPairs(rt.ctx, doc.id, 0, 10).items[i]!;
    return updateTarget(rt.ctx, { pairId: p.id, expectedVersion: p.version, target });
  };
  return { doc, pairs, withIssues, edit };
}

describe('the "has QA issues" filter', () => {
  it('lists only pairs on which an issue stands, and follows edits of the pair itself', async () => {
    const { doc, withIssues, edit } = await setup();
    expect(withIssues()).toEqual([]);
    edit(0, 'The agreement was signed in 2022.');
    edit(1, 'Have the talks ended؟');
    expect(withIssues()).toEqual([0, 1]);
    const page = listPairs(rt.ctx, doc.id, 0, 10, { qaIssues: true, statuses: ['draft'] });
    expect(page.total).toBe(2);
    edit(0, 'The agreement was signed in 2023.');
    expect(withIssues()).toEqual([1]);
    const second = listPairs(rt.ctx, doc.id, 0, 10).items[1]!;
    expect(locatePair(rt.ctx, doc.id, second.id, { qaIssues: true }).index).toBe(0);
  });

  it('a consistency peer appears and leaves with the edit of the other pair', async () => {
    const { withIssues, edit } = await setup();
    expect(withIssues()).toEqual([]);
    edit(3, 'Talks are over.');
    // Paragraphs 3 and 4 have the same source: both now stand translated differently.
    expect(withIssues()).toEqual([2, 3]);
    edit(3, 'The talks ended.');
    expect(withIssues()).toEqual([]);
    edit(3, 'Talks are over.');
    expect(withIssues()).toEqual([2, 3]);
    // Emptied, paragraph 4 is no rival of paragraph 3 any more (though its own text is not shared).
    edit(3, '');
    expect(withIssues()).toEqual([3]);
    edit(3, 'Negotiations have ended.');
    expect(withIssues()).toEqual([2, 3]);
  });

  it('follows "not an error", the profile, the dictionary and exclusion', async () => {
    const { doc, pairs, withIssues, edit } = await setup();
    edit(4, 'The network said that the presidnet arrived.');
    expect(withIssues()).toEqual([4]);
    qa.setIgnored(rt.ctx, pairs[4]!.id, 'spelling', true);
    expect(withIssues()).toEqual([]);
    qa.setIgnored(rt.ctx, pairs[4]!.id, 'spelling', false);
    expect(withIssues()).toEqual([4]);
    qa.setQaProfile(rt.ctx, doc.id, ['spelling']);
    expect(withIssues()).toEqual([]);
    qa.setQaProfile(rt.ctx, doc.id, []);
    expect(withIssues()).toEqual([4]);
    qa.addUserWord(rt.ctx, 'presidnet');
    expect(withIssues()).toEqual([]);
    qa.removeUserWord(rt.ctx, 'presidnet');
    expect(withIssues()).toEqual([4]);
    as(rt, 'editor');
    const p = listPairs(rt.ctx, doc.id, 0, 10).items[4]!;
    setExcluded(rt.ctx, { pairId: p.id, expectedVersion: p.version, excluded: true });
    expect(withIssues()).toEqual([]);
  });

  it('follows the glossary: a term added, edited or deleted', async () => {
    const { doc, withIssues } = await setup();
    expect(withIssues()).toEqual([]);
    const term = glossary.addTerm(rt.ctx, doc.id, { source: 'المحادثات', target: 'negotiations' });
    expect(withIssues()).toEqual([1, 2, 3]);
    glossary.editTerm(rt.ctx, term.id, { source: 'المحادثات', target: 'talks' });
    expect(withIssues()).toEqual([]);
    glossary.editTerm(rt.ctx, term.id, { source: 'الاتفاق', target: 'treaty' });
    expect(withIssues()).toEqual([0]);
    glossary.deleteTerm(rt.ctx, term.id);
    expect(withIssues()).toEqual([]);
  });

  it('agrees with the full report after a run of edits, also in a fresh process without cached figures', async () => {
    const { doc, withIssues, edit } = await setup();
    withIssues();
    edit(2, 'Talks are over.');
    edit(0, '');
    edit(1, 'Have the talks ended؟');
    edit(2, 'The talks ended.');
    edit(3, 'The talks have ended.');
    const fromReport = () =>
      qa
        .documentQa(rt.ctx, doc.id)
        .pairs.filter((p) => p.issues.some((i) => !i.ignored))
        .map((p) => p.position);
    const filtered = withIssues();
    expect(filtered).toEqual(fromReport());
    expect(filtered).toEqual([0, 1, 2, 3]);
    qa.forgetFigures(rt.ctx);
    edit(3, 'The talks ended.');
    expect(withIssues()).toEqual(fromReport());
    expect(withIssues()).toEqual([0, 1]);
  });

  it('a judgement made before the document changed is not stored: the pair stays unjudged', async () => {
    const { doc, pairs, withIssues, edit } = await setup();
    withIssues();
    const state = () => listPairs(rt.ctx, doc.id, 0, 10, { qaIssues: true }).total;
    // As a job worker would: the epoch and the rows read, then a write on the main thread, then the store.
    const epoch = repo.qaEpoch(rt.ctx.db, doc.id);
    edit(0, 'The agreement was signed in 2022.');
    expect(qa.storeJudgements(rt.ctx, doc.id, epoch, [[pairs[0]!.id, 0]])).toBe(false);
    expect(repo.countUnjudged(rt.ctx.db, doc.id)).toBeGreaterThan(0);
    expect(state()).toBe(1);
    // A "not an error" mark, the profile and the dictionary move the epoch too.
    for (const change of [
      () => qa.setIgnored(rt.ctx, pairs[4]!.id, 'spelling', true),
      () => qa.setQaProfile(rt.ctx, doc.id, ['spelling']),
      () => qa.addUserWord(rt.ctx, 'presidnet'),
    ]) {
      const before = repo.qaEpoch(rt.ctx.db, doc.id);
      change();
      expect(repo.qaEpoch(rt.ctx.db, doc.id)).not.toBe(before);
    }
    const now = repo.qaEpoch(rt.ctx.db, doc.id);
    expect(qa.storeJudgements(rt.ctx, doc.id, now, [[pairs[0]!.id, 2]])).toBe(true);
  });
});
