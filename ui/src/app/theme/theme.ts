// Pure theme logic, kept apart from React so it can be applied before the
// first render (no flash of the wrong theme) and tested without a DOM tree.

/** What the user picked; "system" follows the OS preferences. */
export type ThemeChoice = "system" | "light" | "dark" | "high-contrast";
/** The theme actually applied as `data-theme` on `<html>`. */
export type ResolvedTheme = Exclude<ThemeChoice, "system">;

/** The choices in display order, with their labels. */
export const THEME_OPTIONS: ReadonlyArray<{ value: ThemeChoice; label: string }> = [
  { value: "system", label: "System" },
  { value: "light", label: "Light" },
  { value: "dark", label: "Dark" },
  { value: "high-contrast", label: "High contrast" },
];

/** localStorage key holding the persisted choice. */
export const THEME_STORAGE_KEY = "rets-data-portal.theme";

/** Media queries consulted for the "system" choice. */
export const DARK_QUERY = "(prefers-color-scheme: dark)";
export const MORE_CONTRAST_QUERY = "(prefers-contrast: more)";

/** True when `value` names one of the theme choices. */
export function isThemeChoice(value: unknown): value is ThemeChoice {
  return THEME_OPTIONS.some((option) => option.value === value);
}

/** Reads the persisted choice; "system" when nothing valid is stored. */
export function loadThemeChoice(): ThemeChoice {
  try {
    const stored = window.localStorage.getItem(THEME_STORAGE_KEY);
    return isThemeChoice(stored) ? stored : "system";
  } catch {
    return "system";
  }
}

/** Persists the choice; storage failures (private mode, quota) are ignored. */
export function saveThemeChoice(choice: ThemeChoice): void {
  try {
    window.localStorage.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    // The theme still applies for this session.
  }
}

function mediaMatches(query: string): boolean {
  return typeof window.matchMedia === "function" && window.matchMedia(query).matches;
}

/** Maps a choice to a concrete theme, asking the OS for "system". */
export function resolveTheme(choice: ThemeChoice): ResolvedTheme {
  if (choice !== "system") return choice;
  if (mediaMatches(MORE_CONTRAST_QUERY)) return "high-contrast";
  return mediaMatches(DARK_QUERY) ? "dark" : "light";
}

/** Sets `data-theme` on `<html>`. */
export function applyTheme(theme: ResolvedTheme): void {
  document.documentElement.dataset.theme = theme;
}
