// The modal every dialog is built on: focus that is lost to the page behind comes back, and keys
// pressed there still belong to the dialog (issue 8.5: after Download, Esc no longer closed Export).
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { createRawSnippet } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import Dialog from '../../../src-renderer/components/Dialog.svelte';

const body = createRawSnippet(() => ({ render: () => '<div><button type="button" data-testid="go">Go</button></div>' }));

function open() {
  const outsideButton = document.createElement('button');
  outsideButton.textContent = 'behind';
  document.body.append(outsideButton);
  const onclose = vi.fn();
  render(Dialog, { props: { title: 'Test', onclose, children: body } });
  const dialog = screen.getByRole('dialog');
  return { onclose, dialog, outsideButton, go: screen.getByTestId('go') };
}

describe('Dialog', () => {
  afterEach(() => {
    cleanup();
    document.body.innerHTML = '';
  });

  it('takes the focus back when its focused control is disabled', async () => {
    const { dialog, go } = open();
    go.focus();
    go.blur(); // what the browser does when a focused button becomes disabled
    go.setAttribute('disabled', '');
    await vi.waitFor(() => expect(dialog.contains(document.activeElement)).toBe(true));
  });

  it('answers Escape and Tab pressed while the focus is on the page behind', async () => {
    const { dialog, onclose } = open();
    (document.activeElement as HTMLElement).blur();
    expect(document.activeElement).toBe(document.body);
    const seen = vi.fn();
    window.addEventListener('keydown', seen);
    await fireEvent.keyDown(document.body, { key: 'Tab' });
    expect(dialog.contains(document.activeElement)).toBe(true);
    (document.activeElement as HTMLElement).blur();
    await fireEvent.keyDown(document.body, { key: 'Enter', ctrlKey: true });
    await fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(onclose).toHaveBeenCalledTimes(1);
    expect(seen).not.toHaveBeenCalled();
    window.removeEventListener('keydown', seen);
  });

  it('pulls focus that lands behind it back inside', async () => {
    const { dialog, outsideButton } = open();
    outsideButton.focus();
    await vi.waitFor(() => expect(dialog.contains(document.activeElement)).toBe(true));
  });
});
