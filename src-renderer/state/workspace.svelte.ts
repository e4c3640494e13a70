// One open document: a paged window of its pairs, the filter, the focused pair, the document's
// statistics, and every write the workspace makes to a pair. The renderer never holds the whole
// document; drafts and their autosave live in `Autosave`, which each write here settles first.
import type { NavKind, PairFilter, PairPage, PairTimeline } from '../../src-main/shared/contract';
import {
  checkAction,
  emptyStats,
  type Comment,
  type DocumentSummary,
  type ErrorCategory,
  type Pair,
  type Revision,
  type Severity,
  type Stats,
  type Status,
} from '../../src-main/shared/domain';
import { appError, type AppError, type Result } from '../../src-main/shared/errors';
import { normalizeForSearch } from '../../src-main/shared/fold';
import type { InlineCode } from '../../src-main/shared/inline';
import { api, ApiError } from '../lib/api';
import { askEarlyDocument, dropEarlyDocument, PAGE_SIZE, type EarlyDocument } from './early';
import { errorMessage, formatNumber, t } from '../lib/i18n.svelte';
import { PageCache } from '../lib/page-cache';
import { notices } from './notices.svelte';
import { Autosave, sameTarget, type TargetValue } from './autosave.svelte';
import { DecorationLayers, searchHits } from './decorations.svelte';
import { QaWorkspace } from './qa.svelte';
import { DocumentTools } from './document-tools';
import { EditHistory } from './edit-history';
import { settings } from './settings.svelte';
import { ui } from './ui.svelte';

export { AUTOSAVE_MS, type Conflict, type Draft, type SaveState } from './autosave.svelte';

export { PAGE_SIZE };
export const MAX_PAGES = 6;
const SEARCH_DEBOUNCE_MS = 250;

export type TextIn = 'source' | 'target' | 'both';

export interface FilterState {
  statuses: Status[];
  text: string;
  textIn: TextIn;
  openComments: boolean;
  /** Only pairs on which a QA issue stands. */
  qaIssues: boolean;
}

/** Where a programmatic change of a target comes from (see `changeTarget`). */
export type TargetChangeOrigin = 'copy-source' | 'restore' | 'match' | 'replace' | 'mt' | 'term';

/** Inserted suggestions are saved at once with their origin, so the history says where the text came from. */
const SAVED_ORIGIN: Partial<Record<TargetChangeOrigin, 'tm' | 'mt'>> = { match: 'tm', mt: 'mt' };

export interface RejectReason {
  comment: string;
  category?: ErrorCategory | undefined;
  severity?: Severity | undefined;
}

export interface PairDetails {
  comments: Comment[];
  revisions: Revision[];
  /** "Not an error" marks and the batches of the revisions, shown in the history with them. */
  timeline: PairTimeline;
}

export function toPairFilter(f: FilterState): PairFilter | undefined {
  const filter: PairFilter = {};
  if (f.statuses.length > 0) filter.statuses = [...f.statuses];
  if (f.text.trim()) {
    filter.text = f.text.trim();
    filter.textIn = f.textIn;
  }
  if (f.openComments) filter.openComments = true;
  if (f.qaIssues) filter.qaIssues = true;
  return Object.keys(filter).length > 0 ? filter : undefined;
}

let early: EarlyDocument | null = null;

/**
 * The app starts straight into a document (a reload, a restored window): its first page was asked
 * for by the first module evaluated (state/early.ts), beside the settings, so the rows can show
 * with the shell. The document's workspace takes it, once: made after the
 * first page has answered, it starts with its rows (one render, not the shell and then the rows).
 * Resolves when the first page has answered.
 */
export function openEarly(documentId: number): Promise<unknown> {
  early = askEarlyDocument(documentId);
  return early.firstPage;
}

/** Nothing will open the early document (onboarding shows first): forget its answers. */
export function dropEarly(): void {
  early = null;
  dropEarlyDocument();
}

function takeEarly(documentId: number): EarlyDocument | null {
  const e = early;
  early = null;
  return e?.documentId === documentId ? e : null;
}

export class WorkspaceState {
  readonly documentId: number;
  doc = $state<DocumentSummary | null>(null);
  stats = $state<Stats>(emptyStats());
  loadError = $state<AppError | null>(null);

  filter = $state<FilterState>({ statuses: [], text: '', textIn: 'both', openComments: false, qaIssues: false });
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

  /** Pairs named by the last `pairs:changed` event of this document (panels reload on it). */
  changed = $state<{ pairIds: number[] }>({ pairIds: [] });

  readonly autosave: Autosave = new Autosave({
    current: (pairId) => this.currentPair(pairId),
    accept: (pair) => this.accept(pair),
  });

  /** Set by the view: scrolls the virtual list. */
  scrollToIndex: (index: number) => void = () => {};

  readonly filtered = $derived(this.applied !== undefined);
  readonly docSegments = $derived(this.stats.total.segments + this.stats.excluded.segments);
  readonly focused = $derived.by(() => {
    void this.version;
    return this.focusedIndex === null ? undefined : this.cache.get(this.focusedIndex);
  });

  /** Each pair's own undo and redo (the browser's one stack for the page would cross segments). */
  readonly edits = new EditHistory<TargetValue>(sameTarget);

  /** The toolbar's whole-document actions (quality, bulk approval, export, review re-import). */
  readonly tools: DocumentTools;

  /** Highlighted ranges in the cells, by layer (docs/ARCHITECTURE.md, "Cell decorations"). */
  readonly decorations = new DecorationLayers();
  /** The applied search folded once, not once per row. */
  /** Quality checks of the pairs being edited, their highlights, the report and the profile. */
  readonly qa: QaWorkspace;
  private readonly searchQuery = $derived(this.applied?.text ? normalizeForSearch(this.applied.text) : '');

  private cache: PageCache<Pair>;
  /** The answers `openEarly` asked for, each until its first use. */
  private earlyPage: Promise<Result<PairPage>> | null = null;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private statsTimer: ReturnType<typeof setTimeout> | undefined;
  private offEvents: (() => void)[] = [];
  private disposed = false;

  constructor(documentId: number) {
    this.documentId = documentId;
    const e = takeEarly(documentId);
    if (e) this.earlyPage = e.firstPage;
    this.qa = new QaWorkspace(documentId, this.decorations);
    this.tools = new DocumentTools(documentId, {
      settleDrafts: () => this.autosave.flushAll(),
      refreshAll: () => this.refreshAll(),
    });
    this.cache = new PageCache<Pair>({
      pageSize: PAGE_SIZE,
      maxPages: MAX_PAGES,
      load: async (offset, limit) => {
        const filter = this.applied;
        const first = this.earlyPage;
        this.earlyPage = null;
        if (first && offset === 0 && limit === PAGE_SIZE && !filter) {
          const r = await first;
          if (!r.ok) throw new ApiError(r.error);
          return r.value;
        }
        return api.call('pairs:list', { documentId, offset, limit, ...(filter ? { filter } : {}) });
      },
      onUpdate: () => {
        this.total = this.cache.total;
        this.version++;
      },
      onError: (e) => notices.error(e instanceof ApiError ? e.error : appError('internal')),
    });
    // The first page already here: the workspace's first render has its rows.
    if (e?.answered?.ok) {
      this.cache.seed(e.answered.value);
      this.earlyPage = null;
    }
    // Hits of the applied search, on the side(s) it searched: the rows shown are the ones it matched.
    this.decorations.set('search', (pair, target) => {
      const query = this.searchQuery;
      if (query === '') return null;
      const where = this.applied?.textIn ?? 'both';
      return {
        source: where === 'target' ? [] : searchHits(pair.source, query),
        target: where === 'source' ? [] : searchHits(target.text, query),
      };
    });
  }

  /**
   * Loads the first page, then, once `painted` (the view's first rows on screen) or at once when
   * the first page did not answer, the document's summary (title, counts). The summary is a count
   * over the whole document: asked for beside the first page, it ran in the main process while the
   * renderer built its first frame, on a machine with few cores competing with it.
   */
  async open(painted: Promise<unknown> = Promise.resolve()): Promise<void> {
    const firstPage = this.cache.start().catch(() => {});
    this.offEvents.push(
      api.on('pairs:changed', (e) => {
        if (e.documentId !== this.documentId) return;
        this.changed = { pairIds: e.pairIds };
        this.refreshAll();
      }),
      api.on('documents:changed', (e) => {
        if (e.documentId === this.documentId) void this.reloadDocument();
      }),
    );
    await firstPage;
    if (this.total >= 0) await painted;
    if (this.disposed) return;
    const doc = await api.invoke('documents:open', { documentId: this.documentId });
    if (!doc.ok) {
      this.loadError = doc.error;
      return;
    }
    this.doc = doc.value;
    this.stats = doc.value.stats;
  }

  dispose(): void {
    this.disposed = true;
    this.qa.dispose();
    for (const off of this.offEvents) off();
    clearTimeout(this.searchTimer);
    clearTimeout(this.statsTimer);
    void this.autosave.flushAll();
  }

  /** The pair at a row, or undefined while its page loads. Reactive. */
  pairAt(index: number): Pair | undefined {
    void this.version;
    return this.cache.get(index);
  }

  // ——— filter ———

  setFilter(patch: Partial<FilterState>): void {
    Object.assign(this.filter, patch);
    clearTimeout(this.searchTimer);
    if ('text' in patch) this.searchTimer = setTimeout(() => void this.applyFilter(), SEARCH_DEBOUNCE_MS);
    else void this.applyFilter();
  }

  /** Focuses a pair's editor from a list outside the grid (find & replace, the QA report); a filter hiding it is cleared. */
  async goToPair(pairId: number): Promise<void> {
    const r = await api.invoke('pairs:locate', {
      documentId: this.documentId,
      pairId,
      ...(this.applied ? { filter: this.applied } : {}),
    });
    if (r.ok && r.value.index !== null) return this.focus(r.value.index, 'editor');
    const pair = await api.invoke('pairs:get', { pairId });
    if (pair.ok) await this.clearFilter(pair.value);
  }

  /** Shows every pair again; `goTo` is then focused in its editor. */
  clearFilter(goTo?: Pair): Promise<void> {
    this.filter = { statuses: [], text: '', textIn: this.filter.textIn, openComments: false, qaIssues: false };
    clearTimeout(this.searchTimer);
    return this.applyFilter(goTo);
  }

  /** The list restarts under the filter; the focused pair (or `goTo`, into its editor) is found in it. */
  private applyFilter(goTo?: Pair): Promise<void> {
    const focusedId = goTo?.id ?? this.focused?.id;
    this.applied = toPairFilter(this.filter);
    this.generation++;
    this.cache.reset();
    this.total = -1;
    this.focusedIndex = null;
    this.version++;
    return this.cache
      .start()
      .then(async () => {
        if (focusedId === undefined) return;
        const r = await api.invoke('pairs:locate', {
          documentId: this.documentId,
          pairId: focusedId,
          ...(this.applied ? { filter: this.applied } : {}),
        });
        if (!r.ok || r.value.index === null) return;
        if (goTo) this.focus(r.value.index, 'editor');
        else {
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

  /**
   * Goes to the next pair of a kind in the whole document (by document order, wrapping). One the
   * filter shows comes first; when the filter hides every one left, it is cleared (and says so)
   * rather than claiming that nothing is left.
   */
  async goNext(kind: NavKind): Promise<boolean> {
    const start = this.focused?.position ?? -1;
    let from = start;
    let wrapped = from === -1;
    let hidden: Pair | null = null;
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
      if (wrapped && start >= 0 && pair.position >= start) break;
      const index = await this.indexOf(pair);
      if (index !== null) {
        this.focus(index, 'editor');
        return true;
      }
      hidden ??= pair;
      from = pair.position;
    }
    if (hidden) {
      notices.info(t('workspace.filterHidNext', { n: formatNumber(hidden.position + 1) }));
      await this.clearFilter(hidden);
      return true;
    }
    notices.info(t(`workspace.none.${kind}`));
    return false;
  }

  private async indexOf(pair: Pair): Promise<number | null> {
    if (!this.applied) return pair.position;
    const r = await api.invoke('pairs:locate', { documentId: this.documentId, pairId: pair.id, filter: this.applied });
    return r.ok ? r.value.index : null;
  }

  // ——— editing ———

  textOf(pair: Pair): string {
    return this.autosave.textOf(pair);
  }

  codesOf(pair: Pair): InlineCode[] | null {
    return this.autosave.codesOf(pair);
  }

  private valueOf(pair: Pair): TargetValue {
    return { text: this.textOf(pair), codes: this.codesOf(pair) };
  }

  /**
   * The user typed in the pair's editor (codes: the target's tags; left out, they stay as they
   * are). A burst of typing is one undo step.
   */
  edit(pair: Pair, text: string, codes?: InlineCode[] | null): void {
    this.edits.record(pair.id, this.valueOf(pair), 'typing');
    this.autosave.edit(pair, text, codes === undefined ? this.codesOf(pair) : codes);
  }

  /**
   * Every programmatic change of a target goes through here (copy source, a restored revision, an
   * inserted memory or machine-translation match, a replacement): it is one undo step in that
   * pair, autosaved like typing, and replacing a non-empty text says how to get it back. False when
   * the pair may not be edited or nothing changes.
   */
  changeTarget(pair: Pair, text: string, origin: TargetChangeOrigin, codes: InlineCode[] | null = null): boolean {
    const current = this.currentPair(pair.id) ?? pair;
    if (!checkAction(settings.value.role, 'edit', current).ok) return false;
    const before = this.valueOf(current);
    if (sameTarget(before, { text, codes })) return false;
    this.edits.record(pair.id, before, 'change');
    const saved = SAVED_ORIGIN[origin];
    this.autosave.edit(current, text, codes, saved);
    if (saved) void this.autosave.flush(pair.id);
    // A term goes in at the caret and keeps the text around it: nothing was replaced.
    if (origin !== 'restore' && origin !== 'term' && before.text.trim() !== '') {
      notices.info(t('workspace.targetReplaced', { n: formatNumber(current.position + 1) }));
    }
    return true;
  }

  /** The source, tags and all, becomes the translation (one undo step). */
  copySource(pair: Pair): void {
    this.changeTarget(pair, pair.source, 'copy-source', pair.sourceCodes ? [...pair.sourceCodes] : null);
  }

  /** Ctrl+Z in a pair's editor: one step back in that pair only. */
  undo(pair: Pair): boolean {
    return this.applyStep(pair, (current) => this.edits.undo(pair.id, current));
  }

  /** Ctrl+Shift+Z / Ctrl+Y in a pair's editor. */
  redo(pair: Pair): boolean {
    return this.applyStep(pair, (current) => this.edits.redo(pair.id, current));
  }

  private applyStep(pair: Pair, take: (current: TargetValue) => TargetValue | null): boolean {
    const current = this.currentPair(pair.id) ?? pair;
    if (!checkAction(settings.value.role, 'edit', current).ok) return false;
    const value = take(this.valueOf(current));
    if (value === null) return false;
    this.autosave.edit(current, value.text, value.codes);
    return true;
  }

  /** Saves the pair's draft now (leaving the pair). */
  flush(pairId: number): Promise<void> {
    return this.autosave.flush(pairId);
  }

  /** A write came back: the cache and the list show the new pair. */
  accept(pair: Pair): void {
    this.cache.replace(pair);
    this.version++;
    this.scheduleStats();
  }

  private currentPair(pairId: number): Pair | undefined {
    return this.cache.findById(pairId)?.item;
  }

  /**
   * Every write other than the draft's own starts here: the unsaved draft is written first (as
   * Ctrl+Enter does), so the write applies to the text on screen and its version. Null when the
   * draft could not be saved (conflict, refusal): the write must not go ahead over it.
   */
  private async settleDraft(pair: Pair): Promise<Pair | null> {
    if (this.autosave.drafts.has(pair.id) || this.autosave.inFlight(pair.id)) await this.autosave.flush(pair.id);
    if (this.autosave.drafts.has(pair.id)) return null;
    return this.currentPair(pair.id) ?? pair;
  }

  /** Refused writes of the review actions come back to the caller to show beside its button. */
  private async write(pair: Pair, run: (current: Pair) => Promise<Result<Pair>>): Promise<AppError | null> {
    const current = await this.settleDraft(pair);
    if (!current) return this.autosave.saveErrors.get(pair.id) ?? appError('conflict');
    const r = await run(current);
    if (!r.ok) return r.error;
    this.accept(r.value);
    notices.succeeded();
    return null;
  }

  // ——— status ———

  /** Ctrl+Enter: a translator confirms, an editor approves; then on to the next pair to do. */
  async confirmAndNext(pair: Pair): Promise<void> {
    const editor = settings.value.role === 'editor';
    const action = editor ? 'approve' : 'confirm';
    const done = await this.setStatus(pair, action);
    if (done) await this.goNext(editor ? 'needs-review' : 'needs-work');
  }

  /**
   * Confirms or approves the text on screen: an unsaved draft travels in the same request. True
   * when the pair is now in the target state.
   */
  async setStatus(pair: Pair, action: 'confirm' | 'approve'): Promise<boolean> {
    const role = settings.value.role;
    const saves = this.autosave;
    let current = this.currentPair(pair.id) ?? pair;
    // A confirmed pair that was edited must first become a draft again: save, then confirm.
    if (saves.drafts.has(pair.id) && (current.status === 'translated' || saves.inFlight(pair.id))) {
      const settled = await this.settleDraft(pair);
      if (!settled) return false;
      current = settled;
    }
    const pending = saves.drafts.get(pair.id);
    const text = pending?.text ?? current.target;
    const codes = pending ? pending.codes : current.targetCodes;
    const verdict = checkAction(role, action, { status: current.status, excluded: current.excluded, target: text });
    if (!verdict.ok) {
      if (verdict.reason === 'invalid_transition' && current.status === 'translated' && !pending) return true;
      notices.error(appError(verdict.reason, { action, status: current.status }));
      return false;
    }
    saves.hold(pair.id);
    saves.saveStates.set(pair.id, 'saving');
    const request = {
      pairId: pair.id,
      expectedVersion: pending?.baseVersion ?? current.version,
      action,
      target: text,
      targetCodes: codes,
    };
    let r = await api.invoke('pairs:set-status', request);
    if (!r.ok && r.error.code === 'qa_errors') {
      if (!(await this.approveOverQa(r.error))) {
        // Not approved after all: the text on screen is still saved as it would have been.
        if (saves.drafts.has(pair.id)) await saves.flush(pair.id);
        else saves.saveStates.set(pair.id, 'saved');
        return false;
      }
      r = await api.invoke('pairs:set-status', { ...request, overrideQa: true });
    }
    if (r.ok) {
      saves.settle(pair.id, { text, codes }, r.value);
      return true;
    }
    await saves.fail(pair.id, r.error);
    if (r.error.code !== 'conflict') notices.error(r.error);
    return false;
  }

  /** The service refused an approval over QA errors: the editor decides, and the history records it. */
  private approveOverQa(error: AppError): Promise<boolean> {
    return ui.confirm({
      title: t('qa.approve.title'),
      // The service names the checks by id; the editor reads their names.
      message: errorMessage({
        ...error,
        params: {
          ...error.params,
          checks: String(error.params?.checks ?? '')
            .split(', ')
            .map((id) => t(`qa.name.${id}`))
            .join(', '),
        },
      }),
      confirmLabel: t('qa.approve.anyway'),
    });
  }

  async setExcluded(pair: Pair, excluded: boolean): Promise<void> {
    const error = await this.write(pair, (p) =>
      api.invoke('pairs:set-excluded', { pairId: p.id, expectedVersion: p.version, excluded }),
    );
    if (error) notices.error(error);
  }

  /** An editor sends a translation back with the reason the translator will see. */
  reject(pair: Pair, reason: RejectReason): Promise<AppError | null> {
    return this.write(pair, (p) =>
      api.invoke('pairs:set-status', {
        pairId: p.id,
        expectedVersion: p.version,
        action: 'reject',
        comment: reason.comment,
        ...(reason.category ? { category: reason.category, severity: reason.severity ?? 'minor' } : {}),
      }),
    );
  }

  /** An editor unlocks an approved pair, saying why. */
  reopen(pair: Pair, comment: string): Promise<AppError | null> {
    return this.write(pair, (p) =>
      api.invoke('pairs:set-status', { pairId: p.id, expectedVersion: p.version, action: 'reopen', comment }),
    );
  }

  /** An earlier text of the pair becomes its text again (a new revision). */
  async restore(pair: Pair, revisionId: number): Promise<AppError | null> {
    let before: TargetValue | null = null;
    const error = await this.write(pair, (p) => {
      before = { text: p.target, codes: p.targetCodes };
      return api.invoke('history:restore', { pairId: p.id, revisionId, expectedVersion: p.version });
    });
    // Ctrl+Z in the pair then brings back the text the restore replaced.
    if (!error && before !== null) this.edits.record(pair.id, before, 'change');
    return error;
  }

  openReject(pair: Pair): void {
    if (!checkAction(settings.value.role, 'reject', pair).ok) return;
    this.rejecting = pair;
  }

  // ——— comments and history of one pair ———

  async details(pairId: number): Promise<Result<PairDetails>> {
    const [comments, revisions, timeline] = await Promise.all([
      api.invoke('comments:list', { pairId }),
      api.invoke('history:list', { pairId }),
      api.invoke('history:timeline', { pairId }),
    ]);
    if (!comments.ok) return comments;
    if (!revisions.ok) return revisions;
    if (!timeline.ok) return timeline;
    return { ok: true, value: { comments: comments.value, revisions: revisions.value, timeline: timeline.value } };
  }

  async addComment(pair: Pair, body: string, parentId?: number): Promise<AppError | null> {
    const r = await api.invoke('comments:add', { pairId: pair.id, body, ...(parentId ? { parentId } : {}) });
    if (!r.ok) return r.error;
    await this.reloadPair(pair.id);
    return null;
  }

  async setCommentResolved(pair: Pair, commentId: number, resolved: boolean): Promise<AppError | null> {
    const r = await api.invoke('comments:set-resolved', { commentId, resolved });
    if (!r.ok) return r.error;
    await this.reloadPair(pair.id);
    return null;
  }

  /** A comment changed the pair's thread (and maybe its open count): list and panel reload it. */
  private async reloadPair(pairId: number): Promise<void> {
    const r = await api.invoke('pairs:get', { pairId });
    if (r.ok) this.accept(r.value);
    this.changed = { pairIds: [pairId] };
  }
}
