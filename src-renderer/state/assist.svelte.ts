// The assistance panel's state for one open document: translation-memory matches for the focused
// pair, the document's repetitions, and the concordance search. Other assistance (machine
// translation, glossary terms) keeps its own state beside this one and inserts through the same
// `WorkspaceState.changeTarget`, so every insertion is one undo step in the pair.
import type { TmConcordanceResult, TmLookupResult, TmMatch, TmRepetitions } from '../../src-main/shared/contract';
import type { Pair } from '../../src-main/shared/domain';
import type { AppError, Result } from '../../src-main/shared/errors';
import { api } from '../lib/api';
import { MATCH_SLOTS } from '../lib/keymap';
import type { WorkspaceState } from './workspace.svelte';

/** Focus that moves faster than this (Alt+↓ held down) asks the memory only where it stops. */
export const LOOKUP_DEBOUNCE_MS = 120;

export type ConcordanceSide = 'source' | 'target' | 'both';

export class AssistState {
  /** The last answer, for the pair it was asked for. */
  private answer = $state<{ pairId: number; result: TmLookupResult } | null>(null);
  private failure = $state<{ pairId: number; error: AppError } | null>(null);
  /** The pair a lookup is waiting or running for. */
  pending = $state<number | null>(null);
  /** The document's identical paragraphs (the status bar's figure); null until known. */
  repetitions = $state<TmRepetitions | null>(null);

  private readonly ws: WorkspaceState;
  private readonly debounceMs: number;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped by every request: an answer that comes back for an older one is dropped. */
  private seq = 0;

  constructor(ws: WorkspaceState, debounceMs = LOOKUP_DEBOUNCE_MS) {
    this.ws = ws;
    this.debounceMs = debounceMs;
  }

  /** Matches for this pair, best first: never another pair's, however late an answer comes. */
  matchesFor(pairId: number): TmMatch[] {
    return this.answer?.pairId === pairId ? this.answer.result.matches : [];
  }

  /** Unconfirmed paragraphs elsewhere in the document with the same source as this pair. */
  repeatsOf(pairId: number): number {
    return this.answer?.pairId === pairId ? this.answer.result.repetitions : 0;
  }

  /** True once the memory has answered for this pair (an empty list then means "no match"). */
  answered(pairId: number): boolean {
    return this.answer?.pairId === pairId && this.pending !== pairId;
  }

  errorFor(pairId: number): AppError | null {
    return this.failure?.pairId === pairId ? this.failure.error : null;
  }

  /**
   * The focused pair changed (or its memory may have): look it up once focus rests. A request for
   * another pair cancels the waiting one, and the answer of a running one is ignored.
   */
  request(pairId: number | null): void {
    clearTimeout(this.timer);
    const mine = ++this.seq;
    this.pending = pairId;
    if (pairId === null) return;
    this.timer = setTimeout(() => void this.lookup(pairId, mine), this.debounceMs);
  }

  private async lookup(pairId: number, mine: number): Promise<void> {
    const r = await api.invoke('tm:lookup', { pairId, limit: MATCH_SLOTS });
    if (mine !== this.seq) return;
    this.pending = null;
    if (r.ok) {
      this.answer = { pairId, result: r.value };
      this.failure = null;
    } else {
      this.answer = null;
      this.failure = { pairId, error: r.error };
    }
  }

  /**
   * Match `slot` (0-based) becomes the pair's translation, tags placed when the memory knows them:
   * one undo step (Ctrl+Z in the pair brings the earlier text back, and replacing typed text says
   * so). False when there is no such match for this pair or the pair may not be edited.
   */
  insert(pair: Pair, slot: number): boolean {
    const match = this.matchesFor(pair.id)[slot];
    if (!match) return false;
    return this.ws.changeTarget(pair, match.target, 'match', match.targetCodes ? [...match.targetCodes] : null);
  }

  async loadRepetitions(): Promise<void> {
    const r = await api.invoke('tm:repetitions', { documentId: this.ws.documentId });
    if (r.ok) this.repetitions = r.value;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.seq++;
  }
}

/** Memory units and approved pairs of every document holding an Arabic or English phrase. */
export function concordance(query: string, side: ConcordanceSide, limit = 50): Promise<Result<TmConcordanceResult>> {
  return api.invoke('tm:concordance', { query, side, limit });
}
