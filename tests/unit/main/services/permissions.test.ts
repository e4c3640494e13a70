// Every (role, status, excluded, action) combination, through the services, against a table
// written out by hand from the workflow rules (not derived from the code under test).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Action, Role, Status } from '../../../../src-main/shared/domain';
import { QalamError } from '../../../../src-main/shared/errors';
import { addComment } from '../../../../src-main/services/comments';
import { storeImported } from '../../../../src-main/services/documents';
import { listHistory, restore } from '../../../../src-main/services/history';
import { getPair, setExcluded, setStatus, updateTarget } from '../../../../src-main/services/pairs';
import { as, testRuntime, type TestRuntime } from '../helpers';

type Outcome = 'ok' | 'forbidden' | 'invalid_transition' | 'locked' | 'excluded' | 'empty_target';
const STATUSES: Status[] = ['new', 'draft', 'translated', 'approved', 'rejected'];

// Columns: new, draft, translated, approved, rejected (pair not excluded).
const INCLUDED: Record<Role, Record<Action, Outcome[]>> = {
  translator: {
    edit: ['ok', 'ok', 'ok', 'locked', 'ok'],
    restore: ['ok', 'ok', 'ok', 'locked', 'ok'],
    confirm: ['empty_target', 'ok', 'invalid_transition', 'locked', 'ok'],
    approve: ['forbidden', 'forbidden', 'forbidden', 'forbidden', 'forbidden'],
    reject: ['forbidden', 'forbidden', 'forbidden', 'forbidden', 'forbidden'],
    reopen: ['forbidden', 'forbidden', 'forbidden', 'forbidden', 'forbidden'],
    exclude: ['forbidden', 'forbidden', 'forbidden', 'forbidden', 'forbidden'],
    include: ['forbidden', 'forbidden', 'forbidden', 'forbidden', 'forbidden'],
    comment: ['ok', 'ok', 'ok', 'ok', 'ok'],
  },
  editor: {
    edit: ['ok', 'ok', 'ok', 'locked', 'ok'],
    restore: ['ok', 'ok', 'ok', 'locked', 'ok'],
    confirm: ['empty_target', 'ok', 'invalid_transition', 'locked', 'ok'],
    approve: ['empty_target', 'ok', 'ok', 'locked', 'ok'],
    reject: ['invalid_transition', 'ok', 'ok', 'locked', 'invalid_transition'],
    reopen: ['invalid_transition', 'invalid_transition', 'invalid_transition', 'ok', 'invalid_transition'],
    exclude: ['ok', 'ok', 'ok', 'locked', 'ok'],
    include: ['invalid_transition', 'invalid_transition', 'invalid_transition', 'invalid_transition', 'invalid_transition'],
    comment: ['ok', 'ok', 'ok', 'ok', 'ok'],
  },
};

// Excluded pairs (an approved pair cannot become excluded, so that column is absent).
const EXCLUDED_STATUSES: Status[] = ['new', 'draft', 'translated', 'rejected'];
const EXCLUDED: Record<Role, Record<Action, Outcome>> = {
  translator: {
    edit: 'excluded',
    restore: 'excluded',
    confirm: 'excluded',
    approve: 'forbidden',
    reject: 'forbidden',
    reopen: 'forbidden',
    exclude: 'forbidden',
    include: 'forbidden',
    comment: 'ok',
  },
  editor: {
    edit: 'excluded',
    restore: 'excluded',
    confirm: 'excluded',
    approve: 'excluded',
    reject: 'excluded',
    reopen: 'invalid_transition',
    exclude: 'invalid_transition',
    include: 'ok',
    comment: 'ok',
  },
};

let rt: TestRuntime;
beforeAll(() => (rt = testRuntime()));
afterAll(() => rt.dispose());

function makePair(status: Status, excluded: boolean): number {
  const id = storeImported(
    rt.ctx,
    {
      format: 'xliff20',
      sourceLang: 'ar',
      targetLang: 'en',
      warnings: [],
      paragraphs: [{ source: 'قالت المتحدثة', target: status === 'new' ? '' : 'The spokeswoman said', status, excluded }],
    },
    { fileName: 'perm.xlf', hash: 'f'.repeat(64) },
    () => {},
  );
  return rt.ctx.db.prepare('SELECT id FROM pairs WHERE document_id = ?').pluck().get(id) as number;
}

async function attempt(action: Action, pairId: number): Promise<Outcome> {
  const p = getPair(rt.ctx, pairId);
  const run: Record<Action, () => unknown> = {
    edit: () => updateTarget(rt.ctx, { pairId, target: 'A changed translation', expectedVersion: p.version }),
    restore: () => restore(rt.ctx, { pairId, revisionId: listHistory(rt.ctx, pairId)[0]!.id, expectedVersion: p.version }),
    confirm: () => setStatus(rt.ctx, { pairId, expectedVersion: p.version, action: 'confirm' }),
    approve: () => setStatus(rt.ctx, { pairId, expectedVersion: p.version, action: 'approve', overrideQa: true }),
    reject: () => setStatus(rt.ctx, { pairId, expectedVersion: p.version, action: 'reject', comment: 'Mistranslated name' }),
    reopen: () => setStatus(rt.ctx, { pairId, expectedVersion: p.version, action: 'reopen', comment: 'Client changed the term' }),
    exclude: () => setExcluded(rt.ctx, { pairId, expectedVersion: p.version, excluded: true }),
    include: () => setExcluded(rt.ctx, { pairId, expectedVersion: p.version, excluded: false }),
    comment: () => addComment(rt.ctx, { pairId, body: 'Check the date' }),
  };
  try {
    await run[action]();
    return 'ok';
  } catch (e) {
    if (e instanceof QalamError) return e.code as Outcome;
    throw e;
  }
}

const cases: [Role, Status, boolean, Action, Outcome][] = [];
for (const role of ['translator', 'editor'] as Role[]) {
  for (const [action, outcomes] of Object.entries(INCLUDED[role]) as [Action, Outcome[]][]) {
    STATUSES.forEach((status, i) => cases.push([role, status, false, action, outcomes[i]!]));
  }
  for (const [action, outcome] of Object.entries(EXCLUDED[role]) as [Action, Outcome][]) {
    for (const status of EXCLUDED_STATUSES) cases.push([role, status, true, action, outcome]);
  }
}

describe('permission table', () => {
  it('covers every combination', () => {
    expect(cases).toHaveLength(2 * 9 * (5 + 4));
  });

  it.each(cases)('%s on a %s pair (excluded: %s) → %s: %s', async (role, status, excluded, action, expected) => {
    const pairId = makePair(status, excluded);
    as(rt, role);
    const before = getPair(rt.ctx, pairId);
    expect(await attempt(action, pairId)).toBe(expected);
    const after = getPair(rt.ctx, pairId);
    if (expected !== 'ok') expect(after).toEqual(before);
    else if (action !== 'comment') expect(after.version).toBe(before.version + 1);
  });
});
