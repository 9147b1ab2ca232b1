// Debounced validation (`query_check`, 300 ms after the last edit) and, when
// the query has no issues, the live count (`query_count`). Results are tagged
// with the request they answer, and replies to superseded requests are
// dropped, so a slow reply never shows for (or overwrites) newer text.
import { useEffect, useRef, useState } from "react";
import type { CommandError } from "../../bindings/CommandError";
import type { QueryCheck } from "../../bindings/QueryCheck";
import { queryCheck, queryCount } from "../../ipc/commands";
import type { ClassTarget } from "../../bindings/ClassTarget";
import { toCommandError } from "../../ipc/errors";

/** Wait after the last keystroke before checking. */
export const CHECK_DEBOUNCE_MS = 300;

/** State of the validation. */
export type CheckState =
  | { status: "idle" }
  | { status: "checking" }
  | { status: "done"; result: QueryCheck }
  | { status: "error"; error: CommandError };

/** State of the live count. */
export type CountState =
  | { status: "idle" }
  | { status: "counting" }
  | { status: "done"; count: number }
  | { status: "error"; error: CommandError };

interface Tagged<T> {
  key: string;
  state: T;
}

/** Checks `text` against `target` and counts its matches; `retry` repeats both. */
export function useQueryCheck(target: ClassTarget | null, text: string) {
  const [attempt, setAttempt] = useState(0);
  const [check, setCheck] = useState<Tagged<CheckState> | null>(null);
  const [count, setCount] = useState<Tagged<CountState> | null>(null);
  const active = target !== null && text.trim() !== "";
  const key = JSON.stringify([target, text, attempt]);
  const latest = useRef(key);

  useEffect(() => {
    latest.current = key;
    if (!active) return;
    const current = () => latest.current === key;
    const timer = setTimeout(() => {
      queryCheck(target, text).then(
        (result) => {
          if (!current()) return;
          setCheck({ key, state: { status: "done", result } });
          if (result.issues.length > 0) return;
          queryCount(target, text).then(
            (n) => {
              if (current()) setCount({ key, state: { status: "done", count: n } });
            },
            (error: unknown) => {
              if (current()) setCount({ key, state: { status: "error", error: toCommandError(error) } });
            },
          );
        },
        (error: unknown) => {
          if (current()) setCheck({ key, state: { status: "error", error: toCommandError(error) } });
        },
      );
    }, CHECK_DEBOUNCE_MS);
    return () => { clearTimeout(timer); };
    // `key` captures target, text and attempt.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, active]);

  const checkState: CheckState = !active ? { status: "idle" } : check?.key === key ? check.state : { status: "checking" };
  let countState: CountState = { status: "idle" };
  if (checkState.status === "done" && checkState.result.issues.length === 0) {
    countState = count?.key === key ? count.state : { status: "counting" };
  }
  return { check: checkState, count: countState, retry: () => { setAttempt((n) => n + 1); } };
}
