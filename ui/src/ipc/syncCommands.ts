// Downloads into the local replica: the `sync_start` job (progress over a
// channel, cancellable like every job) and the runs recorded so far.
import type { JobEvent } from "../bindings/JobEvent";
import type { QueryTarget } from "./commands";
import { startJob, type JobHandle } from "./jobs";

/** `sync_start`: downloads the class of `target` (only listings matching `query`, when given). */
export function syncStart(
  target: QueryTarget,
  query: string | null,
  onEvent: (event: JobEvent) => void,
): JobHandle {
  return startJob("sync_start", { ...target, query }, onEvent);
}
