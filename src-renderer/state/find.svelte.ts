// Find & replace in the open document (Ctrl+H). Every replace starts from a preview the user has
// seen: the preview's pair versions travel with the request, so the main process writes only
// what was shown. Drafts are saved first, so the preview and the replace see the text on screen.
import type { FindPairHit, FindResult, FindScope, ReplaceResult } from '../../src-main/shared/find';
import type { AppError } from '../../src-main/shared/errors';
import { api } from '../lib/api';
import type { Decoration } from '../lib/decorations';
import type { WorkspaceState } from './workspace.svelte';

export interface FindQuery {
  find: string;
  replace: string;
  scope: FindScope;
  matchCase: boolean;
  wholeWord: boolean;
  regex: boolean;
}

/** Hit ranges as the cells' search marks (the grid and the dialog's before/after list). */
export const hitMarks = (ranges: [number, number][]): Decoration[] =>
  ranges.map(([start, end]) => ({ start, end, kind: 'search' as const }));

/** The same hits: the replacement text aside, the queries ask the same question. */
const sameSearch = (a: FindQuery, b: FindQuery): boolean =>
  a.find === b.find && a.scope === b.scope && a.matchCase === b.matchCase && a.wholeWord === b.wholeWord && a.regex === b.regex;

export class FindReplaceState {
  query = $state<FindQuery>({ find: '', replace: '', scope: 'target', matchCase: false, wholeWord: false, regex: false });
  /** The preview and the query it answers (a replace uses that query, not one edited since). */
  result = $state<{ query: FindQuery; value: FindResult } | null>(null);
  error = $state<AppError | null>(null);
  busy = $state(false);
  /** The last replace, until undone: what the Undo button takes back. */
  last = $state<ReplaceResult | null>(null);
  undone = $state<{ restored: number; refused: number } | null>(null);

  private readonly ws: WorkspaceState;
  private seq = 0;
  /** The previewed pairs by id, for the grid's marks (rebuilt per preview, never mutated). */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly byPair = $derived(new Map<number, FindPairHit>(this.result?.value.pairs.map((p) => [p.pairId, p]) ?? []));

  constructor(ws: WorkspaceState) {
    this.ws = ws;
  }

  /** True when the shown preview answers the query as it now stands. */
  get current(): boolean {
    return this.result !== null && JSON.stringify(this.result.query) === JSON.stringify(this.query);
  }

  private input(q: FindQuery) {
    return {
      documentId: this.ws.documentId,
      find: q.find,
      in: q.scope,
      matchCase: q.matchCase,
      wholeWord: q.wholeWord,
      regex: q.regex,
    };
  }

  /**
   * Marks the preview's hits in the grid (the cells behind the dialog) until the returned function
   * is called. The ranges are the ones main found with the dialog's own matching (folding, case,
   * whole word, regex under its time limit), so the grid marks exactly what would be replaced;
   * none while the query has changed since the preview, and none on an English being edited away
   * from the text previewed. Pairs past the preview's list (FIND_PREVIEW_PAIRS) are not marked.
   */
  markGrid(): () => void {
    this.ws.decorations.set('find', (pair, target) => {
      const shown = this.result;
      if (!shown || !sameSearch(shown.query, this.query)) return null;
      const hit = this.byPair.get(pair.id);
      if (!hit) return null;
      return {
        source: hit.source === pair.source ? hitMarks(hit.sourceHits) : [],
        target: hit.target === target.text ? hitMarks(hit.targetHits) : [],
      };
    });
    return () => this.ws.decorations.set('find', null);
  }

  async preview(): Promise<void> {
    const q = { ...this.query };
    const mine = ++this.seq;
    if (q.find === '') {
      this.result = null;
      this.error = null;
      return;
    }
    this.busy = true;
    await this.ws.autosave.flushAll();
    const r = await api.invoke('find:preview', { ...this.input(q), replace: q.replace });
    if (mine !== this.seq) return;
    this.busy = false;
    if (r.ok) {
      this.result = { query: q, value: r.value };
      this.error = null;
    } else {
      this.result = null;
      this.error = r.error;
    }
  }

  /** Replaces in one previewed pair, or (no id) in every replaceable pair of the preview. */
  async replace(pairId?: number): Promise<void> {
    const shown = this.result;
    if (!shown || this.busy) return;
    const pairs = pairId === undefined ? shown.value.replaceable : shown.value.replaceable.filter((p) => p.pairId === pairId);
    if (pairs.length === 0) return;
    this.busy = true;
    const r = await api.invoke('find:replace', { ...this.input(shown.query), replace: shown.query.replace, pairs });
    this.busy = false;
    if (!r.ok) {
      this.error = r.error;
      return;
    }
    this.last = r.value.batchId !== null ? r.value : this.last;
    this.undone = null;
    // The preview shows what is left to replace (and new versions for the pairs just written).
    await this.preview();
  }

  async undo(): Promise<void> {
    const last = this.last;
    if (!last?.batchId || this.busy) return;
    this.busy = true;
    const r = await api.invoke('tm:undo-batch', { batchId: last.batchId });
    this.busy = false;
    if (!r.ok) {
      this.error = r.error;
      return;
    }
    this.last = null;
    this.undone = { restored: r.value.restored.length, refused: r.value.refused.length };
    if (this.result) await this.preview();
  }
}
