// Downloads into the local replica: the `sync_start` job (progress over a
// channel, cancellable like every job) and the runs recorded so far.
import type { TaskEvent } from "../bindings/TaskEvent";
import type { ClassTarget } from "../bindings/ClassTarget";
import { startTask, type TaskHandle } from "./tasks";

/** `sync_start`: downloads the class of `target` (only listings matching `query`, when given). */
export function syncStart(
  target: ClassTarget,
  query: string | null,
  onEvent: (event: TaskEvent) => void,
): TaskHandle {
  return startTask("sync_start", { target, query }, onEvent);
}
