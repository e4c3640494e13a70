// The issues the document QA's second thread found, packed for the trip back to the job worker:
// numbers in one typed array (check, message parameters, ranges) and the message parameters as
// one JSON array. A structured copy (or JSON) of the issue objects costs the job worker
// about as much to read as checking the pairs did; unpacked, the objects are made directly.
import { QA_CHECKS, QA_SEVERITY, type QaIssue, type QaRange } from '../qa/types';

export interface PackedIssues {
  /** Per row: its issue count, then per issue: check index, parameters index, range count, then (side, start, end) per range. */
  ints: Int32Array;
  /** The message parameters (each shared object once), as one JSON array. */
  params: string;
}

const CHECK_INDEX = new Map(QA_CHECKS.map((c, i) => [c, i]));

/** `found[i]`: row i's issues (null or empty for none), each made by the checks (no `ignored` yet). */
export function packIssues(found: readonly (readonly QaIssue[] | null)[]): PackedIssues {
  let ints = new Int32Array(1024);
  let n = 0;
  const push = (v: number): void => {
    if (n === ints.length) {
      const more = new Int32Array(ints.length * 2);
      more.set(ints);
      ints = more;
    }
    ints[n++] = v;
  };
  // The checks share one parameters object among the issues that say the same thing (a missing
  // term written the same way): each is sent once. Others are sent as they are.
  const paramsAt = new Map<object, number>();
  const params: QaIssue['params'][] = [];
  for (const issues of found) {
    if (!issues) {
      push(0);
      continue;
    }
    push(issues.length);
    for (const issue of issues) {
      push(CHECK_INDEX.get(issue.check)!);
      let at = paramsAt.get(issue.params);
      if (at === undefined) {
        paramsAt.set(issue.params, (at = params.length));
        params.push(issue.params);
      }
      push(at);
      push(issue.ranges.length);
      for (const r of issue.ranges) {
        push(r.side === 'source' ? 0 : 1);
        push(r.start);
        push(r.end);
      }
    }
  }
  return { ints: ints.slice(0, n), params: JSON.stringify(params) };
}

/**
 * The issues back as the checks made them (the same fields in the same order: a report of them is
 * the same JSON). Issues that shared a parameters object share one again (read-only).
 */
export function unpackIssues(packed: PackedIssues, rows: number): QaIssue[][] {
  const params = JSON.parse(packed.params) as QaIssue['params'][];
  const ints = packed.ints;
  const out = new Array<QaIssue[]>(rows);
  let k = 0;
  for (let row = 0; row < rows; row++) {
    const count = ints[k++]!;
    const issues = new Array<QaIssue>(count);
    for (let i = 0; i < count; i++) {
      const check = QA_CHECKS[ints[k++]!]!;
      const p = params[ints[k++]!]!;
      const ranges = new Array<QaRange>(ints[k++]!);
      for (let r = 0; r < ranges.length; r++) {
        ranges[r] = { side: ints[k++] === 0 ? 'source' : 'target', start: ints[k++]!, end: ints[k++]! };
      }
      issues[i] = { check, severity: QA_SEVERITY[check], params: p, ranges };
    }
    out[row] = issues;
  }
  return out;
}
