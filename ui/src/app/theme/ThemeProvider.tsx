// Owns the theme choice: persists it, applies it to <html>, and re-resolves
// "system" whenever the OS colour-scheme or contrast preference changes.
import { useCallback, useEffect, useLayoutEffect, useMemo, useState, type ReactNode } from "react";
import {
  applyTheme,
  DARK_QUERY,
  loadThemeChoice,
  MORE_CONTRAST_QUERY,
  resolveTheme,
  saveThemeChoice,
  type ResolvedTheme,
  type ThemeChoice,
} from "./theme";
import { ThemeContext, type ThemeState } from "./themeContext";

/** Provides `useTheme()` to the app. */
export function ThemeProvider({ children }: { children: ReactNode }) {
  const [choice, setChoiceState] = useState<ThemeChoice>(loadThemeChoice);
  const [systemTheme, setSystemTheme] = useState<ResolvedTheme>(() => resolveTheme("system"));

  useEffect(() => {
    if (typeof window.matchMedia !== "function") return;
    const queries = [window.matchMedia(DARK_QUERY), window.matchMedia(MORE_CONTRAST_QUERY)];
    const onChange = () => { setSystemTheme(resolveTheme("system")); };
    for (const query of queries) query.addEventListener("change", onChange);
    return () => {
      for (const query of queries) query.removeEventListener("change", onChange);
    };
  }, []);

  const resolved: ResolvedTheme = choice === "system" ? systemTheme : choice;

  // Layout effect: the attribute is set in the same task as the change event,
  // so nothing paints (or reads the DOM) with the old theme in between.
  useLayoutEffect(() => {
    applyTheme(resolved);
  }, [resolved]);

  const setChoice = useCallback((next: ThemeChoice) => {
    saveThemeChoice(next);
    setChoiceState(next);
  }, []);

  const value = useMemo<ThemeState>(() => ({ choice, resolved, setChoice }), [choice, resolved, setChoice]);
  return <ThemeContext.Provider value={value}>{children}</ThemeContext.Provider>;
}
