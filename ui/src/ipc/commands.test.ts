import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import { sampleAppInfo } from "../test/fixtures";
import { demoMetadata, sampleConnections } from "../test/metadataFixture";
import {
  appInfo,
  cancelTask,
  connectionsList,
  connectionTest,
  metadataGet,
  queryCheck,
  queryCount,
  queryPreview,
} from "./commands";

describe("commands", () => {
  it("appInfo invokes app_info without arguments", async () => {
    const calls: Array<[string, unknown]> = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return sampleAppInfo;
    });
    await expect(appInfo()).resolves.toEqual(sampleAppInfo);
    expect(calls).toEqual([["app_info", {}]]);
  });

  it("appInfo rejects with the backend's CommandError", async () => {
    mockIPC(() => {
      throw { code: "io", message: "cannot resolve data folder" };
    });
    await expect(appInfo()).rejects.toEqual({ code: "io", message: "cannot resolve data folder" });
  });

  it("appInfo normalises a plain string rejection", async () => {
    mockIPC(() => Promise.reject("Command app_info not found"));
    await expect(appInfo()).rejects.toEqual({ code: "internal", message: "Command app_info not found" });
  });

  it("rejects with no_backend outside the desktop app", async () => {
    // clearMocks() leaves an empty bridge object; remove it like a plain browser.
    delete (window as { __TAURI_INTERNALS__?: unknown }).__TAURI_INTERNALS__;
    await expect(appInfo()).rejects.toMatchObject({ code: "no_backend" });
  });

  it("cancelTask sends the job id", async () => {
    const calls: Array<[string, unknown]> = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return null;
    });
    await expect(cancelTask("job-7")).resolves.toBeUndefined();
    expect(calls).toEqual([["cancel_task", { taskId: "job-7" }]]);
  });

  it("connection, metadata and query wrappers send their command with camelCase arguments", async () => {
    const calls: Array<[string, unknown]> = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      switch (cmd) {
        case "connections_list":
          return sampleConnections;
        case "connection_test":
          return { steps: [] };
        case "metadata_get":
          return demoMetadata;
        case "query_check":
          return { issues: [], canonical: "(A=1)" };
        case "query_count":
          return 42;
        default:
          return { columns: ["A"], rows: [["1"]], total: 1 };
      }
    });
    const target = { connectionId: "demo", resource: "Property", class: "Residential" };
    await expect(connectionsList()).resolves.toEqual(sampleConnections);
    await expect(connectionTest("demo")).resolves.toEqual({ steps: [] });
    await expect(metadataGet("demo", true)).resolves.toEqual(demoMetadata);
    await expect(queryCheck(target, "(A=1)")).resolves.toEqual({ issues: [], canonical: "(A=1)" });
    await expect(queryCount(target, "(A=1)")).resolves.toBe(42);
    await expect(queryPreview(target, "(A=1)", ["A"], 50)).resolves.toMatchObject({ total: 1 });
    expect(calls).toEqual([
      ["connections_list", {}],
      ["connection_test", { connectionId: "demo" }],
      ["metadata_get", { connectionId: "demo", refresh: true }],
      ["query_check", { target, query: "(A=1)" }],
      ["query_count", { target, query: "(A=1)" }],
      ["query_preview", { target, query: "(A=1)", select: ["A"], limit: 50 }],
    ]);
  });

  it("query wrappers reject with the backend's CommandError", async () => {
    mockIPC(() => {
      throw { code: "invalid_argument", message: "A preview shows 1 to 1000 rows, not 0." };
    });
    const target = { connectionId: "demo", resource: "Property", class: "Residential" };
    await expect(queryPreview(target, "(A=1)", [], 0)).rejects.toEqual({
      code: "invalid_argument",
      message: "A preview shows 1 to 1000 rows, not 0.",
    });
  });
});
