// The tasks started in this window (downloads from Jobs, exports from Results),
// listed in one place so the Jobs screen shows them all, whoever started them.
import { createContext, useContext } from "react";
import type { TaskEvent } from "../../bindings/TaskEvent";
import type { JobEntry, JobSpec } from "../../features/jobs/jobsState";
import type { TaskHandle } from "../../ipc/tasks";

/** Starts a task: the caller's `start` gets the listing's event sink. */
export type StartTask = (onEvent: (event: TaskEvent) => void) => TaskHandle;

/** The window's task list. */
export interface TaskList {
  /** Newest first. */
  jobs: JobEntry[];
  /** Lists a task and starts it; its events update the entry until it ends. */
  track: (spec: Omit<JobSpec, "key">, start: StartTask) => TaskHandle;
  /** Asks the task of entry `key` to stop. */
  cancel: (key: number) => void;
  /** Removes an ended entry. */
  dismiss: (key: number) => void;
}

/** Outside a provider (a component test) tasks run unlisted. */
const UNLISTED: TaskList = {
  jobs: [],
  track: (_spec, start) => start(() => {}),
  cancel: () => {},
  dismiss: () => {},
};

export const TaskListContext = createContext<TaskList>(UNLISTED);

/** The window's task list. */
export function useTaskList(): TaskList {
  return useContext(TaskListContext);
}
