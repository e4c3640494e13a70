// First run (issue 8, item 9): the operating system's user name is offered when it names a person,
// so the name Qalam writes into history and exports is a person's, and never silently "root".
import { cleanup, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../../src-renderer/lib/api', () => ({ api: { invoke: vi.fn(), call: vi.fn(), on: vi.fn(() => () => {}) } }));

const { settings } = await import('../../../src-renderer/state/settings.svelte');
const { default: Onboarding } = await import('../../../src-renderer/components/Onboarding.svelte');

afterEach(() => cleanup());

function info(systemUserName: string | null) {
  settings.info = { version: '0', transport: 'http', dataPath: '/d', nativeDialogs: false, systemUserName };
  settings.value = { ...settings.value, userName: '' };
}

describe('Onboarding', () => {
  it('offers the login name when it names a person; Start is ready', () => {
    info('Layla Haddad');
    render(Onboarding);
    expect((screen.getByLabelText('Your name') as HTMLInputElement).value).toBe('Layla Haddad');
    expect((screen.getByRole('button', { name: 'Start' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('offers nothing for an account that names no person (root): the user must type a name', () => {
    info(null);
    render(Onboarding);
    expect((screen.getByLabelText('Your name') as HTMLInputElement).value).toBe('');
    expect((screen.getByRole('button', { name: 'Start' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
