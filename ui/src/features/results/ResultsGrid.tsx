// The virtualised Results grid: only the rows in view (plus a few) are in the
// DOM, absolutely positioned through CSS custom properties set with CSSOM (the
// CSP forbids style attributes). The grid element keeps focus and points at
// the active cell with aria-activedescendant; arrows, Page and Home/End move it.
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from "react";
import type { FieldView } from "../../bindings/FieldView";
import type { ColumnFilter, FilterInputs } from "./filters";
import { GridHead, type SortState } from "./GridHead";
import { cellText, moveCell, type Cell } from "./gridKeys";
import type { PageCache } from "./pageCache";

/** Height of one body row in pixels (matches `.grid-body .grid-row` in results.css). */
export const ROW_HEIGHT = 28;

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
  const columnIndex = new Map(columns.map((c, i) => [c, i]));

  useLayoutEffect(() => {
    const height = headRef.current?.offsetHeight ?? 0;
    setHeadHeight(height);
  }, [visible.length]);

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read fresh on every render by design
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    scrollMargin: headHeight,
    initialRect: { width: 1000, height: 600 },
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;

  useEffect(() => {
    if (last >= first) ensureRange(first, last);
  }, [first, last, ensureRange]);

  useLayoutEffect(() => {
    scrollRef.current?.style.setProperty("--grid-cols", String(visible.length));
    bodyRef.current?.style.setProperty("--grid-body-height", `${String(total * ROW_HEIGHT)}px`);
  }, [visible.length, total]);

  const activeRow = active?.row;
  const activeCol = active?.col;
  // Keep the active cell in view, below the sticky head (which the
  // virtualizer's own scrollToIndex does not know covers the top rows).
  useEffect(() => {
    const el = scrollRef.current;
    if (!el || activeRow === undefined || activeCol === undefined) return;
    const top = activeRow * ROW_HEIGHT;
    const room = el.clientHeight - headHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + room) el.scrollTop = top + ROW_HEIGHT - room;
    const cell = document.getElementById(`${gridId}-r${String(activeRow)}-c${String(activeCol)}`);
    if (!cell) return;
    if (cell.offsetLeft < el.scrollLeft) el.scrollLeft = cell.offsetLeft;
    else if (cell.offsetLeft + cell.offsetWidth > el.scrollLeft + el.clientWidth) {
      el.scrollLeft = cell.offsetLeft + cell.offsetWidth - el.clientWidth;
    }
  }, [activeRow, activeCol, headHeight, gridId]);

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
      onFocus={(event) => {
        if (event.target === event.currentTarget && !active && total > 0 && visible.length > 0) {
          // The first row fully visible below the sticky head.
          const top = Math.ceil(event.currentTarget.scrollTop / ROW_HEIGHT);
          onActive({ row: Math.min(total - 1, top), col: 0 });
        }
      }}
    >
      <div ref={headRef} className="grid-head-wrap">
        <GridHead
          columns={visible}
          fieldFor={props.fieldFor}
          sort={props.sort}
          onSort={props.onSort}
          filters={props.filters}
          onFilter={props.onFilter}
          invalid={props.invalidFilters}
        />
      </div>
      <div ref={bodyRef} role="rowgroup" className="grid-body">
        {items.map((item) => {
          const row = cache.row(item.index);
          const selected = active?.row === item.index;
          return (
            <div
              key={item.key}
              role="row"
              aria-rowindex={item.index + 3}
              aria-selected={selected}
              aria-busy={row ? undefined : true}
              className={`grid-row${selected ? " is-selected" : ""}${row ? "" : " is-loading"}`}
              data-testid="results-row"
              data-index={item.index}
              ref={(el) => {
                el?.style.setProperty("--row-y", `${String(item.start - headHeight)}px`);
              }}
            >
              {visible.map((column, col) => {
                const index = columnIndex.get(column);
                const text = row && index !== undefined ? cellText(row[index]) : "";
                const isActive = selected && active.col === col;
                return (
                  <div
                    key={column}
                    id={cellId(item.index, col)}
                    role="gridcell"
                    className={`grid-cell${isActive ? " is-active" : ""}`}
                    title={text.length > 18 ? text : undefined}
                    onClick={() => {
                      onActive({ row: item.index, col });
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
