// One open document: a paged window of its pairs, the filter, the focused pair, drafts with
// autosave, conflicts and the document's statistics. The renderer never holds the whole document.
import { SvelteMap } from 'svelte/reactivity';
import type { NavKind, PairFilter } from '../../src-main/shared/contract';
import { checkAction, emptyStats, type DocumentSummary, type Pair, type Stats, type Status } from '../../src-main/shared/domain';
import { appError, type AppError } from '../../src-main/shared/errors';
import { api, ApiError } from '../lib/api';
import { t } from '../lib/i18n.svelte';
import { PageCache } from '../lib/page-cache';
import { notices } from './notices.svelte';
import { settings } from './settings.svelte';

export const PAGE_SIZE = 100;
export const MAX_PAGES = 6;
export const AUTOSAVE_MS = 600;
const SEARCH_DEBOUNCE_MS = 250;

export type SaveState = 'dirty' | 'saving' | 'saved' | 'error' | 'conflict';
export type TextIn = 'source' | 'target' | 'both';

export interface FilterState {
  statuses: Status[];
  text: string;
  textIn: TextIn;
  openComments: boolean;
}

/** What the user typed and the version of the pair it was typed over. */
export interface Draft {
  text: string;
  baseVersion: number;
}

export interface Conflict {
  theirs: Pair;
}

export function toPairFilter(f: FilterState): PairFilter | undefined {
  const filter: PairFilter = {};
  if (f.statuses.length > 0) filter.statuses = [...f.statuses];
  if (f.text.trim()) {
    filter.text = f.text.trim();
    filter.textIn = f.textIn;
  }
  if (f.openComments) filter.openComments = true;
  return Object.keys(filter).length > 0 ? filter : undefined;
}

export class WorkspaceState {
  readonly documentId: number;
  doc = $state<DocumentSummary | null>(null);
  stats = $state<Stats>(emptyStats());
  loadError = $state<AppError | null>(null);

  filter = $state<FilterState>({ statuses: [], text: '', textIn: 'both', openComments: false });
  /** The filter in force (the search text lags the input by a debounce). */
  applied = $state<PairFilter | undefined>(undefined);
  /** Changes with the filter: the list restarts at the top with fresh measurements. */
  generation = $state(0);
  /** Rows in the (filtered) list; -1 until the first page answers. */
  total = $state(-1);
  /** Bumped whenever cached pairs change, so rows re-read them. */
  version = $state(0);

  focusedIndex = $state<number | null>(null);
  /** A row asks to be focused once it is rendered and its pair loaded. */
  focusRequest = $state<{ index: number; where: 'editor' | 'row' } | null>(null);
  rejecting = $state<Pair | null>(null);

  readonly drafts = new SvelteMap<number, Draft>();
  readonly saveStates = new SvelteMap<number, SaveState>();
  readonly conflicts = new SvelteMap<number, Conflict>();
  readonly saveErrors = new SvelteMap<number, AppError>();

  /** Set by the view: scrolls the virtual list. */
  scrollToIndex: (index: number) => void = () => {};

  readonly filtered = $derived(this.applied !== undefined);
  readonly docSegments = $derived(this.stats.total.segments + this.stats.excluded.segments);
  readonly focused = $derived.by(() => {
    void this.version;
    return this.focusedIndex === null ? undefined : this.cache.get(this.focusedIndex);
  });
  readonly overallSave = $derived.by((): SaveState | 'idle' => {
    let result: SaveState | 'idle' = 'idle';
    for (const s of this.saveStates.values()) {
      if (s === 'conflict' || s === 'error') return s;
      if (s === 'saving' || s === 'dirty') result = 'saving';
      else if (result === 'idle') result = 'saved';
    }
    return result;
  });

  private cache: PageCache<Pair>;
  // Bookkeeping for autosave, never rendered: plain maps on purpose.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private timers = new Map<number, ReturnType<typeof setTimeout>>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private saving = new Map<number, Promise<void>>();
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private statsTimer: ReturnType<typeof setTimeout> | undefined;
  private offEvents: (() => void)[] = [];
  private disposed = false;

  constructor(documentId: number) {
    this.documentId = documentId;
    this.cache = new PageCache<Pair>({
      pageSize: PAGE_SIZE,
      maxPages: MAX_PAGES,
      load: async (offset, limit) => {
        const filter = this.applied;
        return api.call('pairs:list', { documentId, offset, limit, ...(filter ? { filter } : {}) });
      },
      onUpdate: () => {
        this.total = this.cache.total;
        this.version++;
      },
      onError: (e) => notices.error(e instanceof ApiError ? e.error : appError('internal')),
    });
  }

  async open(): Promise<void> {
    // The first page does not wait for the document's summary: rows are what the user waits for.
    const firstPage = this.cache.start().catch(() => {});
    const doc = await api.invoke('documents:open', { documentId: this.documentId });
    if (!doc.ok) {
      this.loadError = doc.error;
      return;
    }
    this.doc = doc.value;
    this.stats = doc.value.stats;
    this.offEvents.push(
      api.on('pairs:changed', (e) => {
        if (e.documentId === this.documentId) this.refreshAll();
      }),
      api.on('documents:changed', (e) => {
        if (e.documentId === this.documentId) void this.reloadDocument();
      }),
    );
    await firstPage;
  }

  dispose(): void {
    this.disposed = true;
    for (const off of this.offEvents) off();
    clearTimeout(this.searchTimer);
    clearTimeout(this.statsTimer);
    for (const id of [...this.timers.keys()]) void this.flush(id);
  }

  /** The pair at a row, or undefined while its page loads. Reactive. */
  pairAt(index: number): Pair | undefined {
    void this.version;
    return this.cache.get(index);
  }

  textOf(pair: Pair): string {
    return this.drafts.get(pair.id)?.text ?? pair.target;
  }

  // ——— filter ———

  setFilter(patch: Partial<FilterState>): void {
    Object.assign(this.filter, patch);
    clearTimeout(this.searchTimer);
    if ('text' in patch) this.searchTimer = setTimeout(() => this.applyFilter(), SEARCH_DEBOUNCE_MS);
    else this.applyFilter();
  }

  clearFilter(): void {
    this.filter = { statuses: [], text: '', textIn: this.filter.textIn, openComments: false };
    clearTimeout(this.searchTimer);
    this.applyFilter();
  }

  private applyFilter(): void {
    const focusedId = this.focused?.id;
    this.applied = toPairFilter(this.filter);
    this.generation++;
    this.cache.reset();
    this.total = -1;
    this.focusedIndex = null;
    this.version++;
    void this.cache
      .start()
      .then(async () => {
        if (focusedId === undefined) return;
        const r = await api.invoke('pairs:locate', {
          documentId: this.documentId,
          pairId: focusedId,
          ...(this.applied ? { filter: this.applied } : {}),
        });
        if (r.ok && r.value.index !== null) {
          this.focusedIndex = r.value.index;
          this.scrollToIndex(r.value.index);
        }
      })
      .catch(() => {});
  }

  /** Pairs changed elsewhere (another window, a bulk action): reload what is shown. */
  refreshAll(): void {
    this.cache.refresh();
    this.version++;
    this.scheduleStats();
  }

  // ——— stats ———

  scheduleStats(): void {
    clearTimeout(this.statsTimer);
    this.statsTimer = setTimeout(() => void this.refreshStats(), 150);
  }

  async refreshStats(): Promise<void> {
    const r = await api.invoke('stats:document', { documentId: this.documentId });
    if (r.ok && !this.disposed) this.stats = r.value;
  }

  private async reloadDocument(): Promise<void> {
    const r = await api.invoke('documents:get', { documentId: this.documentId });
    if (r.ok) {
      this.doc = r.value;
      this.stats = r.value.stats;
    } else if (r.error.code === 'not_found') this.loadError = r.error;
  }

  // ——— focus and navigation ———

  focus(index: number, where: 'editor' | 'row' = 'editor'): void {
    if (index < 0 || (this.total >= 0 && index >= this.total)) return;
    this.focusedIndex = index;
    this.focusRequest = { index, where };
    this.scrollToIndex(index);
  }

  /** A row took focus by itself (click, Tab). */
  noteFocus(index: number): void {
    if (this.focusedIndex !== index) this.focusedIndex = index;
  }

  step(delta: 1 | -1): void {
    const from = this.focusedIndex ?? (delta === 1 ? -1 : this.total);
    this.focus(from + delta, 'editor');
  }

  /** Goes to the next pair of a kind (by document order), skipping pairs the filter hides. */
  async goNext(kind: NavKind): Promise<boolean> {
    let from = this.focused?.position ?? -1;
    let wrapped = from === -1;
    for (let tries = 0; tries < 50; tries++) {
      const r = await api.invoke('pairs:navigate', { documentId: this.documentId, fromPosition: from, direction: 'next', kind });
      if (!r.ok) {
        notices.error(r.error);
        return false;
      }
      const pair = r.value.pair;
      if (!pair) {
        if (wrapped) break;
        wrapped = true;
        from = -1;
        continue;
      }
      const index = await this.indexOf(pair);
      if (index !== null) {
        this.focus(index, 'editor');
        return true;
      }
      from = pair.position;
    }
    notices.info(t(`workspace.none.${kind}`));
    return false;
  }

  private async indexOf(pair: Pair): Promise<number | null> {
    if (!this.applied) return pair.position;
    const r = await api.invoke('pairs:locate', { documentId: this.documentId, pairId: pair.id, filter: this.applied });
    return r.ok ? r.value.index : null;
  }

  // ——— editing and autosave ———

  edit(pair: Pair, text: string): void {
    const draft = this.drafts.get(pair.id);
    this.drafts.set(pair.id, { text, baseVersion: draft?.baseVersion ?? pair.version });
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

  copySource(pair: Pair): void {
    if (!checkAction(settings.value.role, 'edit', pair).ok) return;
    this.edit(pair, pair.source);
  }

  /** Saves the pair's draft now (leaving the pair, before a status change). */
  flush(pairId: number): Promise<void> {
    clearTimeout(this.timers.get(pairId));
    this.timers.delete(pairId);
    const previous = this.saving.get(pairId) ?? Promise.resolve();
    const next = previous.then(() => this.save(pairId));
    this.saving.set(pairId, next);
    void next.finally(() => {
      if (this.saving.get(pairId) === next) this.saving.delete(pairId);
    });
    return next;
  }

  private currentPair(pairId: number): Pair | undefined {
    return this.cache.findById(pairId)?.item;
  }

  private async save(pairId: number): Promise<void> {
    const draft = this.drafts.get(pairId);
    if (!draft || this.conflicts.has(pairId)) return;
    const pair = this.currentPair(pairId);
    if (pair && pair.version === draft.baseVersion && pair.target === draft.text) {
      this.drafts.delete(pairId);
      this.saveStates.set(pairId, 'saved');
      return;
    }
    this.saveStates.set(pairId, 'saving');
    const sent = draft.text;
    const r = await api.invoke('pairs:update-target', { pairId, target: sent, expectedVersion: draft.baseVersion });
    if (r.ok) {
      this.accept(r.value);
      const now = this.drafts.get(pairId);
      if (now && now.text === sent) this.drafts.delete(pairId);
      else if (now) this.drafts.set(pairId, { text: now.text, baseVersion: r.value.version });
      this.saveErrors.delete(pairId);
      // Typing went on while this was saved: the newer text is still to come.
      this.saveStates.set(pairId, this.timers.has(pairId) ? 'dirty' : 'saved');
      return;
    }
    if (r.error.code === 'conflict') {
      await this.openConflict(pairId);
      return;
    }
    this.saveErrors.set(pairId, r.error);
    this.saveStates.set(pairId, 'error');
  }

  private async openConflict(pairId: number): Promise<void> {
    const fresh = await api.invoke('pairs:get', { pairId });
    if (!fresh.ok) {
      this.saveErrors.set(pairId, fresh.error);
      this.saveStates.set(pairId, 'error');
      return;
    }
    this.accept(fresh.value);
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
    this.drafts.set(pairId, { text: draft.text, baseVersion: conflict.theirs.version });
    this.conflicts.delete(pairId);
    await this.flush(pairId);
  }

  /** A write came back: the cache and the list show the new pair. */
  accept(pair: Pair): void {
    this.cache.replace(pair);
    this.version++;
    this.scheduleStats();
  }

  // ——— status ———

  /** Ctrl+Enter: a translator confirms, an editor approves; then on to the next pair to do. */
  async confirmAndNext(pair: Pair): Promise<void> {
    const editor = settings.value.role === 'editor';
    const action = editor ? 'approve' : 'confirm';
    const done = await this.setStatus(pair, action);
    if (done) await this.goNext(editor ? 'needs-review' : 'needs-work');
  }

  /** Saves the draft and applies a status action. True when the pair is now in the target state. */
  async setStatus(pair: Pair, action: 'confirm' | 'approve'): Promise<boolean> {
    const role = settings.value.role;
    const draft = this.drafts.get(pair.id);
    let current = this.currentPair(pair.id) ?? pair;
    // A confirmed pair that was edited must first become a draft again: save, then confirm.
    if (draft && (current.status === 'translated' || this.saving.has(pair.id))) {
      await this.flush(pair.id);
      if (this.conflicts.has(pair.id)) return false;
      current = this.currentPair(pair.id) ?? current;
    }
    const pending = this.drafts.get(pair.id);
    const text = pending?.text ?? current.target;
    const verdict = checkAction(role, action, { status: current.status, excluded: current.excluded, target: text });
    if (!verdict.ok) {
      if (verdict.reason === 'invalid_transition' && current.status === 'translated' && !pending) return true;
      notices.error(appError(verdict.reason, { action, status: current.status }));
      return false;
    }
    clearTimeout(this.timers.get(pair.id));
    this.timers.delete(pair.id);
    this.saveStates.set(pair.id, 'saving');
    const r = await api.invoke('pairs:set-status', {
      pairId: pair.id,
      expectedVersion: pending?.baseVersion ?? current.version,
      action,
      target: text,
    });
    if (r.ok) {
      this.accept(r.value);
      const now = this.drafts.get(pair.id);
      if (now && now.text === text) this.drafts.delete(pair.id);
      else if (now) this.drafts.set(pair.id, { text: now.text, baseVersion: r.value.version });
      this.saveStates.set(pair.id, 'saved');
      return true;
    }
    if (r.error.code === 'conflict') {
      await this.openConflict(pair.id);
      return false;
    }
    this.saveStates.set(pair.id, 'error');
    this.saveErrors.set(pair.id, r.error);
    notices.error(r.error);
    return false;
  }

  async setExcluded(pair: Pair, excluded: boolean): Promise<void> {
    const r = await api.invoke('pairs:set-excluded', { pairId: pair.id, expectedVersion: pair.version, excluded });
    if (r.ok) this.accept(r.value);
    else notices.error(r.error);
  }

  openReject(pair: Pair): void {
    if (!checkAction(settings.value.role, 'reject', pair).ok) return;
    this.rejecting = pair;
  }
}
