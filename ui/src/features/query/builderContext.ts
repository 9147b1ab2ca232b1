// What every rule-builder row needs without prop drilling: the dispatch of
// the builder reducer and the class's fields and lookups.
import { createContext, useContext, type Dispatch, type RefObject } from "react";
import type { FieldView } from "../../bindings/FieldView";
import type { LookupView } from "../../bindings/LookupView";
import type { BuilderAction } from "./builderState";

/** Shared by the rows of one builder. */
export interface BuilderContextValue {
  dispatch: Dispatch<BuilderAction>;
  /** Searchable fields of the class, in metadata order. */
  fields: readonly FieldView[];
  /** The node being dragged and its group, while a drag is in progress. */
  draggingRef: RefObject<{ id: string; parentId: string } | null>;
  /** The lookup of field `systemName`, when it has one. */
  lookupOf: (systemName: string) => LookupView | undefined;
}

/** Context filled by `RuleBuilder`. */
export const BuilderContext = createContext<BuilderContextValue | null>(null);

/** The builder context; must be used inside `RuleBuilder`. */
export function useBuilder(): BuilderContextValue {
  const value = useContext(BuilderContext);
  if (!value) throw new Error("useBuilder must be used inside <RuleBuilder>");
  return value;
}
