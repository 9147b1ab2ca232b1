// Maps a metadata field (DataType + Interpretation) to the editor and DMQL
// form the rule builder uses for it.
import type { FieldView } from "../../bindings/FieldView";
import type { FieldKind } from "./dmql";

const NUMERIC = new Set(["int", "small", "tiny", "long", "decimal"]);

/** The rule-builder kind of `field`; lookups win over the data type. */
export function fieldKind(field: FieldView): FieldKind {
  const interpretation = field.interpretation.toLowerCase();
  // Some servers name a lookup without an Interpretation; bitmask/bitstring
  // lookups hold several values like LookupMulti.
  if (field.lookupName && (interpretation.startsWith("lookup") || interpretation === "")) {
    return /multi|bit/.test(interpretation) ? "lookupMulti" : "lookup";
  }
  const type = field.dataType.toLowerCase();
  if (NUMERIC.has(type)) return "number";
  if (type === "date") return "date";
  if (type === "datetime") return "datetime";
  if (type === "time") return "time";
  if (type === "boolean") return "boolean";
  return "text";
}
