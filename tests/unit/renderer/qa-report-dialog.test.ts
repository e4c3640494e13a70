// The QA report dialog over the contract: the report runs as a named job whose progress shows as a
// bar and a count, Cancel stops it (a notice, not an error), and closing the dialog while it runs
// cancels it too.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Events } from '../../../src-main/shared/contract';
import type { QaReport } from '../../../src-main/shared/qa';
import QaReportDialog from '../../../src-renderer/components/qa/QaReportDialog.svelte';
import { i18n } from '../../../src-renderer/lib/i18n.svelte';
import type { DecorationLayers } from '../../../src-renderer/state/decorations.svelte';
import { QaWorkspace } from '../../../src-renderer/state/qa.svelte';

const { invoke, on } = vi.hoisted(() => ({ invoke: vi.fn(), on: vi.fn() }));
vi.mock('../../../src-renderer/lib/api', () => ({ api: { invoke, call: vi.fn(), on } }));

let progressListeners: ((p: Events['job:progress']) => void)[];
/** Answers of the report calls, in order; each resolves when the test says. */
let reports: { jobId: string; answer: (r: unknown) => void }[];

const report: QaReport = { documentId: 4, disabled: [], errors: 2, warnings: 0, ignored: 0, byCheck: [], pairs: [] };
const cancelled = { ok: false, error: { code: 'cancelled', key: 'errors.cancelled' } };

beforeEach(() => {
  i18n.set('en');
  progressListeners = [];
  reports = [];
  on.mockReset();
  on.mockImplementation((event: string, listener: (p: Events['job:progress']) => void) => {
    if (event !== 'job:progress') return () => {};
    progressListeners.push(listener);
    return () => (progressListeners = progressListeners.filter((l) => l !== listener));
  });
  invoke.mockReset();
  invoke.mockImplementation((channel: string, input: { jobId: string }) => {
    if (channel === 'qa:report') return new Promise((answer) => reports.push({ jobId: input.jobId, answer }));
    if (channel === 'jobs:cancel') return Promise.resolve({ ok: true, value: { found: true } });
    return Promise.resolve({ ok: false, error: { code: 'internal', key: 'errors.internal' } });
  });
});
afterEach(() => cleanup());

function open() {
  const qa = new QaWorkspace(4, { set: () => {} } as unknown as DecorationLayers);
  const onclose = vi.fn();
  const view = render(QaReportDialog, { props: { qa, onclose, ongoto: () => {} } });
  return { dialog: screen.getByRole('dialog'), view, onclose };
}

const emit = (p: Events['job:progress']) => {
  for (const l of progressListeners) l(p);
};
const cancels = () => invoke.mock.calls.filter(([c]) => c === 'jobs:cancel').map(([, i]) => i as { jobId: string });

describe('QaReportDialog', () => {
  it('shows the named job’s progress as a bar and a count; Cancel stops it with a notice, not an error', async () => {
    const { dialog } = open();
    await vi.waitFor(() => expect(reports).toHaveLength(1));
    const { jobId } = reports[0]!;
    expect(jobId).toMatch(/^qa-[0-9a-f]{24}$/);
    const status = within(dialog).getByTestId('qa-report-progress');
    expect(status.textContent).toContain('Checking the document…');
    emit({ jobId, job: 'qa:report', done: 3000, total: 100_000 });
    // Another job's progress is not this report's.
    emit({ jobId: 'import-1', job: 'documents:import', done: 7, total: 9 });
    await vi.waitFor(() => expect(status.textContent).toContain('Checked 3,000 of 100,000 segments'));
    const bar = within(dialog).getByRole('progressbar', { name: 'Quality check progress' });
    expect(bar.getAttribute('max')).toBe('100000');
    expect(bar.getAttribute('value')).toBe('3000');

    await fireEvent.click(within(dialog).getByTestId('qa-report-cancel'));
    expect(cancels()).toEqual([{ jobId }]);
    expect(status.textContent).toContain('Stopping the check…');
    reports[0]!.answer(cancelled);
    const notice = await within(dialog).findByTestId('qa-report-cancelled');
    expect(notice.textContent).toBe('Check stopped. Nothing was changed; choose Check again to run it.');
    expect(within(dialog).queryByRole('alert')).toBeNull();
    expect(within(dialog).queryByTestId('qa-report-progress')).toBeNull();
    expect(within(dialog).queryByTestId('qa-report-cancel')).toBeNull();

    // Checked again under a new name, to the end: the report, and no notice left.
    await fireEvent.click(within(dialog).getByTestId('qa-refresh'));
    await vi.waitFor(() => expect(reports).toHaveLength(2));
    expect(reports[1]!.jobId).not.toBe(jobId);
    reports[1]!.answer({ ok: true, value: report });
    await within(dialog).findByTestId('qa-totals');
    expect(within(dialog).queryByTestId('qa-report-cancelled')).toBeNull();
    expect(cancels()).toHaveLength(1);
  });

  it('closing the dialog while the report runs cancels its job; a finished one is not cancelled', async () => {
    const { view } = open();
    await vi.waitFor(() => expect(reports).toHaveLength(1));
    view.unmount();
    expect(cancels()).toEqual([{ jobId: reports[0]!.jobId }]);

    cleanup();
    const again = open();
    await vi.waitFor(() => expect(reports).toHaveLength(2));
    reports[1]!.answer({ ok: true, value: report });
    await within(again.dialog).findByTestId('qa-totals');
    again.view.unmount();
    expect(cancels()).toHaveLength(1);
  });

  it('counts in Arabic with the plural the total takes', async () => {
    i18n.set('ar');
    const { dialog } = open();
    await vi.waitFor(() => expect(reports).toHaveLength(1));
    emit({ jobId: reports[0]!.jobId, job: 'qa:report', done: 3000, total: 100_000 });
    const status = within(dialog).getByTestId('qa-report-progress');
    await vi.waitFor(() => expect(status.textContent?.trim()).toMatch(/^فُحص \S+ من \S+ مقطع$/));
    within(dialog).getByRole('progressbar', { name: 'تقدم فحص الجودة' });
    emit({ jobId: reports[0]!.jobId, job: 'qa:report', done: 10, total: 50 });
    await vi.waitFor(() => expect(status.textContent?.trim()).toMatch(/ مقطعًا$/));
  });
});
