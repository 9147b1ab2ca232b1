import { describe, expect, it } from "vitest";
import { isCommandError, toCommandError } from "./errors";

describe("toCommandError", () => {
  it("keeps a CommandError from Rust as is", () => {
    expect(toCommandError({ code: "not_found", message: "No such job" })).toEqual({
      code: "not_found",
      message: "No such job",
    });
  });

  it("drops extra fields of a CommandError", () => {
    expect(toCommandError({ code: "io", message: "disk full", extra: 1 })).toEqual({ code: "io", message: "disk full" });
  });

  it("wraps a string as internal", () => {
    expect(toCommandError("command app_info not found")).toEqual({
      code: "internal",
      message: "command app_info not found",
    });
  });

  it("wraps an Error as internal", () => {
    expect(toCommandError(new TypeError("x is undefined"))).toEqual({ code: "internal", message: "x is undefined" });
  });

  it("uses the message of an object without a code", () => {
    expect(toCommandError({ message: "boom" })).toEqual({ code: "internal", message: "boom" });
  });

  it("describes anything else", () => {
    expect(toCommandError(42)).toEqual({ code: "internal", message: "Unknown error: 42" });
    expect(toCommandError(undefined)).toEqual({ code: "internal", message: "Unknown error: undefined" });
    expect(toCommandError("")).toEqual({ code: "internal", message: "Unknown error" });
  });

  it("recognises only well-formed CommandErrors", () => {
    expect(isCommandError({ code: "a", message: "b" })).toBe(true);
    expect(isCommandError({ code: 1, message: "b" })).toBe(false);
    expect(isCommandError(null)).toBe(false);
  });
});
