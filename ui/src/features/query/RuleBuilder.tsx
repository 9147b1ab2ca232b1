// The rule builder: provides the reducer dispatch and the class's searchable
// fields to the group/rule rows and renders the root group.
import { useMemo, useRef, type Dispatch } from "react";
import type { ClassView } from "../../bindings/ClassView";
import type { LookupView } from "../../bindings/LookupView";
import type { BuilderAction, BuilderState } from "./builderState";
import { BuilderContext, type BuilderContextValue } from "./builderContext";
import { RuleGroupView } from "./RuleGroupView";

/** Props of `RuleBuilder`. */
export interface RuleBuilderProps {
  state: BuilderState;
  dispatch: Dispatch<BuilderAction>;
  cls: ClassView;
  lookups: readonly LookupView[];
}

/** Builder over the searchable fields of `cls`. */
export function RuleBuilder({ state, dispatch, cls, lookups }: RuleBuilderProps) {
  const draggingRef = useRef<{ id: string; parentId: string } | null>(null);
  const value = useMemo<BuilderContextValue>(() => {
    const byName = new Map(lookups.map((lookup) => [lookup.name, lookup]));
    const fieldByName = new Map(cls.fields.map((field) => [field.systemName, field]));
    return {
      dispatch,
      draggingRef,
      fields: cls.fields.filter((field) => field.searchable),
      lookupOf: (systemName) => {
        const lookupName = fieldByName.get(systemName)?.lookupName;
        return lookupName ? byName.get(lookupName) : undefined;
      },
    };
  }, [dispatch, cls.fields, lookups]);

  return (
    <BuilderContext.Provider value={value}>
      <RuleGroupView group={state.root} name="All rules" isRoot />
    </BuilderContext.Provider>
  );
}
