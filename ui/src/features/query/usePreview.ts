// Runs `query_preview` on request and keeps the latest outcome; a newer run
// supersedes an older one still in flight.
import { useCallback, useRef, useState } from "react";
import type { CommandError } from "../../bindings/CommandError";
import type { Preview } from "../../bindings/Preview";
import { queryPreview } from "../../ipc/commands";
import type { ClassTarget } from "../../bindings/ClassTarget";
import { toCommandError } from "../../ipc/errors";

/** State of the preview. */
export type PreviewState =
  | { status: "idle" }
  | { status: "running" }
  | { status: "done"; preview: Preview }
  | { status: "error"; error: CommandError };

/** Preview state plus `run` and `clear`. */
export function usePreview() {
  const [state, setState] = useState<PreviewState>({ status: "idle" });
  const latest = useRef(0);

  const run = useCallback((target: ClassTarget, query: string, select: string[], limit: number) => {
    const request = ++latest.current;
    setState({ status: "running" });
    queryPreview(target, query, select, limit).then(
      (preview) => {
        if (latest.current === request) setState({ status: "done", preview });
      },
      (error: unknown) => {
        if (latest.current === request) setState({ status: "error", error: toCommandError(error) });
      },
    );
  }, []);

  const clear = useCallback(() => {
    latest.current += 1;
    setState({ status: "idle" });
  }, []);

  return { state, run, clear };
}
