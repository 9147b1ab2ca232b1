// Multi-select of lookup values as a checkbox list showing long values, so
// people pick "Active" rather than remembering the code "A". Long lookups
// (cities, areas) get a filter box; chosen values always stay listed.
import { useState } from "react";
import type { LookupView } from "../../bindings/LookupView";

/** Lookups with more values than this get a filter box. */
export const FILTER_THRESHOLD = 12;

/** Props of `LookupValuesPicker`. */
export interface LookupValuesPickerProps {
  label: string;
  lookup: LookupView;
  values: readonly string[];
  onChange: (values: string[]) => void;
}

/** Checkboxes for the values of `lookup`; keeps the lookup's order. */
export function LookupValuesPicker({ label, lookup, values, onChange }: LookupValuesPickerProps) {
  const [filter, setFilter] = useState("");
  const chosen = new Set(values);
  const needle = filter.trim().toLowerCase();
  const shown = needle
    ? lookup.values.filter(
        (v) =>
          chosen.has(v.value) ||
          v.value.toLowerCase().includes(needle) ||
          v.longValue.toLowerCase().includes(needle),
      )
    : lookup.values;
  const toggle = (value: string) => {
    const next = new Set(chosen);
    if (next.has(value)) next.delete(value);
    else next.add(value);
    onChange(lookup.values.map((v) => v.value).filter((v) => next.has(v)));
  };
  return (
    <div className="lookup-values">
      {lookup.values.length > FILTER_THRESHOLD && (
        <input
          className="input"
          type="search"
          aria-label={`Filter ${label.toLowerCase()}`}
          placeholder={`Filter ${lookup.values.length} values`}
          value={filter}
          onChange={(event) => { setFilter(event.target.value); }}
        />
      )}
      <fieldset className="lookup-picker">
        <legend className="sr-only">{label}</legend>
        {lookup.values.length === 0 && <p className="hint">This lookup has no values.</p>}
        {lookup.values.length > 0 && shown.length === 0 && <p className="hint">No value matches the filter.</p>}
        {shown.map((value) => (
          <label key={value.value} className="check">
            <input type="checkbox" checked={chosen.has(value.value)} onChange={() => { toggle(value.value); }} />
            <span>
              {value.longValue || value.value} <span className="hint mono">{value.value}</span>
            </span>
          </label>
        ))}
      </fieldset>
    </div>
  );
}
