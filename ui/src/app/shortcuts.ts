// Keyboard shortcuts: one chord type for every shortcut in the app, its label
// and `aria-keyshortcuts` form, and matching against key events. The actions
// registry (app/actions) binds chords to actions; the command palette, the
// shortcuts help and the key handling all read that one registry. Areas:
// Ctrl+1..8 (Cmd on macOS) and Ctrl/Cmd+, for Settings.
import { AREAS, type AreaId } from "./areas";

/** A key combination. `mod` is Ctrl, or Cmd on Apple platforms. */
export interface KeyChord {
  /** `KeyboardEvent.key` (letters in lower case), e.g. "k", "Enter", "/", "?", "1". */
  key: string;
  mod?: boolean;
  shift?: boolean;
  alt?: boolean;
}

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
  const [first] = areaChords(id);
  return first ? chordLabel(first) : "";
}

/** The `aria-keyshortcuts` value of area `id` (e.g. "Control+8 Control+,"). */
export function areaAriaShortcuts(id: AreaId): string {
  return chordsAria(areaChords(id));
}

/** The chords of area `id`: Ctrl/Cmd+digit, and Ctrl/Cmd+, for Settings. */
export function areaChords(id: AreaId): KeyChord[] {
  const chords: KeyChord[] = [{ key: areaDigit(id), mod: true }];
  if (id === "settings") chords.push({ key: ",", mod: true });
  return chords;
}

/** Opens the command palette (also shown on the header's Commands button). */
export const PALETTE_CHORD: KeyChord = { key: "k", mod: true };

/** Query screen shortcuts (the registry binds them; buttons show them). */
export const QUERY_CHORDS = {
  preview: { key: "Enter", mod: true },
  count: { key: "Enter", mod: true, shift: true },
  save: { key: "s", mod: true },
  panel: { key: "h", mod: true, shift: true },
} as const satisfies Record<string, KeyChord>;

/** Results screen shortcuts. */
export const RESULTS_CHORDS = {
  export: { key: "e", mod: true },
} as const satisfies Record<string, KeyChord>;

const NAMED_KEYS: Record<string, string> = { Enter: "Enter", Escape: "Esc", ArrowUp: "↑", ArrowDown: "↓" };

/** Keys typed with Shift on common layouts, whose Shift state is not compared. */
function isSymbol(key: string): boolean {
  return key.length === 1 && !/[a-z0-9]/i.test(key);
}

/** Human label of `chord` ("Ctrl+Shift+K", or "⌘⇧K" on Apple platforms). */
export function chordLabel(chord: KeyChord): string {
  const key = NAMED_KEYS[chord.key] ?? chord.key.toUpperCase();
  if (isApplePlatform()) {
    return `${chord.mod ? "⌘" : ""}${chord.alt ? "⌥" : ""}${chord.shift ? "⇧" : ""}${key}`;
  }
  return [chord.mod && "Ctrl", chord.alt && "Alt", chord.shift && "Shift", key].filter(Boolean).join("+");
}

/** The `aria-keyshortcuts` value of `chords` ("Control+K Control+/"). */
export function chordsAria(chords: readonly KeyChord[]): string {
  const modifier = isApplePlatform() ? "Meta" : "Control";
  return chords
    .map((chord) =>
      [chord.mod && modifier, chord.alt && "Alt", chord.shift && "Shift", chord.key.length === 1 ? chord.key.toUpperCase() : chord.key]
        .filter(Boolean)
        .join("+"),
    )
    .join(" ");
}

/** True when `event` is `chord` (Ctrl and Cmd both count as `mod`). */
export function matchesChord(event: KeyboardEvent, chord: KeyChord): boolean {
  if ((event.ctrlKey || event.metaKey) !== (chord.mod ?? false)) return false;
  if (event.altKey !== (chord.alt ?? false)) return false;
  if (!isSymbol(chord.key) && event.shiftKey !== (chord.shift ?? false)) return false;
  if (/^[0-9]$/.test(chord.key)) return event.code === `Digit${chord.key}` || event.key === chord.key;
  return event.key.toLowerCase() === chord.key.toLowerCase();
}

/** True when `target` takes typed text (a bare-key shortcut must not fire there). */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) {
    return true;
  }
  if (!(target instanceof HTMLInputElement)) return false;
  return !["checkbox", "radio", "button", "submit", "reset", "range", "color", "file"].includes(target.type);
}
