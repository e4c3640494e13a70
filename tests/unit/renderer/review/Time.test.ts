import { cleanup, render, screen } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import Time from '../../../../src-renderer/components/review/Time.svelte';
import { relativeTime } from '../../../../src-renderer/components/review/time';
import { i18n } from '../../../../src-renderer/lib/i18n.svelte';

describe('timestamps', () => {
  beforeEach(() => i18n.set('en'));
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('says how long ago, in the UI language', () => {
    const now = Date.parse('2026-01-10T12:00:00Z');
    expect(relativeTime('2026-01-10T11:59:50Z', now)).toBe('now');
    expect(relativeTime('2026-01-10T11:55:00Z', now)).toBe('5 minutes ago');
    expect(relativeTime('2026-01-10T09:00:00Z', now)).toBe('3 hours ago');
    expect(relativeTime('2026-01-09T12:00:00Z', now)).toBe('yesterday');
    i18n.set('ar');
    expect(relativeTime('2026-01-10T09:00:00Z', now)).toBe(
      new Intl.RelativeTimeFormat('ar', { numeric: 'auto' }).format(-3, 'hour'),
    );
  });

  it('keeps a shown time current and gives the full date on hover', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-01-10T12:00:00Z') });
    render(Time, { props: { iso: '2026-01-10T12:00:00.000Z' } });
    const el = screen.getByText('now');
    expect(el.getAttribute('datetime')).toBe('2026-01-10T12:00:00.000Z');
    expect(el.getAttribute('title')).toMatch(/2026/);
    await vi.advanceTimersByTimeAsync(61_000);
    expect(el.textContent).toBe('1 minute ago');
  });
});
