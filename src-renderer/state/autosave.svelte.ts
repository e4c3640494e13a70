// Drafts and their autosave: what the user typed over which version of a pair, the save state each
// pair shows, conflicts with a newer stored version, and the timers that write a draft once typing
// stops. Every write of the workspace settles the draft it carried through `settle`, so text typed
// while a write was on its way is never lost nor written over.
import { SvelteMap } from 'svelte/reactivity';
import type { Pair } from '../../src-main/shared/domain';
import type { AppError } from '../../src-main/shared/errors';
import { sameCodes, type InlineCode } from '../../src-main/shared/inline';
import { api } from '../lib/api';
import { notices } from './notices.svelte';

export const AUTOSAVE_MS = 600;

export type SaveState = 'dirty' | 'saving' | 'saved' | 'error' | 'conflict';

/** What the user typed and the version of the pair it was typed over. */
export interface Draft {
  text: string;
  /** The target's inline codes as edited (positions in `text`). */
  codes: InlineCode[] | null;
  baseVersion: number;
  /** The text was inserted from memory or machine translation (history records it); typing clears it. */
  origin?: 'tm' | 'mt' | undefined;
}

/** A target as the user sees it: its text and its inline codes. */
export interface TargetValue {
  text: string;
  codes: InlineCode[] | null;
}

/** Two values of a target are the same text with the same codes. */
export function sameTarget(
  a: { text: string; codes: readonly InlineCode[] | null },
  b: { text: string; codes: readonly InlineCode[] | null },
): boolean {
  return a.text === b.text && sameCodes(a.codes, b.codes);
}

export interface Conflict {
  theirs: Pair;
}

/** What the autosave needs from the workspace: the pair as the list holds it, and where writes go. */
export interface AutosaveHost {
  current(pairId: number): Pair | undefined;
  accept(pair: Pair): void;
}

export class Autosave {
  readonly drafts = new SvelteMap<number, Draft>();
  readonly saveStates = new SvelteMap<number, SaveState>();
  readonly conflicts = new SvelteMap<number, Conflict>();
  readonly saveErrors = new SvelteMap<number, AppError>();

  readonly overall = $derived.by((): SaveState | 'idle' => {
    let result: SaveState | 'idle' = 'idle';
    for (const s of this.saveStates.values()) {
      if (s === 'conflict' || s === 'error') return s;
      if (s === 'saving' || s === 'dirty') result = 'saving';
      else if (result === 'idle') result = 'saved';
    }
    return result;
  });

  // Bookkeeping, never rendered: plain maps on purpose.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private timers = new Map<number, ReturnType<typeof setTimeout>>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private saving = new Map<number, Promise<void>>();
  private readonly host: AutosaveHost;

  constructor(host: AutosaveHost) {
    this.host = host;
  }

  textOf(pair: Pair): string {
    return this.drafts.get(pair.id)?.text ?? pair.target;
  }

  codesOf(pair: Pair): InlineCode[] | null {
    const draft = this.drafts.get(pair.id);
    return draft ? draft.codes : pair.targetCodes;
  }

  /** A save of this pair is on its way. */
  inFlight(pairId: number): boolean {
    return this.saving.has(pairId);
  }

  edit(pair: Pair, text: string, codes: InlineCode[] | null = this.codesOf(pair), origin?: 'tm' | 'mt'): void {
    const draft = this.drafts.get(pair.id);
    this.drafts.set(pair.id, { text, codes, baseVersion: draft?.baseVersion ?? pair.version, origin });
    if (this.conflicts.has(pair.id)) return;
    this.saveStates.set(pair.id, 'dirty');
    clearTimeout(this.timers.get(pair.id));
    this.timers.set(
      pair.id,
      setTimeout(() => {
        this.timers.delete(pair.id);
        void this.flush(pair.id);
      }, AUTOSAVE_MS),
    );
  }

  /** Saves the pair's draft now (leaving the pair, before any other write to it). */
  flush(pairId: number): Promise<void> {
    this.hold(pairId);
    const previous = this.saving.get(pairId) ?? Promise.resolve();
    const next = previous.then(() => this.save(pairId));
    this.saving.set(pairId, next);
    void next.finally(() => {
      if (this.saving.get(pairId) === next) this.saving.delete(pairId);
    });
    return next;
  }

  /** Stops the pair's timer: the write about to happen carries the draft itself. */
  hold(pairId: number): void {
    clearTimeout(this.timers.get(pairId));
    this.timers.delete(pairId);
  }

  /** Saves every draft now (leaving the document, before a whole-document action). */
  async flushAll(): Promise<void> {
    const ids = [...this.timers.keys(), ...this.saving.keys(), ...this.drafts.keys()];
    await Promise.all(ids.filter((id, i) => ids.indexOf(id) === i).map((id) => this.flush(id)));
  }

  /**
   * A write that carried `sent` came back stored as `stored`: the draft goes when nothing was typed
   * since; otherwise what was typed since stays, rebased on the new version, and is saved next.
   */
  settle(pairId: number, sent: Omit<Draft, 'baseVersion'> | null, stored: Pair): void {
    this.host.accept(stored);
    const now = this.drafts.get(pairId);
    if (now && (sent === null || sameTarget(now, sent))) this.drafts.delete(pairId);
    else if (now) this.drafts.set(pairId, { ...now, baseVersion: stored.version });
    this.saveErrors.delete(pairId);
    this.saveStates.set(pairId, this.timers.has(pairId) ? 'dirty' : 'saved');
    notices.succeeded();
  }

  /** A write was refused: the pair shows why, and keeps its draft. */
  fail(pairId: number, error: AppError): Promise<void> {
    if (error.code === 'conflict') return this.openConflict(pairId);
    this.saveErrors.set(pairId, error);
    this.saveStates.set(pairId, 'error');
    return Promise.resolve();
  }

  private async save(pairId: number): Promise<void> {
    const draft = this.drafts.get(pairId);
    if (!draft || this.conflicts.has(pairId)) return;
    const pair = this.host.current(pairId);
    if (pair && pair.version === draft.baseVersion && sameTarget({ text: pair.target, codes: pair.targetCodes }, draft)) {
      this.drafts.delete(pairId);
      this.saveStates.set(pairId, 'saved');
      return;
    }
    this.saveStates.set(pairId, 'saving');
    const sent = { text: draft.text, codes: draft.codes };
    const r = await api.invoke('pairs:update-target', {
      pairId,
      target: sent.text,
      targetCodes: sent.codes,
      expectedVersion: draft.baseVersion,
      ...(draft.origin ? { origin: draft.origin } : {}),
    });
    if (r.ok) this.settle(pairId, sent, r.value);
    else await this.fail(pairId, r.error);
  }

  private async openConflict(pairId: number): Promise<void> {
    const fresh = await api.invoke('pairs:get', { pairId });
    if (!fresh.ok) {
      this.saveErrors.set(pairId, fresh.error);
      this.saveStates.set(pairId, 'error');
      return;
    }
    this.host.accept(fresh.value);
    this.conflicts.set(pairId, { theirs: fresh.value });
    this.saveStates.set(pairId, 'conflict');
  }

  /** Conflict: drop my text and take the stored one. */
  keepTheirs(pairId: number): void {
    this.conflicts.delete(pairId);
    this.drafts.delete(pairId);
    this.saveStates.set(pairId, 'saved');
  }

  /** Conflict: write my text over theirs, knowingly (with the version I have now seen). */
  async keepMine(pairId: number): Promise<void> {
    const conflict = this.conflicts.get(pairId);
    const draft = this.drafts.get(pairId);
    if (!conflict || !draft) return;
    this.drafts.set(pairId, { ...draft, baseVersion: conflict.theirs.version });
    this.conflicts.delete(pairId);
    await this.flush(pairId);
  }
}
