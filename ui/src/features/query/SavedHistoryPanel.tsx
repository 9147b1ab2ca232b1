// "Saved & history": the connection's saved queries and its latest counts and
// previews (recorded by the backend). Activating an entry loads it into the
// editor; deleting a saved query and clearing the history ask first.
import { useCallback, useEffect, useState } from "react";
import type { CommandError } from "../../bindings/CommandError";
import type { QueryRun } from "../../bindings/QueryRun";
import type { SavedQueryView } from "../../bindings/SavedQueryView";
import type { QueryToLoad } from "../../app/intents/intentContext";
import { queryHistoryClear, queryHistoryList, savedQueriesList, savedQueryDelete } from "../../ipc/commands";
import { toCommandError } from "../../ipc/errors";
import { TeamSavedQueries } from "./TeamSavedQueries";

/** Entries the history shows. */
export const HISTORY_LIMIT = 50;

/** Props of `SavedHistoryPanel`. */
export interface SavedHistoryPanelProps {
  connectionId: string;
  /** Changes whenever a query ran or was saved, to reload the lists. */
  refreshKey: number;
  onLoad: (query: QueryToLoad) => void;
}

type Lists =
  | { status: "loading" }
  | { status: "ready"; saved: SavedQueryView[]; history: QueryRun[] }
  | { status: "error"; error: CommandError };

const numberFormat = new Intl.NumberFormat("en-US");
const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

/** "1.2 s" or "350 ms". */
export function formatDuration(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${String(ms)} ms`;
}

function runSummary(run: QueryRun): string {
  const what = run.kind === "preview" ? "Preview" : run.kind === "count" ? "Count" : "Search";
  if (run.status !== "ok") return `${what} — ${run.status === "error" ? "failed" : "cancelled"}`;
  const n = run.records ?? 0;
  const noun = run.kind === "preview" ? (n === 1 ? "row" : "rows") : n === 1 ? "record" : "records";
  return `${what} — ${numberFormat.format(n)} ${noun}`;
}

/** The saved queries and history lists. */
export function SavedHistoryPanel({ connectionId, refreshKey, onLoad }: SavedHistoryPanelProps) {
  const [lists, setLists] = useState<Lists>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const [confirmDelete, setConfirmDelete] = useState<number | null>(null);
  const [confirmClear, setConfirmClear] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const [notice, setNotice] = useState("");

  useEffect(() => {
    let live = true;
    Promise.all([savedQueriesList(connectionId), queryHistoryList(connectionId, HISTORY_LIMIT)]).then(
      ([saved, history]) => {
        if (live) setLists({ status: "ready", saved, history });
      },
      (error: unknown) => {
        if (live) setLists({ status: "error", error: toCommandError(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [connectionId, refreshKey, attempt]);

  const reload = useCallback(() => { setAttempt((n) => n + 1); }, []);

  const remove = (saved: SavedQueryView) => {
    setActionError(null);
    savedQueryDelete(connectionId, saved.id).then(
      () => {
        setConfirmDelete(null);
        setNotice(`Deleted saved query “${saved.name}”.`);
        reload();
      },
      (error: unknown) => {
        setConfirmDelete(null);
        setActionError(`Could not delete “${saved.name}”: ${toCommandError(error).message}`);
        reload();
      },
    );
  };

  const clear = () => {
    setActionError(null);
    queryHistoryClear(connectionId).then(
      (removed) => {
        setConfirmClear(false);
        setNotice(`Cleared ${numberFormat.format(removed)} history entries.`);
        reload();
      },
      (error: unknown) => {
        setConfirmClear(false);
        setActionError(`Could not clear the history: ${toCommandError(error).message}`);
      },
    );
  };

  return (
    <section className="panel" aria-labelledby="saved-panel-title" id="query-saved-panel" data-testid="query-saved-panel">
      <h2 id="saved-panel-title" className="sr-only">
        Saved queries and history
      </h2>
      <p className="live-region sr-only" aria-live="polite">
        {notice}
      </p>
      {actionError && (
        <div className="error-box" role="alert">
          <p>{actionError}</p>
          <p className="hint">Try again; if it keeps failing, check the app’s data folder under Settings → Diagnostics.</p>
        </div>
      )}
      {lists.status === "loading" && (
        <p className="status-line" role="status">
          <span className="spinner" aria-hidden="true" />
          Loading saved queries and history…
        </p>
      )}
      {lists.status === "error" && (
        <div className="error-box" role="alert">
          <p>
            <strong>Saved queries and history could not be loaded.</strong> {lists.error.message}
          </p>
          <div className="actions">
            <button type="button" className="button" onClick={reload}>
              Retry
            </button>
          </div>
        </div>
      )}
      {lists.status === "ready" && (
        <div className="saved-panel">
          <div>
            <h3 id="saved-title">Saved queries</h3>
            {lists.saved.length === 0 ? (
              <p className="hint">No saved queries yet. Save the current query with Save query… (Ctrl+S).</p>
            ) : (
              <ul className="saved-list" aria-labelledby="saved-title">
                {lists.saved.map((saved) => (
                  <li key={saved.id} className="saved-item" data-testid="saved-query" data-name={saved.name}>
                    <button
                      type="button"
                      className="saved-load"
                      data-testid="saved-query-load"
                      onClick={() => {
                        onLoad({
                          resource: saved.resource,
                          class: saved.class,
                          query: saved.query,
                          select: saved.select,
                          origin: `saved query “${saved.name}”`,
                          saved: { id: saved.id, name: saved.name },
                        });
                      }}
                    >
                      <span className="saved-name">{saved.name}</span>
                      <span className="saved-meta">
                        {saved.resource} · {saved.class}
                        {saved.select.length > 0 && ` · ${String(saved.select.length)} columns`}
                      </span>
                      <span className="saved-query">{saved.query}</span>
                    </button>
                    {confirmDelete === saved.id ? (
                      <span className="saved-confirm" role="group" aria-label={`Delete “${saved.name}”?`}>
                        <span>Delete?</span>
                        <button
                          type="button"
                          className="button small danger"
                          data-testid="saved-query-delete-confirm"
                          autoFocus
                          onClick={() => { remove(saved); }}
                        >
                          Delete
                        </button>
                        <button type="button" className="button small" onClick={() => { setConfirmDelete(null); }}>
                          Keep
                        </button>
                      </span>
                    ) : (
                      <button
                        type="button"
                        className="button small"
                        data-testid="saved-query-delete"
                        aria-label={`Delete saved query “${saved.name}”`}
                        onClick={() => { setConfirmDelete(saved.id); }}
                      >
                        Delete
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            )}
            <TeamSavedQueries mine={lists.saved} refreshKey={refreshKey} onLoad={onLoad} />
          </div>
          <div>
            <div className="section-head">
              <h3 id="history-title">History</h3>
              {lists.history.length > 0 &&
                (confirmClear ? (
                  <span className="saved-confirm" role="group" aria-label="Clear the whole history?">
                    <span>Clear all?</span>
                    <button
                      type="button"
                      className="button small danger"
                      data-testid="history-clear-confirm"
                      autoFocus
                      onClick={clear}
                    >
                      Clear
                    </button>
                    <button type="button" className="button small" onClick={() => { setConfirmClear(false); }}>
                      Keep
                    </button>
                  </span>
                ) : (
                  <button
                    type="button"
                    className="button small"
                    data-testid="history-clear"
                    onClick={() => { setConfirmClear(true); }}
                  >
                    Clear history
                  </button>
                ))}
            </div>
            {lists.history.length === 0 ? (
              <p className="hint">No counts or previews yet. Every count and preview you run appears here.</p>
            ) : (
              <ul className="saved-list" aria-labelledby="history-title">
                {lists.history.map((run) => (
                  <li
                    key={run.id}
                    className="saved-item"
                    data-testid="history-entry"
                    data-status={run.status}
                    data-kind={run.kind}
                  >
                    <button
                      type="button"
                      className="saved-load"
                      onClick={() => {
                        onLoad({
                          resource: run.resource,
                          class: run.class,
                          query: run.query,
                          select: run.select,
                          origin: "history entry",
                        });
                      }}
                    >
                      <span className={run.status === "ok" ? "saved-name" : "saved-name saved-status-error"}>
                        {runSummary(run)}
                      </span>
                      <span className="saved-meta">
                        <time dateTime={run.startedAt}>{timeFormat.format(new Date(run.startedAt))}</time> ·{" "}
                        {formatDuration(run.durationMs)} · {run.resource} · {run.class}
                      </span>
                      <span className="saved-query">{run.query}</span>
                      {run.error && <span className="saved-meta">{run.error}</span>}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
