// Query: pick resource and class of the current connection, then build or
// type the DMQL2 query (see QueryWorkspace). Defaults: Property, first class.
import { useId, useState } from "react";
import type { ResourceView } from "../../bindings/ResourceView";
import { useCurrentConnection } from "../../app/connection/currentConnectionContext";
import { MetadataErrorBox } from "../metadata/MetadataErrorBox";
import { useMetadata } from "../metadata/metadataContext";
import { QueryWorkspace } from "./QueryWorkspace";

function defaultResource(resources: readonly ResourceView[]): ResourceView | undefined {
  const usable = resources.filter((r) => r.classes.length > 0);
  return usable.find((r) => r.id === "Property" || r.standardName === "Property") ?? usable[0];
}

/** The Query area. */
export function QueryScreen() {
  const { current } = useCurrentConnection();
  const { state, load } = useMetadata();
  const [pick, setPick] = useState<{ resource: string; className: string | null } | null>(null);
  const resourceId = useId();
  const classId = useId();
  const metadata = state.metadata;
  const resources = metadata?.resources.filter((r) => r.classes.length > 0) ?? [];
  const resource =
    resources.find((r) => r.id === pick?.resource) ?? (metadata ? defaultResource(metadata.resources) : undefined);
  const cls = resource?.classes.find((c) => c.name === pick?.className) ?? resource?.classes[0];

  return (
    <div className="screen screen-wide">
      <div className="screen-head">
        <h1 className="screen-title">Query</h1>
        <p className="hint">
          Connection: <strong>{current.name}</strong>
        </p>
        {resource && cls && (
          <div className="toolbar">
            <label htmlFor={resourceId} className="inline-field">
              Resource
            </label>
            <select
              id={resourceId}
              className="select"
              data-testid="query-resource"
              value={resource.id}
              onChange={(event) => { setPick({ resource: event.target.value, className: null }); }}
            >
              {resources.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.visibleName}
                </option>
              ))}
            </select>
            <label htmlFor={classId} className="inline-field">
              Class
            </label>
            <select
              id={classId}
              className="select"
              data-testid="query-class"
              value={cls.name}
              onChange={(event) => { setPick({ resource: resource.id, className: event.target.value }); }}
            >
              {resource.classes.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.visibleName}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      {(state.status === "loading" || state.status === "idle") && !metadata && (
        <p className="status-line" role="status">
          <span className="spinner" aria-hidden="true" />
          Loading metadata…
        </p>
      )}
      {state.status === "error" && state.error && (
        <MetadataErrorBox message={state.error.message} onRetry={() => { load(false); }} />
      )}
      {metadata && !cls && <p className="hint">This server describes no class to query.</p>}
      {resource && cls && (
        <QueryWorkspace
          key={`${current.id}/${resource.id}/${cls.name}`}
          connectionId={current.id}
          resource={resource}
          cls={cls}
        />
      )}
    </div>
  );
}
