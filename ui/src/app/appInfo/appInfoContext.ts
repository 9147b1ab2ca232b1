// The installation facts from `app_info` are shown on Home, in Settings and
// in About; one provider fetches them once and shares the load state.
import { createContext, useContext } from "react";
import type { AppInfo } from "../../bindings/AppInfo";
import type { CommandError } from "../../bindings/CommandError";

/** Load state of `app_info`. */
export type AppInfoState =
  | { status: "loading" }
  | { status: "ready"; info: AppInfo }
  | { status: "error"; error: CommandError };

/** State plus a way to fetch again after an error. */
export interface AppInfoContextValue {
  state: AppInfoState;
  retry: () => void;
}

/** Context filled by `AppInfoProvider`. */
export const AppInfoContext = createContext<AppInfoContextValue | null>(null);

/** The shared `app_info` state; must be used inside `AppInfoProvider`. */
export function useAppInfo(): AppInfoContextValue {
  const value = useContext(AppInfoContext);
  if (!value) throw new Error("useAppInfo must be used inside <AppInfoProvider>");
  return value;
}
