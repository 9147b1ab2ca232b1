import type { Channel } from "@tauri-apps/api/core";
import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import type { TaskEvent } from "../bindings/TaskEvent";
import type { StatsRequest } from "../bindings/StatsRequest";
import { analyticsCma, analyticsFields, analyticsForecast, analyticsStats, startValuation } from "./analyticsCommands";

interface TauriInternals {
  runCallback(id: number, data: unknown): void;
}

const target = { connectionId: "demo", resource: "Property", class: "Residential" };

describe("analytics commands", () => {
  it("send the target and the request under their command names", async () => {
    const calls: Array<[string, unknown]> = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return {};
    });
    const stats: StatsRequest = {
      by: "city",
      period: "month",
      from: null,
      to: null,
      by_type: false,
      selection: { filters: [["STATUS", "S"]], within: null },
    };
    await analyticsFields(target);
    await analyticsFields(target, { close_price: "SOLD_PRICE" });
    await analyticsStats(target, stats);
    await analyticsForecast(target, { by: "city", area: "KENT", metric: "median_close_price", horizon: 6, selection: { filters: [], within: null } });
    await analyticsCma(target, {
      subject: { by: "key", key: "10000002" },
      radius_mi: 1,
      months: 6,
      count: 6,
      remove: [],
      add: [],
      overrides: {},
    });
    expect(calls.map(([cmd]) => cmd)).toEqual([
      "analytics_fields",
      "analytics_fields",
      "analytics_stats",
      "analytics_forecast",
      "analytics_cma",
    ]);
    expect(calls.slice(0, 3).map(([, args]) => args)).toEqual([
      { target, mapping: null },
      { target, mapping: { close_price: "SOLD_PRICE" } },
      { target, request: stats },
    ]);
  });

  it("a valuation is a job whose result is the command's typed reply", async () => {
    const valuation = { estimates: [{ key: "10000002", estimate: 500000, low: 450000, high: 560000 }], evaluation: { n: 10 } };
    let received: Record<string, unknown> | undefined;
    mockIPC((cmd, args) => {
      if (cmd !== "analytics_valuation") throw new Error(`unexpected ${cmd}`);
      received = args as Record<string, unknown>;
      const channel = received.onEvent as Channel<TaskEvent>;
      const internals = (window as unknown as { __TAURI_INTERNALS__: TauriInternals }).__TAURI_INTERNALS__;
      internals.runCallback(channel.id, { index: 0, message: { kind: "started", taskId: "j9" } });
      internals.runCallback(channel.id, { index: 1, message: { kind: "finished", message: "1 estimate(s)" } });
      return valuation;
    });
    const events: TaskEvent[] = [];
    const job = startValuation(target, ["10000002"], false, (e) => events.push(e));
    await expect(job.result).resolves.toEqual(valuation);
    await expect(job.done).resolves.toEqual({ kind: "finished", message: "1 estimate(s)" });
    expect(received).toMatchObject({ target, keys: ["10000002"], onMarket: false });
    expect(events.map((e) => e.kind)).toEqual(["started", "finished"]);
  });

  it("a failed valuation resolves its result with null", async () => {
    mockIPC(() => Promise.reject({ code: "not_synced", message: "sync it first" }));
    const job = startValuation(target, [], false, () => {});
    await expect(job.result).resolves.toBeNull();
    await expect(job.done).resolves.toMatchObject({ kind: "failed", error: { code: "not_synced" } });
  });
});
