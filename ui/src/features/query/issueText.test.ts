import { describe, expect, it } from "vitest";
import type { QueryIssue } from "../../bindings/QueryIssue";
import { describePosition, issueSegments } from "./issueText";

const issue = (start: number, end: number): QueryIssue => ({ message: "bad", field: null, start, end });

describe("issueSegments", () => {
  it("marks the issue ranges and keeps the rest", () => {
    expect(issueSegments("(NOPE=1),(A=2)", [issue(1, 5)])).toEqual([
      { text: "(", marked: false },
      { text: "NOPE", marked: true },
      { text: "=1),(A=2)", marked: false },
    ]);
  });

  it("merges overlapping issues, clamps ranges past the end and marks empty ranges", () => {
    expect(issueSegments("abcdef", [issue(1, 3), issue(2, 4), issue(5, 99)])).toEqual([
      { text: "a", marked: false },
      { text: "bcd", marked: true },
      { text: "e", marked: false },
      { text: "f", marked: true },
    ]);
    expect(issueSegments("ab", [issue(1, 1)])).toEqual([
      { text: "a", marked: false },
      { text: "b", marked: true },
    ]);
    expect(issueSegments("", [issue(0, 0)])).toEqual([]);
  });
});

describe("describePosition", () => {
  it("gives 1-based line and characters", () => {
    expect(describePosition("(NOPE=1)", 1, 5)).toBe("line 1, characters 2–5");
    expect(describePosition("(A=1),\n(B=x)", 10, 11)).toBe("line 2, character 4");
    expect(describePosition("(A=1", 4, 4)).toBe("line 1, character 5");
  });
});
