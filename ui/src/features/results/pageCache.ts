// Page bookkeeping for the virtualised Results grid: which pages of
// `PAGE_SIZE` rows the visible range needs, a bounded cache of fetched pages
// (the rows farthest from the view are dropped first), and in-flight tracking.

/** Rows fetched per `replica_query` call. */
export const PAGE_SIZE = 200;

/** Pages kept in memory at most (40 × 200 = 8,000 rows). */
export const MAX_PAGES = 40;

/** A row of the replica. */
export type Row = Array<string | number | boolean | null>;

/** A fetched page: its rows and the listing keys. */
export interface Page {
  rows: Row[];
  keys: string[];
}

/** The page holding row `index`. */
export function pageOf(index: number): number {
  return Math.floor(index / PAGE_SIZE);
}

/** Page indexes covering rows `first..=last`, clipped to `total` rows. */
export function pagesForRange(first: number, last: number, total: number): number[] {
  if (total <= 0 || last < first) return [];
  const lo = pageOf(Math.max(0, first));
  const hi = pageOf(Math.min(total - 1, last));
  const pages: number[] = [];
  for (let page = lo; page <= hi; page++) pages.push(page);
  return pages;
}

/** Cached pages of one query (one sort and filter set); a new query gets a new cache. */
export class PageCache {
  private readonly pages = new Map<number, Page>();
  private readonly pending = new Set<number>();
  /** Rows matching the query, known after the first reply. */
  total: number | null = null;

  constructor(private readonly maxPages = MAX_PAGES) {}

  /** The row at `index`, if its page is cached. */
  row(index: number): Row | undefined {
    return this.pages.get(pageOf(index))?.rows[index % PAGE_SIZE];
  }

  /** The listing key of row `index`, if its page is cached. */
  key(index: number): string | undefined {
    return this.pages.get(pageOf(index))?.keys[index % PAGE_SIZE];
  }

  /** True when page `page` is cached. */
  has(page: number): boolean {
    return this.pages.has(page);
  }

  /** Number of cached pages. */
  get size(): number {
    return this.pages.size;
  }

  /** Pages of `wanted` that are neither cached nor being fetched; marks them pending. */
  claim(wanted: readonly number[]): number[] {
    const missing = wanted.filter((page) => !this.pages.has(page) && !this.pending.has(page));
    for (const page of missing) this.pending.add(page);
    return missing;
  }

  /** Forgets a pending page whose fetch failed, so it can be asked again. */
  release(page: number): void {
    this.pending.delete(page);
  }

  /** Stores a fetched page, then drops the pages farthest from `page` beyond the limit. */
  put(page: number, data: Page): void {
    this.pending.delete(page);
    this.pages.set(page, data);
    if (this.pages.size <= this.maxPages) return;
    const byDistance = [...this.pages.keys()].sort((a, b) => Math.abs(b - page) - Math.abs(a - page));
    for (const victim of byDistance.slice(0, this.pages.size - this.maxPages)) this.pages.delete(victim);
  }
}
