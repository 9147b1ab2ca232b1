// The rule builder's state as a pure reducer over the group/rule tree, so
// every edit (add, remove, reorder, change) is testable without rendering.
import { operatorsFor, type FieldKind, type Group, type Node, type Operator, type Rule } from "./dmql";

/** The builder tree plus the counter that names new nodes. */
export interface BuilderState {
  root: Group;
  nextId: number;
}

/** Every edit the builder can make. */
export type BuilderAction =
  | { type: "addRule"; groupId: string }
  | { type: "addGroup"; groupId: string }
  | { type: "remove"; id: string }
  | { type: "move"; id: string; delta: -1 | 1 }
  /** Drag and drop: puts `id` where `targetId` is; both must share a group. */
  | { type: "moveTo"; id: string; targetId: string }
  | { type: "setJoin"; groupId: string; join: Group["join"] }
  | { type: "toggleNegate"; groupId: string }
  | { type: "setField"; id: string; field: string; fieldKind: FieldKind }
  | { type: "setOperator"; id: string; operator: Operator }
  | { type: "setValue"; id: string; value?: string; to?: string; values?: string[] }
  | { type: "reset" };

/** An empty builder: one AND group without rules. */
export function initialBuilder(): BuilderState {
  return { root: { kind: "group", id: "root", join: "and", negate: false, children: [] }, nextId: 1 };
}

function emptyRule(id: string): Rule {
  return { kind: "rule", id, field: "", fieldKind: "text", operator: "equals", value: "", to: "", values: [] };
}

/** Returns `node` with `fn` applied to the node `id` (structure shared elsewhere). */
function update(node: Node, id: string, fn: (target: Node) => Node): Node {
  if (node.id === id) return fn(node);
  if (node.kind === "rule") return node;
  const children = node.children.map((child) => update(child, id, fn));
  return children.every((child, i) => child === node.children[i]) ? node : { ...node, children };
}

/** Applies `fn` to the group that directly contains `id`. */
function updateParent(root: Group, id: string, fn: (group: Group, index: number) => Group): Group {
  const visit = (group: Group): Group => {
    const index = group.children.findIndex((child) => child.id === id);
    if (index >= 0) return fn(group, index);
    const children = group.children.map((child) => (child.kind === "group" ? visit(child) : child));
    return children.every((child, i) => child === group.children[i]) ? group : { ...group, children };
  };
  return visit(root);
}

function asGroup(root: Group, node: Node): Group {
  return node.kind === "group" ? node : root;
}

function updateRule(state: BuilderState, id: string, fn: (rule: Rule) => Rule): BuilderState {
  const root = update(state.root, id, (node) => (node.kind === "rule" ? fn(node) : node));
  return root === state.root ? state : { ...state, root: asGroup(state.root, root) };
}

function updateGroup(state: BuilderState, id: string, fn: (group: Group) => Group): BuilderState {
  const root = update(state.root, id, (node) => (node.kind === "group" ? fn(node) : node));
  return root === state.root ? state : { ...state, root: asGroup(state.root, root) };
}

/** The builder reducer. */
export function builderReducer(state: BuilderState, action: BuilderAction): BuilderState {
  switch (action.type) {
    case "addRule": {
      const next = updateGroup(state, action.groupId, (g) => ({
        ...g,
        children: [...g.children, emptyRule(`n${state.nextId}`)],
      }));
      return next === state ? state : { ...next, nextId: state.nextId + 1 };
    }
    case "addGroup": {
      const group: Group = {
        kind: "group",
        id: `n${state.nextId}`,
        join: "or",
        negate: false,
        children: [emptyRule(`n${state.nextId + 1}`)],
      };
      const next = updateGroup(state, action.groupId, (g) => ({ ...g, children: [...g.children, group] }));
      return next === state ? state : { ...next, nextId: state.nextId + 2 };
    }
    case "remove": {
      const root = updateParent(state.root, action.id, (g, index) => ({
        ...g,
        children: g.children.filter((_, i) => i !== index),
      }));
      return root === state.root ? state : { ...state, root };
    }
    case "move": {
      const root = updateParent(state.root, action.id, (g, index) => {
        const target = index + action.delta;
        if (target < 0 || target >= g.children.length) return g;
        const children = [...g.children];
        const [moved] = children.splice(index, 1);
        if (moved) children.splice(target, 0, moved);
        return { ...g, children };
      });
      return root === state.root ? state : { ...state, root };
    }
    case "moveTo": {
      if (action.id === action.targetId) return state;
      const root = updateParent(state.root, action.id, (g, index) => {
        const target = g.children.findIndex((child) => child.id === action.targetId);
        if (target < 0) return g;
        const children = [...g.children];
        const [moved] = children.splice(index, 1);
        if (moved) children.splice(target, 0, moved);
        return { ...g, children };
      });
      return root === state.root ? state : { ...state, root };
    }
    case "setJoin":
      return updateGroup(state, action.groupId, (g) => ({ ...g, join: action.join }));
    case "toggleNegate":
      return updateGroup(state, action.groupId, (g) => ({ ...g, negate: !g.negate }));
    case "setField":
      return updateRule(state, action.id, (rule) => {
        const operators = operatorsFor(action.fieldKind);
        const keepOperator = rule.fieldKind === action.fieldKind && operators.includes(rule.operator);
        return {
          ...rule,
          field: action.field,
          fieldKind: action.fieldKind,
          operator: keepOperator ? rule.operator : (operators[0] ?? "equals"),
          ...(keepOperator ? {} : { value: "", to: "", values: [] }),
        };
      });
    case "setOperator":
      return updateRule(state, action.id, (rule) => ({ ...rule, operator: action.operator }));
    case "setValue":
      return updateRule(state, action.id, (rule) => ({
        ...rule,
        value: action.value ?? rule.value,
        to: action.to ?? rule.to,
        values: action.values ?? rule.values,
      }));
    case "reset":
      return initialBuilder();
  }
}
