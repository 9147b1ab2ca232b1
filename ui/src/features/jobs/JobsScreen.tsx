// Jobs: download a class of the current connection into the local replica
// (`sync_start`), follow or cancel the jobs started in this window, and see the
// class's sync history. The backend queues jobs per server; so does this list.
import { useCallback, useId, useReducer, useRef, useState } from "react";
import { useJobsTarget } from "../../app/classTarget/jobsTargetContext";
import { useCurrentConnection } from "../../app/connection/currentConnectionContext";
import { useIntent } from "../../app/intents/intentContext";
import type { TaskHandle } from "../../ipc/tasks";
import { syncStart } from "../../ipc/syncCommands";
import { ClassPicker } from "../../shared/metadata/ClassPicker";
import { resolvePick } from "../../shared/metadata/classPick";
import { MetadataErrorBox } from "../../shared/metadata/MetadataErrorBox";
import { useMetadata } from "../../shared/metadata/metadataContext";
import { JobCard } from "./JobCard";
import { jobsReducer } from "./jobsState";
import { SyncHistory } from "./SyncHistory";

/** The Jobs area. */
export function JobsScreen() {
  const { current } = useCurrentConnection();
  const { state, load } = useMetadata();
  const { target, setTarget } = useJobsTarget();
  const [jobs, dispatch] = useReducer(jobsReducer, []);
  const [query, setQuery] = useState("");
  const [historyKey, setHistoryKey] = useState(0);
  const handles = useRef(new Map<number, TaskHandle>());
  const nextKey = useRef(1);
  const queryId = useId();
  const { resources, resource, cls } = resolvePick(state.metadata, target);

  const start = useCallback(() => {
    if (!resource || !cls) return;
    const key = nextKey.current++;
    const filter = query.trim() || null;
    dispatch({
      type: "add",
      spec: {
        key,
        connectionId: current.id,
        connectionName: current.name,
        resource: resource.id,
        className: cls.name,
        query: filter,
      },
    });
    const handle = syncStart(
      { connectionId: current.id, resource: resource.id, class: cls.name },
      filter,
      (event) => { dispatch({ type: "event", key, event }); },
    );
    handles.current.set(key, handle);
    void handle.done.then((outcome) => {
      dispatch({ type: "event", key, event: outcome });
      handles.current.delete(key);
      setHistoryKey((n) => n + 1);
    });
  }, [current, resource, cls, query]);
  // "Start download" from the command palette.
  useIntent(["jobs.start"], Boolean(resource && cls), start);

  const cancel = (key: number) => {
    dispatch({ type: "cancelRequested", key });
    void handles.current.get(key)?.cancel();
  };

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
                    onDismiss={() => { dispatch({ type: "dismiss", key: job.key }); }}
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
