// Every field of the selected Results row, with the long names from the
// metadata, so a wide record can be read without scrolling the grid sideways.
import type { FieldView } from "../../bindings/FieldView";
import { columnLabel } from "./GridHead";
import { cellText } from "./gridKeys";
import type { Row } from "./pageCache";

/** Props of `RowDetail`. */
export interface RowDetailProps {
  columns: readonly string[];
  row: Row | undefined;
  rowKey: string | undefined;
  index: number;
  fieldFor: (column: string) => FieldView | undefined;
}

/** The detail panel of one row. */
export function RowDetail({ columns, row, rowKey, index, fieldFor }: RowDetailProps) {
  return (
    <section
      className="panel row-detail"
      aria-labelledby="row-detail-title"
      data-testid="results-detail"
      // Scrolls on its own: focusable so keyboard users can scroll it.
      tabIndex={0}
    >
      <h2 id="row-detail-title">
        Record {(index + 1).toLocaleString("en-US")}
        {rowKey ? ` · ${rowKey}` : ""}
      </h2>
      {row ? (
        <dl className="facts row-detail-list">
          {columns.map((column, i) => (
            <div className="facts-row" key={column}>
              <dt title={column}>{columnLabel(column, fieldFor(column))}</dt>
              <dd>{cellText(row[i]) || <span className="hint">empty</span>}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="hint">Loading the record…</p>
      )}
    </section>
  );
}
