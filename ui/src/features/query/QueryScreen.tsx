// Query: pick resource and class of the current connection, then build or
// type the DMQL2 query (see QueryWorkspace). Defaults: Property, first class.
// "Saved & history" lists saved queries and past runs; loading one switches
// to its class and puts its text into the editor.
import { useCallback, useRef, useState } from "react";
import { useCurrentConnection } from "../../app/connection/currentConnectionContext";
import { useIntent, type QueryToLoad } from "../../app/intents/intentContext";
import { QUERY_CHORDS, chordLabel, chordsAria } from "../../app/shortcuts";
import { ClassPicker } from "../../shared/metadata/ClassPicker";
import { resolvePick, type ClassPick } from "../../shared/metadata/classPick";
import { MetadataErrorBox } from "../../shared/metadata/MetadataErrorBox";
import { useMetadata } from "../../shared/metadata/metadataContext";
import { QueryWorkspace } from "./QueryWorkspace";
import { SavedHistoryPanel } from "./SavedHistoryPanel";

interface Loaded {
  seq: number;
  query: QueryToLoad;
}

/** The Query area. */
export function QueryScreen() {
  const { current } = useCurrentConnection();
  const { state, load } = useMetadata();
  const [pick, setPick] = useState<ClassPick | null>(null);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [panelOpen, setPanelOpen] = useState(false);
  const [activity, setActivity] = useState(0);
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);
  const panelToggle = useRef<HTMLButtonElement>(null);
  const metadata = state.metadata;
  const { resources, resource, cls } = resolvePick(metadata, pick);

  const loadQuery = (query: QueryToLoad) => {
    const target = resources.find((r) => r.id === query.resource);
    if (!target?.classes.some((c) => c.name === query.class)) {
      setNotice({
        text: `The ${query.origin} is for ${query.resource} · ${query.class}, which this connection’s metadata does not have. Pick another connection on the Connections screen, or refresh the metadata.`,
        error: true,
      });
      return;
    }
    setPick({ resource: query.resource, className: query.class });
    setLoaded((prev) => ({ seq: (prev?.seq ?? 0) + 1, query }));
    setNotice({ text: `Loaded the ${query.origin} into the editor.`, error: false });
  };

  useIntent(["query.load"], metadata !== null, (intent) => {
    if (intent.type === "query.load") loadQuery(intent.query);
  });
  useIntent(["query.panel"], true, () => {
    setPanelOpen(true);
    panelToggle.current?.focus();
  });
  const onActivity = useCallback(() => { setActivity((n) => n + 1); }, []);

  // A loaded query belongs to its class; picking another class starts afresh.
  const initial =
    loaded && resource?.id === loaded.query.resource && cls?.name === loaded.query.class ? loaded : null;

  return (
    <div className="screen screen-wide">
      <div className="screen-head">
        <h1 className="screen-title">Query</h1>
        <p className="hint">
          Connection: <strong>{current.name}</strong>
        </p>
        {resource && cls && (
          <ClassPicker
            resources={resources}
            resource={resource}
            cls={cls}
            onChange={(next) => {
              setPick(next);
              setLoaded(null);
            }}
            testIdPrefix="query"
          />
        )}
        <div className="query-head-actions">
          <button
            ref={panelToggle}
            type="button"
            className="button"
            data-testid="query-saved-toggle"
            aria-expanded={panelOpen}
            aria-controls="query-saved-panel"
            aria-keyshortcuts={chordsAria([QUERY_CHORDS.panel])}
            onClick={() => { setPanelOpen((open) => !open); }}
          >
            Saved &amp; history <kbd className="header-kbd">{chordLabel(QUERY_CHORDS.panel)}</kbd>
          </button>
        </div>
      </div>
      {notice && (
        <p className={notice.error ? "error-box" : "hint"} role={notice.error ? "alert" : "status"} data-testid="query-load-notice">
          {notice.text}
        </p>
      )}
      {panelOpen && (
        <SavedHistoryPanel connectionId={current.id} refreshKey={activity} onLoad={loadQuery} />
      )}
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
          key={`${current.id}/${resource.id}/${cls.name}/${String(initial?.seq ?? 0)}`}
          connectionId={current.id}
          resource={resource}
          cls={cls}
          initial={initial?.query}
          onActivity={onActivity}
        />
      )}
    </div>
  );
}
