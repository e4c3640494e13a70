// The glossary of one open document, as the workspace uses it: the terms recognised in each pair's
// Arabic source (asked for the rows on screen, in batches, and dropped whenever the glossary
// changes), the list the Glossary dialog shows, and every write to the glossary.
import { tick } from 'svelte';
import { SvelteMap } from 'svelte/reactivity';
import type { ExportResult } from '../../src-main/shared/contract';
import type { Pair } from '../../src-main/shared/domain';
import type { AppError, Result } from '../../src-main/shared/errors';
import {
  firstEnglish,
  type GlossaryFormat,
  type GlossaryHit,
  type GlossaryImportResult,
  type GlossaryList,
  type GlossaryScope,
  type GlossaryTerm,
} from '../../src-main/shared/glossary';
import { api } from '../lib/api';
import { editorOf, spliceWord } from '../lib/caret';
import { downloadBase64, type PickedFile } from '../lib/files';
import type { DecorationLayer } from './decorations.svelte';
import { settings } from './settings.svelte';
import type { WorkspaceState } from './workspace.svelte';

/** Rows scrolled into view within this time are asked for together. */
const BATCH_MS = 30;
/** The contract's limit on one `glossary:find`. */
const BATCH_MAX = 1000;

export interface TermDraft {
  source: string;
  target: string;
  note: string;
  forbidden: boolean;
}

const NONE: readonly GlossaryHit[] = Object.freeze([]);

export class GlossaryState {
  readonly documentId: number;
  /** Terms recognised per pair; a pair not in the map has not been asked for yet. */
  private readonly hits = new SvelteMap<number, readonly GlossaryHit[]>();
  /** The dialog's list; null until loaded. */
  list = $state<GlossaryList | null>(null);
  query = $state('');
  error = $state<AppError | null>(null);

  // Bookkeeping, never rendered.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly wanted = new Set<number>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped when the glossary changes: an answer asked before is dropped. */
  private epoch = 0;

  constructor(documentId: number) {
    this.documentId = documentId;
  }

  /**
   * The terms recognised in a pair's source, in text order. Reading it for a pair not yet known
   * asks the main process (batched) and returns none until the answer comes.
   */
  termsOf(pairId: number): readonly GlossaryHit[] {
    const known = this.hits.get(pairId);
    if (known) return known;
    this.want(pairId);
    return NONE;
  }

  /** The grid's `term` decorations: each recognised term underlined in the source, its English as the tooltip. */
  layer(): DecorationLayer {
    return (pair) => {
      const hits = this.termsOf(pair.id);
      if (hits.length === 0) return null;
      return {
        source: hits.map((h) => ({
          start: h.start,
          end: h.end,
          kind: 'term' as const,
          title: h.note ? `${h.target} — ${h.note}` : h.target,
        })),
      };
    };
  }

  /** The distinct terms of a pair, first occurrence first: what the panel lists and Ctrl+Shift+1… inserts. */
  quickTerms(pairId: number): GlossaryHit[] {
    const hits = this.termsOf(pairId);
    return hits.filter((h, i) => hits.findIndex((o) => o.termId === h.termId) === i);
  }

  /** The English that quick key `slot` (0-based) inserts into this pair, or null. */
  englishAt(pairId: number, slot: number): string | null {
    const hit = this.quickTerms(pairId)[slot];
    return hit ? firstEnglish(hit.target) : null;
  }

  /**
   * Quick term `slot` (0-based) goes in at the caret of the pair's translation, or at its end when
   * the editor does not have the focus: one undo step. False when there is no such term or the
   * pair may not be edited.
   */
  insert(ws: WorkspaceState, pair: Pair, slot: number): boolean {
    const english = this.englishAt(pair.id, slot);
    if (!english) return false;
    const el = editorOf(pair.id);
    if (el && !(el instanceof HTMLTextAreaElement)) {
      // The tag editor: its own insertion keeps the chips and makes the browser's undo step.
      el.focus();
      return document.execCommand('insertText', false, english);
    }
    const text = ws.textOf(pair);
    const atCaret = el !== null && document.activeElement === el;
    const next = spliceWord(text, atCaret ? el.selectionStart : text.length, atCaret ? el.selectionEnd : text.length, english);
    if (!ws.changeTarget(pair, next.text, 'term', ws.codesOf(pair))) return false;
    if (el) void tick().then(() => el.setSelectionRange(next.caret, next.caret));
    return true;
  }

  private want(pairId: number): void {
    // Never writes state here: this runs inside the rows' deriveds.
    this.wanted.add(pairId);
    this.timer ??= setTimeout(() => void this.fetchWanted(), BATCH_MS);
  }

  private async fetchWanted(): Promise<void> {
    this.timer = undefined;
    const ids = [...this.wanted].slice(0, BATCH_MAX);
    for (const id of ids) this.wanted.delete(id);
    if (this.wanted.size > 0) this.timer = setTimeout(() => void this.fetchWanted(), 0);
    if (ids.length === 0) return;
    const epoch = this.epoch;
    const r = await api.invoke('glossary:find', { documentId: this.documentId, pairIds: ids });
    if (epoch !== this.epoch || !r.ok) return;
    for (const id of ids) this.hits.set(id, r.value.pairs[id] ?? NONE);
  }

  /** After any change to the glossary: every row asks again. */
  private invalidate(): void {
    this.epoch++;
    this.hits.clear();
  }

  /** The pair's source changed (never, today) or it was reloaded: ask again for it. */
  forget(pairId: number): void {
    this.hits.delete(pairId);
  }

  async load(query = this.query): Promise<void> {
    this.query = query;
    const r = await api.invoke('glossary:list', { documentId: this.documentId, query: query.trim() || undefined });
    if (query !== this.query) return;
    if (r.ok) {
      this.list = r.value;
      this.error = null;
    } else this.error = r.error;
  }

  private async write<T>(call: Promise<Result<T>>): Promise<Result<T>> {
    const r = await call;
    if (r.ok) {
      this.invalidate();
      await this.load();
    }
    return r;
  }

  add(term: TermDraft): Promise<Result<GlossaryTerm>> {
    return this.write(api.invoke('glossary:add', { documentId: this.documentId, ...term }));
  }

  edit(termId: number, term: TermDraft): Promise<Result<GlossaryTerm>> {
    return this.write(api.invoke('glossary:edit', { termId, ...term }));
  }

  remove(termId: number): Promise<Result<{ deleted: number }>> {
    return this.write(api.invoke('glossary:delete', { termId }));
  }

  setScope(scope: GlossaryScope): Promise<Result<GlossaryList>> {
    return this.write(api.invoke('glossary:set-scope', { documentId: this.documentId, scope }));
  }

  import(file: PickedFile): Promise<Result<GlossaryImportResult>> {
    return this.write(api.invoke('glossary:import', { documentId: this.documentId, ...file }));
  }

  /** Through the native save dialog in the app; a download in the browser preview. */
  async export(format: GlossaryFormat): Promise<Result<ExportResult>> {
    const r = await api.invoke('glossary:export', {
      documentId: this.documentId,
      format,
      saveAs: settings.info?.nativeDialogs === true,
    });
    if (r.ok && r.value.dataBase64) downloadBase64(r.value.fileName, r.value.mime, r.value.dataBase64);
    return r;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.epoch++;
  }
}
