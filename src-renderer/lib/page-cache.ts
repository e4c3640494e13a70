// A window onto a long list that lives in the main process: fixed-size pages fetched by offset,
// kept in a small LRU. The list knows its total from the first page, so a virtual list can size
// itself without ever holding the whole document.

export interface Page<T> {
  total: number;
  offset: number;
  items: T[];
}

export type PageLoader<T> = (offset: number, limit: number) => Promise<Page<T>>;

export interface PageCacheOptions<T> {
  pageSize: number;
  /** Pages kept in memory; the least recently read is dropped first. */
  maxPages: number;
  load: PageLoader<T>;
  /** A page arrived (or the total changed): redraw. */
  onUpdate?: () => void;
  onError?: (e: unknown) => void;
}

export class PageCache<T extends { id: number }> {
  readonly pageSize: number;
  readonly maxPages: number;
  /** -1 until the first page answers. */
  total = -1;
  private readonly loader: PageLoader<T>;
  private readonly onUpdate: () => void;
  private readonly onError: (e: unknown) => void;
  /** Map order is recency order: the first entry is the least recently used. */
  private pages = new Map<number, T[]>();
  private stale = new Set<number>();
  private failed = new Set<number>();
  private inflight = new Map<number, Promise<void>>();
  /** Bumped by reset/refresh: answers to older requests are ignored. */
  private generation = 0;

  constructor(opts: PageCacheOptions<T>) {
    if (opts.pageSize < 1 || opts.maxPages < 1) throw new RangeError('pageSize and maxPages must be positive');
    this.pageSize = opts.pageSize;
    this.maxPages = opts.maxPages;
    this.loader = opts.load;
    this.onUpdate = opts.onUpdate ?? (() => {});
    this.onError = opts.onError ?? (() => {});
  }

  /** The item at `index`, or undefined while its page loads (the load starts here). */
  get(index: number): T | undefined {
    if (index < 0 || (this.total >= 0 && index >= this.total)) return undefined;
    const p = Math.floor(index / this.pageSize);
    const page = this.pages.get(p);
    if (page) {
      this.pages.delete(p);
      this.pages.set(p, page);
    }
    if ((!page || this.stale.has(p)) && !this.failed.has(p)) void this.loadPage(p);
    return page?.[index - p * this.pageSize];
  }

  /** Loads the page holding `index` if needed and returns the item. */
  async ensure(index: number): Promise<T | undefined> {
    const p = Math.floor(index / this.pageSize);
    if (!this.pages.has(p) || this.stale.has(p)) {
      this.failed.delete(p);
      await this.loadPage(p);
    }
    return this.get(index);
  }

  /** Fetches the first page (and with it the total), unless it is here already (`seed`). */
  async start(): Promise<void> {
    if (this.pages.has(0) && !this.stale.has(0)) return;
    await this.loadPage(0);
  }

  /** A page answered before the cache existed (asked for at start-up): taken as if it had loaded it. */
  seed(page: Page<T>): void {
    if (page.offset % this.pageSize !== 0 || page.items.length > this.pageSize) return;
    this.store(page.offset / this.pageSize, page);
  }

  /** The filter changed: forget everything. */
  reset(): void {
    this.generation++;
    this.pages.clear();
    this.stale.clear();
    this.failed.clear();
    this.inflight.clear();
    this.total = -1;
  }

  /** The data changed elsewhere: keep showing what we have, reload pages as they are read. */
  refresh(): void {
    this.generation++;
    this.inflight.clear();
    this.failed.clear();
    for (const p of this.pages.keys()) this.stale.add(p);
  }

  /** Replaces a cached item by id (after a write returned the new version). */
  replace(item: T): boolean {
    for (const page of this.pages.values()) {
      const i = page.findIndex((x) => x.id === item.id);
      if (i >= 0) {
        page[i] = item;
        return true;
      }
    }
    return false;
  }

  /** The cached item with this id, wherever it is. */
  findById(id: number): { item: T; index: number } | undefined {
    for (const [p, page] of this.pages) {
      const i = page.findIndex((x) => x.id === id);
      if (i >= 0) return { item: page[i]!, index: p * this.pageSize + i };
    }
    return undefined;
  }

  cachedPages(): number[] {
    return [...this.pages.keys()];
  }

  private store(p: number, page: Page<T>): void {
    this.pages.delete(p);
    this.pages.set(p, page.items);
    this.stale.delete(p);
    this.failed.delete(p);
    this.total = page.total;
    while (this.pages.size > this.maxPages) {
      const oldest = this.pages.keys().next().value as number;
      this.pages.delete(oldest);
      this.stale.delete(oldest);
    }
    this.onUpdate();
  }

  private loadPage(p: number): Promise<void> {
    const running = this.inflight.get(p);
    if (running) return running;
    const generation = this.generation;
    const promise = this.loader(p * this.pageSize, this.pageSize).then(
      (page) => {
        if (generation !== this.generation) return;
        this.inflight.delete(p);
        this.store(p, page);
      },
      (e: unknown) => {
        if (generation !== this.generation) return;
        this.inflight.delete(p);
        this.failed.add(p);
        this.onError(e);
      },
    );
    this.inflight.set(p, promise);
    return promise;
  }
}
