// Each pair's own undo: bursts of typing are one step, programmatic changes are steps of their own,
// and pairs never share steps.
import { describe, expect, it } from 'vitest';
import { EditHistory, MAX_STEPS, TYPING_BURST_MS } from '../../../src-renderer/state/edit-history';

function history() {
  let now = 0;
  const h = new EditHistory<string>(
    (a, b) => a === b,
    () => now,
  );
  return { h, wait: (ms: number) => (now += ms) };
}

describe('EditHistory', () => {
  it('joins a burst of typing into one step and starts another after a pause', () => {
    const { h, wait } = history();
    h.record(1, '', 'typing');
    wait(200);
    h.record(1, 'H', 'typing');
    wait(200);
    h.record(1, 'He', 'typing');
    wait(TYPING_BURST_MS + 1);
    h.record(1, 'Hello', 'typing');
    expect(h.undo(1, 'Hello world')).toBe('Hello');
    expect(h.undo(1, 'Hello')).toBe('');
    expect(h.undo(1, '')).toBeNull();
  });

  it('keeps a programmatic change as a step of its own, even in the middle of typing', () => {
    const { h, wait } = history();
    h.record(1, '', 'typing');
    wait(100);
    h.record(1, 'Draft', 'change'); // copy source over "Draft"
    wait(100);
    h.record(1, 'مصدر', 'typing');
    expect(h.undo(1, 'مصدر!')).toBe('مصدر');
    expect(h.undo(1, 'مصدر')).toBe('Draft');
    expect(h.redo(1, 'Draft')).toBe('مصدر');
    expect(h.redo(1, 'مصدر')).toBe('مصدر!');
    expect(h.redo(1, 'مصدر!')).toBeNull();
  });

  it('never mixes pairs', () => {
    const { h } = history();
    h.record(9, '', 'typing');
    h.record(10, '', 'change');
    expect(h.undo(10, 'source')).toBe('');
    expect(h.undo(10, '')).toBeNull();
    expect(h.canUndo(9)).toBe(true);
  });

  it('a new change after undo drops what could be redone', () => {
    const { h } = history();
    h.record(1, 'a', 'change');
    expect(h.undo(1, 'b')).toBe('a');
    h.record(1, 'a', 'change');
    expect(h.redo(1, 'c')).toBeNull();
  });

  it('keeps at most MAX_STEPS steps', () => {
    const { h } = history();
    for (let i = 0; i < MAX_STEPS + 10; i++) h.record(1, String(i), 'change');
    let n = 0;
    let text = 'now';
    for (let prev = h.undo(1, text); prev !== null; prev = h.undo(1, text)) {
      text = prev;
      n++;
    }
    expect(n).toBe(MAX_STEPS);
    expect(text).toBe('10');
  });
});
