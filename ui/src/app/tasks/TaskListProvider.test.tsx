import { act, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { TaskEvent } from "../../bindings/TaskEvent";
import type { TaskHandle, TaskOutcome } from "../../ipc/tasks";
import { TaskListProvider } from "./TaskListProvider";
import { useTaskList, type StartTask } from "./taskListContext";

function Probe({ start }: { start: StartTask }) {
  const { jobs, track, cancel } = useTaskList();
  return (
    <>
      <button
        type="button"
        onClick={() => {
          track(
            { kind: "export", path: "/tmp/land.csv", connectionId: "demo", connectionName: "", resource: "Property", className: "Land", query: null },
            start,
          );
        }}
      >
        start
      </button>
      {jobs.map((job) => (
        <p key={job.key} data-testid="entry" data-state={job.state}>
          {job.kind} {job.path} {job.message} {job.summary?.summary}
          <button type="button" onClick={() => { cancel(job.key); }}>
            cancel {job.key}
          </button>
        </p>
      ))}
    </>
  );
}

describe("TaskListProvider", () => {
  it("lists a task whoever starts it, follows its events and cancels it", async () => {
    let send: (event: TaskEvent) => void = () => {};
    let end: (outcome: TaskOutcome) => void = () => {};
    const cancelled = vi.fn(() => Promise.resolve());
    const start: StartTask = (onEvent) => {
      send = onEvent;
      const handle: TaskHandle = {
        cancel: cancelled,
        done: new Promise<TaskOutcome>((resolve) => { end = resolve; }),
        result: Promise.resolve(null),
      };
      return handle;
    };
    render(
      <TaskListProvider>
        <Probe start={start} />
      </TaskListProvider>,
    );
    act(() => { screen.getByText("start").click(); });
    expect(screen.getByTestId("entry")).toHaveTextContent("export /tmp/land.csv");
    act(() => { send({ kind: "progress", phase: "write", done: 5, total: 10, message: "Writing rows: 5 of 10" }); });
    expect(screen.getByTestId("entry")).toHaveTextContent("Writing rows: 5 of 10");
    act(() => { screen.getByText("cancel 1").click(); });
    expect(cancelled).toHaveBeenCalledTimes(1);
    await act(async () => {
      end({ kind: "finished", summary: "Wrote 10 rows.", warnings: [], notes: [] });
      await Promise.resolve();
    });
    expect(screen.getByTestId("entry")).toHaveAttribute("data-state", "finished");
    expect(screen.getByTestId("entry")).toHaveTextContent("Wrote 10 rows.");
  });
});
