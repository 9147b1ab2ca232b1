// A group of the rule builder: AND/OR, NOT, its rules and nested groups
// (recursively), and buttons to add rules or subgroups.
import type { ReactNode } from "react";
import type { Group } from "./dmql";
import { useBuilder } from "./builderContext";
import { DragHandle } from "./DragHandle";
import { MoveButtons } from "./MoveButtons";
import { RuleRow } from "./RuleRow";
import { useDragSort } from "./useDragSort";

/** Props of `RuleGroupView`. */
export interface RuleGroupViewProps {
  group: Group;
  /** Label path such as "All rules" or "Group 2". */
  name: string;
  isRoot?: boolean;
  position?: number;
  count?: number;
  /** Drag grip of a nested group. */
  handle?: ReactNode;
}

/** A nested group as a reorderable list item. */
function NestedGroup(props: RuleGroupViewProps & { parentId: string }) {
  const drag = useDragSort(props.group.id, props.parentId);
  return (
    <li className="rule-nested" {...drag.item}>
      <RuleGroupView {...props} handle={<DragHandle {...drag.handle} />} />
    </li>
  );
}

/** A group and everything inside it. */
export function RuleGroupView({ group, name, isRoot = false, position = 1, count = 1, handle }: RuleGroupViewProps) {
  const { dispatch } = useBuilder();
  const joinLabel = group.join === "and" ? "AND" : "OR";
  return (
    <div className={isRoot ? "rule-group is-root" : "rule-group"} role="group" aria-label={name}>
      <div className="group-head">
        {handle}
        <label className="inline-field">
          <span>{isRoot ? "Match" : "Group: match"}</span>
          <select
            className="select"
            aria-label={`${name}: how rules combine`}
            value={group.join}
            onChange={(event) => {
              dispatch({ type: "setJoin", groupId: group.id, join: event.target.value === "or" ? "or" : "and" });
            }}
          >
            <option value="and">all rules (AND)</option>
            <option value="or">any rule (OR)</option>
          </select>
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={group.negate}
            onChange={() => { dispatch({ type: "toggleNegate", groupId: group.id }); }}
          />
          <span>NOT (exclude matches)</span>
        </label>
        {!isRoot && <MoveButtons id={group.id} name={name.toLowerCase()} position={position} count={count} />}
      </div>
      {group.children.length === 0 ? (
        <p className="hint">No rules yet{isRoot ? ": add one to start the query." : "."}</p>
      ) : (
        <ol className="rule-list" aria-label={`${name}, joined by ${joinLabel}`}>
          {group.children.map((child, index) =>
            child.kind === "rule" ? (
              <RuleRow
                key={child.id}
                rule={child}
                parentId={group.id}
                prefix={isRoot ? "" : `${name}, `}
                position={index + 1}
                count={group.children.length}
              />
            ) : (
              <NestedGroup
                key={child.id}
                parentId={group.id}
                group={child}
                name={`Group ${index + 1}${isRoot ? "" : ` in ${name.toLowerCase()}`}`}
                position={index + 1}
                count={group.children.length}
              />
            ),
          )}
        </ol>
      )}
      <div className="group-actions">
        <button type="button" className="button" aria-label={`Add rule to ${name.toLowerCase()}`}
          onClick={() => { dispatch({ type: "addRule", groupId: group.id }); }}
        >
          Add rule
        </button>
        <button type="button" className="button" aria-label={`Add group to ${name.toLowerCase()}`}
          onClick={() => { dispatch({ type: "addGroup", groupId: group.id }); }}
        >
          Add group
        </button>
      </div>
    </div>
  );
}
