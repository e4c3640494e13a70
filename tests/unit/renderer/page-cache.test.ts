import { describe, expect, it, vi } from 'vitest';
import { PageCache, type Page } from '../../../src-renderer/lib/page-cache';

interface Item {
  id: number;
  v: string;
}

/** A fake list of `total` items with a controllable loader. */
function source(total: number) {
  const items = Array.from({ length: total }, (_, i) => ({ id: i + 1, v: `item ${i}` }));
  const calls: [number, number][] = [];
  const pending: { resolve: () => void }[] = [];
  let manual = false;
  const load = (offset: number, limit: number): Promise<Page<Item>> => {
    calls.push([offset, limit]);
    const page = { total: items.length, offset, items: items.slice(offset, offset + limit).map((x) => ({ ...x })) };
    if (!manual) return Promise.resolve(page);
    return new Promise((resolve) => pending.push({ resolve: () => resolve(page) }));
  };
  return {
    items,
    calls,
    load,
    hold: () => (manual = true),
    release: async () => {
      for (const p of pending.splice(0)) p.resolve();
      await flush();
    },
  };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('PageCache', () => {
  it('knows the total after the first page and loads pages on demand', async () => {
    const src = source(1000);
    const onUpdate = vi.fn();
    const cache = new PageCache({ pageSize: 100, maxPages: 3, load: src.load, onUpdate });
    expect(cache.total).toBe(-1);
    await cache.start();
    expect(cache.total).toBe(1000);
    expect(cache.get(5)?.v).toBe('item 5');
    expect(cache.get(250)).toBeUndefined();
    await flush();
    expect(cache.get(250)?.v).toBe('item 250');
    expect(src.calls).toEqual([
      [0, 100],
      [200, 100],
    ]);
    expect(onUpdate).toHaveBeenCalledTimes(2);
  });

  it('never holds more than maxPages, dropping the least recently read', async () => {
    const src = source(1000);
    const cache = new PageCache({ pageSize: 100, maxPages: 3, load: src.load });
    for (const i of [0, 100, 200]) await cache.ensure(i);
    cache.get(0); // page 0 is now the most recent
    await cache.ensure(300);
    expect(cache.cachedPages().sort()).toEqual([0, 2, 3]);
    await cache.ensure(900);
    expect(cache.cachedPages()).toHaveLength(3);
    expect(cache.cachedPages()).not.toContain(2);
  });

  it('asks once for a page however many rows read it while it loads', async () => {
    const src = source(500);
    src.hold();
    const cache = new PageCache({ pageSize: 100, maxPages: 5, load: src.load });
    for (let i = 0; i < 100; i++) cache.get(i);
    expect(src.calls).toHaveLength(1);
    await src.release();
    expect(cache.get(42)?.v).toBe('item 42');
  });

  it('ignores answers that arrive after a reset (a filter changed meanwhile)', async () => {
    const src = source(500);
    src.hold();
    const cache = new PageCache({ pageSize: 100, maxPages: 5, load: src.load });
    cache.get(0);
    cache.reset();
    src.items.splice(0, 1, { id: 999, v: 'new world' });
    await src.release(); // the stale answer is dropped
    expect(cache.total).toBe(-1);
    expect(cache.cachedPages()).toEqual([]);
  });

  it('keeps showing pages while refreshing them, then shows the new data', async () => {
    const src = source(300);
    const cache = new PageCache({ pageSize: 100, maxPages: 5, load: src.load });
    await cache.ensure(0);
    src.items[3] = { id: 4, v: 'changed' };
    cache.refresh();
    expect(cache.get(3)?.v).toBe('item 3'); // still there, a reload started
    await flush();
    expect(cache.get(3)?.v).toBe('changed');
  });

  it('replaces and finds items by id', async () => {
    const src = source(300);
    const cache = new PageCache({ pageSize: 100, maxPages: 5, load: src.load });
    await cache.ensure(150);
    expect(cache.replace({ id: 151, v: 'saved' })).toBe(true);
    expect(cache.get(150)?.v).toBe('saved');
    expect(cache.findById(151)).toEqual({ item: { id: 151, v: 'saved' }, index: 150 });
    expect(cache.replace({ id: 5, v: 'not cached' })).toBe(false);
  });

  it('does not retry a failed page on every read, but does on ensure', async () => {
    let fail = true;
    const calls: number[] = [];
    const onError = vi.fn();
    const cache = new PageCache<Item>({
      pageSize: 10,
      maxPages: 2,
      onError,
      load: (offset, limit) => {
        calls.push(offset);
        return fail
          ? Promise.reject(new Error('down'))
          : Promise.resolve({ total: 20, offset, items: [{ id: offset + 1, v: 'x' }].slice(0, limit) });
      },
    });
    cache.get(0);
    await flush();
    cache.get(0);
    cache.get(1);
    await flush();
    expect(calls).toEqual([0]);
    expect(onError).toHaveBeenCalledTimes(1);
    fail = false;
    expect((await cache.ensure(0))?.id).toBe(1);
  });

  it('returns nothing outside the list', async () => {
    const src = source(10);
    const cache = new PageCache({ pageSize: 100, maxPages: 2, load: src.load });
    await cache.start();
    expect(cache.get(-1)).toBeUndefined();
    expect(cache.get(10)).toBeUndefined();
    expect(src.calls).toHaveLength(1);
  });
});
