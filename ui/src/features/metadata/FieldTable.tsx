// The fields of one class with a name filter. Filtering runs over a
// precomputed index (memoised per class) so 1,000+ field classes stay fast.
import { useDeferredValue, useId, useMemo, useState } from "react";
import type { ClassView } from "../../bindings/ClassView";
import type { LookupView } from "../../bindings/LookupView";
import { filterFields, indexFields } from "../../shared/metadata/filterFields";

/** Props of `FieldTable`. */
export interface FieldTableProps {
  cls: ClassView;
  lookups: readonly LookupView[];
  onOpenLookup: (lookup: LookupView) => void;
}

/** Search box, result count and the field table of `cls`. */
export function FieldTable({ cls, lookups, onOpenLookup }: FieldTableProps) {
  const [search, setSearch] = useState("");
  const deferred = useDeferredValue(search);
  const indexed = useMemo(() => indexFields(cls.fields), [cls.fields]);
  const visible = useMemo(() => filterFields(indexed, deferred), [indexed, deferred]);
  const lookupByName = useMemo(() => new Map(lookups.map((lookup) => [lookup.name, lookup])), [lookups]);
  const searchId = useId();

  return (
    <div className="field-table">
      <div className="toolbar">
        <label className="inline-field" htmlFor={searchId}>
          Search fields
        </label>
        <input
          id={searchId}
          className="input"
          type="search"
          data-testid="metadata-search"
          placeholder="System, standard, long or short name"
          value={search}
          onChange={(event) => { setSearch(event.target.value); }}
        />
        <span className="hint" aria-live="polite" data-testid="metadata-field-count">
          {visible.length === cls.fields.length
            ? `${cls.fields.length} fields`
            : `${visible.length} of ${cls.fields.length} fields match`}
        </span>
      </div>
      {visible.length === 0 ? (
        <p className="hint">{cls.fields.length === 0 ? "This class has no fields." : "No field matches the search."}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={`Fields of ${cls.visibleName}`}>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">SystemName</th>
                <th scope="col">StandardName</th>
                <th scope="col">LongName</th>
                <th scope="col">DataType</th>
                <th scope="col">Interpretation</th>
                <th scope="col">Lookup</th>
                <th scope="col">Searchable</th>
              </tr>
            </thead>
            <tbody>
              {visible.map((field) => {
                const lookup = field.lookupName ? lookupByName.get(field.lookupName) : undefined;
                return (
                  <tr key={field.systemName} data-testid="metadata-field-row">
                    <th scope="row" className="mono">
                      {field.systemName}
                    </th>
                    <td>{field.standardName}</td>
                    <td>{field.longName}</td>
                    <td className="nowrap">
                      {field.dataType}
                      {field.maxLength !== null && <span className="hint"> ({field.maxLength})</span>}
                    </td>
                    <td>{field.interpretation}</td>
                    <td>
                      {lookup ? (
                        <button
                          type="button"
                          className="link-button"
                          aria-label={`Show values of lookup ${lookup.name}`}
                          onClick={() => { onOpenLookup(lookup); }}
                        >
                          {lookup.name}
                        </button>
                      ) : (
                        (field.lookupName ?? "")
                      )}
                    </td>
                    <td>{field.searchable ? "Yes" : "No"}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
