// QA issues packed for a trip between threads: numbers in one typed array (check, message
// parameters, "not an error" mark, ranges) and the objects they name (each message parameters
// object, each mark) once, in one JSON array. A structured copy (or JSON) of the issue objects
// costs the reading thread about as much as checking the pairs did; unpacked, the objects are made
// directly. Used for the issues the document QA's second thread sends the job worker, and for the
// QA report the job worker sends the main thread.
import { QA_CHECKS, QA_SEVERITY, type QaIssue, type QaPair, type QaRange } from '../qa/types';
import type { QaPairIssues, QaReport } from '../shared/qa';
import type { QaState } from '../store/repos/qa';
import { IntList } from '../shared/int-list';

export interface PackedIssues {
  /**
   * Per row: its issue count, then per issue: check index, parameters index, mark index (-1 for
   * none), range count, then (side, start, end) per range.
   */
  ints: Int32Array;
  /** The objects the issues name (each shared object once), as one JSON array. */
  objects: string;
}

const CHECK_INDEX = new Map(QA_CHECKS.map((c, i) => [c, i]));

/** Packs rows' issues one row at a time (see {@link PackedIssues}). */
export class IssuePacker {
  private readonly ints = new IntList(1024);
  // The checks share one parameters object among the issues that say the same thing (a missing
  // term written the same way): each is sent once. Others are sent as they are.
  private readonly objectAt = new Map<object, number>();
  private readonly objects: object[] = [];

  private indexOf(o: object): number {
    let at = this.objectAt.get(o);
    if (at === undefined) {
      this.objectAt.set(o, (at = this.objects.length));
      this.objects.push(o);
    }
    return at;
  }

  /** The next row's issues (null or empty for none). */
  add(issues: readonly QaIssue[] | null): void {
    if (!issues) {
      this.ints.push(0);
      return;
    }
    this.ints.push(issues.length);
    for (const issue of issues) {
      this.ints.push(CHECK_INDEX.get(issue.check)!);
      this.ints.push(this.indexOf(issue.params));
      this.ints.push(issue.ignored ? this.indexOf(issue.ignored) : -1);
      this.ints.push(issue.ranges.length);
      for (const r of issue.ranges) {
        this.ints.push(r.side === 'source' ? 0 : 1);
        this.ints.push(r.start);
        this.ints.push(r.end);
      }
    }
  }

  finish(): PackedIssues {
    return { ints: this.ints.data.slice(0, this.ints.length), objects: JSON.stringify(this.objects) };
  }
}

/** `found[i]`: row i's issues (null or empty for none). */
export function packIssues(found: readonly (readonly QaIssue[] | null)[]): PackedIssues {
  const packer = new IssuePacker();
  for (const issues of found) packer.add(issues);
  return packer.finish();
}

/**
 * The issues back as they were packed (the same fields in the same order: a report of them is the
 * same JSON). Issues that shared an object share one again (read-only).
 */
export function unpackIssues(packed: PackedIssues, rows: number): QaIssue[][] {
  const objects = JSON.parse(packed.objects) as unknown[];
  const ints = packed.ints;
  const out = new Array<QaIssue[]>(rows);
  let k = 0;
  for (let row = 0; row < rows; row++) {
    const count = ints[k++]!;
    const issues = new Array<QaIssue>(count);
    for (let i = 0; i < count; i++) {
      const check = QA_CHECKS[ints[k++]!]!;
      const params = objects[ints[k++]!] as QaIssue['params'];
      const mark = ints[k++]!;
      const ranges = new Array<QaRange>(ints[k++]!);
      for (let r = 0; r < ranges.length; r++) {
        ranges[r] = { side: ints[k++] === 0 ? 'source' : 'target', start: ints[k++]!, end: ints[k++]! };
      }
      issues[i] =
        mark < 0
          ? { check, severity: QA_SEVERITY[check], params, ranges }
          : { check, severity: QA_SEVERITY[check], params, ranges, ignored: objects[mark] as NonNullable<QaIssue['ignored']> };
    }
    out[row] = issues;
  }
  return out;
}

/** Some of a report's pairs, in order: the job worker's own, or those the document QA's second thread tallied. */
export interface PackedReportPart {
  pairIds: Int32Array;
  positions: Float64Array;
  issues: PackedIssues;
}

/** A QA report for the trip from the job worker to the main thread: its pairs are its parts' in order. */
export interface PackedReport {
  head: Omit<QaReport, 'pairs'>;
  parts: PackedReportPart[];
}

export function packPairIssues(pairs: readonly QaPairIssues[]): PackedReportPart {
  return {
    pairIds: Int32Array.from(pairs, (p) => p.pairId),
    positions: Float64Array.from(pairs, (p) => p.position),
    issues: packIssues(pairs.map((p) => p.issues)),
  };
}

/** A QA report for the trip from the job worker to the main thread; its buffers can be transferred. */
export function packReport(report: QaReport): PackedReport {
  const { pairs, ...head } = report;
  return { head, parts: [packPairIssues(pairs)] };
}

export function reportBuffers(packed: PackedReport): ArrayBuffer[] {
  return packed.parts.flatMap((p) => [p.pairIds.buffer, p.positions.buffer, p.issues.ints.buffer] as ArrayBuffer[]);
}

/** A part's pairs, appended to `out`. */
export function unpackPart(part: PackedReportPart, out: QaPairIssues[]): void {
  const issues = unpackIssues(part.issues, part.pairIds.length);
  for (let i = 0; i < issues.length; i++) {
    out.push({ pairId: part.pairIds[i]!, position: part.positions[i]!, issues: issues[i]! });
  }
}

/** The report as it was packed: the same JSON. */
export function unpackReport(packed: PackedReport): QaReport {
  const pairs: QaPairIssues[] = [];
  for (const part of packed.parts) unpackPart(part, pairs);
  return { ...packed.head, pairs };
}

/** A pair as the document QA's second part is checked and tallied. */
export type ThreadRow = QaPair & { position: number; qaState: QaState | null };
