// The value part of a rule, by field kind and operator: from/to for ranges,
// a lookup checklist, a yes/no choice, a date/time or text input, or nothing.
import type { Rule } from "./dmql";
import { useBuilder } from "./builderContext";
import { LookupValuesPicker } from "./LookupValuesPicker";

function inputType(kind: Rule["fieldKind"]): string {
  switch (kind) {
    case "date":
      return "date";
    case "datetime":
      return "datetime-local";
    case "time":
      return "time";
    default:
      return "text";
  }
}

/** Editor for the value(s) of `rule`; `name` labels the controls. */
export function ValueEditor({ rule, name }: { rule: Rule; name: string }) {
  const { dispatch, lookupOf } = useBuilder();
  const set = (patch: { value?: string; to?: string; values?: string[] }) => {
    dispatch({ type: "setValue", id: rule.id, ...patch });
  };
  const type = inputType(rule.fieldKind);
  const step = rule.fieldKind === "datetime" || rule.fieldKind === "time" ? 1 : undefined;
  const inputMode = rule.fieldKind === "number" ? "decimal" : undefined;

  switch (rule.operator) {
    case "empty":
    case "any":
      return <span className="hint value-none">no value needed</span>;
    case "between":
      return (
        <span className="value-range">
          <input
            className="input"
            type={type}
            step={step}
            inputMode={inputMode}
            aria-label={`${name} from`}
            placeholder="from"
            value={rule.value}
            onChange={(event) => { set({ value: event.target.value }); }}
          />
          <span aria-hidden="true">–</span>
          <input
            className="input"
            type={type}
            step={step}
            inputMode={inputMode}
            aria-label={`${name} to`}
            placeholder="to"
            value={rule.to}
            onChange={(event) => { set({ to: event.target.value }); }}
          />
        </span>
      );
    case "anyOf":
    case "allOf":
    case "noneOf": {
      const lookup = lookupOf(rule.field);
      if (!lookup) return <span className="hint">Lookup values are not in the metadata.</span>;
      return (
        <LookupValuesPicker
          label={`${name} values`}
          lookup={lookup}
          values={rule.values}
          onChange={(values) => { set({ values }); }}
        />
      );
    }
    default:
      if (rule.fieldKind === "boolean") {
        return (
          <select
            className="select"
            aria-label={`${name} value`}
            value={rule.value}
            onChange={(event) => { set({ value: event.target.value }); }}
          >
            <option value="">choose…</option>
            <option value="1">Yes</option>
            <option value="0">No</option>
          </select>
        );
      }
      return (
        <input
          className="input"
          type={type}
          step={step}
          inputMode={inputMode}
          aria-label={`${name} value`}
          placeholder={rule.operator === "wildcard" ? "e.g. P?LE*" : "value"}
          value={rule.value}
          onChange={(event) => { set({ value: event.target.value }); }}
        />
      );
  }
}
