// The tasks started in this window (downloads and exports), as a reducer over
// their TaskEvents so the screen (and its tests) see one plain list:
// queued → running → ended.
import type { CommandError } from "../../bindings/CommandError";
import type { TaskEvent } from "../../bindings/TaskEvent";
import type { TaskSummary } from "../../bindings/TaskSummary";

/** Where a job is in its life. `queued`: started, no event yet (waiting for the server). */
export type JobState = "queued" | "running" | "finished" | "failed" | "cancelled";

/** One task of this window. */
export interface JobEntry {
  /** Local id, unique in this window. */
  key: number;
  /** A download into the replica, or an export of it to a file. */
  kind: "download" | "export";
  /** The file an export writes; null for downloads. */
  path: string | null;
  connectionId: string;
  connectionName: string;
  resource: string;
  className: string;
  query: string | null;
  state: JobState;
  /** Backend job id once `started` arrived. */
  taskId: string | null;
  done: number;
  total: number | null;
  /** Latest progress line, e.g. "Fetch: 1200 of 5000 records, 850/s, 2.1 MB, about 5s left". */
  message: string;
  /** Summary when finished, with its warnings and notes (a metadata-change report). */
  summary: TaskSummary | null;
  error: CommandError | null;
  cancelRequested: boolean;
}

/** What a new job needs. */
export type JobSpec = Pick<
  JobEntry,
  "key" | "kind" | "path" | "connectionId" | "connectionName" | "resource" | "className" | "query"
>;

/** Reducer actions. */
export type JobsAction =
  | { type: "add"; spec: JobSpec }
  | { type: "event"; key: number; event: TaskEvent }
  | { type: "cancelRequested"; key: number }
  | { type: "dismiss"; key: number };

/** True once the job cannot change any more. */
export function isEnded(state: JobState): boolean {
  return state === "finished" || state === "failed" || state === "cancelled";
}

function applyEvent(job: JobEntry, event: TaskEvent): JobEntry {
  if (isEnded(job.state)) return job;
  switch (event.kind) {
    case "started":
      return { ...job, state: "running", taskId: event.taskId };
    case "progress":
      return { ...job, state: "running", done: event.done, total: event.total, message: event.message };
    case "finished":
      return { ...job, state: "finished", summary: { summary: event.summary, warnings: event.warnings, notes: event.notes } };
    case "failed":
      return { ...job, state: "failed", error: event.error };
    case "cancelled":
      return { ...job, state: "cancelled" };
  }
}

/** Newest job first. */
export function jobsReducer(jobs: JobEntry[], action: JobsAction): JobEntry[] {
  switch (action.type) {
    case "add":
      return [
        {
          ...action.spec,
          state: "queued",
          taskId: null,
          done: 0,
          total: null,
          message: "Waiting for the server…",
          summary: null,
          error: null,
          cancelRequested: false,
        },
        ...jobs,
      ];
    case "event":
      return jobs.map((job) => (job.key === action.key ? applyEvent(job, action.event) : job));
    case "cancelRequested":
      return jobs.map((job) => (job.key === action.key ? { ...job, cancelRequested: true } : job));
    case "dismiss":
      return jobs.filter((job) => job.key !== action.key || !isEnded(job.state));
  }
}

/** Percentage 0..100 of a job with a known total, else null. */
export function percent(job: Pick<JobEntry, "done" | "total">): number | null {
  if (job.total === null || job.total <= 0) return null;
  return Math.min(100, Math.max(0, Math.round((job.done / job.total) * 100)));
}

/** The next step to suggest for a failed sync, by error code. */
export function nextStep(error: CommandError): string {
  switch (error.code) {
    case "cancelled":
      return "Start the download again to resume where it stopped.";
    case "not_found":
      return "Refresh the metadata: the class may have been renamed on the server.";
    case "invalid_argument":
      return "Check the DMQL filter (the Query screen validates it), then start again.";
    case "keychain_unavailable":
      return "Unlock or set up the system keychain, then start again.";
    default:
      return "Start the download again: it resumes where it stopped. If it keeps failing, run “Test connection” on the Connections screen.";
  }
}
