import { describe, expect, it } from "vitest";
import { isEnded, jobsReducer, nextStep, percent, type JobEntry, type JobSpec } from "./jobsState";

const spec = (key: number): JobSpec => ({
  key,
  kind: "download",
  path: null,
  connectionId: "demo",
  connectionName: "Demo MLS",
  resource: "Property",
  className: "Land",
  query: null,
});

describe("jobsReducer", () => {
  it("adds newest first, queued until an event arrives", () => {
    const jobs = jobsReducer(jobsReducer([], { type: "add", spec: spec(1) }), { type: "add", spec: spec(2) });
    expect(jobs.map((j) => j.key)).toEqual([2, 1]);
    expect(jobs[0]?.state).toBe("queued");
  });

  it("follows started → progress → finished and ignores later events", () => {
    let jobs: JobEntry[] = jobsReducer([], { type: "add", spec: spec(1) });
    jobs = jobsReducer(jobs, { type: "event", key: 1, event: { kind: "started", taskId: "j9" } });
    expect(jobs[0]).toMatchObject({ state: "running", taskId: "j9" });
    jobs = jobsReducer(jobs, { type: "event", key: 1, event: { kind: "progress", phase: "download", done: 5, total: 10, message: "5 of 10" } });
    expect(jobs[0]).toMatchObject({ done: 5, total: 10, message: "5 of 10" });
    jobs = jobsReducer(jobs, { type: "event", key: 1, event: { kind: "finished", summary: "10 records", warnings: ["2 skipped"], notes: [] } });
    jobs = jobsReducer(jobs, { type: "event", key: 1, event: { kind: "cancelled" } });
    expect(jobs[0]).toMatchObject({ state: "finished", summary: { summary: "10 records", warnings: ["2 skipped"], notes: [] } });
  });

  it("records failures and dismisses only ended jobs", () => {
    let jobs = jobsReducer(jobsReducer([], { type: "add", spec: spec(1) }), { type: "add", spec: spec(2) });
    jobs = jobsReducer(jobs, {
      type: "event",
      key: 1,
      event: { kind: "failed", error: { code: "export_io", message: "disk full" } },
    });
    expect(jobs[1]?.error).toEqual({ code: "export_io", message: "disk full" });
    jobs = jobsReducer(jobs, { type: "dismiss", key: 2 });
    jobs = jobsReducer(jobs, { type: "dismiss", key: 1 });
    expect(jobs.map((j) => j.key)).toEqual([2]);
  });

  it("marks a cancel request", () => {
    const jobs = jobsReducer(jobsReducer([], { type: "add", spec: spec(1) }), { type: "cancelRequested", key: 1 });
    expect(jobs[0]?.cancelRequested).toBe(true);
  });
});

describe("helpers", () => {
  it("percent needs a positive total and clamps", () => {
    expect(percent({ done: 1, total: null })).toBeNull();
    expect(percent({ done: 1, total: 0 })).toBeNull();
    expect(percent({ done: 1, total: 3 })).toBe(33);
    expect(percent({ done: 12, total: 10 })).toBe(100);
  });

  it("isEnded and nextStep", () => {
    expect(isEnded("running")).toBe(false);
    expect(isEnded("cancelled")).toBe(true);
    expect(nextStep({ code: "keychain_unavailable", message: "" })).toMatch(/keychain/);
    expect(nextStep({ code: "http", message: "" })).toMatch(/resumes/);
  });
});
