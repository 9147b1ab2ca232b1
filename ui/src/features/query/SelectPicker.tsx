// Field picker for the preview's Select: a filterable checklist of the
// class's fields, with a way back to the default columns.
import { useId, useMemo, useState } from "react";
import type { FieldView } from "../../bindings/FieldView";
import { filterFields, indexFields } from "../../shared/metadata/filterFields";

/** Props of `SelectPicker`. */
export interface SelectPickerProps {
  fields: readonly FieldView[];
  selected: readonly string[];
  onChange: (names: string[]) => void;
  onReset: () => void;
}

/** The column chooser. */
export function SelectPicker({ fields, selected, onChange, onReset }: SelectPickerProps) {
  const [search, setSearch] = useState("");
  const indexed = useMemo(() => indexFields(fields), [fields]);
  const visible = useMemo(() => filterFields(indexed, search), [indexed, search]);
  const chosen = new Set(selected);
  const id = useId();

  const toggle = (name: string) => {
    if (chosen.has(name)) onChange(selected.filter((n) => n !== name));
    else onChange([...selected, name]);
  };

  return (
    <details className="select-picker">
      <summary>
        Columns: {selected.length} of {fields.length} fields
      </summary>
      <div className="select-picker-body">
        <div className="toolbar">
          <label htmlFor={id} className="inline-field">
            Find field
          </label>
          <input
            id={id}
            className="input"
            type="search"
            value={search}
            onChange={(event) => { setSearch(event.target.value); }}
          />
          <button type="button" className="button small" onClick={onReset}>
            Default columns
          </button>
        </div>
        {selected.length === 0 && <p className="hint">No column chosen: the preview shows every field.</p>}
        <fieldset className="select-list">
          <legend className="sr-only">Columns to show in the preview</legend>
          {visible.map((field) => (
            <label key={field.systemName} className="check">
              <input
                type="checkbox"
                checked={chosen.has(field.systemName)}
                onChange={() => { toggle(field.systemName); }}
              />
              <span>
                {field.longName || field.systemName} <span className="hint mono">{field.systemName}</span>
              </span>
            </label>
          ))}
        </fieldset>
      </div>
    </details>
  );
}
