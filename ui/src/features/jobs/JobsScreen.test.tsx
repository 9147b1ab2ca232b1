import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { Channel } from "@tauri-apps/api/core";
import { mockIPC } from "@tauri-apps/api/mocks";
import type { ReactElement } from "react";
import { describe, expect, it } from "vitest";
import type { TaskEvent } from "../../bindings/TaskEvent";
import type { SyncRun } from "../../bindings/SyncRun";
import type { SyncStatus } from "../../bindings/SyncStatus";
import { JobsTargetProvider } from "../../app/classTarget/JobsTargetProvider";
import { demoMetadata } from "../../test/metadataFixture";
import { renderWithProviders } from "../../test/renderWithProviders";
import { JobsScreen } from "./JobsScreen";

interface TauriInternals {
  runCallback(id: number, data: unknown): void;
}

function sender(channel: Channel<TaskEvent>) {
  let index = 0;
  const internals = (window as unknown as { __TAURI_INTERNALS__: TauriInternals }).__TAURI_INTERNALS__;
  return (message: TaskEvent) => { internals.runCallback(channel.id, { index: index++, message }); };
}

const run = (id: number, status: SyncStatus, records: number): SyncRun => ({
  id,
  kind: id === 1 ? "full" : "incremental",
  status,
  startedAt: "2026-11-27T08:00:00Z",
  finishedAt: status === "running" ? null : "2026-11-27T08:01:00Z",
  records,
  error: status === "failed" ? "HTTP 500" : null,
});

type Send = (event: TaskEvent) => void;

function backend(onSync: (send: Send, args: Record<string, unknown>) => unknown) {
  const calls: Array<[string, Record<string, unknown>]> = [];
  let history: SyncRun[] = [run(1, "completed", 30000)];
  mockIPC((cmd, args) => {
    const a = (args ?? {}) as Record<string, unknown>;
    calls.push([cmd, a]);
    switch (cmd) {
      case "metadata_get":
        return demoMetadata;
      case "sync_history":
        return history;
      case "sync_start": {
        const result = onSync(sender(a.onEvent as Channel<TaskEvent>), a);
        history = [run(2, "completed", 120), ...history];
        return result;
      }
      default:
        throw new Error(`unexpected ${cmd}`);
    }
  });
  return calls;
}

const renderJobs = (ui: ReactElement = <JobsScreen />) => renderWithProviders(<JobsTargetProvider>{ui}</JobsTargetProvider>);

describe("Jobs", () => {
  it("downloads the picked class, shows progress then the summary, and refreshes the history", async () => {
    let send: Send = () => {};
    let finish: () => void = () => {};
    const calls = backend((s) => {
      send = s;
      return new Promise<null>((resolve) => { finish = () => { resolve(null); }; });
    });
    const user = userEvent.setup();
    renderJobs();
    await user.selectOptions(await screen.findByTestId("jobs-class"), "Land");
    expect(await screen.findAllByTestId("sync-history-row")).toHaveLength(1);
    await user.type(screen.getByLabelText("DMQL filter (optional)"), "(STATUS=|A)");
    await user.click(screen.getByTestId("jobs-start"));
    const card = await screen.findByTestId("job-card");
    expect(card).toHaveAttribute("data-state", "running");
    const start = calls.find(([cmd]) => cmd === "sync_start")?.[1];
    expect(start).toMatchObject({
      target: { connectionId: "demo", resource: "Property", class: "Land" },
      query: "(STATUS=|A)",
    });

    send({ kind: "started", taskId: "j1" });
    send({ kind: "progress", phase: "download", done: 60, total: 120, message: "Fetch: 60 of 120 records, 850/s, about 1s left" });
    expect(await within(card).findByText(/850\/s, about 1s left/)).toBeInTheDocument();
    expect(within(card).getByRole("progressbar", { name: "Download progress of Property / Land" })).toHaveAttribute(
      "value",
      "50",
    );
    send({ kind: "finished", summary: "120 records downloaded.", warnings: [], notes: ["Metadata changed since the last sync:", "field POOL added"] });
    finish();
    await screen.findByText(/field POOL added/);
    expect(screen.getByText("Details")).toBeInTheDocument();
    expect(card).toHaveAttribute("data-state", "finished");
    expect(within(card).queryByTestId("job-cancel")).not.toBeInTheDocument();
    // The history is reloaded after the job: wait for the new row, not just any row.
    await waitFor(() => {
      expect(screen.getAllByTestId("sync-history-row")).toHaveLength(2);
    });
  });

  it("cancels a running job through cancel_task", async () => {
    let send: Send = () => {};
    const cancelled: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "cancel_task") {
        cancelled.push(args);
        send({ kind: "cancelled" });
        return null;
      }
      if (cmd === "metadata_get") return demoMetadata;
      if (cmd === "sync_history") return [];
      if (cmd === "sync_start") {
        send = sender((args as { onEvent: Channel<TaskEvent> }).onEvent);
        send({ kind: "started", taskId: "j7" });
        return new Promise(() => {});
      }
      throw new Error(`unexpected ${cmd}`);
    });
    const user = userEvent.setup();
    renderJobs();
    await user.click(await screen.findByTestId("jobs-start"));
    await user.click(await screen.findByTestId("job-cancel"));
    await screen.findByText(/Cancelled after 0 records/);
    expect(cancelled).toEqual([{ taskId: "j7" }]);
    expect(screen.getByTestId("job-card")).toHaveAttribute("data-state", "cancelled");
  });

  it("shows a failure with its message and next step; several jobs are listed", async () => {
    let count = 0;
    backend((send) => {
      count += 1;
      send({ kind: "started", taskId: `j${String(count)}` });
      if (count === 1) send({ kind: "failed", error: { code: "http", message: "Server said 500" } });
      return count === 1 ? null : new Promise(() => {});
    });
    const user = userEvent.setup();
    renderJobs();
    await user.click(await screen.findByTestId("jobs-start"));
    await screen.findByText("Server said 500");
    expect(screen.getByRole("alert")).toHaveTextContent(/resumes where it stopped/);
    await user.click(screen.getByTestId("jobs-start"));
    const cards = await screen.findAllByTestId("job-card");
    expect(cards.map((c) => c.dataset.state)).toEqual(["running", "failed"]);
  });
});
