import { describe, expect, it } from "vitest";
import { demoMetadata, residentialClass } from "../../test/metadataFixture";
import { cellDisplay, moveColumn, orderColumns } from "./cellDisplay";

const lookups = demoMetadata.resources[0]?.lookups ?? [];
const columns = ["LIST_KEY", "STATUS", "LIST_PRICE"];

describe("cellDisplay", () => {
  it("shows values as stored, or lookups decoded (each code of a list)", () => {
    const raw = cellDisplay(columns, residentialClass.fields, lookups, false);
    expect(raw("STATUS", "A")).toBe("A");
    const decoded = cellDisplay(columns, residentialClass.fields, lookups, true);
    expect(decoded("STATUS", "A")).toBe("Active");
    expect(decoded("STATUS", "A,P")).toBe("Active, Pending");
    expect(decoded("STATUS", "ZZ")).toBe("ZZ");
    expect(decoded("LIST_KEY", "A")).toBe("A");
    expect(decoded("LIST_PRICE", 350000)).toBe("350000");
    expect(decoded("STATUS", null)).toBe("");
  });
});

describe("column order", () => {
  it("moves a column and keeps new columns at the end", () => {
    const moved = moveColumn(columns, "LIST_PRICE", -1);
    expect(moved).toEqual(["LIST_KEY", "LIST_PRICE", "STATUS"]);
    expect(moveColumn(moved, "LIST_KEY", -1)).toEqual(moved);
    expect(orderColumns([...columns, "CITY"], moved)).toEqual(["LIST_KEY", "LIST_PRICE", "STATUS", "CITY"]);
    expect(orderColumns(["STATUS", "LIST_KEY"], moved)).toEqual(["LIST_KEY", "STATUS"]);
    expect(orderColumns(columns, null)).toEqual(columns);
    // Hidden columns in between are stepped over, so the move shows in the grid.
    expect(moveColumn(["A", "B", "C", "D"], "D", -1, new Set(["B", "C"]))).toEqual(["D", "A", "B", "C"]);
    expect(moveColumn(["A", "B", "C"], "A", 1, new Set(["B", "C"]))).toEqual(["A", "B", "C"]);
  });
});
