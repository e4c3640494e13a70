// Machine translation in the renderer: the settings section's key and connection test, the
// suggestion for the focused pair (under the memory matches), and the batch dialog's estimate, run,
// progress and cancel. The renderer never talks to the network: every request goes to the main
// process, which alone knows the key and refuses documents that have not allowed it.
import type { MtEstimate, MtPretranslateResult, MtSuggestion, MtTestResult } from '../../src-main/shared/contract';
import type { DocumentSummary, Pair } from '../../src-main/shared/domain';
import type { AppError, Result } from '../../src-main/shared/errors';
import { api } from '../lib/api';
import { notices } from './notices.svelte';
import { settings } from './settings.svelte';
import type { WorkspaceState } from './workspace.svelte';

/** Focus resting this long asks the provider: arrowing through segments pays for nothing. */
export const MT_DEBOUNCE_MS = 400;

/** Stores the key in the main process (encrypted there); the renderer forgets it at once. */
export async function saveMtKey(key: string | null): Promise<AppError | null> {
  const r = await api.invoke('mt:set-key', { key });
  if (!r.ok) return r.error;
  settings.value = { ...settings.value, mtHasKey: r.value.hasKey };
  notices.succeeded();
  return null;
}

export function testMtConnection(): Promise<Result<MtTestResult>> {
  return api.invoke('mt:test', {});
}

/** Machine translation is set up enough to ask (the main process checks the rest). */
export function mtConfigured(): boolean {
  return settings.value.mtProvider !== 'none';
}

export class MtState {
  /** The last suggestion, for the pair it was asked for. */
  private answer = $state<MtSuggestion | null>(null);
  private failure = $state<{ pairId: number; error: AppError } | null>(null);
  pending = $state<number | null>(null);
  /** The document as the main process last described it (its opt-in). */
  doc = $state<DocumentSummary | null>(null);

  // The batch dialog.
  estimate = $state<MtEstimate | null>(null);
  running = $state(false);
  progress = $state<{ done: number; total: number } | null>(null);
  result = $state<MtPretranslateResult | null>(null);
  batchError = $state<AppError | null>(null);

  private readonly ws: WorkspaceState;
  private readonly debounceMs: number;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private seq = 0;
  private offProgress: (() => void) | null = null;

  constructor(ws: WorkspaceState, debounceMs = MT_DEBOUNCE_MS) {
    this.ws = ws;
    this.debounceMs = debounceMs;
    this.offProgress = api.on('mt:progress', (e) => {
      if (e.documentId === this.ws.documentId) this.progress = { done: e.done, total: e.total };
    });
  }

  get allowed(): boolean {
    return (this.doc ?? this.ws.doc)?.mtAllowed === true;
  }

  suggestionFor(pairId: number): MtSuggestion | null {
    return this.answer?.pairId === pairId ? this.answer : null;
  }

  errorFor(pairId: number): AppError | null {
    return this.failure?.pairId === pairId ? this.failure.error : null;
  }

  /** Asks for the focused pair once focus rests; only when set up and the document allows it. */
  request(pair: Pair | null): void {
    clearTimeout(this.timer);
    const mine = ++this.seq;
    this.pending = null;
    if (!pair || !mtConfigured() || !this.allowed || pair.source.trim() === '') return;
    if (this.answer?.pairId === pair.id) return;
    this.pending = pair.id;
    this.timer = setTimeout(() => void this.ask(pair.id, mine), this.debounceMs);
  }

  /** Asks again (after an error), at once. */
  retry(pair: Pair): void {
    if (this.answer?.pairId === pair.id) this.answer = null;
    clearTimeout(this.timer);
    const mine = ++this.seq;
    this.pending = pair.id;
    void this.ask(pair.id, mine);
  }

  private async ask(pairId: number, mine: number): Promise<void> {
    const r = await api.invoke('mt:suggest', { pairId });
    if (mine !== this.seq) return;
    this.pending = null;
    if (r.ok) {
      this.answer = r.value;
      this.failure = null;
    } else {
      this.failure = { pairId, error: r.error };
    }
  }

  /** Ctrl+0 or a click: the suggestion becomes the translation, one undo step, saved with origin mt. */
  insert(pair: Pair): boolean {
    const s = this.suggestionFor(pair.id);
    if (!s) return false;
    return this.ws.changeTarget(pair, s.text, 'mt', null);
  }

  async setAllowed(allowed: boolean): Promise<AppError | null> {
    const r = await api.invoke('mt:set-allowed', { documentId: this.ws.documentId, allowed });
    if (!r.ok) return r.error;
    this.doc = r.value;
    if (this.ws.doc) this.ws.doc = { ...this.ws.doc, mtAllowed: r.value.mtAllowed };
    if (!allowed) {
      this.answer = null;
      this.failure = null;
    }
    return null;
  }

  async loadEstimate(): Promise<AppError | null> {
    await this.ws.autosave.flushAll();
    const r = await api.invoke('mt:estimate', { documentId: this.ws.documentId });
    if (!r.ok) return r.error;
    this.estimate = r.value;
    return null;
  }

  /** Batch pre-translation: progress on `progress`; the workspace reloads what changed. */
  async pretranslate(): Promise<void> {
    await this.ws.autosave.flushAll();
    this.running = true;
    this.result = null;
    this.batchError = null;
    this.progress = this.estimate ? { done: 0, total: this.estimate.segments } : null;
    const r = await api.invoke('mt:pretranslate', { documentId: this.ws.documentId });
    this.running = false;
    if (r.ok) {
      this.result = r.value;
      if (r.value.filled > 0) this.ws.refreshAll();
      notices.succeeded();
    } else {
      this.batchError = r.error;
    }
  }

  async cancel(): Promise<void> {
    await api.invoke('mt:cancel', { documentId: this.ws.documentId });
  }

  /** Undoes the batch just written (the same undo as memory pre-translation). */
  async undoBatch(batchId: number): Promise<AppError | null> {
    const r = await api.invoke('tm:undo-batch', { batchId });
    if (!r.ok) return r.error;
    this.ws.refreshAll();
    this.result = null;
    return null;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.seq++;
    this.offProgress?.();
    this.offProgress = null;
  }
}
