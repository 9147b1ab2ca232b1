import { describe, expect, it } from "vitest";
import { MAX_BODY_HEIGHT, contentTop, scrollGeometry, scrollTopFor, scrollTopToShow, visibleRows } from "./gridScroll";

const RH = 28;
const VIEW = 560;

describe("scaled scrolling", () => {
  it("maps 1:1 below the cap", () => {
    const g = scrollGeometry(1000, RH, VIEW);
    expect(g.body).toBe(28_000);
    expect(g.ratio).toBe(1);
    expect(g.scrollMax).toBe(28_000 - VIEW);
    expect(visibleRows(2800, g, 0)).toEqual({ first: 100, last: 119, shift: 0 });
    expect(scrollTopToShow(999, 0, g)).toBe(28_000 - VIEW);
    expect(scrollTopToShow(10, 0, g)).toBeNull();
  });

  it("caps the body of 5 million rows and still reaches the first, middle and last rows", () => {
    const rows = 5_000_000;
    const g = scrollGeometry(rows, RH, VIEW);
    expect(g.content).toBe(140_000_000);
    expect(g.body).toBe(MAX_BODY_HEIGHT);
    expect(g.ratio).toBeGreaterThan(13);

    expect(visibleRows(0, g, 0)).toMatchObject({ first: 0, last: 19 });

    const end = visibleRows(g.scrollMax, g, 8);
    expect(end.last).toBe(rows - 1);
    // The last row's bottom is the view's bottom edge.
    expect(end.last * RH + RH + end.shift).toBeCloseTo(g.scrollMax + VIEW, 6);

    const middle = visibleRows(g.scrollMax / 2, g, 0);
    expect(Math.abs(middle.first - rows / 2)).toBeLessThan(20);
    // Row `first` sits at the top of the view (within one row).
    const y = middle.first * RH + middle.shift - g.scrollMax / 2;
    expect(y).toBeLessThanOrEqual(0);
    expect(y).toBeGreaterThan(-RH);
  });

  it("scrolls a row fully into view, rounding so it is never cut", () => {
    const g = scrollGeometry(5_000_000, RH, VIEW);
    const last = 4_999_999;
    expect(scrollTopToShow(last, 0, g)).toBe(g.scrollMax);
    for (const row of [1_234_567, 2_500_000, 3_999_999]) {
      const below = scrollTopToShow(row, 0, g);
      expect(below).not.toBeNull();
      const top = contentTop(below ?? 0, g);
      expect(row * RH + RH).toBeLessThanOrEqual(top + VIEW + 1e-6);
      expect(row * RH).toBeGreaterThanOrEqual(top);
      // From below, the row ends up at the top edge or just under it.
      const above = scrollTopToShow(row, g.scrollMax, g);
      const shown = contentTop(above ?? 0, g);
      expect(shown).toBeLessThanOrEqual(row * RH);
      expect(row * RH - shown).toBeLessThan(g.ratio + 1);
    }
    expect(scrollTopFor(-50, g, "down")).toBe(0);
    expect(scrollTopFor(g.content * 2, g, "up")).toBe(g.scrollMax);
  });

  it("handles no rows and a view taller than the content", () => {
    expect(visibleRows(0, scrollGeometry(0, RH, VIEW), 8)).toEqual({ first: 0, last: -1, shift: 0 });
    const g = scrollGeometry(3, RH, VIEW);
    expect(g.scrollMax).toBe(0);
    expect(visibleRows(0, g, 8)).toEqual({ first: 0, last: 2, shift: 0 });
  });
});
