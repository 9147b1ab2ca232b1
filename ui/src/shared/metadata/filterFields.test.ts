import { describe, expect, it } from "vitest";
import type { FieldView } from "../../bindings/FieldView";
import { residentialClass } from "../../test/metadataFixture";
import { filterFields, indexFields } from "./filterFields";

const names = (fields: FieldView[]) => fields.map((field) => field.systemName);

describe("filterFields", () => {
  const indexed = indexFields(residentialClass.fields);

  it("returns every field for an empty or blank search", () => {
    expect(filterFields(indexed, "")).toHaveLength(residentialClass.fields.length);
    expect(filterFields(indexed, "   ")).toHaveLength(residentialClass.fields.length);
  });

  it("matches system, standard, long and short names case-insensitively", () => {
    expect(names(filterFields(indexed, "list_price"))).toEqual(["LIST_PRICE"]);
    expect(names(filterFields(indexed, "bedroomstotal"))).toEqual(["BEDS"]);
    expect(names(filterFields(indexed, "ZIP CODE"))).toEqual(["POSTAL_CODE"]);
    expect(names(filterFields(indexed, "price"))).toEqual(["LIST_PRICE", "CLOSE_PRICE"]);
  });

  it("does not match across name boundaries and finds nothing for unknown text", () => {
    expect(filterFields(indexed, "KEYListingKey")).toEqual([]);
    expect(filterFields(indexed, "no such field")).toEqual([]);
  });

  it("stays fast on a 5,000-field class", () => {
    const [first] = residentialClass.fields;
    if (!first) throw new Error("fixture has no fields");
    const many = Array.from({ length: 5000 }, (_, i) => ({ ...first, systemName: `F${i}` }));
    const big = indexFields(many);
    const started = performance.now();
    expect(filterFields(big, "f4999")).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(50);
  });
});
