import { describe, expect, it } from "vitest";
import { PAGE_SIZE, PageCache, pageOf, pagesForRange, type Page } from "./pageCache";

const page = (n: number): Page => ({
  rows: Array.from({ length: PAGE_SIZE }, (_, i) => [n * PAGE_SIZE + i]),
  keys: Array.from({ length: PAGE_SIZE }, (_, i) => `K${String(n * PAGE_SIZE + i)}`),
});

describe("page maths", () => {
  it("maps rows to pages", () => {
    expect(pageOf(0)).toBe(0);
    expect(pageOf(PAGE_SIZE - 1)).toBe(0);
    expect(pageOf(PAGE_SIZE)).toBe(1);
    expect(pageOf(500_000)).toBe(2500);
  });

  it("covers a range, clipped to the total", () => {
    expect(pagesForRange(190, 410, 1_000_000)).toEqual([0, 1, 2]);
    expect(pagesForRange(0, 50, 0)).toEqual([]);
    expect(pagesForRange(-5, 10_000, 250)).toEqual([0, 1]);
    expect(pagesForRange(10, 5, 100)).toEqual([]);
  });
});

describe("PageCache", () => {
  it("claims only missing, not pending pages, and serves rows and keys", () => {
    const cache = new PageCache();
    expect(cache.claim([0, 1])).toEqual([0, 1]);
    expect(cache.claim([0, 1, 2])).toEqual([2]);
    cache.put(1, page(1));
    expect(cache.row(PAGE_SIZE + 3)).toEqual([PAGE_SIZE + 3]);
    expect(cache.key(PAGE_SIZE + 3)).toBe(`K${String(PAGE_SIZE + 3)}`);
    expect(cache.row(3)).toBeUndefined();
    cache.release(0);
    expect(cache.claim([0, 1, 2])).toEqual([0]);
  });

  it("evicts the pages farthest from the newest one", () => {
    const cache = new PageCache(3);
    for (const n of [0, 1, 2]) cache.put(n, page(n));
    cache.put(10, page(10));
    expect(cache.size).toBe(3);
    expect(cache.has(0)).toBe(false);
    expect([1, 2, 10].every((n) => cache.has(n))).toBe(true);
  });
});
