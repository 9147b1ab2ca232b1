// Every field of the selected Results row, with the long names from the
// metadata, so a wide record can be read without scrolling the grid sideways,
// and the listing's photos.
import { useCurrentConnection } from "../../app/connection/currentConnectionContext";
import type { FieldView } from "../../bindings/FieldView";
import { columnLabel } from "./GridHead";
import type { CellDisplay } from "./cellDisplay";
import type { Row } from "./pageCache";
import { PhotoGallery } from "./PhotoGallery";

/** Props of `RowDetail`. */
export interface RowDetailProps {
  /** Resource of the listing (for its photos). */
  resource: string;
  columns: readonly string[];
  row: Row | undefined;
  rowKey: string | undefined;
  index: number;
  fieldFor: (column: string) => FieldView | undefined;
  /** Text of a cell (raw or decoded lookups). */
  display: CellDisplay;
}

/** The detail panel of one row. */
export function RowDetail({ resource, columns, row, rowKey, index, fieldFor, display }: RowDetailProps) {
  const { current } = useCurrentConnection();
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
      <PhotoGallery connectionId={current.id} resource={resource} listingKey={rowKey} />
      {row ? (
        <dl className="facts row-detail-list">
          {columns.map((column, i) => (
            <div className="facts-row" key={column}>
              <dt title={column}>{columnLabel(column, fieldFor(column))}</dt>
              <dd>{display(column, row[i]) || <span className="hint">empty</span>}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="hint">Loading the record…</p>
      )}
    </section>
  );
}
