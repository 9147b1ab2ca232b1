// Multi-select of lookup values as a checkbox list showing long values, so
// people pick "Active" rather than remembering the code "A".
import type { LookupView } from "../../bindings/LookupView";

/** Props of `LookupValuesPicker`. */
export interface LookupValuesPickerProps {
  label: string;
  lookup: LookupView;
  values: readonly string[];
  onChange: (values: string[]) => void;
}

/** Checkboxes for every value of `lookup`; keeps the lookup's order. */
export function LookupValuesPicker({ label, lookup, values, onChange }: LookupValuesPickerProps) {
  const chosen = new Set(values);
  const toggle = (value: string) => {
    const next = new Set(chosen);
    if (next.has(value)) next.delete(value);
    else next.add(value);
    onChange(lookup.values.map((v) => v.value).filter((v) => next.has(v)));
  };
  return (
    <fieldset className="lookup-picker">
      <legend className="sr-only">{label}</legend>
      {lookup.values.length === 0 && <p className="hint">This lookup has no values.</p>}
      {lookup.values.map((value) => (
        <label key={value.value} className="check">
          <input type="checkbox" checked={chosen.has(value.value)} onChange={() => { toggle(value.value); }} />
          <span>
            {value.longValue || value.value} <span className="hint mono">{value.value}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
