// The virtualised Results grid: only the rows in view (plus a few) are in the
// DOM, absolutely positioned through CSS custom properties set with CSSOM (the
// CSP forbids style attributes). Past the browsers' element-height cap the
// scroll position is scaled onto the rows (gridScroll.ts), so millions of rows
// stay reachable. The grid element keeps focus and points at the active cell
// with aria-activedescendant; arrows, Page and Home/End move it.
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import type { FieldView } from "../../bindings/FieldView";
import type { ColumnFilter, FilterInputs } from "./filters";
import { GridHead, type SortState } from "./GridHead";
import type { CellDisplay } from "./cellDisplay";
import { moveCell, type Cell } from "./gridKeys";
import { contentTop, scrollGeometry, scrollTopToShow, visibleRows } from "./gridScroll";
import type { PageCache } from "./pageCache";

/** Height of one body row in pixels (matches `.grid-body .grid-row` in results.css). */
export const ROW_HEIGHT = 28;

/** Rows rendered beyond each edge of the view. */
const OVERSCAN = 8;

/** Rows fetched ahead of each edge of the view, so steady scrolling finds them loaded. */
const PREFETCH = 100;

/** Height assumed before the grid is laid out (and in jsdom). */
const FALLBACK_HEIGHT = 600;

/** Props of `ResultsGrid`. */
export interface ResultsGridProps {
  label: string;
  /** All columns of the replica, in the order of the row arrays. */
  columns: readonly string[];
  /** The columns shown, in display order. */
  visible: readonly string[];
  total: number;
  cache: PageCache;
  ensureRange: (first: number, last: number) => void;
  fieldFor: (column: string) => FieldView | undefined;
  sort: SortState | null;
  onSort: (sort: SortState | null) => void;
  filters: FilterInputs;
  onFilter: (column: string, filter: ColumnFilter) => void;
  invalidFilters: readonly string[];
  active: Cell | null;
  onActive: (cell: Cell) => void;
  /** Text of a cell (raw or decoded lookups). */
  display: CellDisplay;
  /** Ctrl/Cmd+C: copy the active cell, with Shift the whole row. */
  onCopy: (cell: Cell, wholeRow: boolean) => void;
}

/** The grid (`role="grid"`, test id `results-grid`, body rows `results-row`). */
export function ResultsGrid(props: ResultsGridProps) {
  const { columns, visible, total, cache, ensureRange, active, onActive, onCopy } = props;
  const gridId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLDivElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const [headHeight, setHeadHeight] = useState(0);
  // Scroll position and height of the scroll box, as last seen.
  const [view, setView] = useState({ top: 0, height: FALLBACK_HEIGHT });
  const columnIndex = new Map(columns.map((c, i) => [c, i]));

  useLayoutEffect(() => {
    const height = headRef.current?.offsetHeight ?? 0;
    setHeadHeight(height);
  }, [visible.length]);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const measure = () => {
      setView({ top: el.scrollTop, height: el.clientHeight || FALLBACK_HEIGHT });
    };
    measure();
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => { observer.disconnect(); };
  }, []);

  const geometryFor = (height: number) => scrollGeometry(total, ROW_HEIGHT, height - headHeight);
  const geometry = geometryFor(view.height);
  const { first, last, shift } = visibleRows(Math.min(view.top, geometry.scrollMax), geometry, OVERSCAN);

  useEffect(() => {
    if (last >= first) ensureRange(Math.max(0, first - PREFETCH), Math.min(total - 1, last + PREFETCH));
  }, [first, last, total, ensureRange]);

  useLayoutEffect(() => {
    scrollRef.current?.style.setProperty("--grid-cols", String(visible.length));
    bodyRef.current?.style.setProperty("--grid-body-height", `${String(geometry.body)}px`);
  }, [visible.length, geometry.body]);

  // The head does not change while scrolling: render it only when its inputs do.
  const { fieldFor, sort, onSort, filters, onFilter, invalidFilters } = props;
  const head = useMemo(
    () => (
      <GridHead
        columns={visible}
        fieldFor={fieldFor}
        sort={sort}
        onSort={onSort}
        filters={filters}
        onFilter={onFilter}
        invalid={invalidFilters}
      />
    ),
    [visible, fieldFor, sort, onSort, filters, onFilter, invalidFilters],
  );

  const activeRow = active?.row;
  const activeCol = active?.col;
  // Keep the active cell in view, below the sticky head (which the
  // virtualizer's own scrollToIndex does not know covers the top rows).
  useEffect(() => {
    const el = scrollRef.current;
    if (!el || activeRow === undefined || activeCol === undefined) return;
    const height = el.clientHeight || FALLBACK_HEIGHT;
    const scrollTop = scrollTopToShow(
      activeRow,
      el.scrollTop,
      scrollGeometry(total, ROW_HEIGHT, height - headHeight),
    );
    if (scrollTop !== null) {
      el.scrollTop = scrollTop;
      setView({ top: el.scrollTop, height });
    }
    const cell = document.getElementById(`${gridId}-r${String(activeRow)}-c${String(activeCol)}`);
    if (!cell) return;
    if (cell.offsetLeft < el.scrollLeft) el.scrollLeft = cell.offsetLeft;
    else if (cell.offsetLeft + cell.offsetWidth > el.scrollLeft + el.clientWidth) {
      el.scrollLeft = cell.offsetLeft + cell.offsetWidth - el.clientWidth;
    }
  }, [activeRow, activeCol, headHeight, gridId, total]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget) return;
    const ctrl = event.ctrlKey || event.metaKey;
    if (ctrl && event.key.toLowerCase() === "c") {
      if (active) onCopy(active, event.shiftKey);
      event.preventDefault();
      return;
    }
    const from = active ?? { row: 0, col: 0 };
    const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 600) / ROW_HEIGHT) - 3);
    const next = active
      ? moveCell(from, event.key, ctrl, { rows: total, cols: visible.length, pageRows })
      : event.key.startsWith("Arrow") && total > 0 && visible.length > 0
        ? from
        : null;
    if (!next) return;
    event.preventDefault();
    onActive(next);
  };

  const activeRendered = active !== null && active.row >= first && active.row <= last;
  const cellId = (row: number, col: number) => `${gridId}-r${String(row)}-c${String(col)}`;

  return (
    <div
      ref={scrollRef}
      className="grid-scroll"
      role="grid"
      tabIndex={0}
      aria-label={props.label}
      aria-rowcount={total + 2}
      aria-colcount={visible.length}
      aria-activedescendant={activeRendered ? cellId(active.row, active.col) : undefined}
      data-testid="results-grid"
      onKeyDown={onKeyDown}
      onScroll={(event) => {
        const el = event.currentTarget;
        setView({ top: el.scrollTop, height: el.clientHeight || FALLBACK_HEIGHT });
      }}
      onFocus={(event) => {
        if (event.target === event.currentTarget && !active && total > 0 && visible.length > 0) {
          // The first row fully visible below the sticky head.
          const top = Math.ceil(contentTop(event.currentTarget.scrollTop, geometry) / ROW_HEIGHT);
          onActive({ row: Math.min(total - 1, top), col: 0 });
        }
      }}
    >
      <div ref={headRef} className="grid-head-wrap">
        {head}
      </div>
      <div ref={bodyRef} role="rowgroup" className="grid-body">
        {rowIndexes(first, last).map((rowIndex) => {
          const row = cache.row(rowIndex);
          const selected = active?.row === rowIndex;
          return (
            <div
              key={rowIndex}
              role="row"
              aria-rowindex={rowIndex + 3}
              aria-selected={selected}
              aria-busy={row ? undefined : true}
              className={`grid-row${selected ? " is-selected" : ""}${row ? "" : " is-loading"}`}
              data-testid="results-row"
              data-index={rowIndex}
              ref={(el) => {
                el?.style.setProperty("--row-y", `${String(rowIndex * ROW_HEIGHT + shift)}px`);
              }}
            >
              {visible.map((column, col) => {
                const index = columnIndex.get(column);
                const text = row && index !== undefined ? props.display(column, row[index]) : "";
                const isActive = selected && active.col === col;
                return (
                  <div
                    key={column}
                    id={cellId(rowIndex, col)}
                    role="gridcell"
                    className={`grid-cell${isActive ? " is-active" : ""}`}
                    title={text.length > 18 ? text : undefined}
                    onClick={() => {
                      onActive({ row: rowIndex, col });
                      scrollRef.current?.focus({ preventScroll: true });
                    }}
                  >
                    {row ? text : col === 0 ? "Loading…" : ""}
                  </div>
                );
              })}
            </div>
          );
        })}
      </div>
    </div>
  );
}

function rowIndexes(first: number, last: number): number[] {
  return last < first ? [] : Array.from({ length: last - first + 1 }, (_, i) => first + i);
}
