import type { Channel } from "@tauri-apps/api/core";
import { mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { TaskEvent } from "../bindings/TaskEvent";
import { FINAL_EVENT_GRACE_MS, startTask } from "./tasks";

interface TauriInternals {
  runCallback(id: number, data: unknown): void;
}

/** Sends events over a channel the way the Rust side does (indexed messages). */
function sender(channel: Channel<TaskEvent>) {
  let index = 0;
  const internals = (window as unknown as { __TAURI_INTERNALS__: TauriInternals }).__TAURI_INTERNALS__;
  return (message: TaskEvent) => { internals.runCallback(channel.id, { index: index++, message }); };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("startTask", () => {
  it("passes the channel as onEvent and streams events until finished", async () => {
    let received: Record<string, unknown> | undefined;
    mockIPC((cmd, args) => {
      if (cmd !== "download") throw new Error(`unexpected ${cmd}`);
      received = args as Record<string, unknown>;
      const send = sender(received.onEvent as Channel<TaskEvent>);
      send({ kind: "started", taskId: "j1" });
      send({ kind: "progress", phase: "download", done: 5, total: 10, message: "5 of 10" });
      send({ kind: "finished", summary: "10 records", warnings: [], notes: [] });
      return null;
    });
    const events: TaskEvent[] = [];
    const job = startTask("download", { resource: "Property" }, (e) => events.push(e));
    await expect(job.done).resolves.toEqual({ kind: "finished", summary: "10 records", warnings: [], notes: [] });
    expect(received?.resource).toBe("Property");
    expect(events.map((e) => e.kind)).toEqual(["started", "progress", "finished"]);
  });

  it("resolves failed when the command rejects", async () => {
    mockIPC(() => Promise.reject({ code: "login_failed", message: "401 Unauthorized" }));
    const job = startTask("download", {}, () => {});
    await expect(job.done).resolves.toEqual({
      kind: "failed",
      error: { code: "login_failed", message: "401 Unauthorized" },
    });
  });

  it("cancel waits for the job id, then calls cancel_task", async () => {
    const cancelled: unknown[] = [];
    let send: ((e: TaskEvent) => void) | undefined;
    let finishCommand: () => void = () => {};
    mockIPC((cmd, args) => {
      if (cmd === "cancel_task") {
        cancelled.push(args);
        send?.({ kind: "cancelled" });
        finishCommand();
        return null;
      }
      send = sender((args as Record<string, unknown>).onEvent as Channel<TaskEvent>);
      return new Promise<null>((resolve) => {
        finishCommand = () => { resolve(null); };
      });
    });
    const job = startTask("export", {}, () => {});
    const cancelling = job.cancel();
    await Promise.resolve();
    expect(cancelled).toEqual([]);
    send?.({ kind: "started", taskId: "j9" });
    await cancelling;
    expect(cancelled).toEqual([{ taskId: "j9" }]);
    await expect(job.done).resolves.toEqual({ kind: "cancelled" });
  });

  it("cancel after the job ended does nothing", async () => {
    const commands: string[] = [];
    mockIPC((cmd, args) => {
      commands.push(cmd);
      const send = sender((args as Record<string, unknown>).onEvent as Channel<TaskEvent>);
      send({ kind: "started", taskId: "j2" });
      send({ kind: "failed", error: { code: "timeout", message: "server did not answer" } });
      return null;
    });
    const job = startTask("download", {}, () => {});
    await job.done;
    await job.cancel();
    expect(commands).toEqual(["download"]);
  });

  it("reports a failure when the command returns without a final event", async () => {
    vi.useFakeTimers();
    mockIPC(() => null);
    const job = startTask("download", {}, () => {});
    await vi.advanceTimersByTimeAsync(FINAL_EVENT_GRACE_MS + 1);
    await expect(job.done).resolves.toMatchObject({ kind: "failed", error: { code: "internal" } });
  });

  it("fails cleanly outside the desktop app", async () => {
    delete (window as { __TAURI_INTERNALS__?: unknown }).__TAURI_INTERNALS__;
    const events: TaskEvent[] = [];
    const job = startTask("download", {}, (e) => events.push(e));
    await expect(job.done).resolves.toMatchObject({ kind: "failed", error: { code: "no_backend" } });
    await job.cancel();
    expect(events).toEqual([]);
  });
});
