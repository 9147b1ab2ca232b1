// Show/hide and reorder columns of the Results grid: a disclosure with one
// checkbox per column (long name and SystemName) and Move up/down buttons,
// plus "all" and "first 12" shortcuts.
import type { FieldView } from "../../bindings/FieldView";
import { columnLabel } from "./GridHead";

/** Columns shown by default. */
export const DEFAULT_VISIBLE = 12;

/** Props of `ColumnChooser`. */
export interface ColumnChooserProps {
  columns: readonly string[];
  hidden: ReadonlySet<string>;
  fieldFor: (column: string) => FieldView | undefined;
  onChange: (hidden: ReadonlySet<string>) => void;
  /** Moves `column` by `delta` places in the grid's order. */
  onMove: (column: string, delta: number) => void;
}

/** The column chooser. */
export function ColumnChooser({ columns, hidden, fieldFor, onChange, onMove }: ColumnChooserProps) {
  const shown = columns.length - columns.filter((c) => hidden.has(c)).length;
  return (
    <details className="column-chooser">
      <summary className="button">
        Columns ({shown} of {columns.length})
      </summary>
      <div className="column-chooser-body">
        <div className="actions">
          <button type="button" className="link-button" onClick={() => { onChange(new Set()); }}>
            Show all
          </button>
          <button
            type="button"
            className="link-button"
            onClick={() => { onChange(new Set(columns.slice(DEFAULT_VISIBLE))); }}
          >
            First {DEFAULT_VISIBLE}
          </button>
        </div>
        <ul className="column-chooser-list">
          {columns.map((column, i) => (
            <li key={column} className="column-chooser-item" data-testid="column-item" data-column={column}>
              <label className="check">
                <input
                  type="checkbox"
                  checked={!hidden.has(column)}
                  onChange={(event) => {
                    const next = new Set(hidden);
                    if (event.target.checked) next.delete(column);
                    else next.add(column);
                    onChange(next);
                  }}
                />
                {columnLabel(column, fieldFor(column))} <span className="mono hint">{column}</span>
              </label>
              <span className="column-move">
                <button
                  type="button"
                  className="icon-button"
                  data-testid="column-up"
                  aria-label={`Move ${columnLabel(column, fieldFor(column))} left`}
                  disabled={i === 0}
                  onClick={() => { onMove(column, -1); }}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="icon-button"
                  data-testid="column-down"
                  aria-label={`Move ${columnLabel(column, fieldFor(column))} right`}
                  disabled={i === columns.length - 1}
                  onClick={() => { onMove(column, 1); }}
                >
                  ↓
                </button>
              </span>
            </li>
          ))}
        </ul>
      </div>
    </details>
  );
}
