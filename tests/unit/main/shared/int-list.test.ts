import { describe, expect, it } from 'vitest';
import { IntList } from '../../../../src-main/shared/int-list';

describe('IntList', () => {
  it('keeps every value pushed, in order, as it grows past its capacity', () => {
    for (const capacity of [0, 1, 3, 64]) {
      const list = new IntList(capacity);
      const want = Array.from({ length: 1000 }, (_, i) => ((i * 7919) % 2003) - 1000);
      want.forEach((v) => list.push(v));
      expect(list.length).toBe(want.length);
      expect([...list.data.subarray(0, list.length)]).toEqual(want);
    }
  });
});
