// The Results filter row: what the user typed per column (text "contains",
// or min/max for numeric fields) mapped to the backend's `ReplicaFilter`s.
import type { FieldView } from "../../bindings/FieldView";
import type { ReplicaFilter } from "../../bindings/ReplicaFilter";

/** RETS data types compared as numbers. */
const NUMERIC_TYPES: ReadonlySet<string> = new Set(["int", "small", "long", "tiny", "decimal"]);

/** True when the field's values are numbers (min/max filter instead of "contains"). */
export function isNumericField(field: Pick<FieldView, "dataType" | "lookupName"> | undefined): boolean {
  return field !== undefined && field.lookupName === null && NUMERIC_TYPES.has(field.dataType.toLowerCase());
}

/** What the user typed in the filter row for one column. */
export interface ColumnFilter {
  text?: string;
  min?: string;
  max?: string;
}

/** Filter inputs by column SystemName. */
export type FilterInputs = Readonly<Record<string, ColumnFilter | undefined>>;

/** The mapped filters and the columns whose number input could not be read. */
export interface MappedFilters {
  filters: ReplicaFilter[];
  invalid: string[];
}

function parseNumber(raw: string): number | null {
  const cleaned = raw.trim().replace(/[,_\s]/g, "");
  if (cleaned === "") return null;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : Number.NaN;
}

/** Maps the filter row to `ReplicaFilter`s in column order; blank inputs add nothing. */
export function toReplicaFilters(
  columns: readonly string[],
  inputs: FilterInputs,
  numeric: (column: string) => boolean,
): MappedFilters {
  const filters: ReplicaFilter[] = [];
  const invalid: string[] = [];
  for (const field of columns) {
    const input = inputs[field];
    if (!input) continue;
    if (numeric(field)) {
      const min = parseNumber(input.min ?? "");
      const max = parseNumber(input.max ?? "");
      if (Number.isNaN(min) || Number.isNaN(max)) {
        invalid.push(field);
        continue;
      }
      if (min !== null) filters.push({ field, op: "ge", value: min });
      if (max !== null) filters.push({ field, op: "le", value: max });
    } else {
      const text = (input.text ?? "").trim();
      if (text) filters.push({ field, op: "contains", value: text });
    }
  }
  return { filters, invalid };
}
