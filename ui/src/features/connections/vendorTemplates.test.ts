import { describe, expect, it } from "vitest";
import { findTemplate, RETS_VERSIONS, VENDOR_TEMPLATES } from "./vendorTemplates";

describe("vendor templates", () => {
  it("covers the vendors and generic versions with unique ids", () => {
    expect(VENDOR_TEMPLATES.map((t) => t.label)).toEqual([
      "CoreLogic Matrix",
      "FlexMLS",
      "Rapattoni",
      "Paragon",
      "Interealty",
      "Generic RETS 1.5",
      "Generic RETS 1.7.2",
      "Generic RETS 1.8",
    ]);
    expect(new Set(VENDOR_TEMPLATES.map((t) => t.id)).size).toBe(VENDOR_TEMPLATES.length);
  });

  it("only uses offered versions and gives every template a hint", () => {
    for (const template of VENDOR_TEMPLATES) {
      expect(RETS_VERSIONS).toContain(template.retsVersion);
      expect(template.hint.length).toBeGreaterThan(10);
    }
  });

  it("generic templates match their version; lookups by id", () => {
    expect(findTemplate("generic-1.5")?.retsVersion).toBe("RETS/1.5");
    expect(findTemplate("generic-1.8")?.retsVersion).toBe("RETS/1.8");
    expect(findTemplate("rapattoni")?.usePost).toBe(true);
    expect(findTemplate("nope")).toBeUndefined();
    expect(findTemplate(null)).toBeUndefined();
  });
});
