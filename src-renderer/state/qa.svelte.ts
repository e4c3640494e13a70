// Quality checks in the workspace: the issues of the pairs being edited (asked of the main process
// as the target is typed, debounced, on the unsaved text), their ranges as cell decorations, the
// "not an error" marks, and the document's report, check profile and the user dictionary.
import { SvelteMap } from 'svelte/reactivity';
import type { Events } from '../../src-main/shared/contract';
import type { QaCheckId, QaIssue, QaReport } from '../../src-main/shared/qa';
import type { Result } from '../../src-main/shared/errors';
import type { Decoration } from '../lib/decorations';
import { api } from '../lib/api';
import { tIsolated, type Isolate } from '../lib/i18n.svelte';
import type { DecorationLayers } from './decorations.svelte';

/** How long typing rests before the text is checked. */
export const QA_DEBOUNCE_MS = 300;
/** Pairs whose last issues are kept (their highlights stay while their text is unchanged). */
const KEPT = 200;

export interface PairQa {
  /** The text the issues were found in: their ranges are offsets into it. */
  text: string;
  issues: QaIssue[];
}

/**
 * How each interpolated value of a QA message is set apart from the sentence: quoted Arabic reads
 * right to left, English words, names and characters left to right, whatever the UI's language.
 */
export const QA_ISOLATE: Record<string, Isolate> = {
  chars: 'auto',
  numbers: 'auto',
  tokens: 'ltr',
  expected: 'auto',
  found: 'auto',
  other: 'ltr',
  source: 'rtl',
  term: 'ltr',
  words: 'ltr',
};

/** The values of an issue's message that it has, with how to isolate them. */
export function issueIsolate(issue: QaIssue): Record<string, Isolate> {
  return Object.fromEntries(Object.entries(QA_ISOLATE).filter(([k]) => k in issue.params));
}

/** An issue's message as one string with its values isolated (a tooltip, an aria-label). */
export function issueMessage(issue: QaIssue): string {
  return tIsolated(`qa.check.${issue.check}`, issue.params, issueIsolate(issue));
}

/** An issue's ranges as cell decorations of the side they mark. Ignored issues mark nothing. */
export function issueDecorations(issues: readonly QaIssue[]): { source: Decoration[]; target: Decoration[] } {
  const source: Decoration[] = [];
  const target: Decoration[] = [];
  for (const issue of issues) {
    if (issue.ignored) continue;
    const kind = issue.severity === 'error' ? ('qa-error' as const) : ('qa-warning' as const);
    const title = issueMessage(issue);
    // A whole-cell range (an empty target, the length) says nothing a mark could add.
    for (const r of issue.ranges) {
      (r.side === 'source' ? source : target).push({ start: r.start, end: r.end, kind, title });
    }
  }
  return { source, target };
}

export class QaWorkspace {
  readonly documentId: number;
  /** pairId → the issues last found. Reactive: rows re-decorate when an entry changes. */
  readonly found = new SvelteMap<number, PairQa>();
  // Bookkeeping, never rendered: plain maps on purpose.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private timers = new Map<number, ReturnType<typeof setTimeout>>();
  /** The text each pair was last asked about: an answer for an older text is dropped. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private asked = new Map<number, string>();

  constructor(documentId: number, decorations: DecorationLayers) {
    this.documentId = documentId;
    decorations.set('qa', (pair, target) => {
      const entry = this.found.get(pair.id);
      // Ranges are offsets into the text they were found in: none while the text has moved on.
      if (!entry || entry.text !== target.text) return null;
      // As under the segment: before anything is typed, "the translation is empty" is no news, and
      // a wavy line under the whole Arabic of every untouched segment would only hide the text.
      if (target.text.trim() === '') return null;
      return issueDecorations(entry.issues);
    });
  }

  /** The issues of a pair for exactly this text, or undefined while they are being found. */
  issuesFor(pairId: number, text: string): QaIssue[] | undefined {
    const entry = this.found.get(pairId);
    return entry && entry.text === text ? entry.issues : undefined;
  }

  /** Checks the text after typing rests (at once with `now`). */
  schedule(pairId: number, text: string, now = false): void {
    clearTimeout(this.timers.get(pairId));
    if (this.asked.get(pairId) === text && this.found.get(pairId)?.text === text) return;
    if (now) void this.check(pairId, text);
    else
      this.timers.set(
        pairId,
        setTimeout(() => void this.check(pairId, text), QA_DEBOUNCE_MS),
      );
  }

  /** Asks again for the text last checked (a peer, the glossary or a mark may have changed). */
  recheck(pairId: number): void {
    const text = this.found.get(pairId)?.text;
    if (text !== undefined) void this.check(pairId, text);
  }

  async check(pairId: number, text: string): Promise<void> {
    this.timers.delete(pairId);
    this.asked.set(pairId, text);
    const r = await api.invoke('qa:check-pair', { pairId, target: text });
    if (this.asked.get(pairId) !== text) return;
    // A failed check (the pair was deleted) leaves no stale issues behind.
    if (!r.ok) this.found.delete(pairId);
    else this.keep(pairId, { text, issues: r.value.issues });
  }

  /** Marks a warning "not an error" for the pair's saved text (or takes the mark back). */
  async setIgnored(pairId: number, check: QaCheckId, ignored: boolean): Promise<Result<{ issues: QaIssue[] }>> {
    const r = await api.invoke('qa:set-ignored', { pairId, check, ignored });
    const text = this.found.get(pairId)?.text;
    if (r.ok && text !== undefined) this.keep(pairId, { text, issues: r.value.issues });
    return r;
  }

  private keep(pairId: number, entry: PairQa): void {
    this.found.delete(pairId);
    this.found.set(pairId, entry);
    if (this.found.size > KEPT) {
      const oldest = this.found.keys().next().value;
      if (oldest !== undefined) this.found.delete(oldest);
    }
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  // ——— the document ———

  /**
   * The document's report, run as a long job named `jobId` (docs/ARCHITECTURE.md, "Long jobs"):
   * {@link onReportProgress} follows it, {@link cancelReport} stops it (the call then fails with
   * `cancelled` and nothing stored has changed).
   */
  report(jobId: string): Promise<Result<QaReport>> {
    return api.invoke('qa:report', { documentId: this.documentId, jobId });
  }

  /** Progress of the report job `jobId()` names at the time of each event (segments checked). */
  onReportProgress(jobId: () => string | null, listener: (p: Events['job:progress']) => void): () => void {
    return api.on('job:progress', (p) => {
      if (p.jobId === jobId()) listener(p);
    });
  }

  cancelReport(jobId: string): void {
    void api.invoke('jobs:cancel', { jobId });
  }

  profile(): Promise<Result<{ disabled: QaCheckId[] }>> {
    return api.invoke('qa:get-profile', { documentId: this.documentId });
  }

  async setProfile(disabled: QaCheckId[]): Promise<Result<{ disabled: QaCheckId[] }>> {
    const r = await api.invoke('qa:set-profile', { documentId: this.documentId, disabled });
    // Every pair's issues may have changed: the ones kept are asked again.
    if (r.ok) for (const id of [...this.found.keys()]) this.recheck(id);
    return r;
  }
}

/** The user dictionary (shared by every document): Settings and the QA panel's "add". */
export const dictionary = {
  list(): Promise<Result<{ words: string[] }>> {
    return api.invoke('qa:list-words', {});
  },
  set(word: string, known: boolean): Promise<Result<{ words: string[] }>> {
    return api.invoke('qa:set-word', { word, known });
  },
};
