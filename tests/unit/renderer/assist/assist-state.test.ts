// The assistance panel's memory lookups and insertions against an in-memory main process.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TmLookupResult, TmMatch } from '../../../../src-main/shared/contract';
import type { Pair, Status } from '../../../../src-main/shared/domain';
import { checkAction, statusAfterEdit } from '../../../../src-main/shared/domain';
import type { InlineCode } from '../../../../src-main/shared/inline';

const calls: { channel: string; input: Record<string, unknown> }[] = [];
const store = new Map<number, Pair>();
/** Lookups wait for their pair's gate while one is set: an answer "in flight". */
const gates = new Map<number, Promise<void>>();

function match(over: Partial<TmMatch> = {}): TmMatch {
  return {
    unitId: 1,
    score: 100,
    kind: 'exact',
    source: 'مصدر',
    diff: [{ op: 'equal', text: 'مصدر' }],
    target: 'Source',
    storedTarget: 'Source',
    numbersReplaced: 0,
    origin: {
      kind: 'tmx',
      name: 'a.tmx',
      documentId: null,
      pairId: null,
      author: null,
      changedAt: '2026-01-01T00:00:00.000Z',
      status: 'imported',
    },
    ...over,
  };
}

/** What the memory answers for each pair. */
const memory = new Map<number, TmMatch[]>();

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
  'tm:lookup': (i): TmLookupResult => ({
    pairId: i.pairId as number,
    matches: memory.get(i.pairId as number) ?? [],
    repetitions: i.pairId === 2 ? 3 : 0,
  }),
  'tm:repetitions': () => ({ documentId: 1, segments: 4, words: 20, groups: 2 }),
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
    const gate = channel === 'tm:lookup' ? gates.get(input.pairId as number) : undefined;
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
const { AssistState, LOOKUP_DEBOUNCE_MS } = await import('../../../../src-renderer/state/assist.svelte');
const { settings } = await import('../../../../src-renderer/state/settings.svelte');
const { notices } = await import('../../../../src-renderer/state/notices.svelte');

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

async function open() {
  const ws = new WorkspaceState(1);
  await ws.open();
  return { ws, assist: new AssistState(ws) };
}
const lookups = () => calls.filter((c) => c.channel === 'tm:lookup').map((c) => c.input.pairId);

beforeEach(() => {
  vi.useFakeTimers();
  calls.length = 0;
  store.clear();
  memory.clear();
  gates.clear();
  notices.items = [];
  for (let i = 1; i <= 4; i++) store.set(i, pair(i));
  store.set(4, pair(4, 'approved', 'Locked'));
  settings.value = { ...settings.value, role: 'translator' };
});
afterEach(() => vi.useRealTimers());

describe('AssistState', () => {
  it('asks the memory once focus rests: fast moves cancel the lookups of pairs passed over', async () => {
    const { assist } = await open();
    memory.set(3, [match({ target: 'Three' })]);
    assist.request(1);
    await vi.advanceTimersByTimeAsync(LOOKUP_DEBOUNCE_MS / 2);
    assist.request(2);
    await vi.advanceTimersByTimeAsync(LOOKUP_DEBOUNCE_MS / 2);
    assist.request(3);
    expect(lookups()).toEqual([]);
    await vi.advanceTimersByTimeAsync(LOOKUP_DEBOUNCE_MS + 1);
    expect(lookups()).toEqual([3]);
    expect(calls.find((c) => c.channel === 'tm:lookup')!.input).toEqual({ pairId: 3, limit: 5 });
    expect(assist.answered(3)).toBe(true);
    expect(assist.matchesFor(3).map((m) => m.target)).toEqual(['Three']);
  });

  it("never shows one pair's matches for another, however late the answer comes", async () => {
    const { assist } = await open();
    memory.set(1, [match({ target: 'One' })]);
    memory.set(2, [match({ target: 'Two' })]);
    let release!: () => void;
    gates.set(1, new Promise((r) => (release = r)));
    assist.request(1);
    await vi.advanceTimersByTimeAsync(LOOKUP_DEBOUNCE_MS + 1);
    expect(lookups()).toEqual([1]); // running, not answered
    assist.request(2);
    expect(assist.matchesFor(2)).toEqual([]);
    release(); // pair 1's answer arrives while pair 2 is focused
    await vi.advanceTimersByTimeAsync(0);
    expect(assist.matchesFor(1)).toEqual([]);
    expect(assist.matchesFor(2)).toEqual([]);
    expect(assist.answered(2)).toBe(false);
    await vi.advanceTimersByTimeAsync(LOOKUP_DEBOUNCE_MS + 1);
    expect(assist.matchesFor(2).map((m) => m.target)).toEqual(['Two']);
    expect(assist.repeatsOf(2)).toBe(3);
    expect(assist.repeatsOf(1)).toBe(0);
  });

  it('inserts a match as one undo step, says when it replaced typed text, and saves it', async () => {
    const { ws, assist } = await open();
    memory.set(1, [match({ target: 'First' }), match({ unitId: 2, score: 87, kind: 'fuzzy', target: 'Second, 2023' })]);
    assist.request(1);
    await vi.advanceTimersByTimeAsync(LOOKUP_DEBOUNCE_MS + 1);
    const p = ws.pairAt(0)!;
    ws.edit(p, 'typed by hand');
    expect(assist.insert(p, 1)).toBe(true);
    expect(ws.textOf(ws.pairAt(0)!)).toBe('Second, 2023');
    expect(notices.items.map((n) => n.text)).toEqual([expect.stringContaining('segment 1 was replaced')]);
    // A second insertion over the first is one more step; two undos bring the typing back.
    expect(assist.insert(p, 0)).toBe(true);
    expect(ws.textOf(ws.pairAt(0)!)).toBe('First');
    expect(ws.undo(ws.pairAt(0)!)).toBe(true);
    expect(ws.textOf(ws.pairAt(0)!)).toBe('Second, 2023');
    expect(ws.undo(ws.pairAt(0)!)).toBe(true);
    expect(ws.textOf(ws.pairAt(0)!)).toBe('typed by hand');
    await ws.flush(1);
    expect(store.get(1)!.target).toBe('typed by hand');
  });

  it('carries the tags the memory placed, and inserts nothing for a missing slot, another pair or a locked pair', async () => {
    const { ws, assist } = await open();
    const codes: InlineCode[] = [
      { pos: 0, kind: 'open', id: 'b1', type: 'bold' },
      { pos: 4, kind: 'close', id: 'b1', type: 'bold' },
    ];
    memory.set(1, [match({ target: 'Bold', targetCodes: codes })]);
    memory.set(4, [match({ target: 'Over the lock' })]);
    assist.request(1);
    await vi.advanceTimersByTimeAsync(LOOKUP_DEBOUNCE_MS + 1);
    expect(assist.insert(ws.pairAt(0)!, 1)).toBe(false);
    expect(assist.insert(ws.pairAt(1)!, 0)).toBe(false); // pair 2 has no answer of its own
    expect(ws.textOf(ws.pairAt(1)!)).toBe('');
    expect(assist.insert(ws.pairAt(0)!, 0)).toBe(true);
    expect(ws.codesOf(ws.pairAt(0)!)).toEqual(codes);
    assist.request(4);
    await vi.advanceTimersByTimeAsync(LOOKUP_DEBOUNCE_MS + 1);
    expect(assist.insert(ws.pairAt(3)!, 0)).toBe(false);
    expect(ws.textOf(ws.pairAt(3)!)).toBe('Locked');
  });

  it("loads the document's repetitions for the status bar", async () => {
    const { assist } = await open();
    await assist.loadRepetitions();
    expect(assist.repetitions).toEqual({ documentId: 1, segments: 4, words: 20, groups: 2 });
  });
});
