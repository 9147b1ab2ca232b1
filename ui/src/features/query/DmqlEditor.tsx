// The DMQL2 text editor. A mirror layer behind the transparent textarea
// underlines issue ranges; when the text was edited by hand it no longer
// follows the builder until "Rebuild from builder".
import { useId, useRef } from "react";
import type { QueryIssue } from "../../bindings/QueryIssue";
import { issueSegments } from "./issueText";

/** Props of `DmqlEditor`. */
export interface DmqlEditorProps {
  text: string;
  issues: readonly QueryIssue[];
  outOfSync: boolean;
  onChange: (text: string) => void;
  onRebuild: () => void;
}

/** Textarea with issue underlines and the builder sync note. */
export function DmqlEditor({ text, issues, outOfSync, onChange, onRebuild }: DmqlEditorProps) {
  const mirror = useRef<HTMLDivElement>(null);
  const id = useId();
  return (
    <div className="dmql-editor">
      <div className="section-head">
        <label htmlFor={id} className="label-strong">
          DMQL2 query
        </label>
        {outOfSync && (
          <span className="sync-note" data-testid="query-out-of-sync">
            <span aria-hidden="true">✎</span> Edited by hand — builder out of sync
            <button type="button" className="button small" onClick={onRebuild}>
              Rebuild from builder
            </button>
          </span>
        )}
      </div>
      <div className="dmql-field">
        <div className="dmql-mirror mono" ref={mirror} aria-hidden="true">
          {issueSegments(text, issues).map((segment, index) =>
            segment.marked ? (
              <mark key={index} className="issue-mark">
                {segment.text}
              </mark>
            ) : (
              <span key={index}>{segment.text}</span>
            ),
          )}
          {"\n"}
        </div>
        <textarea
          id={id}
          className="dmql-textarea mono"
          data-testid="query-text"
          spellCheck={false}
          autoComplete="off"
          rows={6}
          aria-describedby={`${id}-hint`}
          aria-invalid={issues.length > 0 || undefined}
          placeholder="(LIST_PRICE=300000+),(STATUS=|A)"
          value={text}
          onChange={(event) => { onChange(event.target.value); }}
          onScroll={(event) => {
            if (mirror.current) mirror.current.scrollTop = event.currentTarget.scrollTop;
          }}
        />
      </div>
      <p id={`${id}-hint`} className="hint">
        Written by the builder; edit freely. Ctrl+Enter (⌘+Enter) runs the preview.
      </p>
    </div>
  );
}
