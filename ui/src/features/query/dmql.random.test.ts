import { describe, expect, it } from "vitest";
import { ruleToDmql, toDmql, type Group, type Node, type Operator, type Rule } from "./dmql";

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

const OPS: Array<[Rule["fieldKind"], Operator, Partial<Rule>]> = [
  ["number", "between", { value: "1", to: "9" }],
  ["number", "between", { value: "" }],
  ["date", "between", { to: "2024-01-01" }],
  ["lookup", "anyOf", { values: ["A", "Palm Springs"] }],
  ["lookupMulti", "noneOf", { values: [] }],
  ["text", "contains", { value: 'a "b" (c)' }],
  ["text", "equals", { value: "x,y|z" }],
  ["text", "empty", {}],
];

function randomTree(next: () => number, depth: number, counter: { n: number }): Group {
  const children: Node[] = [];
  const size = Math.floor(next() * 4);
  for (let i = 0; i < size; i++) {
    counter.n += 1;
    if (depth < 3 && next() < 0.3) {
      children.push(randomTree(next, depth + 1, counter));
    } else {
      const pick = OPS[Math.floor(next() * OPS.length)];
      if (!pick) throw new Error("operator table is empty");
      const [fieldKind, operator, extra] = pick;
      children.push({
        kind: "rule",
        id: `r${counter.n}`,
        field: `F${counter.n}`,
        fieldKind,
        operator,
        value: "",
        to: "",
        values: [],
        ...extra,
      });
    }
  }
  return { kind: "group", id: `g${counter.n}`, join: next() < 0.5 ? "and" : "or", negate: next() < 0.3, children };
}

function completeRules(group: Group): Rule[] {
  return group.children.flatMap((child) =>
    child.kind === "group" ? completeRules(child) : ruleToDmql(child) === null ? [] : [child],
  );
}

/** Parenthesis depth outside string literals never goes negative and ends at 0. */
function balanced(text: string): boolean {
  let depth = 0;
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === "(") depth += 1;
    else if (!quoted && c === ")") depth -= 1;
    if (depth < 0) return false;
  }
  return depth === 0 && !quoted;
}

describe("toDmql on random trees", () => {
  it("is balanced, has every complete rule once and no empty joins", () => {
    for (let seed = 1; seed <= 500; seed++) {
      const tree = randomTree(prng(seed), 0, { n: 0 });
      const text = toDmql(tree);
      const rules = completeRules(tree);
      expect(balanced(text), `seed ${seed}: ${text}`).toBe(true);
      for (const rule of rules) expect(text, `seed ${seed}`).toContain(`(${rule.field}=`);
      expect((text.match(/\(F\d+=/g) ?? []).length, `seed ${seed}: ${text}`).toBe(rules.length);
      expect(text === "", `seed ${seed}`).toBe(rules.length === 0);
      const outside = text.replace(/"(?:[^"]|"")*"/g, '""');
      expect(outside, `seed ${seed}: ${text}`).not.toMatch(/\(\)|,,|\|\||^[,|]|[,|]$|\(,|\(\||,\)|\|\)/);
    }
  });
});
