// DMQL2 text back into the rule builder's tree, for loading a saved or past
// query. Only what the builder can show is accepted; `builderFromDmql` also
// insists that the builder writes the very same text again, so a loaded query
// is never silently changed (anything else stays hand-edited text).
import type { BuilderState } from "./builderState";
import { toDmql, type FieldKind, type Group, type Node, type Operator, type Rule } from "./dmql";

/** Field kinds by SystemName, from the class metadata. */
export type FieldKinds = ReadonlyMap<string, FieldKind>;

class Reader {
  pos = 0;
  constructor(readonly text: string) {}
  peek(): string {
    return this.text[this.pos] ?? "";
  }
  eat(c: string): boolean {
    if (this.peek() !== c) return false;
    this.pos += 1;
    return true;
  }
  done(): boolean {
    return this.pos >= this.text.length;
  }
}

/** Reads up to the `)` closing a field's value, honouring string literals. */
function readValue(r: Reader): string | null {
  const start = r.pos;
  let quoted = false;
  while (!r.done()) {
    const c = r.peek();
    if (c === '"') quoted = !quoted;
    else if (c === ")" && !quoted) return r.text.slice(start, r.pos);
    r.pos += 1;
  }
  return null;
}

const ALNUM = /^[A-Za-z0-9]+$/;
const LITERAL = /^"((?:[^"]|"")*)"$/;
const PATTERN = /^[A-Za-z0-9*?]+$/;

/** A bare alphanumeric token or a string-literal, unquoted. */
function token(text: string): string | null {
  if (ALNUM.test(text)) return text;
  const literal = LITERAL.exec(text);
  return literal ? (literal[1] ?? "").replaceAll('""', '"') : null;
}

/** Splits `A,"B, C",D` at commas outside string literals. */
function splitList(text: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === "," && !quoted) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

const SCALARS: Partial<Record<FieldKind, string>> = {
  number: String.raw`-?\d+(?:\.\d+)?`,
  date: String.raw`\d{4}-\d{2}-\d{2}`,
  datetime: String.raw`\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?`,
  time: String.raw`\d{2}:\d{2}:\d{2}(?:\.\d+)?`,
};

type RuleValue = Pick<Rule, "operator" | "value" | "to" | "values">;

function value(operator: Operator, value = "", to = "", values: string[] = []): RuleValue {
  return { operator, value, to, values };
}

/** The builder form of `raw` for a field of `kind`, or null when it has none. */
export function parseRuleValue(kind: FieldKind, raw: string): RuleValue | null {
  if (raw === ".EMPTY.") return value("empty");
  if (kind === "lookup" || kind === "lookupMulti") {
    if (raw === ".ANY.") return value("any");
    const prefix = raw[0];
    const operator: Operator | undefined =
      prefix === "|" ? "anyOf" : prefix === "+" ? "allOf" : prefix === "~" ? "noneOf" : undefined;
    if (!operator) return null;
    const codes = splitList(raw.slice(1)).map(token);
    if (codes.length === 0 || codes.some((code) => code === null || code === "")) return null;
    return value(operator, "", "", codes as string[]);
  }
  if (kind === "boolean") return raw === "1" || raw === "0" ? value("equals", raw) : null;
  if (kind === "text") {
    const exact = token(raw);
    if (exact !== null && exact !== "") return value("equals", exact);
    if (!PATTERN.test(raw)) return null;
    const inner = raw.slice(1, -1);
    if (raw.length > 2 && raw.startsWith("*") && raw.endsWith("*") && ALNUM.test(inner)) {
      return value("contains", inner);
    }
    const head = raw.slice(0, -1);
    if (raw.endsWith("*") && ALNUM.test(head)) return value("startsWith", head);
    return value("wildcard", raw);
  }
  const scalar = SCALARS[kind];
  if (!scalar) return null;
  const match = (re: string) => new RegExp(`^${re}$`).exec(raw);
  const range = match(`(${scalar})-(${scalar})`);
  if (range) return value("between", range[1], range[2]);
  const from = match(`(${scalar})\\+`);
  if (from) return value("between", from[1]);
  const upTo = match(`(${scalar})-`);
  if (upTo) return value("between", "", upTo[1]);
  return match(scalar) ? value("equals", raw) : null;
}

interface Parsed {
  node: Node;
}

class TreeParser {
  private next = 1;
  constructor(
    private readonly r: Reader,
    private readonly kinds: FieldKinds,
  ) {}

  id(): string {
    return `n${this.next++}`;
  }
  nextId(): number {
    return this.next;
  }

  /** search-condition: and-lists joined by `|` (`,` binds tighter). */
  condition(): Group | null {
    const ors: Node[][] = [];
    let ands: Node[] = [];
    for (;;) {
      const element = this.element();
      if (!element) return null;
      ands.push(element.node);
      if (this.r.eat(",")) continue;
      ors.push(ands);
      ands = [];
      if (this.r.eat("|")) continue;
      break;
    }
    const andGroup = (children: Node[]): Node =>
      children.length === 1 && children[0]
        ? children[0]
        : { kind: "group", id: this.id(), join: "and", negate: false, children };
    if (ors.length === 1) {
      return { kind: "group", id: this.id(), join: "and", negate: false, children: ors[0] ?? [] };
    }
    return { kind: "group", id: this.id(), join: "or", negate: false, children: ors.map(andGroup) };
  }

  /** `(FIELD=value)`, `(condition)` or `~element`. */
  element(): Parsed | null {
    const r = this.r;
    if (r.eat("~")) {
      const inner = this.element();
      if (!inner) return null;
      const node = inner.node;
      if (node.kind === "group" && !node.negate) return { node: { ...node, negate: true } };
      return { node: { kind: "group", id: this.id(), join: "and", negate: true, children: [node] } };
    }
    if (!r.eat("(")) return null;
    const field = /^[A-Za-z_][A-Za-z0-9_]*(?==)/.exec(r.text.slice(r.pos))?.[0];
    if (field) {
      r.pos += field.length + 1;
      const raw = readValue(r);
      if (raw === null || !r.eat(")")) return null;
      const kind = this.kinds.get(field);
      if (!kind) return null;
      const parsed = parseRuleValue(kind, raw);
      if (!parsed) return null;
      return { node: { kind: "rule", id: this.id(), field, fieldKind: kind, ...parsed } };
    }
    const group = this.condition();
    if (!group || !r.eat(")")) return null;
    // A parenthesised single element is just that element.
    const only = group.children.length === 1 ? group.children[0] : undefined;
    return { node: only ?? group };
  }
}

/** Parses `text` into a builder tree over fields of known kinds, or null. */
export function parseDmql(text: string, kinds: FieldKinds): BuilderState | null {
  if (text.trim() === "") return null;
  const r = new Reader(text);
  const parser = new TreeParser(r, kinds);
  const root = parser.condition();
  if (!root || !r.done()) return null;
  // The root group is named "root" (the builder's add buttons target it). A
  // query that is one negated group becomes the negated root (same text).
  const only = root.children.length === 1 ? root.children[0] : undefined;
  const named: Group = only?.kind === "group" && only.negate ? { ...only, id: "root" } : { ...root, id: "root" };
  return { root: named, nextId: parser.nextId() };
}

/**
 * The builder state for a loaded query when the builder writes exactly `text`
 * back; null when the text has to stay hand-edited ("out of sync").
 */
export function builderFromDmql(text: string, kinds: FieldKinds): BuilderState | null {
  const state = parseDmql(text, kinds);
  return state && toDmql(state.root) === text ? state : null;
}
