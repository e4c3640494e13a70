// The workspace's autosave and status logic against an in-memory main process.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Pair, Status } from '../../../src-main/shared/domain';
import { checkAction, statusAfterEdit } from '../../../src-main/shared/domain';

type Handler = (input: Record<string, unknown>) => unknown;
const calls: { channel: string; input: Record<string, unknown> }[] = [];
const store = new Map<number, Pair>();
let role: 'translator' | 'editor' = 'translator';
/** While set, every request waits for it: a request "in flight". */
let gate: Promise<void> | null = null;
/** A channel that answers with an error while set. */
let failing: string | null = null;

function fail(code: string, params?: Record<string, unknown>) {
  return { ok: false as const, error: { code, key: `errors.${code}`, ...(params ? { params } : {}) } };
}
function write(p: Pair, change: Partial<Pair>): Pair {
  const next = { ...p, ...change, version: p.version + 1 };
  store.set(p.id, next);
  return next;
}

const handlers: Record<string, Handler> = {
  'documents:open': () => ({ id: 1, name: 'doc', targetLang: 'en', stats: emptyStats() }),
  'stats:document': () => emptyStats(),
  'pairs:list': (i) => {
    const all = [...store.values()].sort((a, b) => a.position - b.position);
    const offset = i.offset as number;
    return { total: all.length, offset, items: all.slice(offset, offset + (i.limit as number)) };
  },
  'pairs:get': (i) => store.get(i.pairId as number),
  'pairs:update-target': (i) => {
    const p = store.get(i.pairId as number)!;
    if (p.version !== i.expectedVersion) return fail('conflict', { currentVersion: p.version });
    const verdict = checkAction(role, 'edit', p);
    if (!verdict.ok) return fail(verdict.reason);
    return write(p, { target: i.target as string, status: statusAfterEdit(p.status, i.target as string) });
  },
  'pairs:set-status': (i) => {
    const p = store.get(i.pairId as number)!;
    if (p.version !== i.expectedVersion) return fail('conflict', { currentVersion: p.version });
    const action = i.action as 'confirm' | 'approve' | 'reject' | 'reopen';
    const target = (i.target as string | undefined) ?? p.target;
    const verdict = checkAction(role, action, { ...p, target });
    if (!verdict.ok) return fail(verdict.reason);
    if (action === 'approve' && target.includes('2022') && !i.overrideQa)
      return fail('qa_errors', { count: 1, checks: 'number-missing' });
    const status: Record<typeof action, Status> = {
      confirm: 'translated',
      approve: 'approved',
      reject: 'rejected',
      reopen: 'translated',
    };
    return write(p, { target, status: status[action] });
  },
  'pairs:set-excluded': (i) => {
    const p = store.get(i.pairId as number)!;
    if (p.version !== i.expectedVersion) return fail('conflict', { currentVersion: p.version });
    return write(p, { excluded: i.excluded as boolean });
  },
  'history:restore': (i) => {
    const p = store.get(i.pairId as number)!;
    if (p.version !== i.expectedVersion) return fail('conflict', { currentVersion: p.version });
    return write(p, { target: `revision ${i.revisionId as number}`, status: 'draft' });
  },
  'pairs:navigate': (i) => {
    const from = i.fromPosition as number;
    const next = [...store.values()]
      .sort((a, b) => a.position - b.position)
      .find((p) => p.position > from && ['new', 'draft', 'rejected'].includes(p.status));
    return { pair: next ?? null };
  },
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

vi.mock('../../../src-renderer/lib/api', () => {
  class ApiError extends Error {
    constructor(readonly error: { code: string }) {
      super(error.code);
    }
  }
  const invoke = async (channel: string, input: Record<string, unknown>) => {
    calls.push({ channel, input });
    if (gate) await gate;
    if (channel === failing) return fail('internal');
    const h = handlers[channel];
    if (!h) return fail('internal');
    const out = h(input);
    return out && typeof out === 'object' && 'ok' in out && (out as { ok: boolean }).ok === false
      ? out
      : { ok: true, value: out };
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

const { WorkspaceState, AUTOSAVE_MS, openEarly } = await import('../../../src-renderer/state/workspace.svelte');
const { startEarly } = await import('../../../src-renderer/state/early');
const { settings } = await import('../../../src-renderer/state/settings.svelte');
const { notices } = await import('../../../src-renderer/state/notices.svelte');
const { ui } = await import('../../../src-renderer/state/ui.svelte');

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
  return ws;
}
const WRITES = ['pairs:update-target', 'pairs:set-status', 'pairs:set-excluded', 'history:restore'];
const writes = () => calls.filter((c) => WRITES.includes(c.channel));

beforeEach(() => {
  vi.useFakeTimers();
  calls.length = 0;
  store.clear();
  for (let i = 1; i <= 5; i++) store.set(i, pair(i));
  role = 'translator';
  gate = null;
  failing = null;
  settings.value = { ...settings.value, role: 'translator' };
});
afterEach(() => vi.useRealTimers());

describe('WorkspaceState', () => {
  it('saves once, after typing stops, with the version the text was typed over', async () => {
    const ws = await open();
    const p = ws.pairAt(0)!;
    ws.edit(p, 'H');
    ws.edit(p, 'He');
    ws.edit(p, 'Hello');
    expect(ws.autosave.saveStates.get(1)).toBe('dirty');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_MS - 50);
    expect(writes()).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(100);
    expect(writes().map((c) => c.input)).toEqual([{ pairId: 1, target: 'Hello', targetCodes: null, expectedVersion: 1 }]);
    expect(ws.autosave.saveStates.get(1)).toBe('saved');
    expect(ws.autosave.drafts.has(1)).toBe(false);
    expect(ws.pairAt(0)).toMatchObject({ target: 'Hello', status: 'draft', version: 2 });
    expect(ws.autosave.overall).toBe('saved');
  });

  it('an inserted machine translation is saved at once with origin mt, and one undo brings the typed text back', async () => {
    const ws = await open();
    const p = ws.pairAt(0)!;
    ws.edit(p, 'My own start');
    expect(ws.changeTarget(p, 'Machine text', 'mt')).toBe(true);
    await vi.waitFor(() => expect(writes()).toHaveLength(1));
    expect(writes()[0]?.input).toEqual({
      pairId: 1,
      target: 'Machine text',
      targetCodes: null,
      expectedVersion: 1,
      origin: 'mt',
    });
    await vi.waitFor(() => expect(ws.pairAt(0)?.target).toBe('Machine text'));
    // Typing after it is plain typing again.
    ws.edit(ws.pairAt(0)!, 'Machine text, edited');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_MS + 50);
    expect(writes()[1]?.input).not.toHaveProperty('origin');
    expect(ws.undo(ws.pairAt(0)!)).toBe(true);
    expect(ws.textOf(ws.pairAt(0)!)).toBe('Machine text');
    expect(ws.undo(ws.pairAt(0)!)).toBe(true);
    expect(ws.textOf(ws.pairAt(0)!)).toBe('My own start');
  });

  it('saves at once when the pair is left (flush), and not again after', async () => {
    const ws = await open();
    ws.edit(ws.pairAt(1)!, 'Leaving');
    await ws.flush(2);
    expect(writes()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(AUTOSAVE_MS * 2);
    expect(writes()).toHaveLength(1);
  });

  it('keeps typing that happens during a save and saves it next, on the new version', async () => {
    const ws = await open();
    const p = ws.pairAt(0)!;
    ws.edit(p, 'one');
    let release!: () => void;
    gate = new Promise((r) => (release = r));
    const saving = ws.flush(1);
    await vi.waitFor(() => expect(writes()).toHaveLength(1));
    ws.edit(p, 'one two'); // typed while 'one' is on its way
    gate = null;
    release();
    await saving;
    expect(ws.autosave.drafts.get(1)).toEqual({ text: 'one two', codes: null, baseVersion: 2 });
    expect(ws.autosave.saveStates.get(1)).toBe('dirty');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_MS + 10);
    expect(writes().map((c) => c.input.expectedVersion)).toEqual([1, 2]);
    expect(store.get(1)!.target).toBe('one two');
  });

  it('shows a conflict instead of overwriting a newer version, and resolves it either way', async () => {
    const ws = await open();
    const p = ws.pairAt(0)!;
    write(store.get(1)!, { target: 'theirs' }); // someone else, unheard
    ws.edit(p, 'mine');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_MS + 10);
    expect(ws.autosave.saveStates.get(1)).toBe('conflict');
    expect(ws.autosave.conflicts.get(1)?.theirs.target).toBe('theirs');
    expect(ws.textOf(ws.pairAt(0)!)).toBe('mine');
    expect(store.get(1)!.target).toBe('theirs');
    // More typing does not save behind the user's back while the conflict is open.
    ws.edit(ws.pairAt(0)!, 'mine!');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_MS + 10);
    expect(store.get(1)!.target).toBe('theirs');

    await ws.autosave.keepMine(1);
    expect(store.get(1)!.target).toBe('mine!');
    expect(ws.autosave.conflicts.has(1)).toBe(false);

    write(store.get(1)!, { target: 'theirs again' });
    ws.edit(ws.pairAt(0)!, 'mine again');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_MS + 10);
    expect(ws.autosave.saveStates.get(1)).toBe('conflict');
    ws.autosave.keepTheirs(1);
    expect(ws.textOf(ws.pairAt(0)!)).toBe('theirs again');
    expect(store.get(1)!.target).toBe('theirs again');
  });

  it('confirms with the typed text in one request, then goes to the next pair needing work', async () => {
    const ws = await open();
    ws.focus(0);
    ws.edit(ws.pairAt(0)!, 'Done');
    await ws.confirmAndNext(ws.pairAt(0)!);
    expect(writes().map((c) => [c.channel, c.input.target])).toEqual([['pairs:set-status', 'Done']]);
    expect(store.get(1)).toMatchObject({ status: 'translated', target: 'Done' });
    expect(ws.focusedIndex).toBe(1);
    expect(ws.focusRequest).toEqual({ index: 1, where: 'editor' });
  });

  it('re-confirming an edited translated pair saves first (it becomes a draft), then confirms', async () => {
    store.set(1, { ...pair(1, 'translated', 'Old'), version: 3 });
    const ws = await open();
    ws.edit(ws.pairAt(0)!, 'New');
    expect(await ws.setStatus(ws.pairAt(0)!, 'confirm')).toBe(true);
    expect(writes().map((c) => c.channel)).toEqual(['pairs:update-target', 'pairs:set-status']);
    expect(store.get(1)).toMatchObject({ status: 'translated', target: 'New', version: 5 });
  });

  it('an editor approves; an empty pair is refused with the reason, nothing is sent', async () => {
    role = 'editor';
    settings.value = { ...settings.value, role: 'editor' };
    store.set(2, pair(2, 'translated', 'Ready'));
    const ws = await open();
    expect(await ws.setStatus(ws.pairAt(0)!, 'approve')).toBe(false);
    expect(writes()).toHaveLength(0);
    expect(await ws.setStatus(ws.pairAt(1)!, 'approve')).toBe(true);
    expect(store.get(2)!.status).toBe('approved');
  });

  it('an approval over QA errors asks the editor first: approved only when confirmed, the override sent', async () => {
    role = 'editor';
    settings.value = { ...settings.value, role: 'editor' };
    store.set(2, pair(2, 'translated', 'Signed in 2022'));
    store.set(3, pair(3, 'translated', 'Also 2022'));
    const ws = await open();
    const first = ws.setStatus(ws.pairAt(1)!, 'approve');
    await vi.waitFor(() => expect(ui.question).not.toBeNull());
    expect(ui.question!.message).toBeTruthy();
    ui.question!.answer(true);
    expect(await first).toBe(true);
    expect(store.get(2)!.status).toBe('approved');
    expect(calls.filter((c) => c.channel === 'pairs:set-status').map((c) => c.input.overrideQa)).toEqual([undefined, true]);

    const second = ws.setStatus(ws.pairAt(2)!, 'approve');
    await vi.waitFor(() => expect(ui.question).not.toBeNull());
    ui.question!.answer(false);
    expect(await second).toBe(false);
    expect(store.get(3)!.status).toBe('translated');
    expect(ui.question).toBeNull();
  });

  it('shows a refused save as an error on the pair and in the overall state, keeping the text', async () => {
    store.set(3, { ...pair(3), excluded: true });
    const ws = await open();
    ws.edit(ws.pairAt(2)!, 'typed anyway');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_MS + 10);
    expect(ws.autosave.saveStates.get(3)).toBe('error');
    expect(ws.autosave.saveErrors.get(3)?.code).toBe('excluded');
    expect(ws.autosave.overall).toBe('error');
    expect(ws.textOf(ws.pairAt(2)!)).toBe('typed anyway');
  });

  it('saves the unsaved draft before every other write to the pair, which then applies to the saved version', async () => {
    role = 'editor';
    settings.value = { ...settings.value, role: 'editor' };
    const cases: [string, (ws: InstanceType<typeof WorkspaceState>, p: Pair) => Promise<unknown>, string][] = [
      ['reject', (ws, p) => ws.reject(p, { comment: 'Wrong term' }), 'pairs:set-status'],
      ['restore', (ws, p) => ws.restore(p, 1), 'history:restore'],
      ['exclude', (ws, p) => ws.setExcluded(p, true), 'pairs:set-excluded'],
    ];
    for (const [name, run, channel] of cases) {
      store.set(1, pair(1, 'translated', 'Old'));
      calls.length = 0;
      const ws = await open();
      ws.edit(ws.pairAt(0)!, `typed before ${name}`);
      expect(await run(ws, ws.pairAt(0)!), name).toBeFalsy();
      expect(
        writes().map((c) => [c.channel, c.input.expectedVersion]),
        name,
      ).toEqual([
        ['pairs:update-target', 1],
        [channel, 2],
      ]);
      expect(ws.autosave.drafts.has(1), name).toBe(false);
      ws.dispose();
    }
  });

  it('an approval from the panel carries the unsaved text, as Ctrl+Enter does', async () => {
    role = 'editor';
    settings.value = { ...settings.value, role: 'editor' };
    store.set(1, pair(1, 'draft', 'Draft'));
    const ws = await open();
    ws.edit(ws.pairAt(0)!, 'Draft, corrected');
    expect(await ws.setStatus(ws.pairAt(0)!, 'approve')).toBe(true);
    expect(store.get(1)).toMatchObject({ status: 'approved', target: 'Draft, corrected' });
    expect(ws.autosave.drafts.has(1)).toBe(false);
  });

  it('does not write over a draft it could not save (a conflict stays for the user to resolve)', async () => {
    role = 'editor';
    settings.value = { ...settings.value, role: 'editor' };
    store.set(1, pair(1, 'translated', 'Old'));
    const ws = await open();
    write(store.get(1)!, { target: 'theirs' }); // someone else, unheard
    ws.edit(ws.pairAt(0)!, 'mine');
    const error = await ws.reject(ws.pairAt(0)!, { comment: 'Wrong' });
    expect(error?.code).toBe('conflict');
    expect(store.get(1)).toMatchObject({ status: 'translated', target: 'theirs' });
    expect(ws.autosave.conflicts.has(1)).toBe(true);
  });

  it('a refused action leaves an error notice that the next successful save clears', async () => {
    role = 'editor';
    settings.value = { ...settings.value, role: 'editor' };
    const ws = await open();
    expect(await ws.setStatus(ws.pairAt(0)!, 'approve')).toBe(false);
    expect(notices.items.filter((n) => n.kind === 'error')).toHaveLength(1);
    ws.edit(ws.pairAt(1)!, 'Fixed elsewhere');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_MS + 10);
    expect(store.get(2)!.target).toBe('Fixed elsewhere');
    expect(notices.items.filter((n) => n.kind === 'error')).toEqual([]);
  });

  it('steps between rows within bounds', async () => {
    const ws = await open();
    ws.step(1);
    expect(ws.focusedIndex).toBe(0);
    ws.step(-1);
    expect(ws.focusedIndex).toBe(0);
    ws.focus(4);
    ws.step(1);
    expect(ws.focusedIndex).toBe(4);
  });

  // Starting straight into a document (state/early.ts): the first module evaluated asks for it.
  describe('start-up', () => {
    it('asks for the first page first, then the settings; the workspace takes them, once, and asks for the summary after its first rows are painted', async () => {
      startEarly('#/documents/1');
      expect(calls.map((c) => c.channel)).toEqual(['pairs:list', 'settings:get', 'app:get-info']);
      await settings.load();
      await openEarly(1);
      const ws = new WorkspaceState(1);
      let painted: () => void = () => {};
      const opening = ws.open(new Promise<void>((resolve) => (painted = resolve)));
      await vi.advanceTimersByTimeAsync(100);
      expect(ws.pairAt(0)?.id).toBe(1);
      expect(ws.doc).toBeNull();
      expect(calls.map((c) => c.channel)).toEqual(['pairs:list', 'settings:get', 'app:get-info']);
      painted();
      await opening;
      expect(ws.doc?.name).toBe('doc');
      expect(calls.map((c) => c.channel)).toEqual(['pairs:list', 'settings:get', 'app:get-info', 'documents:open']);
    });

    it('a workspace made once the first page has answered starts with its rows (one render, not two)', async () => {
      startEarly('#/documents/1');
      await openEarly(1);
      await Promise.resolve();
      const ws = new WorkspaceState(1);
      // Before open(), before any await: what the first render reads.
      expect(ws.total).toBe(5);
      expect(ws.pairAt(4)?.id).toBe(5);
      await ws.open();
      expect(calls.filter((c) => c.channel === 'pairs:list')).toHaveLength(1);
      expect(ws.doc?.name).toBe('doc');
    });

    it('a first page that fails does not wait for a paint that will not come: the summary is asked for at once', async () => {
      failing = 'pairs:list';
      const ws = new WorkspaceState(1);
      await ws.open(new Promise<void>(() => {}));
      expect(ws.total).toBe(-1);
      expect(ws.doc?.name).toBe('doc');
    });

    it('starting elsewhere asks for the settings only, and a document opened later asks for itself', async () => {
      startEarly('#/');
      expect(calls.map((c) => c.channel)).toEqual(['settings:get', 'app:get-info']);
      await settings.load();
      const ws = await open();
      expect(ws.pairAt(0)?.id).toBe(1);
      expect(calls.map((c) => c.channel)).toEqual(['settings:get', 'app:get-info', 'pairs:list', 'documents:open']);
    });
  });
});
