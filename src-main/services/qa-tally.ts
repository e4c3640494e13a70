// What a document QA makes of each pair's issues once they are found: the "not an error" marks
// applied, the pair's state for the stored summary (the "has QA issues" filter), the report's
// counts and, for the report, the pair's entry. Pure (no store): the job worker tallies its part of
// a split document and the second thread (jobs/qa-thread.ts) its own, into a packed part that goes
// into the report as it is (jobs/qa-issues-pack.ts), without being unpacked in the job worker.
import { createHash } from 'node:crypto';
import { IssuePacker, type PackedReportPart } from '../jobs/qa-issues-pack';
import { QA_CHECKS, QA_SEVERITY, type QaCheckId, type QaIssue, type QaPairIssues, type QaReport } from '../shared/qa';
import type { QaIgnore, QaState } from '../store/repos/qa';

/** What a target's "not an error" marks are bound to: a change of text brings the warning back. */
export function targetHash(target: string): string {
  return createHash('sha256').update(target).digest('base64url').slice(0, 22);
}

export function markIgnored(issues: QaIssue[], ignores: readonly QaIgnore[], target: string): QaIssue[] {
  if (ignores.length === 0) return issues;
  const hash = targetHash(target);
  return issues.map((i) => {
    const mark = ignores.find((g) => g.check === i.check && g.targetHash === hash);
    return mark && i.severity === 'warning' ? { ...i, ignored: { by: mark.author, at: mark.createdAt } } : i;
  });
}

/** 0 none, 1 warnings only, 2 an error: what the stored summary keeps of a pair's issues. */
export function stateOf(issues: readonly QaIssue[]): QaState {
  let state: QaState = 0;
  for (const i of issues) {
    if (i.ignored) continue;
    if (i.severity === 'error') return 2;
    state = 1;
  }
  return state;
}

/** A pair as the tally reads it. */
export interface TalliedRow {
  id: number;
  position: number;
  target: string;
  qaState: QaState | null;
}

/** A tally's counts and states; with `pairs` (a report's part), its pairs' entries packed. */
export interface QaTallyPart {
  errors: number;
  warnings: number;
  ignored: number;
  /** Per check of QA_CHECKS (by index): issues standing, then pairs with one. */
  byCheck: number[];
  /** (pair id, state) of each pair whose stored state is to change. */
  changed: Int32Array;
  pairs: PackedReportPart | null;
}

/**
 * `follow`: every pair's state is stored again (the report follows a new glossary); `collect`: the
 * pairs' entries are kept, as objects (`'objects'`, this thread's report) or packed (`'packed'`, a
 * part sent to another thread), or not at all (`'none'`, judging only the states).
 */
export class QaTally {
  errors = 0;
  warnings = 0;
  ignored = 0;
  readonly byCheck: number[] = new Array<number>(QA_CHECKS.length * 2).fill(0);
  /** Pairs (id, state) flattened. */
  private changed: number[] = [];
  readonly pairs: QaPairIssues[] = [];
  private packer: IssuePacker | null;
  private pairIds: number[] = [];
  private positions: number[] = [];

  constructor(
    private readonly follow: boolean,
    private readonly collect: 'objects' | 'packed' | 'none',
  ) {
    this.packer = collect === 'packed' ? new IssuePacker() : null;
  }

  add(row: TalliedRow, found: QaIssue[], ignores: readonly QaIgnore[]): void {
    const issues = found.length === 0 ? found : markIgnored(found, ignores, row.target);
    const state = stateOf(issues);
    if (this.follow || state !== row.qaState) this.changed.push(row.id, state);
    if (issues.length === 0 || this.collect === 'none') return;
    if (this.packer) {
      this.pairIds.push(row.id);
      this.positions.push(row.position);
      this.packer.add(issues);
    } else this.pairs.push({ pairId: row.id, position: row.position, issues });
    const seen = new Set<QaCheckId>();
    for (const i of issues) {
      if (i.ignored) {
        this.ignored++;
        continue;
      }
      if (i.severity === 'error') this.errors++;
      else this.warnings++;
      const at = CHECK_INDEX.get(i.check)! * 2;
      this.byCheck[at]!++;
      if (!seen.has(i.check)) this.byCheck[at + 1]!++;
      seen.add(i.check);
    }
  }

  /** The (pair id, state) pairs to store. */
  changedStates(): Int32Array {
    return Int32Array.from(this.changed);
  }

  /** The part for another thread (collect 'packed' or 'none'). */
  part(): QaTallyPart {
    return {
      errors: this.errors,
      warnings: this.warnings,
      ignored: this.ignored,
      byCheck: this.byCheck,
      changed: this.changedStates(),
      pairs: this.packer
        ? { pairIds: Int32Array.from(this.pairIds), positions: Float64Array.from(this.positions), issues: this.packer.finish() }
        : null,
    };
  }
}

const CHECK_INDEX = new Map(QA_CHECKS.map((c, i) => [c, i]));

/** A report's counts from the tallies of its parts, in order. */
export function reportHead(
  documentId: number,
  disabled: QaCheckId[],
  parts: readonly Pick<QaTallyPart, 'errors' | 'warnings' | 'ignored' | 'byCheck'>[],
): Omit<QaReport, 'pairs'> {
  let errors = 0;
  let warnings = 0;
  let ignored = 0;
  const byCheck = new Array<number>(QA_CHECKS.length * 2).fill(0);
  for (const p of parts) {
    errors += p.errors;
    warnings += p.warnings;
    ignored += p.ignored;
    for (let i = 0; i < byCheck.length; i++) byCheck[i]! += p.byCheck[i]!;
  }
  return {
    documentId,
    disabled,
    errors,
    warnings,
    ignored,
    byCheck: QA_CHECKS.flatMap((check, i) =>
      byCheck[i * 2]! > 0 ? [{ check, severity: QA_SEVERITY[check], issues: byCheck[i * 2]!, pairs: byCheck[i * 2 + 1]! }] : [],
    ),
  };
}
