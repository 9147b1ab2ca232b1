import { describe, expect, it } from "vitest";
import {
  applyTemplate,
  emptyForm,
  formFromSummary,
  isRetsVersion,
  isUnencrypted,
  toConnectionInput,
  validate,
} from "./connectionForm";

const filled = () => ({
  ...emptyForm(),
  name: " Coastal MLS ",
  loginUrl: "https://rets.example-mls.com/rets/login",
  username: "ana",
  password: "s3cret",
});

describe("validate", () => {
  it("asks for name, URL, user and password of a new connection", () => {
    expect(Object.keys(validate(emptyForm())).sort()).toEqual(["loginUrl", "name", "password", "username"]);
    expect(validate(filled())).toEqual({});
  });

  it("checks the URL and the UA password's user agent", () => {
    expect(validate({ ...filled(), loginUrl: "rets.example.com" }).loginUrl).toMatch(/not a URL/);
    expect(validate({ ...filled(), loginUrl: "ftp://x/login" }).loginUrl).toMatch(/http/);
    expect(validate({ ...filled(), uaPassword: "x" }).uaPassword).toMatch(/user agent/);
    expect(validate({ ...filled(), uaPassword: "x", userAgent: "Broker/1.0" })).toEqual({});
  });

  it("keeps the stored password when editing", () => {
    const edit = formFromSummary({
      id: "c1",
      name: "Coastal",
      kind: "rets",
      loginUrl: "https://a.b/login",
      username: "ana",
      userAgent: "Coastal/2.0",
      retsVersion: "RETS/1.8",
      usePost: true,
      vendorTemplate: "flexmls",
      allowInsecure: true,
      unencrypted: false,
    shared: null,
    });
    expect(validate(edit)).toEqual({});
    expect(edit.allowInsecure).toBe(true);
    expect(toConnectionInput(edit)).toMatchObject({
      id: "c1",
      password: null,
      uaPassword: null,
      userAgent: "Coastal/2.0",
      retsVersion: "RETS/1.8",
      usePost: true,
      vendorTemplate: "flexmls",
    });
  });

  it("falls back to the default version when the stored one is unknown", () => {
    const edit = formFromSummary({
      id: "c2",
      name: "Old",
      kind: "rets",
      loginUrl: "https://a.b/login",
      username: "ana",
      userAgent: null,
      retsVersion: "RETS/1.0",
      usePost: false,
      vendorTemplate: null,
      allowInsecure: false,
      unencrypted: false,
    shared: null,
    });
    expect(edit.retsVersion).toBe("RETS/1.7.2");
    expect(edit.userAgent).toBe("");
  });
});

describe("toConnectionInput", () => {
  it("trims and maps a new connection", () => {
    expect(toConnectionInput({ ...filled(), userAgent: " Broker/1.0 ", uaPassword: "ua" })).toEqual({
      id: null,
      name: "Coastal MLS",
      loginUrl: "https://rets.example-mls.com/rets/login",
      username: "ana",
      password: "s3cret",
      userAgent: "Broker/1.0",
      uaPassword: "ua",
      retsVersion: "RETS/1.7.2",
      usePost: false,
      vendorTemplate: null,
      allowInsecure: false,
    });
  });

  it("marks plain HTTP login URLs and refuses a URL password that contradicts the field", () => {
    expect(isUnencrypted(" HTTP://rets.example.com/login")).toBe(true);
    expect(isUnencrypted("https://rets.example.com/login")).toBe(false);
    const clash = validate({ ...filled(), loginUrl: "https://ana:other@rets.example.com/login" });
    expect(clash.loginUrl).toMatch(/different password/);
    expect(validate({ ...filled(), loginUrl: "https://ana:s3cret@rets.example.com/login" }).loginUrl).toBeUndefined();
  });

  it("removes the UA password only when asked while editing", () => {
    const edit = { ...filled(), id: "c1", password: "", removeUaPassword: true };
    expect(toConnectionInput(edit).uaPassword).toBe("");
    expect(toConnectionInput({ ...edit, uaPassword: "new" }).uaPassword).toBe("new");
  });
});

describe("applyTemplate", () => {
  it("fills version and method, and clears for no template", () => {
    const rapattoni = applyTemplate(filled(), "rapattoni");
    expect(rapattoni).toMatchObject({ vendorTemplate: "rapattoni", retsVersion: "RETS/1.7.2", usePost: true });
    expect(applyTemplate(rapattoni, "interealty").retsVersion).toBe("RETS/1.5");
    expect(applyTemplate(rapattoni, null)).toMatchObject({ vendorTemplate: null, usePost: true });
  });

  it("recognises versions", () => {
    expect(isRetsVersion("RETS/1.8")).toBe(true);
    expect(isRetsVersion("1.8")).toBe(false);
  });
});
