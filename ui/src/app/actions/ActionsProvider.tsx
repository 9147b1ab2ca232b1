// Holds the registered actions and runs their shortcuts from one window
// keydown listener. Bare-key shortcuts (like "?") never fire while typing, and
// none fire while a modal dialog is open (the dialog owns the keyboard).
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { AreaId } from "../areas";
import { isTextEntry, matchesChord } from "../shortcuts";
import { ACTION_GROUPS, type AppAction } from "./actions";
import { ActionsContext, type ActionsRegistry } from "./actionsContext";
import { CommandPalette } from "./CommandPalette";
import { ShortcutsDialog } from "./ShortcutsDialog";

/** Props of `ActionsProvider`. */
export interface ActionsProviderProps {
  /** The area on screen (area-bound shortcuts work only there). */
  area: AreaId;
  children: ReactNode;
}

/** The actions registry, the command palette and the shortcuts help. */
export function ActionsProvider({ area, children }: ActionsProviderProps) {
  const [sources, setSources] = useState<ReadonlyMap<string, readonly AppAction[]>>(() => new Map());
  const [palette, setPalette] = useState(false);
  const [help, setHelp] = useState(false);

  const register = useCallback((source: string, list: readonly AppAction[]) => {
    setSources((prev) => new Map(prev).set(source, list));
  }, []);
  const unregister = useCallback((source: string) => {
    setSources((prev) => {
      if (!prev.has(source)) return prev;
      const next = new Map(prev);
      next.delete(source);
      return next;
    });
  }, []);
  const openPalette = useCallback(() => { setPalette(true); }, []);
  const openShortcuts = useCallback(() => { setHelp(true); }, []);

  const actions = useMemo(() => {
    const all = [...sources.values()].flat();
    return ACTION_GROUPS.flatMap((group) => all.filter((action) => action.group === group));
  }, [sources]);

  const current = useRef({ actions, area });
  useEffect(() => {
    current.current = { actions, area };
  }, [actions, area]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || document.querySelector("dialog[open]")) return;
      const { actions: list, area: shown } = current.current;
      const hit = list.find(
        (action) =>
          (action.area === undefined || action.area === shown) &&
          action.chords?.some((chord) => matchesChord(event, chord) && (chord.mod || !isTextEntry(event.target))),
      );
      if (!hit) return;
      event.preventDefault();
      if (!hit.disabledReason) hit.run();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => { window.removeEventListener("keydown", onKeyDown); };
  }, []);

  const value = useMemo<ActionsRegistry>(
    () => ({ actions, register, unregister, paletteOpen: palette, openPalette, openShortcuts }),
    [actions, register, unregister, palette, openPalette, openShortcuts],
  );
  return (
    <ActionsContext.Provider value={value}>
      {children}
      <CommandPalette open={palette} actions={actions} onClose={() => { setPalette(false); }} />
      <ShortcutsDialog open={help} actions={actions} onClose={() => { setHelp(false); }} />
    </ActionsContext.Provider>
  );
}
