// Scaled scrolling for the Results grid. Browsers cap an element's height
// (Chromium and WebKit near 33.5M px, Firefox near 17.9M px), so past
// MAX_BODY_HEIGHT the grid body stays that tall and the scroll position is
// mapped linearly onto the full content: scrolling to the end shows the last
// row, scrolling halfway shows the middle rows. Below the cap the mapping is
// 1:1 and nothing changes. Pure functions, so every edge is unit-tested.

/** Tallest grid body in pixels: well under every engine's element-height cap. */
export const MAX_BODY_HEIGHT = 10_000_000;

/** How the grid's content maps onto its scrollable body. */
export interface ScrollGeometry {
  /** Rows in the result. */
  rows: number;
  /** Height of one row in pixels. */
  rowHeight: number;
  /** Height of the body area in view (below the sticky head). */
  viewport: number;
  /** Height of all rows: what would be scrolled without a cap. */
  content: number;
  /** Height given to the body element (content, capped). */
  body: number;
  /** Largest content offset at the top of the view. */
  contentMax: number;
  /** Largest scrollTop. */
  scrollMax: number;
  /** Content pixels per scrolled pixel (1 below the cap). */
  ratio: number;
}

/** The geometry of `rows` rows of `rowHeight` px seen through `viewport` px. */
export function scrollGeometry(
  rows: number,
  rowHeight: number,
  viewport: number,
  maxBody: number = MAX_BODY_HEIGHT,
): ScrollGeometry {
  const content = Math.max(0, rows) * rowHeight;
  const body = Math.min(content, maxBody);
  const view = Math.max(0, viewport);
  const contentMax = Math.max(0, content - view);
  const scrollMax = Math.max(0, body - view);
  const ratio = content > body && scrollMax > 0 ? contentMax / scrollMax : 1;
  return { rows: Math.max(0, rows), rowHeight, viewport: view, content, body, contentMax, scrollMax, ratio };
}

/** The content offset shown at the top of the view at `scrollTop`. */
export function contentTop(scrollTop: number, g: ScrollGeometry): number {
  return Math.min(g.contentMax, Math.max(0, scrollTop * g.ratio));
}

/** The scrollTop that shows content offset `offset` at the top of the view:
 *  rounded `down` (the offset is at or below the top edge) or `up` (at or above it). */
export function scrollTopFor(offset: number, g: ScrollGeometry, round: "down" | "up"): number {
  const exact = offset / g.ratio;
  const whole = round === "up" ? Math.ceil(exact - 1e-6) : Math.floor(exact + 1e-6);
  return Math.min(g.scrollMax, Math.max(0, whole));
}

/** Rows to render at `scrollTop` (`overscan` extra on each side) and `shift`:
 *  row `i` goes at `i * rowHeight + shift` inside the body. */
export function visibleRows(
  scrollTop: number,
  g: ScrollGeometry,
  overscan: number,
): { first: number; last: number; shift: number } {
  if (g.rows === 0) return { first: 0, last: -1, shift: 0 };
  const top = contentTop(scrollTop, g);
  const first = Math.max(0, Math.floor(top / g.rowHeight) - overscan);
  const last = Math.min(g.rows - 1, Math.ceil((top + g.viewport) / g.rowHeight) - 1 + overscan);
  return { first, last, shift: Math.max(0, scrollTop) - top };
}

/** The scrollTop that brings row `row` fully into view with the least movement
 *  (null when it already is). */
export function scrollTopToShow(row: number, scrollTop: number, g: ScrollGeometry): number | null {
  const top = row * g.rowHeight;
  const shown = contentTop(scrollTop, g);
  if (top < shown) return scrollTopFor(top, g, "down");
  if (top + g.rowHeight > shown + g.viewport) return scrollTopFor(top + g.rowHeight - g.viewport, g, "up");
  return null;
}
