// What a Results cell shows: the value as stored, or — with "Decoded lookups"
// on — the lookup's long value(s) from the metadata. Column order chosen by the
// user is applied here too, so grid, detail panel and copy agree.
import type { FieldView } from "../../bindings/FieldView";
import type { LookupView } from "../../bindings/LookupView";
import { columnDecoders, decodeCell } from "../query/decode";
import { cellText } from "./gridKeys";

/** A cell value as the replica sends it. */
export type CellValue = string | number | boolean | null | undefined;

/** Text of `value` in `column`. */
export type CellDisplay = (column: string, value: CellValue) => string;

/** Builds the cell text function for `columns`; decodes lookups when `decoded`. */
export function cellDisplay(
  columns: readonly string[],
  fields: readonly FieldView[],
  lookups: readonly LookupView[],
  decoded: boolean,
): CellDisplay {
  if (!decoded) return (_column, value) => cellText(value);
  const perColumn = columnDecoders(columns, fields, lookups);
  const decoders = new Map(columns.map((c, i) => [c, perColumn[i] ?? null]));
  return (column, value) => {
    const text = cellText(value);
    return decodeCell(text, decoders.get(column) ?? null) ?? text;
  };
}

/** `columns` in the user's `order` (unknown names dropped, new columns appended). */
export function orderColumns(columns: readonly string[], order: readonly string[] | null): string[] {
  if (!order) return [...columns];
  const known = new Set(columns);
  const placed = order.filter((c) => known.has(c));
  const seen = new Set(placed);
  return [...placed, ...columns.filter((c) => !seen.has(c))];
}

/**
 * `ordered` with `column` moved one place left (`delta` < 0) or right: past the
 * next shown column, so a move is always visible in the grid (hidden columns in
 * between are stepped over). At either end nothing changes.
 */
export function moveColumn(
  ordered: readonly string[],
  column: string,
  delta: number,
  hidden: ReadonlySet<string> = new Set(),
): string[] {
  const from = ordered.indexOf(column);
  if (from < 0 || delta === 0) return [...ordered];
  const step = delta < 0 ? -1 : 1;
  let to = from + step;
  while (to >= 0 && to < ordered.length && hidden.has(ordered[to] ?? "")) to += step;
  if (to < 0 || to >= ordered.length) return [...ordered];
  const next = [...ordered];
  next.splice(from, 1);
  next.splice(to, 0, column);
  return next;
}
