// One rule of the builder: field, operator, value editor and the keyboard-
// accessible move up / move down / remove buttons.
import { memo } from "react";
import type { Rule } from "./dmql";
import { OPERATOR_LABELS, operatorsFor } from "./dmql";
import { useBuilder } from "./builderContext";
import { fieldKind } from "./fieldKind";
import { DragHandle } from "./DragHandle";
import { MoveButtons } from "./MoveButtons";
import { useDragSort } from "./useDragSort";
import { ValueEditor } from "./ValueEditor";

/** Props of `RuleRow`. */
export interface RuleRowProps {
  rule: Rule;
  /** Id of the enclosing group. */
  parentId: string;
  /** Name of the enclosing group for labels ("" at the top level). */
  prefix: string;
  /** 1-based position in its group, for labels. */
  position: number;
  count: number;
}

/** A rule row; memoised because wide classes give every row thousands of field options. */
export const RuleRow = memo(function RuleRow({ rule, parentId, prefix, position, count }: RuleRowProps) {
  const { dispatch, fields } = useBuilder();
  const name = `${prefix}Rule ${position}`;
  const buttonName = `rule ${position}${prefix ? ` of ${prefix.slice(0, -2).toLowerCase()}` : ""}`;
  const drag = useDragSort(rule.id, parentId);
  const known = fields.some((field) => field.systemName === rule.field);
  return (
    <li className="rule" data-testid="query-rule" {...drag.item}>
      <DragHandle {...drag.handle} />
      <select
        className="select rule-field"
        aria-label={`${name} field`}
        value={rule.field}
        onChange={(event) => {
          const field = fields.find((f) => f.systemName === event.target.value);
          if (field) dispatch({ type: "setField", id: rule.id, field: field.systemName, fieldKind: fieldKind(field) });
        }}
      >
        {!known && <option value={rule.field}>{rule.field ? `${rule.field} (not in class)` : "choose a field…"}</option>}
        {fields.map((field) => (
          <option key={field.systemName} value={field.systemName}>
            {field.longName || field.systemName} ({field.systemName})
          </option>
        ))}
      </select>
      <select
        className="select rule-operator"
        aria-label={`${name} operator`}
        value={rule.operator}
        disabled={!rule.field}
        onChange={(event) => {
          const operator = operatorsFor(rule.fieldKind).find((op) => op === event.target.value);
          if (operator) dispatch({ type: "setOperator", id: rule.id, operator });
        }}
      >
        {operatorsFor(rule.fieldKind).map((op) => (
          <option key={op} value={op}>
            {OPERATOR_LABELS[op]}
          </option>
        ))}
      </select>
      <div className="rule-value">{rule.field ? <ValueEditor rule={rule} name={name} /> : null}</div>
      <MoveButtons id={rule.id} name={buttonName} position={position} count={count} />
    </li>
  );
});
