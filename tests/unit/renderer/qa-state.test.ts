// The workspace's QA state against a stand-in main process: checks wait for typing to rest, an
// answer for an older text is dropped, and the highlights are drawn only on the text they were
// found in (offsets into another text would mark the wrong characters).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Pair } from '../../../src-main/shared/domain';
import type { QaIssue } from '../../../src-main/shared/qa';

const calls: { channel: string; input: Record<string, unknown> }[] = [];
/** Answers held back until released, to reorder them. */
const held: (() => void)[] = [];
let holding = false;

function issuesFor(text: string): QaIssue[] {
  const at = text.indexOf('2020');
  if (at === -1) return [];
  return [
    {
      check: 'number-missing',
      severity: 'error',
      params: { numbers: '2022' },
      ranges: [
        { side: 'source', start: 0, end: 4 },
        { side: 'target', start: at, end: at + 4 },
      ],
    },
    {
      check: 'number-extra',
      severity: 'warning',
      params: { numbers: '2020' },
      ranges: [{ side: 'target', start: at, end: at + 4 }],
    },
  ];
}

vi.mock('../../../src-renderer/lib/api', () => ({
  api: {
    invoke: async (channel: string, input: Record<string, unknown>) => {
      calls.push({ channel, input });
      if (holding) await new Promise<void>((resolve) => held.push(resolve));
      if (channel === 'qa:check-pair') return { ok: true, value: { issues: issuesFor(input.target as string) } };
      if (channel === 'qa:set-ignored') {
        const issues = issuesFor('2020').map((i) => (i.check === input.check ? { ...i, ignored: { by: 'Huda', at: 'now' } } : i));
        return { ok: true, value: { issues } };
      }
      return { ok: false, error: { code: 'internal', key: 'errors.internal' } };
    },
    on: () => () => {},
  },
}));

const { QaWorkspace, QA_DEBOUNCE_MS } = await import('../../../src-renderer/state/qa.svelte');
const { DecorationLayers } = await import('../../../src-renderer/state/decorations.svelte');

const pair = { id: 7, source: '2022 كان', target: '' } as Pair;

beforeEach(() => {
  vi.useFakeTimers();
  calls.length = 0;
  holding = false;
});
afterEach(() => vi.useRealTimers());

describe('QA in the workspace', () => {
  it('marks nothing on a segment with nothing typed yet (its empty-target error stays out of the cells)', async () => {
    const layers = new DecorationLayers();
    const qa = new QaWorkspace(1, layers);
    qa.found.set(pair.id, {
      text: '',
      issues: [{ check: 'empty-target', severity: 'error', params: {}, ranges: [{ side: 'source', start: 0, end: 8 }] }],
    });
    expect(layers.of(pair, { text: '', codes: null })).toEqual({ source: [], target: [] });
    qa.found.set(pair.id, { text: 'In 2020', issues: issuesFor('In 2020') } as never);
    expect(layers.of(pair, { text: 'In 2020', codes: null }).source).toHaveLength(1);
  });

  it('checks once typing rests, on the unsaved text, and marks both cells', async () => {
    const layers = new DecorationLayers();
    const qa = new QaWorkspace(1, layers);
    qa.schedule(pair.id, 'In 2');
    qa.schedule(pair.id, 'In 20');
    qa.schedule(pair.id, 'In 2020');
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(QA_DEBOUNCE_MS);
    expect(calls).toEqual([{ channel: 'qa:check-pair', input: { pairId: 7, target: 'In 2020' } }]);
    expect(qa.issuesFor(pair.id, 'In 2020')!.map((i) => i.check)).toEqual(['number-missing', 'number-extra']);
    const deco = layers.of(pair, { text: 'In 2020', codes: null });
    expect(deco.source).toEqual([expect.objectContaining({ start: 0, end: 4, kind: 'qa-error' })]);
    expect(deco.target.map((d) => [d.start, d.end, d.kind])).toEqual([
      [3, 7, 'qa-error'],
      [3, 7, 'qa-warning'],
    ]);
    // The text moved on: no marks at offsets that belonged to the old one.
    expect(layers.of(pair, { text: 'Later, in 2020', codes: null }).target).toEqual([]);
    expect(qa.issuesFor(pair.id, 'Later, in 2020')).toBeUndefined();
  });

  it('drops an answer for a text that is no longer the one asked about', async () => {
    const qa = new QaWorkspace(1, new DecorationLayers());
    holding = true;
    const first = qa.check(pair.id, 'In 2020');
    const second = qa.check(pair.id, 'In 2022');
    held
      .splice(0)
      .reverse()
      .forEach((release) => release());
    await Promise.all([first, second]);
    expect(qa.issuesFor(pair.id, 'In 2022')).toEqual([]);
    expect(qa.issuesFor(pair.id, 'In 2020')).toBeUndefined();
  });

  it('an ignored warning is kept as such and no longer marked', async () => {
    const layers = new DecorationLayers();
    const qa = new QaWorkspace(1, layers);
    await qa.check(pair.id, 'In 2020');
    await qa.setIgnored(pair.id, 'number-extra', true);
    expect(qa.issuesFor(pair.id, 'In 2020')!.find((i) => i.check === 'number-extra')!.ignored).toEqual({ by: 'Huda', at: 'now' });
    expect(layers.of(pair, { text: 'In 2020', codes: null }).target.map((d) => d.kind)).toEqual(['qa-error']);
  });
});
