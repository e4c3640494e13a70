// QA issues packed for a trip between threads: numbers in one typed array (check, message
// parameters, "not an error" mark, ranges) and the objects they name (each message parameters
// object, each mark) once, in one JSON array. A structured copy (or JSON) of the issue objects
// costs the reading thread about as much as checking the pairs did; unpacked, the objects are made
// directly. Used for the issues the document QA's second thread sends the job worker, and for the
// QA report the job worker sends the main thread.
import { QA_CHECKS, QA_SEVERITY, type QaIssue, type QaPair, type QaRange } from '../qa/types';
import type { QaPairIssues, QaReport } from '../shared/qa';

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

/** `found[i]`: row i's issues (null or empty for none). */
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
  const objectAt = new Map<object, number>();
  const objects: object[] = [];
  const indexOf = (o: object): number => {
    let at = objectAt.get(o);
    if (at === undefined) {
      objectAt.set(o, (at = objects.length));
      objects.push(o);
    }
    return at;
  };
  for (const issues of found) {
    if (!issues) {
      push(0);
      continue;
    }
    push(issues.length);
    for (const issue of issues) {
      push(CHECK_INDEX.get(issue.check)!);
      push(indexOf(issue.params));
      push(issue.ignored ? indexOf(issue.ignored) : -1);
      push(issue.ranges.length);
      for (const r of issue.ranges) {
        push(r.side === 'source' ? 0 : 1);
        push(r.start);
        push(r.end);
      }
    }
  }
  return { ints: ints.slice(0, n), objects: JSON.stringify(objects) };
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

export interface PackedReport {
  head: Omit<QaReport, 'pairs'>;
  pairIds: Int32Array;
  positions: Float64Array;
  issues: PackedIssues;
}

/** A QA report for the trip from the job worker to the main thread; its buffers can be transferred. */
export function packReport(report: QaReport): PackedReport {
  const { pairs, ...head } = report;
  return {
    head,
    pairIds: Int32Array.from(pairs, (p) => p.pairId),
    positions: Float64Array.from(pairs, (p) => p.position),
    issues: packIssues(pairs.map((p) => p.issues)),
  };
}

export function reportBuffers(packed: PackedReport): ArrayBuffer[] {
  return [packed.pairIds.buffer, packed.positions.buffer, packed.issues.ints.buffer] as ArrayBuffer[];
}

/** The report as it was packed: the same JSON. */
export function unpackReport(packed: PackedReport): QaReport {
  const issues = unpackIssues(packed.issues, packed.pairIds.length);
  const pairs = new Array<QaPairIssues>(issues.length);
  for (let i = 0; i < issues.length; i++) {
    pairs[i] = { pairId: packed.pairIds[i]!, position: packed.positions[i]!, issues: issues[i]! };
  }
  return { ...packed.head, pairs };
}

/**
 * Pairs for the trip to the document QA's second thread: their ids and exclusions in typed arrays
 * (transferred), their texts in two arrays of strings. A structured copy of the row objects cost the
 * job worker ~150 ms for 50k pairs; texts joined into one string and cut back in the thread came
 * out as slices of a two-byte string, on which the checks ran at half speed.
 */
export interface PackedPairs {
  ids: Int32Array;
  excluded: Uint8Array;
  sources: string[];
  targets: string[];
}

export function packPairs(rows: readonly QaPair[], from: number): PackedPairs {
  const n = rows.length - from;
  const ids = new Int32Array(n);
  const excluded = new Uint8Array(n);
  const sources = new Array<string>(n);
  const targets = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const r = rows[from + i]!;
    ids[i] = r.id;
    excluded[i] = r.excluded ? 1 : 0;
    sources[i] = r.source;
    targets[i] = r.target;
  }
  return { ids, excluded, sources, targets };
}

export function pairsBuffers(packed: PackedPairs): ArrayBuffer[] {
  return [packed.ids.buffer, packed.excluded.buffer] as ArrayBuffer[];
}

/** The pairs as the checks read them (id, source, target, excluded). */
export function unpackPairs(packed: PackedPairs): QaPair[] {
  const out = new Array<QaPair>(packed.ids.length);
  for (let i = 0; i < out.length; i++) {
    out[i] = { id: packed.ids[i]!, source: packed.sources[i]!, target: packed.targets[i]!, excluded: packed.excluded[i] === 1 };
  }
  return out;
}
