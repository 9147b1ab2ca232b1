// React context carrying the theme state, shared by the header switch and the
// Settings radio group so both always show the same choice.
import { createContext, useContext } from "react";
import type { ResolvedTheme, ThemeChoice } from "./theme";

/** Theme state exposed to components. */
export interface ThemeState {
  choice: ThemeChoice;
  resolved: ResolvedTheme;
  setChoice: (choice: ThemeChoice) => void;
}

/** Context filled by `ThemeProvider`. */
export const ThemeContext = createContext<ThemeState | null>(null);

/** The current theme state; must be used inside `ThemeProvider`. */
export function useTheme(): ThemeState {
  const state = useContext(ThemeContext);
  if (!state) throw new Error("useTheme must be used inside <ThemeProvider>");
  return state;
}
