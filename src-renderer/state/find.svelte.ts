// Find & replace in the open document (Ctrl+H). Every replace starts from a preview the user has
// seen: the preview's pair versions travel with the request, so the main process writes only
// what was shown. Drafts are saved first, so the preview and the replace see the text on screen.
import type { FindResult, FindScope, ReplaceResult } from '../../src-main/shared/find';
import type { AppError } from '../../src-main/shared/errors';
import { api } from '../lib/api';
import type { WorkspaceState } from './workspace.svelte';

export interface FindQuery {
  find: string;
  replace: string;
  scope: FindScope;
  matchCase: boolean;
  wholeWord: boolean;
  regex: boolean;
}

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
