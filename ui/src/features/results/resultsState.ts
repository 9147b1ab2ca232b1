// The Results view's state as one reducer: sort, typed and applied filters,
// column choice and order, decoded lookups, the selected cell, the last shown
// columns and total, the open dialog and an imported key list. Actions that
// change which rows are shown also clear the selection, in one place.
import type { ImportKeysResult } from "../../bindings/ImportKeysResult";
import type { ReplicaFilter } from "../../bindings/ReplicaFilter";
import type { ColumnFilter, FilterInputs } from "./filters";
import type { SortState } from "./GridHead";
import type { Cell } from "./gridKeys";

/** Everything the Results view remembers about one class. */
export interface ResultsState {
  sort: SortState | null;
  /** Filters as typed in the filter row. */
  inputs: FilterInputs;
  /** Filters sent to the replica (after the debounce). */
  applied: ReplicaFilter[];
  /** Hidden columns; null: the default (all past the first few). */
  hidden: ReadonlySet<string> | null;
  /** Column order; null: the replica's. */
  order: string[] | null;
  decoded: boolean;
  active: Cell | null;
  /** Columns and total of the last page that arrived (kept while the next loads). */
  shown: { columns: string[]; total: number } | null;
  /** What the screen reader is told (copy results). */
  announcement: string;
  dialog: "export" | "import" | null;
  /** A spreadsheet's key list narrowing the grid. */
  imported: ImportKeysResult | null;
}

/** What can happen in the Results view. */
export type ResultsAction =
  | { type: "sort"; sort: SortState | null }
  | { type: "filter"; column: string; filter: ColumnFilter }
  | { type: "apply"; filters: ReplicaFilter[] }
  | { type: "hide"; hidden: ReadonlySet<string> }
  | { type: "order"; order: string[] }
  | { type: "decoded"; decoded: boolean }
  | { type: "select"; cell: Cell | null }
  | { type: "shown"; columns: string[]; total: number }
  | { type: "announce"; text: string }
  | { type: "dialog"; dialog: "export" | "import" | null }
  | { type: "imported"; result: ImportKeysResult | null };

/** A class opened for the first time. */
export const INITIAL_RESULTS: ResultsState = {
  sort: null,
  inputs: {},
  applied: [],
  hidden: null,
  order: null,
  decoded: false,
  active: null,
  shown: null,
  announcement: "",
  dialog: null,
  imported: null,
};

/** The next state. */
export function resultsReducer(state: ResultsState, action: ResultsAction): ResultsState {
  switch (action.type) {
    case "sort":
      return { ...state, sort: action.sort, active: null };
    case "filter":
      return { ...state, inputs: { ...state.inputs, [action.column]: action.filter }, active: null };
    case "apply":
      return { ...state, applied: action.filters };
    case "hide":
      return { ...state, hidden: action.hidden };
    case "order":
      return { ...state, order: action.order };
    case "decoded":
      return { ...state, decoded: action.decoded };
    case "select":
      return { ...state, active: action.cell };
    case "shown":
      return { ...state, shown: { columns: action.columns, total: action.total } };
    case "announce":
      return { ...state, announcement: action.text };
    case "dialog":
      return { ...state, dialog: action.dialog };
    case "imported":
      return { ...state, imported: action.result, active: null };
  }
}
