// Query: pick resource and class of the current connection, then build or
// type the DMQL2 query (see QueryWorkspace). Defaults: Property, first class.
import { useState } from "react";
import { useCurrentConnection } from "../../app/connection/currentConnectionContext";
import { ClassPicker } from "../metadata/ClassPicker";
import { resolvePick, type ClassPick } from "../metadata/classPick";
import { MetadataErrorBox } from "../metadata/MetadataErrorBox";
import { useMetadata } from "../metadata/metadataContext";
import { QueryWorkspace } from "./QueryWorkspace";

/** The Query area. */
export function QueryScreen() {
  const { current } = useCurrentConnection();
  const { state, load } = useMetadata();
  const [pick, setPick] = useState<ClassPick | null>(null);
  const metadata = state.metadata;
  const { resources, resource, cls } = resolvePick(metadata, pick);

  return (
    <div className="screen screen-wide">
      <div className="screen-head">
        <h1 className="screen-title">Query</h1>
        <p className="hint">
          Connection: <strong>{current.name}</strong>
        </p>
        {resource && cls && (
          <ClassPicker resources={resources} resource={resource} cls={cls} onChange={setPick} testIdPrefix="query" />
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
