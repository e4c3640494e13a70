/**
 * A growable list of int32s: `data` holds `length` values (and spare room), doubled when full.
 * What the memory's postings (tm/retrieval.ts), the QA facts (qa/facts.ts) and packed QA issues
 * (jobs/qa-issues-pack.ts) build their typed arrays with.
 */
export class IntList {
  data: Int32Array;
  length = 0;
  constructor(capacity = 4) {
    this.data = new Int32Array(Math.max(1, capacity));
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}
