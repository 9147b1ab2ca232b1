// Preview rows in a table with a sticky header. Lookup codes are decoded from
// the metadata: shown as codes with the long value as tooltip, or decoded.
import { useMemo } from "react";
import type { FieldView } from "../../bindings/FieldView";
import type { LookupView } from "../../bindings/LookupView";
import type { Preview } from "../../bindings/Preview";
import { columnDecoders, decodeCell } from "./decode";

/** Props of `PreviewTable`. */
export interface PreviewTableProps {
  preview: Preview;
  fields: readonly FieldView[];
  lookups: readonly LookupView[];
  decoded: boolean;
}

/** The preview grid. */
export function PreviewTable({ preview, fields, lookups, decoded }: PreviewTableProps) {
  const decoders = useMemo(() => columnDecoders(preview.columns, fields, lookups), [preview.columns, fields, lookups]);
  const longNames = useMemo(() => new Map(fields.map((f) => [f.systemName, f.longName])), [fields]);
  return (
    <div className="table-scroll preview-scroll" tabIndex={0} role="region" aria-label="Preview rows">
      <table className="data-table" data-testid="preview-table">
        <thead>
          <tr>
            {preview.columns.map((column) => (
              <th key={column} scope="col" title={longNames.get(column)}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((row, r) => (
            <tr key={r} data-testid="preview-row">
              {row.map((cell, c) => {
                const long = decodeCell(cell, decoders[c] ?? null);
                if (long === null) return <td key={c}>{cell}</td>;
                return decoded ? (
                  <td key={c} title={cell}>
                    {long}
                  </td>
                ) : (
                  <td key={c} title={long} className="has-decoded">
                    {cell}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
