// The glossary state of a document (recognised terms fetched in batches, dropped when the glossary
// changes, Ctrl+Shift+1… insertion) against an in-memory main process, and the caret helper.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GlossaryHit } from '../../../../src-main/shared/glossary';
import type { Pair, Status } from '../../../../src-main/shared/domain';
import { checkAction, statusAfterEdit } from '../../../../src-main/shared/domain';

const calls: { channel: string; input: Record<string, unknown> }[] = [];
const store = new Map<number, Pair>();
/** Lookups wait for their pair's gate while one is set: an answer "in flight". */
const gates = new Map<number, Promise<void>>();

/** What recognition answers for each pair. */
const recognised = new Map<number, GlossaryHit[]>();

const handlers: Record<string, (input: Record<string, unknown>) => unknown> = {
  'documents:open': () => ({ id: 1, name: 'doc', targetLang: 'en', stats: emptyStats() }),
  'stats:document': () => emptyStats(),
  'pairs:list': (i) => {
    const all = [...store.values()].sort((a, b) => a.position - b.position);
    const offset = i.offset as number;
    return { total: all.length, offset, items: all.slice(offset, offset + (i.limit as number)) };
  },
  'pairs:update-target': (i) => {
    const p = store.get(i.pairId as number)!;
    if (!checkAction('translator', 'edit', p).ok) return { ok: false, error: { code: 'locked', key: 'errors.locked' } };
    const next = {
      ...p,
      target: i.target as string,
      targetCodes: (i.targetCodes as Pair['targetCodes']) ?? null,
      status: statusAfterEdit(p.status, i.target as string),
      version: p.version + 1,
    };
    store.set(p.id, next);
    return next;
  },
  'glossary:find': (i) => ({
    glossaryVersion: 1,
    pairs: Object.fromEntries((i.pairIds as number[]).filter((id) => recognised.has(id)).map((id) => [id, recognised.get(id)])),
  }),
  'glossary:add': (i) => ({
    id: 99,
    glossaryId: 1,
    note: '',
    forbidden: false,
    createdBy: '',
    createdAt: '',
    updatedAt: '',
    ...i,
  }),
  'glossary:list': () => ({ documentId: 1, scope: 'shared', glossaryId: 1, version: 2, total: 1, terms: [] }),
};

function emptyStats() {
  const z = () => ({ segments: 0, words: 0 });
  return {
    total: z(),
    byStatus: { new: z(), draft: z(), translated: z(), approved: z(), rejected: z() },
    excluded: z(),
    finished: false,
  };
}

vi.mock('../../../../src-renderer/lib/api', () => {
  class ApiError extends Error {
    constructor(readonly error: { code: string }) {
      super(error.code);
    }
  }
  const invoke = async (channel: string, input: Record<string, unknown>) => {
    calls.push({ channel, input });
    const gate = channel === 'glossary:find' ? gates.get((input.pairIds as number[])[0]!) : undefined;
    if (gate) await gate;
    const h = handlers[channel];
    if (!h) return { ok: false, error: { code: 'internal', key: 'errors.internal' } };
    const out = h(input);
    return out && typeof out === 'object' && 'ok' in out ? out : { ok: true, value: out };
  };
  return {
    ApiError,
    api: {
      invoke,
      call: async (channel: string, input: Record<string, unknown>) => {
        const r = (await invoke(channel, input)) as { ok: boolean; value?: unknown; error?: { code: string } };
        if (!r.ok) throw new ApiError(r.error!);
        return r.value;
      },
      on: () => () => {},
    },
  };
});

const { WorkspaceState } = await import('../../../../src-renderer/state/workspace.svelte');
const { GlossaryState } = await import('../../../../src-renderer/state/glossary.svelte');
const { spliceWord } = await import('../../../../src-renderer/lib/caret');
const { settings } = await import('../../../../src-renderer/state/settings.svelte');

function pair(id: number, status: Status = 'new', target = ''): Pair {
  return {
    id,
    documentId: 1,
    position: id - 1,
    source: `مصدر ${id}`,
    target,
    sourceCodes: null,
    targetCodes: null,
    status,
    excluded: false,
    version: 1,
    sourceWords: 2,
    targetWords: 0,
    rejectionReason: null,
    openComments: 0,
    updatedAt: '',
    updatedBy: null,
    origin: null,
  };
}

const hit = (termId: number, start: number, target: string): GlossaryHit => ({
  termId,
  start,
  end: start + 3,
  source: 'مصدر',
  target,
  note: '',
});
const finds = () => calls.filter((c) => c.channel === 'glossary:find').map((c) => c.input.pairIds);

beforeEach(() => {
  vi.useFakeTimers();
  calls.length = 0;
  store.clear();
  recognised.clear();
  gates.clear();
  for (let i = 1; i <= 3; i++) store.set(i, pair(i));
  store.set(3, pair(3, 'approved', 'Locked'));
  settings.value = { ...settings.value, role: 'translator' };
});
afterEach(() => vi.useRealTimers());

describe('GlossaryState', () => {
  it('asks for the rows on screen in one batch and answers none until then', async () => {
    const g = new GlossaryState(1);
    recognised.set(1, [hit(7, 0, 'source; origin')]);
    expect(g.termsOf(1)).toEqual([]);
    expect(g.termsOf(2)).toEqual([]);
    expect(g.termsOf(1)).toEqual([]);
    expect(finds()).toEqual([]);
    await vi.advanceTimersByTimeAsync(50);
    expect(finds()).toEqual([[1, 2]]);
    expect(g.termsOf(1).map((h) => h.termId)).toEqual([7]);
    expect(g.termsOf(2)).toEqual([]);
    await vi.advanceTimersByTimeAsync(50);
    expect(finds()).toHaveLength(1); // known pairs are not asked again
    expect(g.englishAt(1, 0)).toBe('source');
    expect(g.englishAt(1, 1)).toBeNull();
  });

  it('drops an answer asked before the glossary changed, and asks again', async () => {
    const g = new GlossaryState(1);
    recognised.set(1, [hit(7, 0, 'old')]);
    let release!: () => void;
    gates.set(1, new Promise((r) => (release = r)));
    g.termsOf(1);
    await vi.advanceTimersByTimeAsync(50);
    expect(finds()).toEqual([[1]]); // in flight
    gates.clear();
    recognised.set(1, [hit(7, 0, 'old'), hit(8, 4, 'new')]);
    await g.add({ source: 'مصدر', target: 'new', note: '', forbidden: false });
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(g.termsOf(1)).toEqual([]); // the stale answer was not kept
    await vi.advanceTimersByTimeAsync(50);
    expect(g.termsOf(1).map((h) => h.target)).toEqual(['old', 'new']);
  });

  it('lists each term once, in text order, for the quick keys', async () => {
    const g = new GlossaryState(1);
    recognised.set(1, [hit(7, 0, 'a'), hit(8, 5, 'b'), hit(7, 9, 'a')]);
    g.termsOf(1);
    await vi.advanceTimersByTimeAsync(50);
    expect(g.quickTerms(1).map((h) => h.termId)).toEqual([7, 8]);
    expect(
      g
        .layer()(store.get(1)!, { text: '', codes: null })!
        .source!.map((d) => [d.start, d.kind, d.title]),
    ).toEqual([
      [0, 'term', 'a'],
      [5, 'term', 'b'],
      [9, 'term', 'a'],
    ]);
  });

  it('inserts a term as one undo step: at the end without an editor on screen, never into a locked pair', async () => {
    const ws = new WorkspaceState(1);
    await ws.open();
    const g = new GlossaryState(1);
    recognised.set(1, [hit(7, 0, 'peacekeeping forces; peacekeepers')]);
    recognised.set(3, [hit(7, 0, 'peacekeeping forces')]);
    g.termsOf(1);
    g.termsOf(3);
    await vi.advanceTimersByTimeAsync(50);
    const p = ws.pairAt(0)!;
    ws.edit(p, 'The');
    expect(g.insert(ws, p, 0)).toBe(true);
    expect(ws.textOf(p)).toBe('The peacekeeping forces');
    expect(g.insert(ws, p, 1)).toBe(false);
    expect(ws.undo(p)).toBe(true);
    expect(ws.textOf(p)).toBe('The');
    expect(g.insert(ws, ws.pairAt(2)!, 0)).toBe(false);
  });
});

describe('spliceWord', () => {
  it('puts a phrase at the caret, spaced from the words beside it only', () => {
    expect(spliceWord('', 0, 0, 'NATO')).toEqual({ text: 'NATO', caret: 4 });
    expect(spliceWord('the summit', 3, 3, 'NATO')).toEqual({ text: 'the NATO summit', caret: 8 });
    expect(spliceWord('the  summit', 4, 4, 'NATO')).toEqual({ text: 'the NATO summit', caret: 8 });
    expect(spliceWord('(x)', 1, 2, 'NATO')).toEqual({ text: '(NATO)', caret: 5 });
    expect(spliceWord('in.', 2, 2, 'Geneva')).toEqual({ text: 'in Geneva.', caret: 9 });
  });
});
