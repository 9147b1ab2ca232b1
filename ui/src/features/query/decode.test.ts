import { describe, expect, it } from "vitest";
import { propertyResource, residentialClass } from "../../test/metadataFixture";
import { columnDecoders, decodeCell } from "./decode";
import { defaultSelect } from "./defaultSelect";
import { fieldKind } from "./fieldKind";

describe("decoding", () => {
  const decoders = columnDecoders(
    ["LIST_KEY", "STATUS", "FEATURES", "CITY", "UNKNOWN"],
    residentialClass.fields,
    propertyResource.lookups,
  );

  it("has decoders only for lookup columns", () => {
    expect(decoders.map((d) => d !== null)).toEqual([false, true, true, true, false]);
  });

  it("decodes single and multi lookup values, keeping unknown codes", () => {
    expect(decodeCell("A", decoders[1] ?? null)).toBe("Active");
    expect(decodeCell("FP,WIC", decoders[2] ?? null)).toBe("Fireplace, Walk-In Closet");
    expect(decodeCell("FP,ZZ", decoders[2] ?? null)).toBe("Fireplace, ZZ");
    expect(decodeCell("PSP", decoders[3] ?? null)).toBe("Palm Springs");
  });

  it("prefers a whole-value match over splitting at commas", () => {
    const decoder = new Map([
      ["A,B", "Both"],
      ["A", "Alpha"],
    ]);
    expect(decodeCell("A,B", decoder)).toBe("Both");
    expect(decodeCell("A, A", decoder)).toBe("Alpha, Alpha");
  });

  it("returns null when there is nothing to decode", () => {
    expect(decodeCell("L1", decoders[0] ?? null)).toBeNull();
    expect(decodeCell("", decoders[1] ?? null)).toBeNull();
    expect(decodeCell("ZZ", decoders[1] ?? null)).toBeNull();
  });
});

describe("defaultSelect", () => {
  it("starts with the key field and adds preferred standard names present in the class", () => {
    expect(defaultSelect(residentialClass.fields, "LIST_KEY")).toEqual([
      "LIST_KEY",
      "LIST_PRICE",
      "STATUS",
      "CITY",
      "BEDS",
      "BATHS",
      "SQFT",
      "LIST_DATE",
      "PROP_TYPE",
    ]);
  });

  it("falls back to the first fields when no standard names are known", () => {
    const bare = residentialClass.fields.map((field) => ({ ...field, standardName: "" }));
    expect(defaultSelect(bare, "MISSING")).toEqual(bare.slice(0, 9).map((field) => field.systemName));
  });
});

describe("fieldKind", () => {
  const kindOf = (name: string) => {
    const field = residentialClass.fields.find((f) => f.systemName === name);
    if (!field) throw new Error(`no field ${name}`);
    return fieldKind(field);
  };
  it("maps data types and interpretations", () => {
    expect(kindOf("LIST_PRICE")).toBe("number");
    expect(kindOf("BEDS")).toBe("number");
    expect(kindOf("LIST_DATE")).toBe("date");
    expect(kindOf("MOD_TS")).toBe("datetime");
    expect(kindOf("STATUS")).toBe("lookup");
    expect(kindOf("FEATURES")).toBe("lookupMulti");
    expect(kindOf("POOL_YN")).toBe("boolean");
    expect(kindOf("REMARKS")).toBe("text");
  });

  it("treats a named lookup without interpretation as a lookup and bitmasks as multi", () => {
    const status = residentialClass.fields.find((f) => f.systemName === "STATUS");
    if (!status) throw new Error("no STATUS");
    expect(fieldKind({ ...status, interpretation: "" })).toBe("lookup");
    expect(fieldKind({ ...status, interpretation: "LookupBitmask" })).toBe("lookupMulti");
    expect(fieldKind({ ...status, lookupName: null })).toBe("text");
  });
});
