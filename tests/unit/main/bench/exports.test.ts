// The bench's export scenario on a small document: `npm run bench` is not part of `npm test`, and it
// once stopped half-way (export_no_skeleton) when source-layout exports were added.
import { describe, expect, it } from 'vitest';
import { benchExports } from '../../../bench/exports';
import { EXPORT_FORMATS, LAYOUT_EXPORTS } from '../../../../src-main/shared/domain';

describe('bench: exports', () => {
  it('renders every format a generated document can have', async () => {
    const figures = await benchExports(20, () => {});
    const expected = EXPORT_FORMATS.filter((f) => LAYOUT_EXPORTS[f] === undefined);
    expect(figures.formats.map((f) => f.format)).toEqual(expected);
    for (const f of figures.formats) expect(f.bytes).toBeGreaterThan(0);
  });
});
