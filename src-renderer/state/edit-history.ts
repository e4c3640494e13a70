// Undo and redo for each pair's translation on its own. The browser keeps one undo stack for the
// whole page, so its Ctrl+Z in one segment could rewrite another (and the autosave then stored
// the fragment). Here every pair has its own steps: a burst of typing is one step, and every
// programmatic change (copy source, a restored revision, an inserted match, a replacement) is one
// step of its own.

/** Typing that pauses longer than this starts a new undo step. */
export const TYPING_BURST_MS = 1000;
/** Steps kept per pair. */
export const MAX_STEPS = 200;

interface Stack<T> {
  undo: T[];
  redo: T[];
  /** When the last typing step of this pair was recorded (coalescing), or null after any other change. */
  typedAt: number | null;
}

/** Steps are whole values of a target (`T`: its text, or its text with its inline codes). */
export class EditHistory<T> {
  // Bookkeeping, never rendered.
  private stacks = new Map<number, Stack<T>>();
  private readonly same: (a: T, b: T) => boolean;
  private readonly now: () => number;

  constructor(same: (a: T, b: T) => boolean, now: () => number = () => Date.now()) {
    this.same = same;
    this.now = now;
  }

  private stack(pairId: number): Stack<T> {
    let s = this.stacks.get(pairId);
    if (!s) {
      s = { undo: [], redo: [], typedAt: null };
      this.stacks.set(pairId, s);
    }
    return s;
  }

  /**
   * The text is about to change from `before`. Typing within a burst joins the step already
   * recorded; anything else records `before` as a step of its own.
   */
  record(pairId: number, before: T, kind: 'typing' | 'change'): void {
    const s = this.stack(pairId);
    const at = this.now();
    const joins = kind === 'typing' && s.typedAt !== null && at - s.typedAt <= TYPING_BURST_MS && s.redo.length === 0;
    s.typedAt = kind === 'typing' ? at : null;
    s.redo = [];
    if (joins) return;
    if (s.undo.length === 0 || !this.same(s.undo[s.undo.length - 1]!, before)) s.undo.push(before);
    if (s.undo.length > MAX_STEPS) s.undo.shift();
  }

  /** The text one step back, or null when there is none. `current` becomes redoable. */
  undo(pairId: number, current: T): T | null {
    const s = this.stack(pairId);
    if (s.undo.length === 0) return null;
    const previous = s.undo.pop()!;
    s.redo.push(current);
    s.typedAt = null;
    return previous;
  }

  redo(pairId: number, current: T): T | null {
    const s = this.stack(pairId);
    if (s.redo.length === 0) return null;
    const next = s.redo.pop()!;
    s.undo.push(current);
    s.typedAt = null;
    return next;
  }

  canUndo(pairId: number): boolean {
    return (this.stacks.get(pairId)?.undo.length ?? 0) > 0;
  }
}
