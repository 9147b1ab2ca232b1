// One task of this window (a download, or an export started in Results):
// progress bar with its message and Cancel while it runs; the summary, or the
// error with a next step.
import { useId } from "react";
import { nextStep, percent, type JobEntry } from "./jobsState";
import { TaskSummaryView } from "../../shared/TaskSummaryView";

const STATE_LABEL: Record<JobEntry["state"], string> = {
  queued: "Queued",
  running: "Running",
  finished: "Finished",
  failed: "Failed",
  cancelled: "Cancelled",
};

/** Props of `JobCard`. */
export interface JobCardProps {
  job: JobEntry;
  onCancel: () => void;
  onDismiss: () => void;
}

/** A job card (`data-state` running|finished|failed|cancelled; queued counts as running). */
export function JobCard({ job, onCancel, onDismiss }: JobCardProps) {
  const titleId = useId();
  const active = job.state === "queued" || job.state === "running";
  const pct = percent(job);
  const exporting = job.kind === "export";
  const title = `${exporting ? "Export of " : ""}${job.resource} / ${job.className}`;
  return (
    <li className="panel job-card" data-testid="job-card" data-state={active ? "running" : job.state} aria-labelledby={titleId}>
      <div className="section-head">
        <h3 id={titleId}>
          {title} <span className={`badge job-badge-${job.state}`}>{STATE_LABEL[job.state]}</span>
        </h3>
        {active ? (
          <button
            type="button"
            className="button"
            data-testid="job-cancel"
            aria-disabled={job.cancelRequested || undefined}
            onClick={() => {
              if (!job.cancelRequested) onCancel();
            }}
          >
            {job.cancelRequested ? "Cancelling…" : "Cancel"}
          </button>
        ) : (
          <button type="button" className="button" onClick={onDismiss} aria-label={`Dismiss ${title}`}>
            Dismiss
          </button>
        )}
      </div>
      <p className="hint">
        {job.connectionName || "This window"}
        {exporting ? (
          <>
            {" · to "}
            <code className="mono">{job.path}</code>
          </>
        ) : job.query ? (
          <>
            {" · filter "}
            <code className="mono">{job.query}</code>
          </>
        ) : (
          " · all records"
        )}
      </p>
      {active && (
        <>
          <progress
            className="job-progress"
            aria-label={`${exporting ? "Export" : "Download"} progress of ${title}`}
            max={pct === null ? undefined : 100}
            value={pct ?? undefined}
          />
          <p className="job-message" data-testid="job-message" aria-live="polite">
            {job.message}
            {pct !== null && <span className="job-percent"> ({pct}%)</span>}
          </p>
        </>
      )}
      {job.state === "finished" && job.summary && <TaskSummaryView summary={job.summary} testId="job-message" />}
      {job.state === "cancelled" && (
        <p data-testid="job-message">
          {exporting
            ? "Cancelled; no file was written."
            : `Cancelled after ${job.done.toLocaleString("en-US")} records. Start it again to resume where it stopped.`}
        </p>
      )}
      {job.state === "failed" && job.error && (
        <div className="error-box" role="alert">
          <p data-testid="job-message">
            <strong>{exporting ? "The export failed." : "The download failed."}</strong> {job.error.message}
          </p>
          {!exporting && <p className="hint">{nextStep(job.error)}</p>}
        </div>
      )}
    </li>
  );
}
