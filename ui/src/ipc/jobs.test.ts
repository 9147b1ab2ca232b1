import type { Channel } from "@tauri-apps/api/core";
import { mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { JobEvent } from "../bindings/JobEvent";
import { FINAL_EVENT_GRACE_MS, startJob } from "./jobs";

interface TauriInternals {
  runCallback(id: number, data: unknown): void;
}

/** Sends events over a channel the way the Rust side does (indexed messages). */
function sender(channel: Channel<JobEvent>) {
  let index = 0;
  const internals = (window as unknown as { __TAURI_INTERNALS__: TauriInternals }).__TAURI_INTERNALS__;
  return (message: JobEvent) => { internals.runCallback(channel.id, { index: index++, message }); };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("startJob", () => {
  it("passes the channel as onEvent and streams events until finished", async () => {
    let received: Record<string, unknown> | undefined;
    mockIPC((cmd, args) => {
      if (cmd !== "download") throw new Error(`unexpected ${cmd}`);
      received = args as Record<string, unknown>;
      const send = sender(received.onEvent as Channel<JobEvent>);
      send({ kind: "started", jobId: "j1" });
      send({ kind: "progress", done: 5, total: 10, message: "5 of 10" });
      send({ kind: "finished", message: "10 records" });
      return null;
    });
    const events: JobEvent[] = [];
    const job = startJob("download", { resource: "Property" }, (e) => events.push(e));
    await expect(job.done).resolves.toEqual({ kind: "finished", message: "10 records" });
    expect(received?.resource).toBe("Property");
    expect(events.map((e) => e.kind)).toEqual(["started", "progress", "finished"]);
  });

  it("resolves failed when the command rejects", async () => {
    mockIPC(() => Promise.reject({ code: "login_failed", message: "401 Unauthorized" }));
    const job = startJob("download", {}, () => {});
    await expect(job.done).resolves.toEqual({
      kind: "failed",
      error: { code: "login_failed", message: "401 Unauthorized" },
    });
  });

  it("cancel waits for the job id, then calls cancel_job", async () => {
    const cancelled: unknown[] = [];
    let send: ((e: JobEvent) => void) | undefined;
    let finishCommand: () => void = () => {};
    mockIPC((cmd, args) => {
      if (cmd === "cancel_job") {
        cancelled.push(args);
        send?.({ kind: "cancelled" });
        finishCommand();
        return null;
      }
      send = sender((args as Record<string, unknown>).onEvent as Channel<JobEvent>);
      return new Promise<null>((resolve) => {
        finishCommand = () => { resolve(null); };
      });
    });
    const job = startJob("export", {}, () => {});
    const cancelling = job.cancel();
    await Promise.resolve();
    expect(cancelled).toEqual([]);
    send?.({ kind: "started", jobId: "j9" });
    await cancelling;
    expect(cancelled).toEqual([{ jobId: "j9" }]);
    await expect(job.done).resolves.toEqual({ kind: "cancelled" });
  });

  it("cancel after the job ended does nothing", async () => {
    const commands: string[] = [];
    mockIPC((cmd, args) => {
      commands.push(cmd);
      const send = sender((args as Record<string, unknown>).onEvent as Channel<JobEvent>);
      send({ kind: "started", jobId: "j2" });
      send({ kind: "failed", error: { code: "timeout", message: "server did not answer" } });
      return null;
    });
    const job = startJob("download", {}, () => {});
    await job.done;
    await job.cancel();
    expect(commands).toEqual(["download"]);
  });

  it("reports a failure when the command returns without a final event", async () => {
    vi.useFakeTimers();
    mockIPC(() => null);
    const job = startJob("download", {}, () => {});
    await vi.advanceTimersByTimeAsync(FINAL_EVENT_GRACE_MS + 1);
    await expect(job.done).resolves.toMatchObject({ kind: "failed", error: { code: "internal" } });
  });

  it("fails cleanly outside the desktop app", async () => {
    delete (window as { __TAURI_INTERNALS__?: unknown }).__TAURI_INTERNALS__;
    const events: JobEvent[] = [];
    const job = startJob("download", {}, (e) => events.push(e));
    await expect(job.done).resolves.toMatchObject({ kind: "failed", error: { code: "no_backend" } });
    await job.cancel();
    expect(events).toEqual([]);
  });
});
