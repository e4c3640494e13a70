// The bench's bilingual review scenario on a small store: `npm run bench` is not part of `npm test`,
// and its whole-process runs (the CLI built to a folder of its own, every mode's arguments) should
// not be found broken only when the lead runs it.
import { describe, expect, it } from 'vitest';
import { benchDocx, docxLines } from '../../../bench/docx';

describe('bench: bilingual review DOCX', () => {
  it('runs every mode as a whole CLI process and prints each beside the goal', () => {
    const b = benchDocx(() => {}, [30]);
    expect(b.runs.map((r) => r.mode)).toEqual(['list', 'bilingual', 'capped', 'qa', 'target']);
    for (const r of b.runs) {
      expect(r.seconds).toBeGreaterThan(0);
      expect(r.peakRssMb).toBeGreaterThan(0);
      if (r.mode !== 'list') expect(r.fileKb).toBeGreaterThan(0);
    }
    const lines = docxLines(b).join('\n');
    expect(lines).toContain('load average');
    expect(lines).toContain('target-only DOCX (the floor)');
  }, 120_000);
});
