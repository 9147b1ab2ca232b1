// Jobs: download a class of the current connection into the local replica
// (`sync_start`), follow or cancel the tasks started in this window (downloads
// here, exports from Results), and see the class's sync history. The backend
// queues downloads per server; so does this list.
import { useCallback, useId, useState } from "react";
import { useJobsTarget } from "../../app/classTarget/jobsTargetContext";
import { useCurrentConnection } from "../../app/connection/currentConnectionContext";
import { useIntent } from "../../app/intents/intentContext";
import { useTaskList } from "../../app/tasks/taskListContext";
import { syncStart } from "../../ipc/syncCommands";
import { ClassPicker } from "../../shared/metadata/ClassPicker";
import { resolvePick } from "../../shared/metadata/classPick";
import { MetadataErrorBox } from "../../shared/metadata/MetadataErrorBox";
import { useMetadata } from "../../shared/metadata/metadataContext";
import { JobCard } from "./JobCard";
import { SyncHistory } from "./SyncHistory";

/** The Jobs area. */
export function JobsScreen() {
  const { current } = useCurrentConnection();
  const { state, load } = useMetadata();
  const { target, setTarget } = useJobsTarget();
  const { jobs, track, cancel, dismiss } = useTaskList();
  const [query, setQuery] = useState("");
  const [historyKey, setHistoryKey] = useState(0);
  const queryId = useId();
  const { resources, resource, cls } = resolvePick(state.metadata, target);

  const start = useCallback(() => {
    if (!resource || !cls) return;
    const filter = query.trim() || null;
    const spec = {
      kind: "download" as const,
      path: null,
      connectionId: current.id,
      connectionName: current.name,
      resource: resource.id,
      className: cls.name,
      query: filter,
    };
    const target = { connectionId: current.id, resource: resource.id, class: cls.name };
    const handle = track(spec, (onEvent) => syncStart(target, filter, onEvent));
    void handle.done.then(() => { setHistoryKey((n) => n + 1); });
  }, [current, resource, cls, query, track]);
  // "Start download" from the command palette.
  useIntent(["jobs.start"], Boolean(resource && cls), start);

  return (
    <div className="screen screen-wide">
      <div className="screen-head">
        <h1 className="screen-title">Jobs</h1>
        <p className="hint">
          Connection: <strong>{current.name}</strong>. Downloads go into the local replica that Results browses; a
          cancelled or failed download resumes on the next start.
        </p>
      </div>
      {(state.status === "loading" || state.status === "idle") && !state.metadata && (
        <p className="status-line" role="status">
          <span className="spinner" aria-hidden="true" />
          Loading metadata…
        </p>
      )}
      {state.status === "error" && state.error && (
        <MetadataErrorBox message={state.error.message} onRetry={() => { load(false); }} />
      )}
      {state.metadata && !cls && <p className="hint">This server describes no class to download.</p>}
      {resource && cls && (
        <>
          <section className="panel jobs-start" aria-labelledby="jobs-start-title">
            <h2 id="jobs-start-title">Download a class</h2>
            <ClassPicker
              resources={resources}
              resource={resource}
              cls={cls}
              onChange={setTarget}
              testIdPrefix="jobs"
            />
            <div className="jobs-filter">
              <label htmlFor={queryId} className="label-strong">
                DMQL filter (optional)
              </label>
              <input
                id={queryId}
                className="input mono"
                data-testid="jobs-query"
                value={query}
                placeholder="(STATUS=|A,P)"
                aria-describedby={`${queryId}-hint`}
                onChange={(event) => { setQuery(event.target.value); }}
              />
              <p id={`${queryId}-hint`} className="hint">
                Empty downloads every record of the class. Later downloads fetch only what changed.
              </p>
            </div>
            <div className="actions">
              <button type="button" className="button primary" data-testid="jobs-start" onClick={start}>
                Download {cls.visibleName}
              </button>
            </div>
          </section>
          {jobs.length > 0 && (
            <section className="jobs-list" aria-labelledby="jobs-list-title">
              <h2 id="jobs-list-title">Jobs in this window</h2>
              <ul className="job-cards">
                {jobs.map((job) => (
                  <JobCard
                    key={job.key}
                    job={job}
                    onCancel={() => { cancel(job.key); }}
                    onDismiss={() => { dismiss(job.key); }}
                  />
                ))}
              </ul>
            </section>
          )}
          <SyncHistory
            target={{ connectionId: current.id, resource: resource.id, class: cls.name }}
            refreshKey={historyKey}
          />
        </>
      )}
    </div>
  );
}
