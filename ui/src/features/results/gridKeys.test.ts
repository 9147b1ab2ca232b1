import { describe, expect, it } from "vitest";
import { cellText, moveCell } from "./gridKeys";

const size = { rows: 1_000_000, cols: 5, pageRows: 20 };

describe("moveCell", () => {
  it("moves with arrows and stops at the edges", () => {
    expect(moveCell({ row: 0, col: 0 }, "ArrowDown", false, size)).toEqual({ row: 1, col: 0 });
    expect(moveCell({ row: 0, col: 0 }, "ArrowUp", false, size)).toEqual({ row: 0, col: 0 });
    expect(moveCell({ row: 3, col: 4 }, "ArrowRight", false, size)).toEqual({ row: 3, col: 4 });
    expect(moveCell({ row: 3, col: 4 }, "ArrowLeft", false, size)).toEqual({ row: 3, col: 3 });
  });

  it("pages, and jumps with Home/End and Ctrl", () => {
    expect(moveCell({ row: 10, col: 2 }, "PageDown", false, size)).toEqual({ row: 30, col: 2 });
    expect(moveCell({ row: 10, col: 2 }, "PageUp", false, size)).toEqual({ row: 0, col: 2 });
    expect(moveCell({ row: 10, col: 2 }, "Home", false, size)).toEqual({ row: 10, col: 0 });
    expect(moveCell({ row: 10, col: 2 }, "End", true, size)).toEqual({ row: 999_999, col: 4 });
    expect(moveCell({ row: 10, col: 2 }, "Home", true, size)).toEqual({ row: 0, col: 0 });
  });

  it("ignores other keys and empty grids", () => {
    expect(moveCell({ row: 0, col: 0 }, "a", false, size)).toBeNull();
    expect(moveCell({ row: 0, col: 0 }, "ArrowDown", false, { rows: 0, cols: 3, pageRows: 1 })).toBeNull();
  });
});

describe("cellText", () => {
  it("formats values", () => {
    expect(cellText(null)).toBe("");
    expect(cellText(true)).toBe("Yes");
    expect(cellText(12.5)).toBe("12.5");
    expect(cellText("PSP")).toBe("PSP");
  });
});
