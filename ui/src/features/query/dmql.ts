// The rule-builder model and its translation to DMQL2 (RETS 1.7.2 §7.7).
// Pure and metadata-free: each rule carries the kind of its field, so the
// generator knows when to quote, when to write ranges and when lookups.

/** How a field's values are edited and written in DMQL. */
export type FieldKind = "number" | "date" | "datetime" | "time" | "boolean" | "lookup" | "lookupMulti" | "text";

/** A comparison a rule makes. */
export type Operator =
  | "between"
  | "equals"
  | "startsWith"
  | "contains"
  | "wildcard"
  | "anyOf"
  | "allOf"
  | "noneOf"
  | "empty"
  | "any";

/** One condition on one field. */
export interface Rule {
  kind: "rule";
  id: string;
  /** SystemName of the field ("" until chosen). */
  field: string;
  fieldKind: FieldKind;
  operator: Operator;
  /** Single value, or the lower end of a range. */
  value: string;
  /** Upper end of a range. */
  to: string;
  /** Lookup codes (Value in compact format). */
  values: string[];
}

/** Rules and nested groups joined by AND or OR, optionally negated. */
export interface Group {
  kind: "group";
  id: string;
  join: "and" | "or";
  negate: boolean;
  children: Node[];
}

/** A builder tree node. */
export type Node = Rule | Group;

/** Human labels of the operators, in menu order. */
export const OPERATOR_LABELS: Record<Operator, string> = {
  between: "between",
  equals: "equals",
  startsWith: "starts with",
  contains: "contains",
  wildcard: "matches wildcard (* ?)",
  anyOf: "any of",
  allOf: "all of",
  noneOf: "none of",
  empty: "is empty (.EMPTY.)",
  any: "has any value (.ANY.)",
};

/** The operators that make sense for a field kind; the first is the default. */
export function operatorsFor(kind: FieldKind): Operator[] {
  switch (kind) {
    case "number":
    case "date":
    case "datetime":
    case "time":
      return ["between", "equals", "empty"];
    case "boolean":
      return ["equals", "empty"];
    case "lookup":
    case "lookupMulti":
      return ["anyOf", "allOf", "noneOf", "any", "empty"];
    case "text":
      return ["equals", "startsWith", "contains", "wildcard", "empty"];
  }
}

const ALPHANUM = /^[A-Za-z0-9]+$/;

/** A DMQL string-literal: double quotes, inner quotes doubled. */
export function quoteLiteral(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/** A lookup value: bare when alphanumeric (1..128), else a string-literal. */
export function lookupToken(value: string): string {
  return ALPHANUM.test(value) && value.length <= 128 ? value : quoteLiteral(value);
}

/** An exact text value: bare when alphanumeric, else a string-literal. */
export function textToken(value: string): string {
  return ALPHANUM.test(value) ? value : quoteLiteral(value);
}

/**
 * A wildcard pattern: `*` and `?` are kept, other non-alphanumeric characters
 * become `?` (patterns cannot be quoted; the spec allows `?` for them).
 */
export function patternToken(pattern: string): string {
  return pattern.replace(/[^A-Za-z0-9*?]/g, "?");
}

/** A datetime in RETS form: `YYYY-MM-DDTHH:MM:SS` (a browser's `HH:MM` gains `:00`). */
export function normaliseDateTime(value: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value}:00` : value;
}

/** A time in RETS form: `HH:MM:SS` (a browser's `HH:MM` gains `:00`). */
export function normaliseTime(value: string): string {
  return /^\d{2}:\d{2}$/.test(value) ? `${value}:00` : value;
}

function scalar(rule: Rule, raw: string): string {
  const value = raw.trim();
  if (rule.fieldKind === "datetime") return normaliseDateTime(value);
  if (rule.fieldKind === "time") return normaliseTime(value);
  if (rule.fieldKind === "text") return textToken(value);
  return value;
}

/** The field value part of a rule (`a-b`, `|A,B`, …), or null when incomplete. */
export function ruleValue(rule: Rule): string | null {
  const value = rule.value.trim();
  const codes = rule.values.filter((code) => code !== "");
  switch (rule.operator) {
    case "empty":
      return ".EMPTY.";
    case "any":
      return ".ANY.";
    case "between": {
      const to = rule.to.trim();
      if (value && to) return `${scalar(rule, value)}-${scalar(rule, to)}`;
      if (value) return `${scalar(rule, value)}+`;
      if (to) return `${scalar(rule, to)}-`;
      return null;
    }
    case "equals":
      return value ? scalar(rule, value) : null;
    case "startsWith":
      return value ? `${patternToken(value)}*` : null;
    case "contains":
      return value ? `*${patternToken(value)}*` : null;
    case "wildcard":
      return value ? patternToken(value) : null;
    case "anyOf":
    case "allOf":
    case "noneOf": {
      if (codes.length === 0) return null;
      const prefix = rule.operator === "anyOf" ? "|" : rule.operator === "allOf" ? "+" : "~";
      return prefix + codes.map(lookupToken).join(",");
    }
  }
}

/** One rule as `(FIELD=value)`, or null when the rule is incomplete. */
export function ruleToDmql(rule: Rule): string | null {
  if (!rule.field) return null;
  const value = ruleValue(rule);
  return value === null ? null : `(${rule.field}=${value})`;
}

/** The complete children of a group joined by `,` (AND) or `|` (OR). */
function joinChildren(group: Group): { text: string; count: number } {
  const parts = group.children
    .map((child) => (child.kind === "rule" ? ruleToDmql(child) : nestedGroup(child)))
    .filter((part): part is string => part !== null);
  return { text: parts.join(group.join === "and" ? "," : "|"), count: parts.length };
}

/** A nested group as one query-element: `(...)`, `~(...)`, or its single child. */
function nestedGroup(group: Group): string | null {
  const { text, count } = joinChildren(group);
  if (count === 0) return null;
  if (count === 1) return group.negate ? `~${text}` : text;
  return group.negate ? `~(${text})` : `(${text})`;
}

/** The DMQL2 query of the whole builder tree ("" when it has no complete rule). */
export function toDmql(root: Group): string {
  const { text, count } = joinChildren(root);
  if (count === 0) return "";
  if (!root.negate) return text;
  return count === 1 ? `~${text}` : `~(${text})`;
}
