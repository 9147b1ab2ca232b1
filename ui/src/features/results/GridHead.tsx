// The sticky head of the Results grid: column headers that sort on click
// (ascending → descending → none, with `aria-sort`) and the filter row
// (text "contains", or min/max for numeric fields).
import type { FieldView } from "../../bindings/FieldView";
import { isNumericField, type ColumnFilter, type FilterInputs } from "./filters";

/** Current sort of the grid. */
export interface SortState {
  field: string;
  descending: boolean;
}

/** The next sort after clicking the header of `field`. */
export function nextSort(sort: SortState | null, field: string): SortState | null {
  if (sort?.field !== field) return { field, descending: false };
  return sort.descending ? null : { field, descending: true };
}

/** The header text of a column: the long name, else the SystemName. */
export function columnLabel(column: string, field: FieldView | undefined): string {
  return field?.longName.trim() || column;
}

/** Props of `GridHead`. */
export interface GridHeadProps {
  columns: readonly string[];
  fieldFor: (column: string) => FieldView | undefined;
  sort: SortState | null;
  onSort: (sort: SortState | null) => void;
  filters: FilterInputs;
  onFilter: (column: string, filter: ColumnFilter) => void;
  invalid: readonly string[];
}

/** Header and filter rows (aria-rowindex 1 and 2). */
export function GridHead({ columns, fieldFor, sort, onSort, filters, onFilter, invalid }: GridHeadProps) {
  return (
    <div role="rowgroup" className="grid-head">
      <div role="row" aria-rowindex={1} className="grid-row grid-header-row">
        {columns.map((column) => {
          const field = fieldFor(column);
          const label = columnLabel(column, field);
          const direction = sort?.field === column ? (sort.descending ? "descending" : "ascending") : "none";
          return (
            <div role="columnheader" key={column} className="grid-cell" aria-sort={direction}>
              <button
                type="button"
                className="grid-sort"
                title={`${label} (${column}) — click to sort`}
                onClick={() => { onSort(nextSort(sort, column)); }}
              >
                <span className="grid-sort-label">{label}</span>
                <span aria-hidden="true" className="grid-sort-mark">
                  {direction === "ascending" ? "▲" : direction === "descending" ? "▼" : ""}
                </span>
              </button>
            </div>
          );
        })}
      </div>
      <div role="row" aria-rowindex={2} className="grid-row grid-filter-row">
        {columns.map((column) => {
          const field = fieldFor(column);
          const label = columnLabel(column, field);
          const input = filters[column] ?? {};
          const bad = invalid.includes(column);
          return (
            <div role="gridcell" key={column} className="grid-cell">
              {isNumericField(field) ? (
                <span className="grid-range">
                  <input
                    className="input grid-filter"
                    inputMode="decimal"
                    placeholder="min"
                    aria-label={`Minimum ${label}`}
                    aria-invalid={bad || undefined}
                    value={input.min ?? ""}
                    onChange={(event) => { onFilter(column, { ...input, min: event.target.value }); }}
                  />
                  <input
                    className="input grid-filter"
                    inputMode="decimal"
                    placeholder="max"
                    aria-label={`Maximum ${label}`}
                    aria-invalid={bad || undefined}
                    value={input.max ?? ""}
                    onChange={(event) => { onFilter(column, { ...input, max: event.target.value }); }}
                  />
                </span>
              ) : (
                <input
                  className="input grid-filter"
                  placeholder="contains…"
                  aria-label={`${label} contains`}
                  value={input.text ?? ""}
                  onChange={(event) => { onFilter(column, { text: event.target.value }); }}
                />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
