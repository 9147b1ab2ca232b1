import { describe, expect, it } from "vitest";
import { INITIAL_RESULTS, resultsReducer, type ResultsAction } from "./resultsState";

const run = (...actions: ResultsAction[]) => actions.reduce(resultsReducer, INITIAL_RESULTS);
const cell = { row: 3, col: 1 };

describe("resultsReducer", () => {
  it("clears the selection when the rows change, not when the view does", () => {
    expect(run({ type: "select", cell }, { type: "decoded", decoded: true }).active).toEqual(cell);
    expect(run({ type: "select", cell }, { type: "hide", hidden: new Set(["A"]) }).active).toEqual(cell);
    expect(run({ type: "select", cell }, { type: "sort", sort: { field: "A", descending: true } }).active).toBeNull();
    expect(run({ type: "select", cell }, { type: "filter", column: "A", filter: { text: "x" } }).active).toBeNull();
    expect(run({ type: "select", cell }, { type: "imported", result: null }).active).toBeNull();
  });

  it("keeps typed filters per column until they are applied", () => {
    const state = run(
      { type: "filter", column: "CITY", filter: { text: "Austin" } },
      { type: "filter", column: "BEDS", filter: { text: "3" } },
    );
    expect(state.inputs).toEqual({ CITY: { text: "Austin" }, BEDS: { text: "3" } });
    expect(state.applied).toEqual([]);
    const applied = resultsReducer(state, { type: "apply", filters: [{ field: "CITY", op: "contains", value: "Austin" }] });
    expect(applied.applied).toHaveLength(1);
  });

  it("opens one dialog at a time and remembers what was shown", () => {
    const state = run({ type: "dialog", dialog: "export" }, { type: "shown", columns: ["A"], total: 7 });
    expect(state.dialog).toBe("export");
    expect(resultsReducer(state, { type: "dialog", dialog: "import" }).dialog).toBe("import");
    expect(state.shown).toEqual({ columns: ["A"], total: 7 });
  });
});
