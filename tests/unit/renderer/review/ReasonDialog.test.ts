import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Pair } from '../../../../src-main/shared/domain';
import ReasonDialog from '../../../../src-renderer/components/review/ReasonDialog.svelte';
import { i18n } from '../../../../src-renderer/lib/i18n.svelte';
import { WorkspaceState } from '../../../../src-renderer/state/workspace.svelte';
import { pair } from './fixtures';

const { invoke } = vi.hoisted(() => ({ invoke: vi.fn() }));
vi.mock('../../../../src-renderer/lib/api', () => ({ api: { invoke, call: vi.fn(), on: vi.fn(() => () => {}) } }));

function setup(p: Pair = pair()) {
  const onclose = vi.fn();
  const onrejected = vi.fn();
  render(ReasonDialog, { props: { ws: new WorkspaceState(1), pair: p, kind: 'reject', onclose, ondone: onrejected } });
  const reason = screen.getByLabelText(/^Reason/) as HTMLTextAreaElement;
  const submit = screen.getByRole('button', { name: 'Reject' }) as HTMLButtonElement;
  return { onclose, onrejected, reason, submit };
}

describe('ReasonDialog', () => {
  beforeEach(() => {
    i18n.set('en');
    invoke.mockReset();
    // Calls a test does not answer (the workspace's delayed statistics refresh) get a failed Result,
    // as from a main process that knows nothing, never undefined.
    invoke.mockResolvedValue({ ok: false, error: { code: 'internal', key: 'errors.internal' } });
  });
  afterEach(() => cleanup());

  it('is a labelled modal dialog with the focus in the reason box', () => {
    const { reason } = setup();
    const dialog = screen.getByRole('dialog', { name: 'Reject segment 4' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.activeElement).toBe(reason);
  });

  it('refuses to submit without a reason', async () => {
    const { reason, submit } = setup();
    expect(submit.disabled).toBe(true);
    await fireEvent.input(reason, { target: { value: '   \n ' } });
    expect(submit.disabled).toBe(true);
    // Ctrl+Enter with no reason: refused, and the user is told why.
    await fireEvent.keyDown(reason, { key: 'Enter', ctrlKey: true });
    expect(invoke).not.toHaveBeenCalled();
    expect(screen.getByText('A reason is required to reject a segment.')).toBeTruthy();
    expect(reason.getAttribute('aria-invalid')).toBe('true');
  });

  it('sends the reason, category and severity with the expected version', async () => {
    const p = pair({ version: 9 });
    const rejected = { ...p, status: 'rejected' as const, version: 10, rejectionReason: 'Wrong title' };
    invoke.mockResolvedValue({ ok: true, value: rejected });
    const { reason, submit, onrejected } = setup(p);
    await fireEvent.input(reason, { target: { value: '  Wrong title  ' } });
    await fireEvent.change(screen.getByLabelText('Error category'), { target: { value: 'terminology' } });
    await fireEvent.click(screen.getByLabelText('Major'));
    expect(submit.disabled).toBe(false);
    await fireEvent.click(submit);
    await vi.waitFor(() => expect(onrejected).toHaveBeenCalled());
    expect(invoke).toHaveBeenCalledTimes(1);
    expect(invoke).toHaveBeenCalledWith('pairs:set-status', {
      pairId: 7,
      expectedVersion: 9,
      action: 'reject',
      comment: 'Wrong title',
      category: 'terminology',
      severity: 'major',
    });
  });

  it('sends no category or severity when none is chosen; Ctrl+Enter submits', async () => {
    invoke.mockResolvedValue({ ok: true, value: pair({ status: 'rejected' }) });
    const { reason, onrejected } = setup();
    expect((screen.getByLabelText('Minor') as HTMLInputElement).closest('fieldset')?.disabled).toBe(true);
    await fireEvent.input(reason, { target: { value: 'Unclear' } });
    await fireEvent.keyDown(reason, { key: 'Enter', ctrlKey: true });
    await vi.waitFor(() => expect(onrejected).toHaveBeenCalled());
    expect(invoke.mock.calls[0]![1]).toEqual({ pairId: 7, expectedVersion: 5, action: 'reject', comment: 'Unclear' });
  });

  it('shows a refused rejection as a translated error and stays open', async () => {
    invoke.mockResolvedValue({ ok: false, error: { code: 'conflict', key: 'errors.conflict', params: { currentVersion: 6 } } });
    const { reason, submit, onrejected } = setup();
    await fireEvent.input(reason, { target: { value: 'Wrong' } });
    await fireEvent.click(submit);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).not.toBe('');
    expect(alert.textContent).not.toContain('errors.conflict');
    expect(onrejected).not.toHaveBeenCalled();
    expect(screen.getByRole('dialog')).toBeTruthy();
  });

  it('keeps its keys from the workspace shortcuts underneath', async () => {
    const { reason } = setup();
    const seen = vi.fn();
    window.addEventListener('keydown', seen);
    try {
      await fireEvent.input(reason, { target: { value: 'Wrong' } });
      invoke.mockResolvedValue({ ok: true, value: pair({ status: 'rejected' }) });
      await fireEvent.keyDown(reason, { key: 'Enter', ctrlKey: true });
      await fireEvent.keyDown(reason, { key: 'ArrowDown', altKey: true });
      expect(seen).not.toHaveBeenCalled();
    } finally {
      window.removeEventListener('keydown', seen);
    }
  });

  it('closes on Escape and keeps Tab inside the dialog', async () => {
    const { onclose, reason } = setup();
    const dialog = screen.getByRole('dialog');
    const close = screen.getByRole('button', { name: 'Close' });
    // Shift+Tab from the first control wraps to the last; Tab from the last wraps to the first.
    close.focus();
    await fireEvent.keyDown(close, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
    await fireEvent.keyDown(document.activeElement!, { key: 'Tab' });
    expect(document.activeElement).toBe(close);
    await fireEvent.keyDown(reason, { key: 'Escape' });
    expect(onclose).toHaveBeenCalledTimes(1);
    expect(dialog.isConnected).toBe(true);
  });
});
