// The sync history of one class (`sync_history`), newest first; reloaded
// whenever `refreshKey` changes (after each job of this window ends).
import { useEffect, useRef, useState } from "react";
import type { CommandError } from "../../bindings/CommandError";
import type { SyncRun } from "../../bindings/SyncRun";
import { syncHistory } from "../../ipc/commands";
import type { ClassTarget } from "../../bindings/ClassTarget";
import { toCommandError } from "../../ipc/errors";

type HistoryState =
  | { status: "loading" }
  | { status: "ready"; runs: SyncRun[] }
  | { status: "error"; error: CommandError };

/** Formats an RFC 3339 time for the table (local time, minutes). */
export function formatTime(value: string | null): string {
  if (!value) return "—";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" });
}

/** The history table of `target`. */
export function SyncHistory({ target, refreshKey }: { target: ClassTarget; refreshKey: number }) {
  const [state, setState] = useState<HistoryState>({ status: "loading" });
  const latest = useRef(0);
  const { connectionId, resource, class: className } = target;

  useEffect(() => {
    const request = ++latest.current;
    syncHistory({ connectionId, resource, class: className }).then(
      (runs) => {
        if (latest.current === request) setState({ status: "ready", runs });
      },
      (error: unknown) => {
        if (latest.current === request) setState({ status: "error", error: toCommandError(error) });
      },
    );
  }, [connectionId, resource, className, refreshKey]);

  return (
    <section className="panel" aria-labelledby="sync-history-title">
      <h2 id="sync-history-title">
        History of {resource} / {className}
      </h2>
      {state.status === "loading" && <p className="hint">Loading the history…</p>}
      {state.status === "error" && (
        <p className="error-box" role="alert">
          <strong>Could not load the history.</strong> {state.error.message}
        </p>
      )}
      {state.status === "ready" && state.runs.length === 0 && (
        <p className="hint">Not downloaded yet. Download it above to browse it in Results.</p>
      )}
      {state.status === "ready" && state.runs.length > 0 && (
        <div className="table-scroll history-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Kind</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Records
                </th>
                <th scope="col">Finished</th>
                <th scope="col">Error</th>
              </tr>
            </thead>
            <tbody>
              {state.runs.map((run) => (
                <tr key={run.id} data-testid="sync-history-row" data-status={run.status}>
                  <td>{formatTime(run.startedAt)}</td>
                  <td>{run.kind === "incremental" ? "Incremental" : "Full"}</td>
                  <td>{run.status.charAt(0).toUpperCase() + run.status.slice(1)}</td>
                  <td className="num">{run.records.toLocaleString("en-US")}</td>
                  <td>{formatTime(run.finishedAt)}</td>
                  <td>{run.error ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
