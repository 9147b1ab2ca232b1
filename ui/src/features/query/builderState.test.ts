import { describe, expect, it } from "vitest";
import { builderReducer, initialBuilder, type BuilderAction, type BuilderState } from "./builderState";
import { toDmql, type Group, type Rule } from "./dmql";

function run(...actions: BuilderAction[]): BuilderState {
  return actions.reduce(builderReducer, initialBuilder());
}
const ids = (group: Group) => group.children.map((child) => child.id);
const ruleAt = (group: Group, index: number) => group.children[index] as Rule;

describe("builderReducer", () => {
  it("adds rules and groups with fresh ids", () => {
    const state = run({ type: "addRule", groupId: "root" }, { type: "addGroup", groupId: "root" });
    expect(ids(state.root)).toEqual(["n1", "n2"]);
    const nested = state.root.children[1] as Group;
    expect(nested).toMatchObject({ kind: "group", join: "or", negate: false });
    expect(ids(nested)).toEqual(["n3"]);
    const more = builderReducer(state, { type: "addRule", groupId: "n2" });
    expect(ids(more.root.children[1] as Group)).toEqual(["n3", "n4"]);
  });

  it("ignores actions on unknown ids without changing state", () => {
    const state = run({ type: "addRule", groupId: "root" });
    expect(builderReducer(state, { type: "addRule", groupId: "nope" })).toBe(state);
    expect(builderReducer(state, { type: "remove", id: "nope" })).toBe(state);
    expect(builderReducer(state, { type: "setOperator", id: "root", operator: "any" })).toBe(state);
  });

  it("removes nested nodes", () => {
    const state = run({ type: "addRule", groupId: "root" }, { type: "addGroup", groupId: "root" }, { type: "remove", id: "n3" });
    expect(ids(state.root.children[1] as Group)).toEqual([]);
    expect(ids(builderReducer(state, { type: "remove", id: "n2" }).root)).toEqual(["n1"]);
  });

  it("reorders within the group and stops at the ends", () => {
    const base = run(
      { type: "addRule", groupId: "root" },
      { type: "addRule", groupId: "root" },
      { type: "addRule", groupId: "root" },
    );
    expect(ids(builderReducer(base, { type: "move", id: "n3", delta: -1 }).root)).toEqual(["n1", "n3", "n2"]);
    expect(ids(builderReducer(base, { type: "move", id: "n1", delta: 1 }).root)).toEqual(["n2", "n1", "n3"]);
    expect(builderReducer(base, { type: "move", id: "n1", delta: -1 }).root).toBe(base.root);
    expect(builderReducer(base, { type: "move", id: "n3", delta: 1 }).root).toBe(base.root);
  });

  it("drag and drop moves a node to its sibling's place, never across groups", () => {
    const base = run(
      { type: "addRule", groupId: "root" },
      { type: "addRule", groupId: "root" },
      { type: "addGroup", groupId: "root" },
    );
    expect(ids(builderReducer(base, { type: "moveTo", id: "n1", targetId: "n3" }).root)).toEqual(["n2", "n3", "n1"]);
    expect(ids(builderReducer(base, { type: "moveTo", id: "n3", targetId: "n1" }).root)).toEqual(["n3", "n1", "n2"]);
    expect(builderReducer(base, { type: "moveTo", id: "n4", targetId: "n1" })).toBe(base);
    expect(builderReducer(base, { type: "moveTo", id: "n1", targetId: "n1" })).toBe(base);
  });

  it("picking a field chooses its default operator and clears values of another kind", () => {
    let state = run(
      { type: "addRule", groupId: "root" },
      { type: "setField", id: "n1", field: "LIST_PRICE", fieldKind: "number" },
    );
    expect(ruleAt(state.root, 0)).toMatchObject({ field: "LIST_PRICE", operator: "between" });
    state = builderReducer(state, { type: "setValue", id: "n1", value: "100", to: "200" });
    state = builderReducer(state, { type: "setField", id: "n1", field: "SQFT", fieldKind: "number" });
    expect(ruleAt(state.root, 0)).toMatchObject({ field: "SQFT", operator: "between", value: "100", to: "200" });
    state = builderReducer(state, { type: "setField", id: "n1", field: "STATUS", fieldKind: "lookup" });
    expect(ruleAt(state.root, 0)).toMatchObject({ operator: "anyOf", value: "", to: "", values: [] });
  });

  it("builds the DMQL of a nested, negated tree", () => {
    const state = run(
      { type: "addRule", groupId: "root" },
      { type: "setField", id: "n1", field: "LIST_PRICE", fieldKind: "number" },
      { type: "setValue", id: "n1", value: "300000" },
      { type: "addGroup", groupId: "root" },
      { type: "setField", id: "n3", field: "STATUS", fieldKind: "lookup" },
      { type: "setValue", id: "n3", values: ["A", "P"] },
      { type: "addRule", groupId: "n2" },
      { type: "setField", id: "n4", field: "CITY", fieldKind: "text" },
      { type: "setOperator", id: "n4", operator: "startsWith" },
      { type: "setValue", id: "n4", value: "Palm" },
      { type: "toggleNegate", groupId: "n2" },
      { type: "setJoin", groupId: "root", join: "or" },
    );
    expect(toDmql(state.root)).toBe("(LIST_PRICE=300000+)|~((STATUS=|A,P)|(CITY=Palm*))");
    expect(builderReducer(state, { type: "reset" })).toEqual(initialBuilder());
  });
});
