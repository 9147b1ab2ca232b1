// The preview section: row limit, Run preview, the "Decoded" toggle, the
// outcome announced politely, and the rows.
import { useId } from "react";
import type { FieldView } from "../../bindings/FieldView";
import type { LookupView } from "../../bindings/LookupView";
import { TestConnectionButton } from "../../shared/connections/TestConnectionButton";
import { PreviewTable } from "./PreviewTable";
import type { PreviewState } from "./usePreview";

/** Row limits offered for a preview. */
export const PREVIEW_LIMITS = [50, 100, 500] as const;

/** Props of `PreviewPanel`. */
export interface PreviewPanelProps {
  state: PreviewState;
  canRun: boolean;
  limit: number;
  decoded: boolean;
  fields: readonly FieldView[];
  lookups: readonly LookupView[];
  onLimit: (limit: number) => void;
  onDecoded: (decoded: boolean) => void;
  onRun: () => void;
}

const numberFormat = new Intl.NumberFormat("en-US");

/** Preview controls and results. */
export function PreviewPanel(props: PreviewPanelProps) {
  const { state, canRun, limit, decoded, onLimit, onDecoded, onRun } = props;
  const limitId = useId();
  return (
    <section className="panel" aria-labelledby="preview-title">
      <div className="section-head">
        <h2 id="preview-title">Preview</h2>
        <div className="toolbar">
          <label htmlFor={limitId} className="inline-field">
            Rows
          </label>
          <select
            id={limitId}
            className="select"
            value={limit}
            onChange={(event) => { onLimit(Number(event.target.value)); }}
          >
            {PREVIEW_LIMITS.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
          <label className="check">
            <input type="checkbox" checked={decoded} onChange={(event) => { onDecoded(event.target.checked); }} />
            <span>Decoded lookup values</span>
          </label>
          <button
            type="button"
            className="button primary"
            data-testid="query-run"
            disabled={!canRun || state.status === "running"}
            aria-keyshortcuts="Control+Enter Meta+Enter"
            onClick={onRun}
          >
            {state.status === "running" ? "Running…" : "Run preview"}
          </button>
        </div>
      </div>
      <div aria-live="polite" className="live-region" data-testid="preview-status">
        {state.status === "idle" && (
          <p className="hint">
            {canRun ? "Run the preview to see the first matching records." : "Build or type a query first."}
          </p>
        )}
        {state.status === "running" && (
          <p className="status-line" role="status">
            <span className="spinner" aria-hidden="true" />
            Fetching the first {limit} records…
          </p>
        )}
        {state.status === "done" && (
          <p>
            {state.preview.rows.length === 0
              ? "Preview done: no record matches."
              : `Preview done: showing ${numberFormat.format(state.preview.rows.length)}${
                  state.preview.total !== null ? ` of ${numberFormat.format(state.preview.total)}` : ""
                } records.`}
          </p>
        )}
      </div>
      {state.status === "error" && (
        <div className="error-box" role="alert">
          <p>
            <strong>The preview failed.</strong> {state.error.message}
          </p>
          <p className="hint">Check the query issues above, or run “Test connection” on the Connections screen.</p>
          <div className="actions">
            <button type="button" className="button" onClick={onRun}>
              Retry
            </button>
            <TestConnectionButton />
          </div>
        </div>
      )}
      {state.status === "done" && state.preview.rows.length > 0 && (
        <PreviewTable preview={state.preview} fields={props.fields} lookups={props.lookups} decoded={decoded} />
      )}
    </section>
  );
}
