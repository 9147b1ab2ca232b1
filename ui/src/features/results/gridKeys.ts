// Keyboard movement of the Results grid's active cell, kept pure so every key
// is unit-tested: arrows, Home/End (row start/end, with Ctrl the grid's
// first/last row) and PageUp/PageDown by one screen of rows.

/** The active cell: row index in the result set, column index among visible columns. */
export interface Cell {
  row: number;
  col: number;
}

/** Grid size and how many rows one screen shows. */
export interface GridSize {
  rows: number;
  cols: number;
  pageRows: number;
}

const clamp = (value: number, max: number) => Math.max(0, Math.min(max, value));

/** The cell after pressing `key`, or null when the key does not move the cell. */
export function moveCell(cell: Cell, key: string, ctrl: boolean, size: GridSize): Cell | null {
  if (size.rows <= 0 || size.cols <= 0) return null;
  const lastRow = size.rows - 1;
  const lastCol = size.cols - 1;
  const step = Math.max(1, size.pageRows);
  let { row, col } = cell;
  switch (key) {
    case "ArrowDown":
      row += 1;
      break;
    case "ArrowUp":
      row -= 1;
      break;
    case "ArrowRight":
      col += 1;
      break;
    case "ArrowLeft":
      col -= 1;
      break;
    case "PageDown":
      row += step;
      break;
    case "PageUp":
      row -= step;
      break;
    case "Home":
      col = 0;
      if (ctrl) row = 0;
      break;
    case "End":
      col = lastCol;
      if (ctrl) row = lastRow;
      break;
    default:
      return null;
  }
  return { row: clamp(row, lastRow), col: clamp(col, lastCol) };
}

/** Text of a cell value for display and the clipboard. */
export function cellText(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  return String(value);
}
