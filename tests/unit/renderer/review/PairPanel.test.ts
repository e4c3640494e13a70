import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  checkAction,
  ROLES,
  STATUSES,
  type Comment,
  type Pair,
  type Revision,
  type Role,
} from '../../../../src-main/shared/domain';
import type { PairTimeline, QaIgnoreEvent } from '../../../../src-main/shared/contract';
import PairPanel from '../../../../src-renderer/components/review/PairPanel.svelte';
import { i18n } from '../../../../src-renderer/lib/i18n.svelte';
import { settings as app } from '../../../../src-renderer/state/settings.svelte';
import { WorkspaceState } from '../../../../src-renderer/state/workspace.svelte';
import { comment, pair, revision, settings } from './fixtures';

const { invoke } = vi.hoisted(() => ({ invoke: vi.fn() }));
vi.mock('../../../../src-renderer/lib/api', () => ({ api: { invoke, call: vi.fn(), on: vi.fn(() => () => {}) } }));

let comments: Comment[] = [];
let revisions: Revision[] = [];
let timeline: PairTimeline = { ignores: [], batches: [] };

function serve(extra: Record<string, (input: unknown) => unknown> = {}) {
  invoke.mockImplementation(async (channel: string, input: unknown) => {
    if (extra[channel]) return { ok: true, value: extra[channel](input) };
    if (channel === 'comments:list') return { ok: true, value: comments };
    if (channel === 'history:list') return { ok: true, value: revisions };
    if (channel === 'history:timeline') return { ok: true, value: timeline };
    return { ok: false, error: { code: 'internal', key: 'errors.internal' } };
  });
}

async function show(p: Pair, role: Role) {
  const ws = new WorkspaceState(1);
  const onchanged = vi.spyOn(ws, 'accept');
  app.value = settings(role);
  render(PairPanel, { props: { ws, pair: p, settings: settings(role) } });
  await vi.waitFor(() => expect(invoke).toHaveBeenCalledWith('history:list', { pairId: p.id }));
  await Promise.resolve();
  return { onchanged };
}

const ACTION_BUTTONS = { approve: 'Approve', reject: 'Reject…', reopen: 'Reopen…' } as const;

describe('PairPanel', () => {
  beforeEach(() => {
    i18n.set('en');
    invoke.mockReset();
    // Calls a test does not answer (the workspace's delayed statistics refresh) get a failed Result,
    // as from a main process that knows nothing, never undefined.
    invoke.mockResolvedValue({ ok: false, error: { code: 'internal', key: 'errors.internal' } });
    comments = [];
    revisions = [];
    timeline = { ignores: [], batches: [] };
    serve();
  });
  afterEach(() => cleanup());

  it('shows exactly the review actions checkAction allows, for every role and status', async () => {
    for (const role of ROLES) {
      for (const status of STATUSES) {
        for (const excluded of [false, true]) {
          const p = pair({ status, excluded, target: status === 'new' ? '' : 'Zakharova said' });
          const { unmount } = render(PairPanel, { props: { ws: new WorkspaceState(1), pair: p, settings: settings(role) } });
          for (const [action, label] of Object.entries(ACTION_BUTTONS) as [keyof typeof ACTION_BUTTONS, string][]) {
            const shown = screen.queryByRole('button', { name: label }) !== null;
            expect(shown, `${role} ${status}${excluded ? ' excluded' : ''} ${action}`).toBe(checkAction(role, action, p).ok);
          }
          unmount();
        }
      }
    }
  });

  it('never offers approval to a translator', async () => {
    await show(pair({ status: 'translated' }), 'translator');
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Reject…' })).toBeNull();
  });

  it('approves with the expected version and reports the new pair', async () => {
    const approved = pair({ status: 'approved', version: 6 });
    serve({ 'pairs:set-status': () => approved });
    const { onchanged } = await show(pair({ version: 5 }), 'editor');
    await fireEvent.click(screen.getByRole('button', { name: 'Approve' }));
    await vi.waitFor(() => expect(onchanged).toHaveBeenCalledWith(approved));
    expect(invoke).toHaveBeenCalledWith('pairs:set-status', {
      pairId: 7,
      expectedVersion: 5,
      action: 'approve',
      target: pair().target,
      targetCodes: null,
    });
  });

  it('opens the reject form for an editor and the reopen form (comment required) on an approved pair', async () => {
    await show(pair({ status: 'translated' }), 'editor');
    await fireEvent.click(screen.getByRole('button', { name: 'Reject…' }));
    expect(screen.getByRole('dialog', { name: 'Reject segment 4' })).toBeTruthy();
    cleanup();
    await show(pair({ status: 'approved' }), 'editor');
    await fireEvent.click(screen.getByRole('button', { name: 'Reopen…' }));
    const dialog = screen.getByRole('dialog', { name: 'Reopen segment 4' });
    const submit = within(dialog).getByRole('button', { name: 'Reopen' }) as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    serve({ 'pairs:set-status': () => pair({ status: 'translated', version: 6 }) });
    await fireEvent.input(within(dialog).getByLabelText(/^Why reopen it\?/), { target: { value: 'Client changed the term' } });
    await fireEvent.click(submit);
    await vi.waitFor(() =>
      expect(invoke).toHaveBeenCalledWith('pairs:set-status', {
        pairId: 7,
        expectedVersion: 5,
        action: 'reopen',
        comment: 'Client changed the term',
      }),
    );
  });

  it('renders threads with replies, rejection chips, and comment bodies as text', async () => {
    const rej = revision({
      kind: 'reject',
      target: 'x',
      status: 'rejected',
      author: 'Sami',
      role: 'editor',
      note: 'Wrong <b>title</b>',
      createdAt: '2026-01-10T11:00:00.000Z',
    });
    revisions = [rej];
    comments = [
      comment({ id: 1, body: 'Wrong <b>title</b>', category: 'terminology', severity: 'major' }),
      comment({
        id: 2,
        body: '<img src=x onerror=alert(1)> fixed',
        parentId: 1,
        author: 'Huda',
        role: 'translator',
        createdAt: '2026-01-10T12:00:00.000Z',
      }),
      comment({ id: 3, body: 'Old note', resolved: true, resolvedBy: 'Sami', createdAt: '2026-01-09T12:00:00.000Z' }),
    ];
    await show(pair({ status: 'rejected', rejectionReason: 'Wrong <b>title</b>', openComments: 1 }), 'translator');
    const threadEls = await screen.findAllByTestId('comment-thread');
    expect(threadEls).toHaveLength(2);
    const first = within(threadEls[0]!);
    expect(first.getByText('Terminology')).toBeTruthy();
    expect(first.getByText('Major')).toBeTruthy();
    expect(first.getByText('Rejection')).toBeTruthy();
    expect(first.getByText('<img src=x onerror=alert(1)> fixed')).toBeTruthy();
    expect(document.querySelector('img, b')).toBeNull();
    expect(threadEls[1]!.querySelector('.resolved-by')?.textContent).toBe('Resolved by Sami');
    // One open thread: the badge on the Comments tab.
    expect(screen.getByRole('tab', { name: /Comments/ }).textContent).toContain('1');
  });

  it('adds a reply to the thread and resolves a thread', async () => {
    comments = [comment({ id: 1, body: 'Check the date' })];
    serve({
      'comments:add': () => comment({ id: 2, body: 'Done', parentId: 1 }),
      'comments:set-resolved': () => comment({ id: 1, body: 'x', resolved: true }),
      'pairs:get': () => pair(),
    });
    await show(pair({ openComments: 1 }), 'translator');
    await fireEvent.click(await screen.findByRole('button', { name: 'Reply' }));
    await fireEvent.input(screen.getByLabelText('Reply to Sami'), { target: { value: ' Done ' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Send reply' }));
    await vi.waitFor(() => expect(invoke).toHaveBeenCalledWith('comments:add', { pairId: 7, body: 'Done', parentId: 1 }));
    await fireEvent.click(screen.getByRole('button', { name: 'Resolve' }));
    await vi.waitFor(() => expect(invoke).toHaveBeenCalledWith('comments:set-resolved', { commentId: 1, resolved: true }));
  });

  it('shows a translator the rejection reason and the editor’s changes since the confirmed text', async () => {
    revisions = [
      revision({ kind: 'confirm', target: 'Zakharova said Russia is not aggressor.' }),
      revision({
        kind: 'edit',
        target: 'Zakharova said Russia is not an aggressor.',
        author: 'Sami',
        role: 'editor',
        status: 'draft',
      }),
      revision({
        kind: 'reject',
        target: 'Zakharova said Russia is not an aggressor.',
        author: 'Sami',
        role: 'editor',
        status: 'rejected',
        note: 'Article missing',
        createdAt: '2026-01-10T11:00:00.000Z',
      }),
    ];
    comments = [comment({ id: 1, body: 'Article missing', category: 'fluency', severity: 'minor' })];
    await show(
      pair({ status: 'rejected', rejectionReason: 'Article missing', target: 'Zakharova said Russia is not an aggressor.' }),
      'translator',
    );
    const notice = await screen.findByTestId('rejection-notice');
    await vi.waitFor(() => expect(notice.textContent).toContain('Rejected by Sami'));
    expect(within(notice).getByText('Article missing')).toBeTruthy();
    expect(within(notice).getByText('Fluency')).toBeTruthy();
    const ins = notice.querySelectorAll('ins');
    expect([...ins].map((e) => e.textContent)).toEqual(['an ']);
    expect(notice.querySelectorAll('del')).toHaveLength(0);
  });

  it('lists history with word diffs, switches the comparison, and restores an earlier text', async () => {
    revisions = [
      revision({ id: 1, kind: 'import', target: '', status: 'new' }),
      revision({ id: 2, kind: 'confirm', target: 'The talks were professional.' }),
      revision({ id: 3, kind: 'edit', target: 'The talks were constructive.', author: 'Sami', role: 'editor', status: 'draft' }),
      revision({
        id: 4,
        kind: 'edit',
        target: 'The talks were very constructive.',
        author: 'Sami',
        role: 'editor',
        status: 'draft',
      }),
    ];
    const p = pair({ status: 'draft', target: 'The talks were very constructive.', version: 8 });
    serve({ 'history:restore': () => pair({ status: 'draft', target: 'The talks were professional.', version: 9 }) });
    const { onchanged } = await show(p, 'translator');
    await fireEvent.click(screen.getByRole('tab', { name: 'History' }));
    const items = await screen.findAllByTestId('revision');
    expect(items.map((e) => e.dataset.kind)).toEqual(['edit', 'edit', 'confirm', 'import']);
    // Newest first, against the previous revision: only "very" was added.
    expect([...items[0]!.querySelectorAll('ins')].map((e) => e.textContent)).toEqual(['very ']);
    expect(items[0]!.querySelectorAll('del')).toHaveLength(0);
    await fireEvent.click(screen.getByLabelText('Last confirmed version'));
    const again = screen.getAllByTestId('revision');
    expect([...again[0]!.querySelectorAll('del')].map((e) => e.textContent)).toEqual(['professional']);
    expect([...again[0]!.querySelectorAll('ins')].map((e) => e.textContent.trim())).toEqual(['very constructive']);
    // The current text has no restore button; the confirmed one has.
    expect(within(again[0]!).queryByRole('button', { name: 'Restore this text' })).toBeNull();
    await fireEvent.click(within(again[2]!).getByRole('button', { name: 'Restore this text' }));
    await vi.waitFor(() =>
      expect(invoke).toHaveBeenCalledWith('history:restore', { pairId: 7, revisionId: 2, expectedVersion: 8 }),
    );
    await vi.waitFor(() => expect(onchanged).toHaveBeenCalled());
  });

  it('offers no restore on an approved (locked) pair', async () => {
    revisions = [
      revision({ id: 1, kind: 'confirm', target: 'Old' }),
      revision({ id: 2, kind: 'edit', target: 'New', status: 'draft' }),
      revision({ id: 3, kind: 'approve', target: 'New', status: 'approved' }),
    ];
    await show(pair({ status: 'approved', target: 'New' }), 'editor');
    await fireEvent.click(screen.getByRole('tab', { name: 'History' }));
    const items = await screen.findAllByTestId('revision');
    expect(screen.queryByRole('button', { name: 'Restore this text' })).toBeNull();
    // An approval that did not touch the text says so instead of repeating it.
    expect(items[0]!.textContent).toContain('No change to the text.');
    expect(items[0]!.textContent).not.toContain('New');
    expect(items[0]!.querySelector('ins, del')).toBeNull();
  });

  it('shows "not an error" marks among the revisions by time, and says when one no longer applies', async () => {
    revisions = [
      revision({ id: 1, kind: 'confirm', target: 'CNN said.', createdAt: '2026-01-10T10:00:00.000Z' }),
      revision({ id: 2, kind: 'edit', target: 'It said.', status: 'draft', createdAt: '2026-01-10T12:00:00.000Z' }),
    ];
    const mark = (over: Partial<QaIgnoreEvent> & Pick<QaIgnoreEvent, 'id' | 'createdAt'>): QaIgnoreEvent => ({
      check: 'latin-missing',
      action: 'ignore',
      author: 'Sami',
      role: 'editor',
      standing: 'applies',
      lapsedAt: null,
      ...over,
    });
    timeline = {
      ignores: [
        mark({ id: 1, createdAt: '2026-01-10T11:00:00.000Z', standing: 'lapsed', lapsedAt: '2026-01-10T12:00:00.000Z' }),
        mark({ id: 2, createdAt: '2026-01-10T13:00:00.000Z', check: 'spelling' }),
        mark({ id: 3, createdAt: '2026-01-10T14:00:00.000Z', check: 'spelling', action: 'unignore', standing: null }),
      ],
      batches: [],
    };
    await show(pair({ status: 'draft', target: 'It said.' }), 'editor');
    await fireEvent.click(screen.getByRole('tab', { name: 'History' }));
    await screen.findAllByTestId('qa-mark');
    const items = [...document.querySelectorAll<HTMLElement>('[data-testid="revision"], [data-testid="qa-mark"]')];
    // Newest first: the withdrawal, the spelling mark, the edit that made the first mark lapse, it, the confirmation.
    expect(items.map((e) => e.dataset.standing ?? e.dataset.kind)).toEqual(['withdrawn', 'applies', 'edit', 'lapsed', 'confirm']);
    expect(items[0]!.textContent).toContain('“Not an error” taken back: Spelling');
    expect(items[1]!.textContent).toContain('Marked not an error: Spelling');
    expect(items[1]!.textContent).toContain('Sami');
    expect(items[1]!.textContent).toContain('Applies to the current text.');
    expect(items[3]!.textContent).toContain('Marked not an error: Missing names and acronyms');
    expect(items[3]!.textContent).toContain('No longer applies: the text changed');
    i18n.set('ar');
    await vi.waitFor(() => expect(items[3]!.textContent).toContain('لم تعد تنطبق'));
  });

  it('names the batch a revision belongs to and undoes the whole batch from the history', async () => {
    revisions = [
      revision({ id: 1, kind: 'edit', target: 'The peace-keeping forces.', status: 'draft' }),
      revision({
        id: 2,
        kind: 'replace',
        origin: 'replace',
        batchId: 5,
        note: '“peace-keeping” → “peacekeeping”',
        target: 'The peacekeeping forces.',
        status: 'draft',
      }),
    ];
    const batch = {
      id: 5,
      documentId: 1,
      origin: 'replace',
      author: 'Sami',
      note: '“peace-keeping” → “peacekeeping”',
      createdAt: '2026-01-10T10:00:00.000Z',
      pairs: 3,
      undoneAt: null,
    };
    timeline = { ignores: [], batches: [batch] };
    serve({ 'tm:undo-batch': () => ({ restored: [7, 8], refused: [{ pairId: 9, reason: 'conflict' }] }) });
    await show(pair({ status: 'draft', target: 'The peacekeeping forces.' }), 'translator');
    await fireEvent.click(screen.getByRole('tab', { name: 'History' }));
    const items = await screen.findAllByTestId('revision');
    expect(items[0]!.textContent).toContain('Find & replace');
    expect(within(items[0]!).getByTestId('revision-batch').textContent).toContain('Part of a batch: Find & replace');
    await fireEvent.click(within(items[0]!).getByRole('button', { name: 'Undo batch' }));
    await vi.waitFor(() => expect(invoke).toHaveBeenCalledWith('tm:undo-batch', { batchId: 5 }));
    expect((await screen.findByTestId('history-batch-undone')).textContent).toMatch(/2 segments .* 1 segment changed since/s);
    // Once undone, the batch is marked so, with no second undo.
    timeline = { ignores: [], batches: [{ ...batch, undoneAt: '2026-01-10T11:00:00.000Z' }] };
    cleanup();
    await show(pair({ status: 'draft', target: 'The peacekeeping forces.' }), 'translator');
    await fireEvent.click(screen.getByRole('tab', { name: 'History' }));
    expect(await screen.findByTestId('revision-batch-undone')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Undo batch' })).toBeNull();
  });
});
