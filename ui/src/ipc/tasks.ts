// Long-running backend work (downloads, exports) streams `TaskEvent`s over a
// Tauri `Channel`. `startTask` hides the channel plumbing and the race between
// "cancel requested" and "job id known" behind a small handle.
import { Channel } from "@tauri-apps/api/core";
import type { CommandError } from "../bindings/CommandError";
import type { TaskEvent } from "../bindings/TaskEvent";
import { call, cancelTask, hasBackend, NO_BACKEND_CODE } from "./commands";
import { INTERNAL_ERROR_CODE, toCommandError } from "./errors";

/** The event that ends a job. */
export type TaskOutcome = Extract<TaskEvent, { kind: "finished" | "failed" | "cancelled" }>;

/** A running job. */
export interface TaskHandle<T = unknown> {
  /** Requests cancellation; waits for the job id if the job has not started yet. */
  cancel(): Promise<void>;
  /** Resolves with the final event (never rejects: failures become `failed`). */
  done: Promise<TaskOutcome>;
  /** The command's typed result for jobs that return one; null when it failed or was cancelled. */
  result: Promise<T | null>;
}

/** How long to wait for the final event after the command has returned. */
export const FINAL_EVENT_GRACE_MS = 1000;

function isOutcome(event: TaskEvent): event is TaskOutcome {
  return event.kind === "finished" || event.kind === "failed" || event.kind === "cancelled";
}

/**
 * Invokes `command` with `args` plus a channel argument named `onEvent`.
 * Every event is passed to `onEvent`; the handle's `done` settles with the
 * terminal event, or with a `failed` outcome when the command itself rejects.
 */
export function startTask<T = unknown>(
  command: string,
  args: Record<string, unknown>,
  onEvent: (event: TaskEvent) => void,
): TaskHandle<T> {
  if (!hasBackend()) {
    const error: CommandError = { code: NO_BACKEND_CODE, message: "The app backend is not available." };
    return { done: Promise.resolve({ kind: "failed", error }), result: Promise.resolve(null), cancel: () => Promise.resolve() };
  }
  let resolveResult: (value: T | null) => void = () => {};
  const result = new Promise<T | null>((resolve) => {
    resolveResult = resolve;
  });
  let taskId: string | null = null;
  let outcome: TaskOutcome | null = null;
  let resolveStarted: (id: string | null) => void = () => {};
  const started = new Promise<string | null>((resolve) => {
    resolveStarted = resolve;
  });
  let resolveDone: (value: TaskOutcome) => void = () => {};
  const done = new Promise<TaskOutcome>((resolve) => {
    resolveDone = resolve;
  });

  const finish = (result: TaskOutcome) => {
    if (outcome) return;
    outcome = result;
    resolveStarted(taskId);
    resolveDone(result);
  };

  const channel = new Channel<TaskEvent>((event) => {
    if (outcome) return;
    if (event.kind === "started") {
      taskId = event.taskId;
      resolveStarted(event.taskId);
    }
    onEvent(event);
    if (isOutcome(event)) finish(event);
  });

  call<T>(command, { ...args, onEvent: channel }).then(
    (value) => {
      resolveResult(value);
      if (outcome) return;
      // Channel messages may be delivered after the command's reply.
      setTimeout(() => {
        const error: CommandError = {
          code: INTERNAL_ERROR_CODE,
          message: `Job "${command}" ended without reporting a result`,
        };
        finish({ kind: "failed", error });
      }, FINAL_EVENT_GRACE_MS);
    },
    (error: unknown) => {
      resolveResult(null);
      finish({ kind: "failed", error: toCommandError(error) });
    },
  );

  return {
    done,
    result,
    async cancel() {
      const id = await started;
      if (id === null || outcome) return;
      await cancelTask(id);
    },
  };
}
