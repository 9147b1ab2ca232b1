// The columns a preview starts with: the key field plus the handful of
// fields people look at first, found by StandardName in the class metadata.
import type { FieldView } from "../../bindings/FieldView";

/** StandardNames preferred for the default preview columns, in column order. */
export const PREFERRED_STANDARD_NAMES = [
  "ListPrice",
  "StandardStatus",
  "City",
  "BedroomsTotal",
  "BathroomsTotalInteger",
  "LivingArea",
  "ListingContractDate",
  "PropertyType",
];

/** SystemNames of the default Select: the key field first, then preferred fields present. */
export function defaultSelect(fields: readonly FieldView[], keyField: string): string[] {
  const names: string[] = [];
  if (fields.some((field) => field.systemName === keyField)) names.push(keyField);
  for (const standard of PREFERRED_STANDARD_NAMES) {
    const field = fields.find((f) => f.standardName === standard);
    if (field && !names.includes(field.systemName)) names.push(field.systemName);
  }
  if (names.length > 1) return names;
  // No standard names known: fall back to the first fields of the class.
  for (const field of fields) {
    if (names.length >= 9) break;
    if (!names.includes(field.systemName)) names.push(field.systemName);
  }
  return names;
}
