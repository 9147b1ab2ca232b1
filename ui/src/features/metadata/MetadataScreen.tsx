// Metadata browser: the current connection's resources and classes on the
// left, the selected class's fields on the right, lookup values in a dialog.
import { useState } from "react";
import type { LookupView } from "../../bindings/LookupView";
import { useCurrentConnection } from "../../app/connection/currentConnectionContext";
import { ClassTree, type ClassRef } from "./ClassTree";
import { FieldTable } from "./FieldTable";
import { LookupDialog } from "./LookupDialog";
import { MetadataErrorBox } from "../../shared/metadata/MetadataErrorBox";
import { MetadataStatusBanner } from "./MetadataStatusBanner";
import { useMetadata } from "../../shared/metadata/metadataContext";

/** The Metadata area. */
export function MetadataScreen() {
  const { current } = useCurrentConnection();
  const { state, load } = useMetadata();
  const [selected, setSelected] = useState<ClassRef | null>(null);
  const [lookup, setLookup] = useState<LookupView | null>(null);
  const metadata = state.metadata;

  const firstResource = metadata?.resources.find((r) => r.classes.length > 0);
  const resource =
    metadata?.resources.find(
      (r) => r.id === selected?.resource && r.classes.some((c) => c.name === selected.className),
    ) ?? firstResource;
  const cls = resource?.classes.find((c) => c.name === selected?.className) ?? resource?.classes[0];
  const busy = state.status === "loading" || state.status === "idle";

  return (
    <div className="screen screen-wide">
      <div className="screen-head">
        <h1 className="screen-title">Metadata</h1>
        <p className="hint">
          Connection: <strong>{current.name}</strong>
          {metadata && (
            <>
              {" · "}
              <span data-testid="metadata-system">
                {metadata.systemId} — {metadata.systemDescription}
              </span>
              {" · "}version {metadata.version}
              {metadata.date && ` (${metadata.date})`}
            </>
          )}
        </p>
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => { load(true); }}
          data-testid="metadata-refresh"
        >
          {busy && metadata ? "Refreshing…" : "Refresh"}
        </button>
      </div>
      <div aria-live="polite" className="live-region">
        {busy && (
          <p className="status-line" role="status">
            <span className="spinner" aria-hidden="true" />
            {metadata ? "Refreshing metadata from the server…" : "Loading metadata…"}
          </p>
        )}
      </div>
      {metadata && <MetadataStatusBanner metadata={metadata} busy={busy} onRetry={() => { load(true); }} />}
      {state.status === "error" && state.error && (
        <MetadataErrorBox message={state.error.message} onRetry={() => { load(false); }} />
      )}
      {metadata && metadata.resources.length === 0 && <p className="hint">The server describes no resources.</p>}
      {metadata && resource && cls && (
        <div className="split split-tree">
          <ClassTree
            resources={metadata.resources}
            selected={{ resource: resource.id, className: cls.name }}
            onSelect={setSelected}
          />
          <section className="panel" aria-labelledby="metadata-class-title">
            <div>
              <h2 id="metadata-class-title">
                {resource.visibleName} / {cls.visibleName}
              </h2>
              <p className="hint">
                {[cls.description, cls.standardName && `Standard name: ${cls.standardName}`]
                  .filter(Boolean)
                  .map((part) => `${part}. `)
                  .join("")}
                Key field: <span className="mono">{resource.keyField}</span>.
              </p>
            </div>
            <FieldTable
              key={`${resource.id}/${cls.name}`}
              cls={cls}
              lookups={resource.lookups}
              onOpenLookup={setLookup}
            />
          </section>
        </div>
      )}
      <LookupDialog lookup={lookup} onClose={() => { setLookup(null); }} />
    </div>
  );
}
