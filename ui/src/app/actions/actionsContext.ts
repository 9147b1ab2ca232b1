// The registry of app actions as React context: `useRegisterActions` adds a
// component's actions while it is mounted, `useActions` reads them all.
import { createContext, useContext, useEffect, useId } from "react";
import type { AppAction } from "./actions";

/** What `ActionsProvider` offers. */
export interface ActionsRegistry {
  actions: readonly AppAction[];
  register: (source: string, actions: readonly AppAction[]) => void;
  unregister: (source: string) => void;
  /** True while the command palette is open. */
  paletteOpen: boolean;
  /** Opens the command palette. */
  openPalette: () => void;
  /** Opens the keyboard shortcuts help. */
  openShortcuts: () => void;
}

/** Context filled by `ActionsProvider`. */
export const ActionsContext = createContext<ActionsRegistry | null>(null);

/** The registry; must be used inside `ActionsProvider`. */
export function useActions(): ActionsRegistry {
  const value = useContext(ActionsContext);
  if (!value) throw new Error("useActions must be used inside <ActionsProvider>");
  return value;
}

/**
 * Registers `actions` (memoise them) while the calling component is mounted.
 * Outside an `ActionsProvider` (a screen rendered alone in a test) it does nothing.
 */
export function useRegisterActions(actions: readonly AppAction[]): void {
  const registry = useContext(ActionsContext);
  const source = useId();
  const register = registry?.register;
  const unregister = registry?.unregister;
  useEffect(() => {
    register?.(source, actions);
  }, [register, source, actions]);
  useEffect(() => () => unregister?.(source), [unregister, source]);
}
