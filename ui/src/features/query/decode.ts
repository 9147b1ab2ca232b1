// Client-side decoding of lookup codes in preview rows: the metadata already
// holds every lookup's long values, so no decoded search is needed.
import type { FieldView } from "../../bindings/FieldView";
import type { LookupView } from "../../bindings/LookupView";

/** Per column: code → long value, or null when the column is not a lookup. */
export type ColumnDecoder = ReadonlyMap<string, string> | null;

/** Builds one decoder per column SystemName from the class fields and resource lookups. */
export function columnDecoders(
  columns: readonly string[],
  fields: readonly FieldView[],
  lookups: readonly LookupView[],
): ColumnDecoder[] {
  const fieldByName = new Map(fields.map((field) => [field.systemName, field]));
  const lookupByName = new Map(lookups.map((lookup) => [lookup.name, lookup]));
  return columns.map((column) => {
    const lookupName = fieldByName.get(column)?.lookupName;
    const lookup = lookupName ? lookupByName.get(lookupName) : undefined;
    return lookup ? new Map(lookup.values.map((v) => [v.value, v.longValue || v.value])) : null;
  });
}

/**
 * The long value(s) of a cell. LookupMulti cells are comma separated codes;
 * unknown codes are kept as sent. Null when nothing decodes differently.
 */
export function decodeCell(value: string, decoder: ColumnDecoder): string | null {
  if (!decoder || value === "") return null;
  const whole = decoder.get(value);
  if (whole !== undefined) return whole === value ? null : whole;
  const decoded = value
    .split(",")
    .map((code) => code.trim())
    .filter((code) => code !== "")
    .map((code) => decoder.get(code) ?? code)
    .join(", ");
  return decoded === value ? null : decoded;
}
