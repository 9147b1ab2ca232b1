import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import { sampleAppInfo } from "../test/fixtures";
import { appInfo, cancelJob } from "./commands";

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

  it("cancelJob sends the job id", async () => {
    const calls: Array<[string, unknown]> = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return null;
    });
    await expect(cancelJob("job-7")).resolves.toBeUndefined();
    expect(calls).toEqual([["cancel_job", { jobId: "job-7" }]]);
  });
});
