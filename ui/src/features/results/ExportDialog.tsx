// The Export dialog of the Results screen: writes the downloaded records of
// the class (with the grid's filters and sort) to an Excel or CSV file. A
// native modal <dialog> traps focus and closes on Esc (except while the
// export runs: Cancel stops it, and no partial file is left).
import { useContext, useEffect, useId, useRef, useState, type SyntheticEvent } from "react";
import type { CommandError } from "../../bindings/CommandError";
import type { CsvDelimiter } from "../../bindings/CsvDelimiter";
import type { ExportHeaders } from "../../bindings/ExportHeaders";
import type { ExportLookups } from "../../bindings/ExportLookups";
import type { ExportSettings } from "../../bindings/ExportSettings";
import type { TaskEvent } from "../../bindings/TaskEvent";
import type { TaskPhase } from "../../bindings/TaskPhase";
import type { TaskSummary } from "../../bindings/TaskSummary";
import type { ClassTarget } from "../../bindings/ClassTarget";
import type { ReplicaView } from "../../bindings/ReplicaView";
import { chooseExportPath, exportDefaultPath, exportStart, showInFolder } from "../../ipc/exportCommands";
import { toCommandError } from "../../ipc/errors";
import type { TaskHandle } from "../../ipc/tasks";
import { TaskSummaryView } from "../../shared/TaskSummaryView";
import {
  DEFAULT_SETTINGS,
  exportNextStep,
  pathProblem,
  withExtension,
  type ExportFormat,
} from "./exportForm";
import { ModalDialog } from "../../shared/ModalDialog";
import { FilePathField } from "../../shared/FilePathField";
import { useTaskList } from "../../app/tasks/taskListContext";
import { CurrentConnectionContext } from "../../app/connection/currentConnectionContext";

/** Props of `ExportDialog`. */
export interface ExportDialogProps {
  open: boolean;
  onClose: () => void;
  target: ClassTarget;
  /** Name shown in the title, e.g. "Property / Land". */
  title: string;
  /** The grid's filters and sort. */
  rows: ReplicaView;
  /** Records matching the filters (shown before export). */
  total: number | null;
}

type Run =
  | { state: "idle" }
  | { state: "running"; phase: TaskPhase; done: number; total: number | null; message: string; cancelling: boolean }
  | { state: "finished"; summary: TaskSummary; path: string }
  | { state: "failed"; error: CommandError }
  | { state: "cancelled" };

const HEADER_CHOICES: [ExportHeaders, string][] = [
  ["long", "Long names (Listing Price)"],
  ["standard", "Standard names (ListPrice)"],
  ["system", "System names (LIST_PRICE)"],
  ["dbname", "Database names (DBName)"],
];
const LOOKUP_CHOICES: [ExportLookups, string][] = [
  ["decoded", "Decoded (Active)"],
  ["raw", "Codes as stored (A)"],
];
const DELIMITER_CHOICES: [CsvDelimiter, string][] = [
  ["comma", "Comma (,)"],
  ["tab", "Tab"],
  ["pipe", "Pipe (|)"],
];

/** The choice of `choices` whose value a `<select>` reports, if any. */
function chosen<T extends string>(choices: [T, string][], value: string): T | undefined {
  return choices.find(([v]) => v === value)?.[0];
}

/** The Export dialog (`export-dialog`). */
export function ExportDialog({ open, onClose, target, title, rows, total }: ExportDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const handle = useRef<TaskHandle | null>(null);
  const { track } = useTaskList();
  const connection = useContext(CurrentConnectionContext)?.current;
  const base = useId();
  const [settings, setSettings] = useState<ExportSettings>(DEFAULT_SETTINGS);
  const [path, setPath] = useState("");
  const [pathTouched, setPathTouched] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [run, setRun] = useState<Run>({ state: "idle" });
  const [copied, setCopied] = useState("");
  const format = settings.format;
  const running = run.state === "running";

  // Suggest Downloads/<class>-<date>.<ext> until the user types a path.
  useEffect(() => {
    if (!open || pathTouched) return;
    let live = true;
    exportDefaultPath(target.class, format).then(
      (defaults) => { if (live) setPath(defaults.path); },
      () => { /* No suggestion: the user types the path. */ },
    );
    return () => { live = false; };
  }, [open, pathTouched, target.class, format]);

  const set = <K extends keyof ExportSettings>(key: K, value: ExportSettings[K]) => {
    setSettings((prev) => ({ ...prev, [key]: value }));
  };

  const chooseFormat = (next: ExportFormat) => {
    set("format", next);
    if (pathTouched) setPath((prev) => withExtension(prev, next));
    setProblem(null);
  };

  const onEvent = (event: TaskEvent) => {
    if (event.kind === "progress") {
      setRun((prev) =>
        prev.state === "running"
          ? { ...prev, phase: event.phase, done: event.done, total: event.total, message: event.message }
          : prev,
      );
    }
  };

  const submit = (e: SyntheticEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (running) return;
    const wrong = pathProblem(path, format);
    setProblem(wrong);
    if (wrong) return;
    const chosen = path.trim();
    setCopied("");
    setRun({ state: "running", phase: "queued", done: 0, total, message: "Starting the export…", cancelling: false });
    // Listed on the Jobs screen too, with the same progress and Cancel.
    const spec = {
      kind: "export" as const,
      path: chosen,
      connectionId: target.connectionId,
      connectionName: connection?.id === target.connectionId ? connection.name : "",
      resource: target.resource,
      className: target.class,
      query: null,
    };
    const job = track(spec, (onTaskEvent) =>
      exportStart(target, rows, chosen, settings, (event) => {
        onTaskEvent(event);
        onEvent(event);
      }),
    );
    handle.current = job;
    void job.done.then((outcome) => {
      handle.current = null;
      if (outcome.kind === "finished") {
        const { summary, warnings, notes } = outcome;
        setRun({ state: "finished", summary: { summary, warnings, notes }, path: chosen });
      }
      else if (outcome.kind === "cancelled") setRun({ state: "cancelled" });
      else if (outcome.error.code === "cancelled") setRun({ state: "cancelled" });
      else setRun({ state: "failed", error: outcome.error });
    });
  };

  const cancel = () => {
    setRun((prev) => (prev.state === "running" ? { ...prev, cancelling: true } : prev));
    void handle.current?.cancel();
  };

  const copyPath = (text: string) => {
    navigator.clipboard.writeText(text).then(
      () => { setCopied("Path copied."); },
      () => { setCopied("Could not copy: the clipboard is not available."); },
    );
  };


  const reveal = (file: string) => {
    showInFolder(file).then(
      () => { setCopied(""); },
      (error: unknown) => {
        setCopied(`Could not open the folder (${toCommandError(error).message}); use Copy path instead.`);
      },
    );
  };

  const close = () => {
    if (running) return;
    if (run.state !== "idle") setRun({ state: "idle" });
    onClose();
  };

  const pct =
    run.state === "running" && run.total && run.total > 0 && run.phase === "write"
      ? Math.min(100, Math.round((run.done / run.total) * 100))
      : null;
  const isCsv = format === "csv";

  return (
    <ModalDialog
      open={open}
      dialogRef={ref}
      className="dialog dialog-wide export-dialog"
      aria-labelledby={`${base}-title`}
      testId="export-dialog"
      // Esc closes, except while writing (Cancel stops the export first).
      onEscape={close}
      onClose={() => { if (open) close(); }}
    >
      <form className="dialog-content" onSubmit={submit} noValidate>
        <h2 id={`${base}-title`}>Export {title}</h2>
        <p className="hint">
          {total === null
            ? "The downloaded records"
            : `${total.toLocaleString("en-US")} ${total === 1 ? "record" : "records"}`}
          {rows.filters.length > 0 ? " matching the filters" : ""}
          {rows.sortField ? `, sorted by ${rows.sortField}` : ""}.
        </p>
        <fieldset className="radio-group" disabled={running}>
          <legend className="label-strong">Format</legend>
          <label className="radio">
            <input
              type="radio"
              name={`${base}-format`}
              checked={format === "xlsx"}
              data-testid="export-format-xlsx"
              onChange={() => { chooseFormat("xlsx"); }}
            />
            Excel workbook (.xlsx)
          </label>
          <label className="radio">
            <input
              type="radio"
              name={`${base}-format`}
              checked={format === "csv"}
              data-testid="export-format-csv"
              onChange={() => { chooseFormat("csv"); }}
            />
            CSV (.csv)
          </label>
        </fieldset>
        <div className="form-field">
          <FilePathField
            id={`${base}-path`}
            testId="export"
            value={path}
            disabled={running}
            problem={problem}
            help="The full path of the file to write; an existing file is replaced only when the export succeeds."
            onChange={(value) => {
              setPath(value);
              setPathTouched(true);
              setProblem(null);
            }}
            choose={() => chooseExportPath(path, format)}
            onChosen={(chosen) => {
              setPath(withExtension(chosen, format));
              setPathTouched(true);
              setProblem(null);
            }}
            onProblem={setProblem}
          />
        </div>
        <div className="form-row">
          <div className="form-field">
            <label htmlFor={`${base}-headers`} className="label-strong">
              Column names
            </label>
            <select
              id={`${base}-headers`}
              className="select"
              data-testid="export-headers"
              value={settings.headers}
              disabled={running}
              onChange={(e) => {
                const value = chosen(HEADER_CHOICES, e.target.value);
                if (value) set("headers", value);
              }}
            >
              {HEADER_CHOICES.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div className="form-field">
            <label htmlFor={`${base}-lookups`} className="label-strong">
              Lookup values
            </label>
            <select
              id={`${base}-lookups`}
              className="select"
              data-testid="export-lookups"
              value={settings.lookups}
              disabled={running}
              onChange={(e) => {
                const value = chosen(LOOKUP_CHOICES, e.target.value);
                if (value) set("lookups", value);
              }}
            >
              {LOOKUP_CHOICES.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          {isCsv && (
            <div className="form-field">
              <label htmlFor={`${base}-delimiter`} className="label-strong">
                Delimiter
              </label>
              <select
                id={`${base}-delimiter`}
                className="select"
                data-testid="export-delimiter"
                value={settings.delimiter}
                disabled={running}
                onChange={(e) => {
                  const value = chosen(DELIMITER_CHOICES, e.target.value);
                  if (value) set("delimiter", value);
                }}
              >
                {DELIMITER_CHOICES.map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
          )}
        </div>
        <div className="export-checks">
          {isCsv && (
            <>
              <label className="check">
                <input
                  type="checkbox"
                  data-testid="export-bom"
                  checked={settings.bom}
                  disabled={running}
                  onChange={(e) => { set("bom", e.target.checked); }}
                />
                Byte order mark, so Excel reads accents correctly
              </label>
              <label className="check">
                <input
                  type="checkbox"
                  data-testid="export-guard"
                  checked={settings.formulaGuard}
                  disabled={running}
                  onChange={(e) => { set("formulaGuard", e.target.checked); }}
                />
                Guard against formulas (prefix ' to cells starting with = + - @)
              </label>
            </>
          )}
          <label className="check">
            <input
              type="checkbox"
              data-testid="export-photos"
              checked={settings.photos}
              disabled={running}
              onChange={(e) => { set("photos", e.target.checked); }}
            />
            Photos column with links to downloaded photos
          </label>
        </div>

        {run.state === "running" && (
          <div className="export-progress" data-testid="export-progress">
            <progress
              className="job-progress"
              aria-label={`Export progress of ${title}`}
              max={pct === null ? undefined : 100}
              value={pct ?? undefined}
            />
            <p className="job-message" data-testid="export-message" aria-live="polite">
              {run.message}
              {pct !== null && <span className="job-percent"> ({pct}%)</span>}
            </p>
          </div>
        )}
        {run.state === "finished" && (
          <div className="export-result callout" data-testid="export-result" data-state="finished" role="status">
            <TaskSummaryView summary={run.summary} lead="Done." testId="export-message" />
            <div className="actions">
              <button type="button" className="button" data-testid="export-copy-path" onClick={() => { copyPath(run.path); }}>
                Copy path
              </button>
              <button type="button" className="button" data-testid="export-show-folder" onClick={() => { reveal(run.path); }}>
                Show in folder
              </button>
            </div>
            <p className="sr-only" aria-live="polite">
              {copied}
            </p>
            {copied && <p className="hint">{copied}</p>}
          </div>
        )}
        {run.state === "cancelled" && (
          <p className="hint" data-testid="export-result" data-state="cancelled" role="status">
            The export was cancelled; no file was written.
          </p>
        )}
        {run.state === "failed" && (
          <div className="error-box" role="alert" data-testid="export-result" data-state="failed">
            <p data-testid="export-error">
              <strong>The export failed.</strong> {run.error.message}
            </p>
            <p className="hint">{exportNextStep(run.error)}</p>
          </div>
        )}

        <div className="dialog-actions export-actions">
          {running ? (
            <button
              type="button"
              className="button"
              data-testid="export-cancel"
              aria-disabled={run.cancelling || undefined}
              onClick={() => { if (!run.cancelling) cancel(); }}
            >
              {run.cancelling ? "Cancelling…" : "Cancel export"}
            </button>
          ) : (
            <button type="button" className="button" data-testid="export-close" onClick={close}>
              Close
            </button>
          )}
          <button type="submit" className="button primary" data-testid="export-start" disabled={running}>
            {run.state === "finished" ? "Export again" : "Export"}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
