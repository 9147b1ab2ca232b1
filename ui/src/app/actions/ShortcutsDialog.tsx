// The keyboard shortcuts help (Ctrl/Cmd+/ or ?): every registered action with
// a shortcut, by section, read from the same registry the keys run from.
import { useRef } from "react";
import { chordLabel } from "../shortcuts";
import { ACTION_GROUPS, type AppAction } from "./actions";
import { ModalDialog } from "../../shared/ModalDialog";

/** Props of `ShortcutsDialog`. */
export interface ShortcutsDialogProps {
  open: boolean;
  actions: readonly AppAction[];
  onClose: () => void;
}

/** Keys that work inside lists and dialogs (not actions of their own). */
const LOCAL_KEYS: ReadonlyArray<[string, string]> = [
  ["↑ ↓, Enter", "Move in the command palette and run the highlighted command"],
  ["Esc", "Close a dialog or the palette"],
  ["Tab, Shift+Tab", "Move between controls"],
];

/** The shortcuts help dialog. */
export function ShortcutsDialog({ open, actions, onClose }: ShortcutsDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);

  const seen = new Set<string>();
  const withKeys = actions.filter((action) => {
    if (!action.chords?.length || seen.has(action.id)) return false;
    seen.add(action.id);
    return true;
  });
  return (
    <ModalDialog
      open={open}
      dialogRef={ref}
      className="dialog dialog-wide"
      aria-labelledby="shortcuts-title"
      testId="shortcuts-dialog"
      onClose={onClose}
    >
      {/* Scrolls when the window is short: focusable so the keyboard can scroll it. */}
      <div className="dialog-content shortcuts-content" tabIndex={0} role="region" aria-labelledby="shortcuts-title">
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <p className="hint">Ctrl is ⌘ on macOS. Screen shortcuts work while that screen is shown.</p>
        {ACTION_GROUPS.map((group) => {
          const rows = withKeys.filter((action) => action.group === group);
          if (rows.length === 0) return null;
          return (
            <section key={group} aria-labelledby={`shortcuts-${group}`}>
              <h3 id={`shortcuts-${group}`}>{group}</h3>
              <table className="shortcuts-table">
                <tbody>
                  {rows.map((action) => (
                    <tr key={action.id} data-testid="shortcut-row">
                      <th scope="row">{action.title}</th>
                      <td>
                        {(action.chords ?? []).map((chord, i) => (
                          <span key={i}>
                            {i > 0 && " or "}
                            <kbd>{chordLabel(chord)}</kbd>
                          </span>
                        ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          );
        })}
        <section aria-labelledby="shortcuts-lists">
          <h3 id="shortcuts-lists">In lists and dialogs</h3>
          <table className="shortcuts-table">
            <tbody>
              {LOCAL_KEYS.map(([keys, what]) => (
                <tr key={keys}>
                  <th scope="row">{what}</th>
                  <td>
                    <kbd>{keys}</kbd>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
      <div className="dialog-actions">
        <button type="button" className="button primary" autoFocus onClick={() => ref.current?.close()}>
          Close
        </button>
      </div>
    </ModalDialog>
  );
}
