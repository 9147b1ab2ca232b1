// The app's actions: everything the command palette lists, the shortcuts help
// shows and the keyboard runs. Screens and the shell register actions while
// mounted (see `useRegisterActions`), so all three read one registry.
import type { AreaId } from "../areas";
import type { KeyChord } from "../shortcuts";

/** Sections of the palette and the shortcuts help, in display order. */
export const ACTION_GROUPS = ["Navigate", "Query", "Connections", "Jobs", "Results", "App"] as const;

/** A section of the palette. */
export type ActionGroup = (typeof ACTION_GROUPS)[number];

/** One thing the user can do from the palette or a shortcut. */
export interface AppAction {
  /** Stable id, e.g. "query.save". */
  id: string;
  /** What the palette shows, e.g. "Save query…". */
  title: string;
  group: ActionGroup;
  /** Key combinations that run it; the first is the one shown. */
  chords?: readonly KeyChord[];
  /** Extra words the palette matches (synonyms). */
  keywords?: string;
  /** The shortcut works only while this area is shown (the palette runs it anywhere). */
  area?: AreaId;
  /** Why it cannot run now; the palette shows it and the shortcut does nothing. */
  disabledReason?: string;
  /** False keeps it out of the palette (e.g. "open the palette" itself). */
  inPalette?: boolean;
  run: () => void;
}

/** How well `query` matches `text`: null for no match, higher is better. */
export function fuzzyScore(query: string, text: string): number | null {
  const q = query.trim().toLowerCase();
  if (q === "") return 0;
  const t = text.toLowerCase();
  const at = t.indexOf(q);
  if (at >= 0) return 1000 - at * 2 - (t.length - q.length) / 100 + (at === 0 || t[at - 1] === " " ? 50 : 0);
  // Every query character in order; contiguous runs and word starts count more.
  let score = 0;
  let from = 0;
  let last = -2;
  for (const c of q) {
    if (c === " ") continue;
    const found = t.indexOf(c, from);
    if (found < 0) return null;
    score += found === last + 1 ? 8 : 1;
    if (found === 0 || t[found - 1] === " ") score += 6;
    last = found;
    from = found + 1;
  }
  return score;
}

/** The palette entries matching `query`, best first (registry order for ties). */
export function filterActions(actions: readonly AppAction[], query: string): AppAction[] {
  return actions
    .filter((action) => action.inPalette !== false)
    .map((action, index) => {
      const title = fuzzyScore(query, `${action.group} ${action.title}`);
      const words = action.keywords ? fuzzyScore(query, action.keywords) : null;
      const score = Math.max(title ?? -1, words === null ? -1 : words - 1);
      return { action, index, score };
    })
    .filter((entry) => entry.score >= 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((entry) => entry.action);
}
