// The pre-translation dialog over the contract: previews per threshold (a late answer for another
// threshold is never shown), runs as a named job that Cancel stops, and offers Undo only for a
// batch that stands.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TmBatch, TmPretranslateResult } from '../../../../src-main/shared/contract';
import PretranslateDialog from '../../../../src-renderer/components/assist/PretranslateDialog.svelte';
import { i18n } from '../../../../src-renderer/lib/i18n.svelte';
import { DocumentTools } from '../../../../src-renderer/state/document-tools';

const { invoke } = vi.hoisted(() => ({ invoke: vi.fn() }));
vi.mock('../../../../src-renderer/lib/api', () => ({ api: { invoke, call: vi.fn(), on: vi.fn(() => () => {}) } }));

const result = (filled: number, translated: number, unmatched = 0): TmPretranslateResult => ({
  documentId: 4,
  batchId: null,
  filled,
  translated,
  draft: filled - translated,
  unmatched,
});
const batch = (id: number, undoneAt: string | null): TmBatch => ({
  id,
  documentId: 4,
  origin: 'pretranslate',
  author: 'Huda',
  note: null,
  createdAt: '2026-01-01T10:00:00.000Z',
  pairs: 3,
  undoneAt,
});

type Handler = (input: Record<string, unknown>) => Promise<unknown> | unknown;
let handlers: Record<string, Handler>;

beforeEach(() => {
  i18n.set('en');
  invoke.mockReset();
  invoke.mockImplementation(async (channel: string, input: Record<string, unknown>) => {
    const h = handlers[channel];
    return h ? { ok: true, value: await h(input) } : { ok: false, error: { code: 'internal', key: 'errors.internal' } };
  });
});
afterEach(() => cleanup());

function open() {
  const refreshAll = vi.fn();
  const tools = new DocumentTools(4, { settleDrafts: async () => {}, refreshAll });
  render(PretranslateDialog, { props: { memory: tools.memory, onclose: () => {} } });
  return { dialog: screen.getByRole('dialog'), refreshAll };
}

describe('PretranslateDialog', () => {
  it('shows the preview of the threshold chosen, never a late answer for the previous one', async () => {
    let releaseSlow!: () => void;
    handlers = {
      'tm:batches': () => [],
      'tm:pretranslate': (i) => {
        if (i.minScore === 100) return new Promise((r) => (releaseSlow = () => r(result(2, 2, 5))));
        return result(4, 2, 3);
      },
    };
    const { dialog } = open();
    const select = within(dialog).getByTestId('pretranslate-threshold');
    await fireEvent.change(select, { target: { value: '85' } });
    await within(dialog).findByText('Would fill 4 segments:');
    releaseSlow();
    await new Promise((r) => setTimeout(r, 0));
    expect(within(dialog).getByTestId('pretranslate-preview').textContent).toContain('Would fill 4 segments:');
    expect(within(dialog).getByTestId('pretranslate-preview').textContent).toContain('2 as Translated, 2 as Draft.');
    expect(invoke.mock.calls.filter(([c]) => c === 'tm:pretranslate').map(([, i]) => i)).toEqual([
      { documentId: 4, minScore: 100, dryRun: true },
      { documentId: 4, minScore: 85, dryRun: true },
    ]);
  });

  it('runs as a named job that Cancel stops, and reports a cancelled run without a summary', async () => {
    let fail!: () => void;
    handlers = {
      'tm:batches': () => [],
      'tm:pretranslate': () => result(3, 3),
      'jobs:cancel': () => ({ found: true }),
    };
    invoke.mockImplementation(async (channel: string, input: Record<string, unknown>) => {
      if (channel === 'tm:pretranslate' && !input.dryRun) {
        await new Promise<void>((r) => (fail = r));
        return { ok: false, error: { code: 'cancelled', key: 'errors.cancelled' } };
      }
      return { ok: true, value: await handlers[channel]!(input) };
    });
    const { dialog, refreshAll } = open();
    const run = await within(dialog).findByTestId('pretranslate-run');
    await within(dialog).findByText('Would fill 3 segments:');
    await fireEvent.click(run);
    const cancel = await within(dialog).findByTestId('pretranslate-cancel');
    await fireEvent.click(cancel);
    const started = invoke.mock.calls.find(([c, i]) => c === 'tm:pretranslate' && !i.dryRun)![1] as { jobId: string };
    expect(started.jobId).toMatch(/^pretranslate-[0-9a-f]{24}$/);
    expect(invoke.mock.calls.filter(([c]) => c === 'jobs:cancel').map(([, i]) => i)).toEqual([{ jobId: started.jobId }]);
    fail();
    await within(dialog).findByText('Cancelled. Nothing was changed.');
    expect(within(dialog).queryByTestId('pretranslate-cancel')).toBeNull();
    expect(within(dialog).queryByTestId('pretranslate-result')).toBeNull();
    expect(refreshAll).not.toHaveBeenCalled();
  });

  it('offers Undo for a standing batch only, and reports what an undo restored and left', async () => {
    let batches = [batch(9, null), batch(8, '2026-01-01T11:00:00.000Z')];
    handlers = {
      'tm:batches': () => batches,
      'tm:pretranslate': () => result(0, 0, 2),
      'tm:undo-batch': (i) => {
        batches = [batch(9, '2026-01-02T09:00:00.000Z'), batches[1]!];
        return i.batchId === 9 ? { restored: [1, 2], refused: [{ pairId: 3, reason: 'conflict' }] } : null;
      },
    };
    const { dialog, refreshAll } = open();
    await within(dialog).findAllByTestId('batch');
    expect(within(dialog).getAllByTestId('undo-batch')).toHaveLength(1);
    expect(within(dialog).getAllByTestId('batch-undone')).toHaveLength(1);
    await within(dialog).findByText('Nothing to fill at this threshold: 2 empty segments have no match.');
    expect((within(dialog).getByTestId('pretranslate-run') as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(within(dialog).getByTestId('undo-batch'));
    const report = await within(dialog).findByTestId('undo-result');
    expect(report.textContent).toContain('Undone: 2 segments have their earlier text back.');
    expect(report.textContent).toContain('1 segment changed since was left as it is.');
    await vi.waitFor(() => expect(within(dialog).queryAllByTestId('undo-batch')).toHaveLength(0));
    expect(refreshAll).toHaveBeenCalledTimes(1);
  });
});
