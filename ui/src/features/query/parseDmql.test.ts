import { describe, expect, it } from "vitest";
import { toDmql, type FieldKind, type Group, type Node, type Rule } from "./dmql";
import { builderFromDmql, parseDmql, parseRuleValue } from "./parseDmql";

const kinds = new Map<string, FieldKind>([
  ["LIST_PRICE", "number"],
  ["LIST_DATE", "date"],
  ["MODIFIED", "datetime"],
  ["OPEN_TIME", "time"],
  ["POOL", "boolean"],
  ["STATUS", "lookup"],
  ["FEATURES", "lookupMulti"],
  ["CITY", "text"],
]);

function rules(group: Group): Rule[] {
  return group.children.flatMap((child) => (child.kind === "group" ? rules(child) : [child]));
}

describe("parseRuleValue", () => {
  it.each([
    ["number", "300000+", { operator: "between", value: "300000", to: "" }],
    ["number", "100-200", { operator: "between", value: "100", to: "200" }],
    ["number", "-5--1", { operator: "between", value: "-5", to: "-1" }],
    ["number", "500-", { operator: "between", value: "", to: "500" }],
    ["number", "42", { operator: "equals", value: "42" }],
    ["date", "2024-01-01-2024-12-31", { operator: "between", value: "2024-01-01", to: "2024-12-31" }],
    ["datetime", "2024-01-01T10:00:00+", { operator: "between", value: "2024-01-01T10:00:00" }],
    ["time", "08:30:00-17:00:00", { operator: "between", value: "08:30:00", to: "17:00:00" }],
    ["boolean", "1", { operator: "equals", value: "1" }],
    ["lookup", '|A,"Palm Springs"', { operator: "anyOf", values: ["A", "Palm Springs"] }],
    ["lookupMulti", "+Pool,Spa", { operator: "allOf", values: ["Pool", "Spa"] }],
    ["lookup", "~S", { operator: "noneOf", values: ["S"] }],
    ["lookup", ".ANY.", { operator: "any" }],
    ["text", ".EMPTY.", { operator: "empty" }],
    ["text", '"Palm ""Springs"""', { operator: "equals", value: 'Palm "Springs"' }],
    ["text", "Palm*", { operator: "startsWith", value: "Palm" }],
    ["text", "*alm*", { operator: "contains", value: "alm" }],
    ["text", "P?LE*", { operator: "wildcard", value: "P?LE*" }],
  ] as const)("%s %s", (kind, raw, expected) => {
    expect(parseRuleValue(kind, raw)).toMatchObject(expected);
  });

  it.each([
    ["number", "abc"],
    ["date", "2024-1-1+"],
    ["boolean", "Y"],
    ["lookup", "A"],
    ["lookup", "|"],
    ["text", "a b"],
  ] as const)("refuses %s %s", (kind, raw) => {
    expect(parseRuleValue(kind, raw)).toBeNull();
  });
});

describe("builderFromDmql", () => {
  it("loads what the builder writes, with AND binding tighter than OR", () => {
    const text = "(LIST_PRICE=300000+),(STATUS=|A,S)|(CITY=Palm*)";
    const state = parseDmql(text, kinds);
    expect(state?.root.join).toBe("or");
    expect(state?.root.id).toBe("root");
    // The AND pair became a nested group, so the builder writes it parenthesised.
    expect(builderFromDmql(text, kinds)).toBeNull();
    const canonical = "((LIST_PRICE=300000+),(STATUS=|A,S))|(CITY=Palm*)";
    const loaded = builderFromDmql(canonical, kinds);
    expect(loaded && toDmql(loaded.root)).toBe(canonical);
    expect(loaded && rules(loaded.root).map((r) => r.field)).toEqual(["LIST_PRICE", "STATUS", "CITY"]);
  });

  it("keeps negation and fresh ids past the parsed ones", () => {
    const text = "~((STATUS=|A)|(POOL=1)),(LIST_DATE=2024-01-01-2024-06-30)";
    const loaded = builderFromDmql(text, kinds);
    expect(loaded && toDmql(loaded.root)).toBe(text);
    const ids = loaded ? [loaded.root, ...rules(loaded.root)].map((n) => n.id) : [];
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => id === "root" || Number(id.slice(1)) < (loaded?.nextId ?? 0))).toBe(true);
    expect(builderFromDmql("~(LIST_PRICE=1+)", kinds)?.root.negate).toBe(true);
  });

  it("refuses unknown fields, spaces, broken text and what the builder cannot show", () => {
    for (const text of [
      "(NOPE=1)",
      "(LIST_PRICE=1+), (CITY=A)",
      "(LIST_PRICE=1+",
      "LIST_PRICE=1",
      "(STATUS=A)",
      "",
      "(CITY=Palm)x",
    ]) {
      expect(builderFromDmql(text, kinds), text).toBeNull();
    }
  });
});

/** Small deterministic PRNG (mulberry32) so failures reproduce. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SAMPLES: Array<[string, Partial<Rule>]> = [
  ["LIST_PRICE", { operator: "between", value: "1", to: "9" }],
  ["LIST_PRICE", { operator: "equals", value: "12.5" }],
  ["LIST_DATE", { operator: "between", to: "2024-01-01" }],
  ["MODIFIED", { operator: "between", value: "2024-01-01T10:00" }],
  ["STATUS", { operator: "anyOf", values: ["A", "Palm Springs"] }],
  ["FEATURES", { operator: "noneOf", values: ["x,y"] }],
  ["CITY", { operator: "contains", value: 'a "b" (c)' }],
  ["CITY", { operator: "equals", value: "x,y|z" }],
  ["CITY", { operator: "startsWith", value: "Pa" }],
  ["POOL", { operator: "equals", value: "0" }],
  ["OPEN_TIME", { operator: "empty" }],
  ["STATUS", { operator: "any" }],
];

function randomTree(next: () => number, depth: number, counter: { n: number }): Group {
  const children: Node[] = [];
  const size = 1 + Math.floor(next() * 3);
  for (let i = 0; i < size; i++) {
    counter.n += 1;
    if (depth < 3 && next() < 0.3) {
      children.push(randomTree(next, depth + 1, counter));
    } else {
      const [field, extra] = SAMPLES[Math.floor(next() * SAMPLES.length)] ?? SAMPLES[0] ?? ["", {}];
      children.push({
        kind: "rule",
        id: `r${counter.n}`,
        field,
        fieldKind: kinds.get(field) ?? "text",
        operator: "equals",
        value: "",
        to: "",
        values: [],
        ...extra,
      });
    }
  }
  return { kind: "group", id: `g${counter.n}`, join: next() < 0.5 ? "and" : "or", negate: next() < 0.3, children };
}

describe("builderFromDmql on random trees", () => {
  it("loads back every text the builder writes", () => {
    for (let seed = 1; seed <= 500; seed++) {
      const text = toDmql(randomTree(prng(seed), 0, { n: 0 }));
      if (text === "") continue;
      const loaded = builderFromDmql(text, kinds);
      expect(loaded && toDmql(loaded.root), `seed ${seed}: ${text}`).toBe(text);
    }
  });
});
