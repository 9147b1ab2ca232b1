// The shell's own actions: go to each screen, the palette, the shortcuts help,
// theme and About, the Query/Connections/Jobs commands (sent to those screens
// as intents, so they work before the screen was ever opened), and one entry
// per saved query of the current connection while the palette is open.
import { useEffect, useMemo, useState } from "react";
import type { SavedQueryView } from "../../bindings/SavedQueryView";
import { savedQueriesList } from "../../ipc/commands";
import { AREAS, type AreaId } from "../areas";
import { useCurrentConnection } from "../connection/currentConnectionContext";
import { useSendIntent, type Intent } from "../intents/intentContext";
import { PALETTE_CHORD, QUERY_CHORDS, RESULTS_CHORDS, areaChords } from "../shortcuts";
import { useTheme } from "../theme/themeContext";
import type { ResolvedTheme } from "../theme/theme";
import type { AppAction } from "./actions";
import { useActions, useRegisterActions } from "./actionsContext";

const NEXT_THEME: Record<ResolvedTheme, ResolvedTheme> = {
  light: "dark",
  dark: "high-contrast",
  "high-contrast": "light",
};

/** What the shell's actions need from it. */
export interface ShellHandlers {
  /** Shows an area and moves focus to it (as a shortcut does). */
  go: (id: AreaId) => void;
  openAbout: () => void;
}

/** Registers the shell's actions; pass stable (memoised) handlers. */
export function useShellActions({ go, openAbout }: ShellHandlers): void {
  const { openPalette, openShortcuts, paletteOpen } = useActions();
  const { resolved, setChoice } = useTheme();
  const send = useSendIntent();
  const { current } = useCurrentConnection();
  const [saved, setSaved] = useState<SavedQueryView[]>([]);

  useEffect(() => {
    if (!paletteOpen) return;
    let live = true;
    savedQueriesList(current.id).then(
      (list) => {
        if (live) setSaved(list);
      },
      () => {
        // The palette still works without them; the Query panel shows the error.
        if (live) setSaved([]);
      },
    );
    return () => {
      live = false;
    };
  }, [paletteOpen, current.id]);

  const actions = useMemo<AppAction[]>(() => {
    const ask = (area: AreaId, intent: Intent) => () => {
      go(area);
      send(intent);
    };
    const list: AppAction[] = AREAS.filter((area) => area.available).map((area) => ({
      id: `go.${area.id}`,
      title: `Go to ${area.label}`,
      group: "Navigate",
      keywords: area.description,
      chords: areaChords(area.id),
      run: () => { go(area.id); },
    }));
    list.push(
      {
        id: "query.preview",
        title: "Run preview",
        group: "Query",
        keywords: "search rows records execute",
        chords: [QUERY_CHORDS.preview],
        area: "query",
        run: ask("query", { type: "query.preview" }),
      },
      {
        id: "query.count",
        title: "Run count",
        group: "Query",
        keywords: "count matching records",
        chords: [QUERY_CHORDS.count],
        area: "query",
        run: ask("query", { type: "query.count" }),
      },
      {
        id: "query.save",
        title: "Save query…",
        group: "Query",
        keywords: "saved name store",
        chords: [QUERY_CHORDS.save],
        area: "query",
        run: ask("query", { type: "query.save" }),
      },
      {
        id: "query.panel",
        title: "Show saved queries and history",
        group: "Query",
        keywords: "history recent past saved",
        chords: [QUERY_CHORDS.panel],
        area: "query",
        run: ask("query", { type: "query.panel" }),
      },
      ...saved.map<AppAction>((query) => ({
        id: `query.open.${String(query.id)}`,
        title: `Open saved query “${query.name}”`,
        group: "Query",
        keywords: `${query.name} ${query.resource} ${query.class}`,
        run: ask("query", {
          type: "query.load",
          query: {
            resource: query.resource,
            class: query.class,
            query: query.query,
            select: query.select,
            origin: `saved query “${query.name}”`,
          },
        }),
      })),
      {
        id: "connections.new",
        title: "New connection…",
        group: "Connections",
        keywords: "add server mls login",
        run: ask("connections", { type: "connections.new" }),
      },
      {
        id: "connections.test",
        title: "Test connection",
        group: "Connections",
        keywords: "diagnose check login",
        run: ask("connections", { type: "connections.test" }),
      },
      {
        id: "jobs.start",
        title: "Start download",
        group: "Jobs",
        keywords: "sync replica download class",
        chords: [{ key: "d", mod: true, shift: true }],
        area: "jobs",
        run: ask("jobs", { type: "jobs.start" }),
      },
      {
        id: "results.export",
        title: "Export…",
        group: "Results",
        keywords: "xlsx excel csv file save spreadsheet",
        chords: [RESULTS_CHORDS.export],
        area: "results",
        run: ask("results", { type: "results.export" }),
      },
      {
        id: "app.palette",
        title: "Command palette",
        group: "App",
        chords: [PALETTE_CHORD],
        inPalette: false,
        run: openPalette,
      },
      {
        id: "app.shortcuts",
        title: "Keyboard shortcuts",
        group: "App",
        keywords: "help keys",
        chords: [{ key: "/", mod: true }, { key: "?" }],
        run: openShortcuts,
      },
      {
        id: "app.theme",
        title: `Switch theme (now ${resolved === "high-contrast" ? "high contrast" : resolved})`,
        group: "App",
        keywords: "dark light high contrast appearance colours",
        chords: [{ key: "l", mod: true, shift: true }],
        run: () => { setChoice(NEXT_THEME[resolved]); },
      },
      {
        id: "app.about",
        title: "About RETS Data Portal",
        group: "App",
        keywords: "version licence",
        run: openAbout,
      },
    );
    return list;
  }, [go, send, saved, openPalette, openShortcuts, resolved, setChoice, openAbout]);

  useRegisterActions(actions);
}
