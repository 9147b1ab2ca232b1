// Fetches `app_info` on mount and again on retry; stale replies from an
// earlier attempt are dropped so a slow first call cannot overwrite a retry.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { appInfo } from "../../ipc/commands";
import { toCommandError } from "../../ipc/errors";
import { AppInfoContext, type AppInfoContextValue, type AppInfoState } from "./appInfoContext";

/** Provides `useAppInfo()` to the app. */
export function AppInfoProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AppInfoState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    const id = ++latest.current;
    appInfo().then(
      (info) => {
        if (latest.current === id) setState({ status: "ready", info });
      },
      (error: unknown) => {
        if (latest.current === id) setState({ status: "error", error: toCommandError(error) });
      },
    );
  }, [attempt]);

  const retry = useCallback(() => {
    setState({ status: "loading" });
    setAttempt((n) => n + 1);
  }, []);

  const value = useMemo<AppInfoContextValue>(() => ({ state, retry }), [state, retry]);
  return <AppInfoContext.Provider value={value}>{children}</AppInfoContext.Provider>;
}
