// Results of one class: total, column chooser, the virtualised grid with its
// sort and filter row, and the detail of the selected row. A class that has
// not been downloaded yet offers to go to Jobs with the class preselected.
import { useCallback, useEffect, useMemo, useReducer, useRef } from "react";
import type { ClassView } from "../../bindings/ClassView";
import type { FieldView } from "../../bindings/FieldView";
import type { LookupView } from "../../bindings/LookupView";
import type { ReplicaFilter } from "../../bindings/ReplicaFilter";
import { useJobsTarget } from "../../app/classTarget/jobsTargetContext";
import { useNavigate } from "../../app/navigationContext";
import type { ClassTarget } from "../../bindings/ClassTarget";
import { useIntent } from "../../app/intents/intentContext";
import { RESULTS_CHORDS, chordLabel, chordsAria } from "../../app/shortcuts";
import { ColumnChooser, DEFAULT_VISIBLE } from "./ColumnChooser";
import { ExportDialog } from "./ExportDialog";
import { keyListFilter } from "../../ipc/importCommands";
import { ImportBanner } from "./ImportBanner";
import { ImportDialog } from "./ImportDialog";
import { isNumericField, toReplicaFilters, type ColumnFilter } from "./filters";
import { cellDisplay, moveColumn, orderColumns } from "./cellDisplay";
import type { Cell } from "./gridKeys";
import { ResultsGrid } from "./ResultsGrid";
import { INITIAL_RESULTS, resultsReducer } from "./resultsState";
import { RowDetail } from "./RowDetail";
import { useReplicaData } from "./useReplicaData";

/** Delay before typed filters are sent. */
export const FILTER_DEBOUNCE_MS = 300;

/** Error code of `replica_query` for a class that was never downloaded. */
export const NOT_SYNCED = "not_synced";

/** Opens the Export dialog while Results is on screen. */
export const EXPORT_CHORD = RESULTS_CHORDS.export;

/** Props of `ResultsView`. */
export interface ResultsViewProps {
  target: ClassTarget;
  cls: ClassView;
  /** Lookups of the resource, for the decoded view. */
  lookups: readonly LookupView[];
}

/** The Results of `target`. */
export function ResultsView({ target, cls, lookups }: ResultsViewProps) {
  const navigate = useNavigate();
  const { setTarget } = useJobsTarget();
  const [results, dispatch] = useReducer(resultsReducer, INITIAL_RESULTS);
  const { sort, inputs, applied, hidden, order, decoded, active, shown, announcement, dialog, imported } = results;
  const viewRef = useRef<HTMLDivElement>(null);

  const fields = useMemo(() => new Map(cls.fields.map((f) => [f.systemName, f])), [cls]);
  const fieldFor = useCallback((column: string): FieldView | undefined => fields.get(column), [fields]);
  // A spreadsheet's key list narrows the grid (and exports) on top of the typed filters.
  const filters = useMemo(
    () => (imported ? [...applied, keyListFilter(imported.keys)] : applied),
    [applied, imported],
  );
  const view = useMemo(
    () => ({ target, filters, sortField: sort?.field ?? null, descending: sort?.descending ?? false }),
    [target, filters, sort],
  );
  const data = useReplicaData(view);
  const { state } = data;

  // Keep the grid (and the focused filter input) while a new sort or filter loads.
  if (state.status === "ready" && (shown?.total !== state.total || shown.columns !== state.columns)) {
    dispatch({ type: "shown", columns: state.columns, total: state.total });
  }

  const columns = useMemo(() => shown?.columns ?? [], [shown]);
  const hiddenSet = hidden ?? new Set(columns.slice(DEFAULT_VISIBLE));
  const ordered = orderColumns(columns, order);
  const visible = ordered.filter((c) => !hiddenSet.has(c));
  const display = useMemo(() => cellDisplay(columns, cls.fields, lookups, decoded), [columns, cls.fields, lookups, decoded]);
  const mapped = toReplicaFilters(visible, inputs, (c) => isNumericField(fields.get(c)));
  const mappedKey = JSON.stringify(mapped.filters);

  useEffect(() => {
    const timer = setTimeout(() => {
      dispatch({ type: "apply", filters: JSON.parse(mappedKey) as ReplicaFilter[] });
    }, FILTER_DEBOUNCE_MS);
    return () => { clearTimeout(timer); };
  }, [mappedKey]);

  // Ctrl/Cmd+E (while Results is shown) and the command palette's "Export…" are
  // the shell's action (app/actions): it asks this view through an intent.
  useIntent(["results.export"], shown !== null, () => { dispatch({ type: "dialog", dialog: "export" }); });

  const onFilter = (column: string, filter: ColumnFilter) => {
    dispatch({ type: "filter", column, filter });
  };
  const announce = (text: string) => { dispatch({ type: "announce", text }); };

  const onCopy = (cell: Cell, wholeRow: boolean) => {
    const row = data.cache.row(cell.row);
    const column = visible[cell.col];
    if (!row || column === undefined) return;
    const text = wholeRow
      ? visible.map((c) => display(c, row[columns.indexOf(c)])).join("\t")
      : display(column, row[columns.indexOf(column)]);
    navigator.clipboard.writeText(text).then(
      () => { announce(wholeRow ? "Row copied." : `Copied “${text}”.`); },
      () => { announce("Could not copy: the clipboard is not available."); },
    );
  };

  if (state.status === "error" && state.error.code === NOT_SYNCED) {
    return (
      <div className="callout" role="alert">
        <p>
          <strong>
            {target.resource} / {cls.visibleName} has not been downloaded yet.
          </strong>{" "}
          Results browse the local copy: download it first on the Jobs screen.
        </p>
        <div className="actions">
          <button
            type="button"
            className="button primary"
            data-testid="results-download"
            onClick={() => {
              setTarget({ resource: target.resource, className: target.class });
              navigate?.("jobs");
            }}
          >
            Download it first
          </button>
        </div>
      </div>
    );
  }

  const error = state.status === "error" ? state.error : data.pageError;
  const activeRow = active ? data.cache.row(active.row) : undefined;
  return (
    <div className="results-view" ref={viewRef}>
      <div className="toolbar results-toolbar">
        <p className="results-total" data-testid="results-total" aria-live="polite">
          {shown ? (
            <>
              <strong>{shown.total.toLocaleString("en-US")}</strong> {shown.total === 1 ? "record" : "records"}
              {filters.length > 0 ? " match the filters" : ""}
              {state.status === "loading" ? " · updating…" : ""}
            </>
          ) : (
            "Loading the records…"
          )}
        </p>
        {shown && (
          <ColumnChooser
            columns={ordered}
            hidden={hiddenSet}
            fieldFor={fieldFor}
            onChange={(next) => { dispatch({ type: "hide", hidden: next }); }}
            onMove={(column, delta) => {
              dispatch({ type: "order", order: moveColumn(ordered, column, delta, hiddenSet) });
            }}
          />
        )}
        {shown && (
          <label className="check results-decoded">
            <input
              type="checkbox"
              data-testid="results-decoded"
              checked={decoded}
              onChange={(event) => { dispatch({ type: "decoded", decoded: event.target.checked }); }}
            />
            Decoded lookups
          </label>
        )}
        {shown && (
          <button
            type="button"
            className="button"
            data-testid="export-open"
            aria-keyshortcuts={chordsAria([EXPORT_CHORD])}
            title={`Export to Excel or CSV (${chordLabel(EXPORT_CHORD)})`}
            onClick={() => { dispatch({ type: "dialog", dialog: "export" }); }}
          >
            Export…
          </button>
        )}
        {shown && (
          <button
            type="button"
            className="button"
            data-testid="import-open"
            title="Show only the listings whose keys or addresses a spreadsheet lists"
            onClick={() => { dispatch({ type: "dialog", dialog: "import" }); }}
          >
            Filter by spreadsheet…
          </button>
        )}
        <p className="hint">
          Arrow keys move, Ctrl+C copies the cell, Ctrl+Shift+C the row, {chordLabel(EXPORT_CHORD)} exports.
        </p>
      </div>
      {dialog === "export" && (
      <ExportDialog
        open
        onClose={() => { dispatch({ type: "dialog", dialog: null }); }}
        target={target}
        title={`${target.resource} / ${cls.visibleName}`}
        rows={{ filters, sortField: sort?.field ?? null, descending: sort?.descending ?? false }}
        total={shown?.total ?? null}
      />
      )}
      {dialog === "import" && (
        <ImportDialog
          open
          onClose={() => { dispatch({ type: "dialog", dialog: null }); }}
          target={target}
          title={`${target.resource} / ${cls.visibleName}`}
          onApply={(result) => { dispatch({ type: "imported", result }); }}
        />
      )}
      {imported && (
        <ImportBanner
          result={imported}
          onClear={() => { dispatch({ type: "imported", result: null }); }}
        />
      )}
      {error && (
        <div className="error-box" role="alert">
          <p>
            <strong>Could not read the downloaded records.</strong> {error.message}
          </p>
          <button type="button" className="button" onClick={data.retry}>
            Retry
          </button>
        </div>
      )}
      {mapped.invalid.length > 0 && (
        <p className="field-error" role="alert">
          Not a number in the filter of {mapped.invalid.join(", ")}: type digits, e.g. 250000.
        </p>
      )}
      {shown && (
        <div className="results-split">
          <ResultsGrid
            label={`${target.resource} / ${cls.visibleName} records`}
            columns={columns}
            visible={visible}
            total={shown.total}
            cache={data.cache}
            ensureRange={data.ensureRange}
            fieldFor={fieldFor}
            display={display}
            sort={sort}
            onSort={(next) => { dispatch({ type: "sort", sort: next }); }}
            filters={inputs}
            onFilter={onFilter}
            invalidFilters={mapped.invalid}
            active={active}
            onActive={(cell) => { dispatch({ type: "select", cell }); }}
            onCopy={onCopy}
          />
          {active && (
            <RowDetail
              resource={target.resource}
              columns={columns}
              row={activeRow}
              rowKey={data.cache.key(active.row)}
              index={active.row}
              fieldFor={fieldFor}
              display={display}
            />
          )}
        </div>
      )}
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}
