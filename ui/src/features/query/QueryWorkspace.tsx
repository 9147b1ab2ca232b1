// Everything about one query on one class: builder, DMQL text (the source of
// truth once edited by hand), live check and count, columns and preview.
// Remounted (keyed) when connection, resource or class change.
import { useEffect, useMemo, useReducer, useState, type KeyboardEvent } from "react";
import { useIntent, type QueryToLoad } from "../../app/intents/intentContext";
import { QUERY_CHORDS, chordLabel, chordsAria } from "../../app/shortcuts";
import type { ClassView } from "../../bindings/ClassView";
import type { ResourceView } from "../../bindings/ResourceView";
import type { SavedQueryView } from "../../bindings/SavedQueryView";
import type { ClassTarget } from "../../bindings/ClassTarget";
import { builderReducer, initialBuilder, type BuilderState } from "./builderState";
import { CheckStatus } from "./CheckStatus";
import { defaultSelect } from "./defaultSelect";
import { DmqlEditor } from "./DmqlEditor";
import { toDmql } from "./dmql";
import { fieldKind } from "./fieldKind";
import { builderFromDmql } from "./parseDmql";
import { PreviewPanel } from "./PreviewPanel";
import { RuleBuilder } from "./RuleBuilder";
import { SaveQueryDialog } from "./SaveQueryDialog";
import { SelectPicker } from "./SelectPicker";
import { usePreview } from "./usePreview";
import { useQueryCheck } from "./useQueryCheck";

/** Props of `QueryWorkspace`. */
export interface QueryWorkspaceProps {
  connectionId: string;
  resource: ResourceView;
  cls: ClassView;
  /** A saved or past query to start from (same resource and class). */
  initial?: QueryToLoad | null;
  /** Called when a count or preview finished, or the query was saved. */
  onActivity?: () => void;
  /** Called after a save. */
  onSaved?: (saved: SavedQueryView) => void;
}

interface Start {
  builder: BuilderState;
  /** The loaded text when the builder cannot write it back ("out of sync"). */
  manualText: string | null;
  columns: string[] | null;
}

/** The builder, text and columns a loaded query starts with. */
function startFrom(initial: QueryToLoad | null | undefined, cls: ClassView): Start {
  if (!initial) return { builder: initialBuilder(), manualText: null, columns: null };
  const kinds = new Map(cls.fields.map((field) => [field.systemName, fieldKind(field)]));
  const parsed = builderFromDmql(initial.query, kinds);
  const known = new Set(cls.fields.map((field) => field.systemName));
  const columns = initial.select.filter((name) => known.has(name));
  return {
    builder: parsed ?? initialBuilder(),
    manualText: parsed ? null : initial.query,
    columns: columns.length > 0 ? columns : null,
  };
}

/** The query editor and preview for `resource`/`cls`. */
export function QueryWorkspace({ connectionId, resource, cls, initial, onActivity, onSaved }: QueryWorkspaceProps) {
  const [start] = useState(() => startFrom(initial, cls));
  const [builder, dispatch] = useReducer(builderReducer, start.builder);
  const [manualText, setManualText] = useState<string | null>(start.manualText);
  const defaults = useMemo(() => defaultSelect(cls.fields, resource.keyField), [cls.fields, resource.keyField]);
  const [columns, setColumns] = useState<string[]>(start.columns ?? defaults);
  const [saving, setSaving] = useState(false);
  const [savedAs, setSavedAs] = useState(initial?.saved ?? null);
  const [limit, setLimit] = useState(50);
  const [decoded, setDecoded] = useState(false);
  const preview = usePreview();

  const generated = useMemo(() => toDmql(builder.root), [builder.root]);
  const text = manualText ?? generated;
  const outOfSync = manualText !== null && manualText !== generated;
  const target = useMemo<ClassTarget>(
    () => ({ connectionId, resource: resource.id, class: cls.name }),
    [connectionId, resource.id, cls.name],
  );
  const { check, count, retry } = useQueryCheck(target, text);
  const issues = check.status === "done" ? check.result.issues : [];
  const canRun = text.trim() !== "";

  const run = () => {
    if (canRun) preview.run(target, text, columns, limit);
  };
  const openSave = () => {
    if (canRun) setSaving(true);
  };

  useIntent(["query.count", "query.preview", "query.save"], true, (intent) => {
    if (intent.type === "query.count") retry();
    if (intent.type === "query.preview") run();
    if (intent.type === "query.save") openSave();
  });

  // The backend records every count and preview: let the history follow.
  const finished = `${count.status}/${preview.state.status}`;
  useEffect(() => {
    if (/done|error/.test(finished)) onActivity?.();
  }, [finished, onActivity]);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && !event.shiftKey && !event.altKey) {
      event.preventDefault();
      run();
    }
  };

  return (
    <div className="query-workspace" onKeyDown={onKeyDown}>
      <div className="query-grid">
        <section className="panel" aria-labelledby="builder-title">
          <h2 id="builder-title">Rules</h2>
          <RuleBuilder state={builder} dispatch={dispatch} cls={cls} lookups={resource.lookups} />
        </section>
        <section className="panel" aria-labelledby="dmql-title">
          <div className="section-head">
            <h2 id="dmql-title">Query text</h2>
            <button
              type="button"
              className="button small"
              data-testid="query-save"
              disabled={!canRun}
              title={canRun ? undefined : "Build or type a query first"}
              aria-keyshortcuts={chordsAria([QUERY_CHORDS.save])}
              onClick={openSave}
            >
              Save query… <kbd className="header-kbd">{chordLabel(QUERY_CHORDS.save)}</kbd>
            </button>
          </div>
          <DmqlEditor
            text={text}
            issues={issues}
            outOfSync={outOfSync}
            onChange={(value) => { setManualText(value === generated ? null : value); }}
            onRebuild={() => { setManualText(null); }}
          />
          <CheckStatus text={text} check={check} count={count} onRetry={retry} />
          <SelectPicker
            fields={cls.fields}
            selected={columns}
            onChange={setColumns}
            onReset={() => { setColumns(defaults); }}
          />
        </section>
      </div>
      <PreviewPanel
        state={preview.state}
        canRun={canRun}
        limit={limit}
        decoded={decoded}
        fields={cls.fields}
        lookups={resource.lookups}
        onLimit={setLimit}
        onDecoded={setDecoded}
        onRun={run}
      />
      <SaveQueryDialog
        open={saving}
        connectionId={connectionId}
        query={{ resource: resource.id, class: cls.name, query: text, select: columns }}
        saved={savedAs}
        onSaved={(saved) => {
          setSavedAs({ id: saved.id, name: saved.name });
          onSaved?.(saved);
          onActivity?.();
        }}
        onClose={() => { setSaving(false); }}
      />
    </div>
  );
}
