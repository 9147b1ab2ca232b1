// Keyboard shortcuts for switching areas: Ctrl+1..8 (Cmd on macOS) and
// Ctrl/Cmd+, for Settings, with labels matching the platform convention.
import { useEffect } from "react";
import { AREAS, areaForDigit, type AreaId } from "./areas";

/** True on Apple platforms, where Cmd replaces Ctrl. */
export function isApplePlatform(): boolean {
  const platform = navigator.platform || navigator.userAgent;
  return /Mac|iPhone|iPad/i.test(platform);
}

/** Human label for the shortcut key `key` ("Ctrl+1" or "⌘1"). */
export function shortcutLabel(key: string): string {
  return isApplePlatform() ? `⌘${key}` : `Ctrl+${key}`;
}

function areaDigit(id: AreaId): string {
  return String(AREAS.findIndex((area) => area.id === id) + 1);
}

/** The shortcut label of area `id`. */
export function areaShortcut(id: AreaId): string {
  return shortcutLabel(areaDigit(id));
}

/** The `aria-keyshortcuts` value of area `id` (e.g. "Control+8 Control+,"). */
export function areaAriaShortcuts(id: AreaId): string {
  const modifier = isApplePlatform() ? "Meta" : "Control";
  const keys = [`${modifier}+${areaDigit(id)}`];
  if (id === "settings") keys.push(`${modifier}+,`);
  return keys.join(" ");
}

/** Maps a key event to the area it selects, or null (disabled areas included). */
export function areaForKeyEvent(event: KeyboardEvent): AreaId | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return null;
  if (event.key === ",") return "settings";
  const digit = /^Digit([1-9])$/.exec(event.code)?.[1] ?? (/^[1-9]$/.test(event.key) ? event.key : undefined);
  if (!digit) return null;
  return areaForDigit(Number(digit))?.id ?? null;
}

/** Listens for area shortcuts and calls `onSelect` for available areas only. */
export function useAreaShortcuts(onSelect: (id: AreaId) => void): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const id = areaForKeyEvent(event);
      if (!id) return;
      event.preventDefault();
      if (AREAS.find((area) => area.id === id)?.available) onSelect(id);
    };
    window.addEventListener("keydown", onKeyDown);
    return () => { window.removeEventListener("keydown", onKeyDown); };
  }, [onSelect]);
}
