// Notices (issue 8.8): errors stay until dismissed or until the next action succeeds; information
// fades; the same message never stacks.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { INFO_MS, notices } from '../../../src-renderer/state/notices.svelte';

const error = (code: string) => ({ code, key: `errors.${code}` }) as Parameters<typeof notices.error>[0];
const kinds = () => notices.items.map((n) => n.kind);

describe('notices', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    for (const n of [...notices.items]) notices.dismiss(n.id);
  });
  afterEach(() => vi.useRealTimers());

  it('keeps an error until it is dismissed; information fades', () => {
    notices.error(error('internal'));
    notices.info('Saved a copy');
    vi.advanceTimersByTime(INFO_MS + 1);
    expect(kinds()).toEqual(['error']);
    vi.advanceTimersByTime(60 * 60 * 1000);
    expect(kinds()).toEqual(['error']);
    notices.dismiss(notices.items[0]!.id);
    expect(notices.items).toEqual([]);
  });

  it('clears errors when the next action succeeds, and keeps information', () => {
    notices.error(error('internal'));
    notices.error(error('conflict'));
    notices.info('On to segment 5');
    notices.succeeded();
    expect(kinds()).toEqual(['info']);
  });

  it('never stacks the same message', () => {
    for (let i = 0; i < 3; i++) notices.error(error('internal'));
    for (let i = 0; i < 3; i++) notices.info('Nothing left to review.');
    expect(kinds()).toEqual(['error', 'info']);
  });

  it('shows at most five at once, dropping the oldest', () => {
    for (const code of ['internal', 'conflict', 'not_found', 'excluded', 'locked', 'invalid_input']) notices.error(error(code));
    expect(notices.items).toHaveLength(5);
  });
});
