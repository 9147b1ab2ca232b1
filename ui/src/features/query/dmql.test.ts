import { describe, expect, it } from "vitest";
import {
  lookupToken,
  normaliseDateTime,
  normaliseTime,
  operatorsFor,
  patternToken,
  quoteLiteral,
  ruleToDmql,
  textToken,
  toDmql,
  type Group,
  type Node,
  type Rule,
} from "./dmql";

let seq = 0;
function rule(field: string, fieldKind: Rule["fieldKind"], operator: Rule["operator"], extra: Partial<Rule> = {}): Rule {
  seq += 1;
  return { kind: "rule", id: `r${seq}`, field, fieldKind, operator, value: "", to: "", values: [], ...extra };
}
function group(join: Group["join"], children: Node[], negate = false): Group {
  seq += 1;
  return { kind: "group", id: `g${seq}`, join, negate, children };
}

describe("ranges", () => {
  it("writes between, at least and at most", () => {
    expect(ruleToDmql(rule("LIST_PRICE", "number", "between", { value: "100000", to: "250000" }))).toBe(
      "(LIST_PRICE=100000-250000)",
    );
    expect(ruleToDmql(rule("LIST_PRICE", "number", "between", { value: "100000" }))).toBe("(LIST_PRICE=100000+)");
    expect(ruleToDmql(rule("LIST_PRICE", "number", "between", { to: "250000" }))).toBe("(LIST_PRICE=250000-)");
  });

  it("trims values and skips an empty range", () => {
    expect(ruleToDmql(rule("BEDS", "number", "between", { value: " 2 ", to: " " }))).toBe("(BEDS=2+)");
    expect(ruleToDmql(rule("BEDS", "number", "between"))).toBeNull();
  });

  it("writes decimals and negative numbers as typed", () => {
    expect(ruleToDmql(rule("BATHS", "number", "between", { value: "1.5", to: "2.75" }))).toBe("(BATHS=1.5-2.75)");
    expect(ruleToDmql(rule("OFFSET", "number", "equals", { value: "-3" }))).toBe("(OFFSET=-3)");
  });

  it("writes dates and datetimes", () => {
    expect(ruleToDmql(rule("LIST_DATE", "date", "between", { value: "2024-01-01", to: "2024-12-31" }))).toBe(
      "(LIST_DATE=2024-01-01-2024-12-31)",
    );
    expect(ruleToDmql(rule("LIST_DATE", "date", "between", { value: "2024-01-01" }))).toBe("(LIST_DATE=2024-01-01+)");
    expect(ruleToDmql(rule("MOD", "datetime", "between", { value: "2024-03-05T08:30" }))).toBe(
      "(MOD=2024-03-05T08:30:00+)",
    );
    expect(ruleToDmql(rule("MOD", "datetime", "between", { to: "2024-03-05T08:30:15" }))).toBe(
      "(MOD=2024-03-05T08:30:15-)",
    );
    expect(ruleToDmql(rule("LIST_DATE", "date", "equals", { value: "2024-02-29" }))).toBe("(LIST_DATE=2024-02-29)");
  });

  it("writes times with seconds", () => {
    expect(ruleToDmql(rule("SHOW_TIME", "time", "between", { value: "09:30", to: "17:00:30" }))).toBe(
      "(SHOW_TIME=09:30:00-17:00:30)",
    );
    expect(normaliseTime("9:30")).toBe("9:30");
  });

  it("normalises browser datetimes only when seconds are missing", () => {
    expect(normaliseDateTime("2024-01-01T10:00")).toBe("2024-01-01T10:00:00");
    expect(normaliseDateTime("2024-01-01T10:00:05")).toBe("2024-01-01T10:00:05");
    expect(normaliseDateTime("2024-01-01")).toBe("2024-01-01");
  });
});

describe("lookups", () => {
  it("writes any of, all of and none of", () => {
    expect(ruleToDmql(rule("STATUS", "lookup", "anyOf", { values: ["A", "P"] }))).toBe("(STATUS=|A,P)");
    expect(ruleToDmql(rule("FEATURES", "lookupMulti", "allOf", { values: ["POOL", "SPA"] }))).toBe(
      "(FEATURES=+POOL,SPA)",
    );
    expect(ruleToDmql(rule("TYPE", "lookup", "noneOf", { values: ["CONDO", "TWNHME"] }))).toBe(
      "(TYPE=~CONDO,TWNHME)",
    );
  });

  it("quotes lookup values that are not alphanumeric", () => {
    expect(ruleToDmql(rule("CITY", "lookup", "anyOf", { values: ["Palm Springs", "Indio"] }))).toBe(
      '(CITY=|"Palm Springs",Indio)',
    );
    expect(lookupToken("A-1")).toBe('"A-1"');
    expect(lookupToken("x".repeat(129))).toBe(`"${"x".repeat(129)}"`);
  });

  it("skips a lookup rule without values", () => {
    expect(ruleToDmql(rule("STATUS", "lookup", "anyOf"))).toBeNull();
    expect(ruleToDmql(rule("STATUS", "lookup", "anyOf", { values: [""] }))).toBeNull();
  });

  it("writes .ANY. and .EMPTY.", () => {
    expect(ruleToDmql(rule("STATUS", "lookup", "any"))).toBe("(STATUS=.ANY.)");
    expect(ruleToDmql(rule("REMARKS", "text", "empty"))).toBe("(REMARKS=.EMPTY.)");
    expect(ruleToDmql(rule("LIST_PRICE", "number", "empty"))).toBe("(LIST_PRICE=.EMPTY.)");
  });
});

describe("text", () => {
  it("writes equals, starts with, contains and wildcard", () => {
    expect(ruleToDmql(rule("STREET", "text", "equals", { value: "Main" }))).toBe("(STREET=Main)");
    expect(ruleToDmql(rule("STREET", "text", "startsWith", { value: "abc" }))).toBe("(STREET=abc*)");
    expect(ruleToDmql(rule("REMARKS", "text", "contains", { value: "abc" }))).toBe("(REMARKS=*abc*)");
    expect(ruleToDmql(rule("OWNER", "text", "wildcard", { value: "P?LE*" }))).toBe("(OWNER=P?LE*)");
  });

  it("quotes exact text with spaces or special characters, doubling quotes", () => {
    expect(ruleToDmql(rule("STREET", "text", "equals", { value: "Palm Canyon Dr" }))).toBe(
      '(STREET="Palm Canyon Dr")',
    );
    expect(ruleToDmql(rule("NAME", "text", "equals", { value: 'The "Big" One' }))).toBe('(NAME="The ""Big"" One")');
    expect(ruleToDmql(rule("ZIP", "text", "equals", { value: "92262-1234" }))).toBe('(ZIP="92262-1234")');
    expect(quoteLiteral("")).toBe('""');
    expect(textToken("abc123")).toBe("abc123");
  });

  it("replaces characters a pattern cannot hold with ?", () => {
    expect(ruleToDmql(rule("STREET", "text", "startsWith", { value: "Palm C" }))).toBe("(STREET=Palm?C*)");
    expect(ruleToDmql(rule("REMARKS", "text", "contains", { value: "o'clock" }))).toBe("(REMARKS=*o?clock*)");
    expect(patternToken('a"b*c?d')).toBe("a?b*c?d");
  });

  it("skips text rules without a value or field", () => {
    expect(ruleToDmql(rule("STREET", "text", "equals", { value: "  " }))).toBeNull();
    expect(ruleToDmql(rule("", "text", "empty"))).toBeNull();
  });

  it("writes booleans as typed", () => {
    expect(ruleToDmql(rule("POOL_YN", "boolean", "equals", { value: "1" }))).toBe("(POOL_YN=1)");
  });
});

describe("groups", () => {
  it("joins with , for AND and | for OR", () => {
    const a = rule("A", "number", "equals", { value: "1" });
    const b = rule("B", "number", "equals", { value: "2" });
    expect(toDmql(group("and", [a, b]))).toBe("(A=1),(B=2)");
    expect(toDmql(group("or", [a, b]))).toBe("(A=1)|(B=2)");
  });

  it("wraps nested groups in parentheses", () => {
    const a = rule("A", "number", "equals", { value: "1" });
    const b = rule("B", "number", "equals", { value: "2" });
    const c = rule("C", "number", "equals", { value: "3" });
    expect(toDmql(group("and", [group("or", [a, b]), c]))).toBe("((A=1)|(B=2)),(C=3)");
    const deep = group("or", [group("and", [a, group("or", [b, c])]), c]);
    expect(toDmql(deep)).toBe("((A=1),((B=2)|(C=3)))|(C=3)");
  });

  it("negates with ~ on groups and on the root", () => {
    const a = rule("A", "number", "equals", { value: "1" });
    const b = rule("B", "number", "equals", { value: "2" });
    const c = rule("C", "number", "equals", { value: "3" });
    expect(toDmql(group("and", [group("or", [a, b], true), c]))).toBe("~((A=1)|(B=2)),(C=3)");
    expect(toDmql(group("and", [group("and", [a], true), c]))).toBe("~(A=1),(C=3)");
    expect(toDmql(group("and", [a, b], true))).toBe("~((A=1),(B=2))");
    expect(toDmql(group("and", [a], true))).toBe("~(A=1)");
  });

  it("leaves out incomplete rules and empty groups", () => {
    const a = rule("A", "number", "equals", { value: "1" });
    const incomplete = rule("B", "number", "between");
    expect(toDmql(group("and", [a, incomplete, group("or", [])]))).toBe("(A=1)");
    expect(toDmql(group("and", [group("or", [a, incomplete])]))).toBe("(A=1)");
    expect(toDmql(group("and", []))).toBe("");
    expect(toDmql(group("and", [incomplete], true))).toBe("");
  });

  it("writes the spec's sub-query example", () => {
    const query = group("and", [
      group("or", [rule("AREA", "lookup", "anyOf", { values: ["1", "2"] }), rule("CITY", "text", "equals", { value: "ACTON" })]),
      rule("LP", "number", "between", { value: "200000" }),
    ]);
    expect(toDmql(query)).toBe("((AREA=|1,2)|(CITY=ACTON)),(LP=200000+)");
  });
});

describe("operatorsFor", () => {
  it("offers ranges for numbers and dates, lists for lookups, patterns for text", () => {
    expect(operatorsFor("number")[0]).toBe("between");
    expect(operatorsFor("datetime")).toContain("between");
    expect(operatorsFor("lookupMulti")).toEqual(["anyOf", "allOf", "noneOf", "any", "empty"]);
    expect(operatorsFor("text")).toEqual(["equals", "startsWith", "contains", "wildcard", "empty"]);
    expect(operatorsFor("boolean")).not.toContain("any");
  });
});
