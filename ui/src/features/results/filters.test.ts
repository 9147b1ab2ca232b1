import { describe, expect, it } from "vitest";
import { isNumericField, toReplicaFilters } from "./filters";

const numeric = (c: string) => c === "LIST_PRICE" || c === "BEDS";

describe("isNumericField", () => {
  it("treats numeric types without lookups as numbers", () => {
    expect(isNumericField({ dataType: "Int", lookupName: null })).toBe(true);
    expect(isNumericField({ dataType: "Decimal", lookupName: null })).toBe(true);
    expect(isNumericField({ dataType: "Int", lookupName: "BEDS_LK" })).toBe(false);
    expect(isNumericField({ dataType: "Character", lookupName: null })).toBe(false);
    expect(isNumericField(undefined)).toBe(false);
  });
});

describe("toReplicaFilters", () => {
  it("maps text to contains and numbers to ge/le in column order", () => {
    const mapped = toReplicaFilters(
      ["CITY", "LIST_PRICE", "BEDS", "STATUS"],
      { STATUS: { text: "  A " }, LIST_PRICE: { min: "300,000", max: "1e6" }, BEDS: { max: "4" }, CITY: { text: "" } },
      numeric,
    );
    expect(mapped).toEqual({
      filters: [
        { field: "LIST_PRICE", op: "ge", value: 300000 },
        { field: "LIST_PRICE", op: "le", value: 1000000 },
        { field: "BEDS", op: "le", value: 4 },
        { field: "STATUS", op: "contains", value: "A" },
      ],
      invalid: [],
    });
  });

  it("reports unreadable numbers and skips that column", () => {
    const mapped = toReplicaFilters(["LIST_PRICE", "CITY"], { LIST_PRICE: { min: "abc" }, CITY: { text: "Palm" } }, numeric);
    expect(mapped.invalid).toEqual(["LIST_PRICE"]);
    expect(mapped.filters).toEqual([{ field: "CITY", op: "contains", value: "Palm" }]);
  });

  it("ignores columns that are not shown", () => {
    expect(toReplicaFilters(["CITY"], { STATUS: { text: "A" } }, numeric).filters).toEqual([]);
  });
});
