// Results: browse the local replica of a class of the current connection in
// a virtualised grid (see ResultsView). Defaults: Property, first class.
import { useState } from "react";
import { useCurrentConnection } from "../../app/connection/currentConnectionContext";
import { ClassPicker } from "../../shared/metadata/ClassPicker";
import { resolvePick, type ClassPick } from "../../shared/metadata/classPick";
import { MetadataErrorBox } from "../../shared/metadata/MetadataErrorBox";
import { useMetadata } from "../../shared/metadata/metadataContext";
import { ResultsView } from "./ResultsView";

/** The Results area. */
export function ResultsScreen() {
  const { current } = useCurrentConnection();
  const { state, load } = useMetadata();
  const [pick, setPick] = useState<ClassPick | null>(null);
  const { resources, resource, cls } = resolvePick(state.metadata, pick);

  return (
    <div className="screen screen-wide">
      <div className="screen-head">
        <h1 className="screen-title">Results</h1>
        <p className="hint">
          Connection: <strong>{current.name}</strong> · downloaded records, read from this computer
        </p>
        {resource && cls && (
          <ClassPicker resources={resources} resource={resource} cls={cls} onChange={setPick} testIdPrefix="results" />
        )}
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
      {state.metadata && !cls && <p className="hint">This server describes no class to browse.</p>}
      {resource && cls && (
        <ResultsView
          key={`${current.id}/${resource.id}/${cls.name}`}
          target={{ connectionId: current.id, resource: resource.id, class: cls.name }}
          cls={cls}
          lookups={resource.lookups}
        />
      )}
    </div>
  );
}
