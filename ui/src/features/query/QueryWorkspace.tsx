// Everything about one query on one class: builder, DMQL text (the source of
// truth once edited by hand), live check and count, columns and preview.
// Remounted (keyed) when connection, resource or class change.
import { useMemo, useReducer, useState, type KeyboardEvent } from "react";
import type { ClassView } from "../../bindings/ClassView";
import type { ResourceView } from "../../bindings/ResourceView";
import type { QueryTarget } from "../../ipc/commands";
import { builderReducer, initialBuilder } from "./builderState";
import { CheckStatus } from "./CheckStatus";
import { defaultSelect } from "./defaultSelect";
import { DmqlEditor } from "./DmqlEditor";
import { toDmql } from "./dmql";
import { PreviewPanel } from "./PreviewPanel";
import { RuleBuilder } from "./RuleBuilder";
import { SelectPicker } from "./SelectPicker";
import { usePreview } from "./usePreview";
import { useQueryCheck } from "./useQueryCheck";

/** Props of `QueryWorkspace`. */
export interface QueryWorkspaceProps {
  connectionId: string;
  resource: ResourceView;
  cls: ClassView;
}

/** The query editor and preview for `resource`/`cls`. */
export function QueryWorkspace({ connectionId, resource, cls }: QueryWorkspaceProps) {
  const [builder, dispatch] = useReducer(builderReducer, undefined, initialBuilder);
  const [manualText, setManualText] = useState<string | null>(null);
  const defaults = useMemo(() => defaultSelect(cls.fields, resource.keyField), [cls.fields, resource.keyField]);
  const [columns, setColumns] = useState<string[]>(defaults);
  const [limit, setLimit] = useState(50);
  const [decoded, setDecoded] = useState(false);
  const preview = usePreview();

  const generated = useMemo(() => toDmql(builder.root), [builder.root]);
  const text = manualText ?? generated;
  const outOfSync = manualText !== null && manualText !== generated;
  const target = useMemo<QueryTarget>(
    () => ({ connectionId, resource: resource.id, class: cls.name }),
    [connectionId, resource.id, cls.name],
  );
  const { check, count, retry } = useQueryCheck(target, text);
  const issues = check.status === "done" ? check.result.issues : [];
  const canRun = text.trim() !== "";

  const run = () => {
    if (canRun) preview.run(target, text, columns, limit);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
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
          <h2 id="dmql-title">Query text</h2>
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
    </div>
  );
}
