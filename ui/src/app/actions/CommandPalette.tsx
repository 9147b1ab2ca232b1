// The command palette (Ctrl/Cmd+K): a modal dialog holding a combobox that
// filters every registered action; Up/Down move, Enter runs, Esc closes.
// Options stay in the DOM focus-free: the input keeps focus and points at the
// active option with aria-activedescendant.
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { chordLabel } from "../shortcuts";
import { filterActions, type AppAction } from "./actions";
import { ModalDialog } from "../../shared/ModalDialog";

/** Props of `CommandPalette`. */
export interface CommandPaletteProps {
  open: boolean;
  actions: readonly AppAction[];
  onClose: () => void;
}

/** The palette dialog; renders nothing visible while closed. */
export function CommandPalette({ open, actions, onClose }: CommandPaletteProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const id = useId();
  const matches = useMemo(() => filterActions(actions, query), [actions, query]);
  const current = matches[Math.min(active, matches.length - 1)];

  useEffect(() => {
    if (!current) return;
    const option = list.current?.querySelector<HTMLElement>(`[data-action-id="${CSS.escape(current.id)}"]`);
    // jsdom has no scrollIntoView; browsers do.
    if (option && "scrollIntoView" in option) option.scrollIntoView({ block: "nearest" });
  }, [current]);

  const run = (action: AppAction | undefined) => {
    if (!action || action.disabledReason) return;
    ref.current?.close();
    action.run();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const count = matches.length;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (count === 0) return;
      const delta = event.key === "ArrowDown" ? 1 : -1;
      setActive((Math.min(active, count - 1) + delta + count) % count);
    } else if (event.key === "Home" && event.ctrlKey) {
      event.preventDefault();
      setActive(0);
    } else if (event.key === "End" && event.ctrlKey) {
      event.preventDefault();
      setActive(Math.max(0, count - 1));
    } else if (event.key === "Escape") {
      event.preventDefault();
      ref.current?.close();
    } else if (event.key === "Enter") {
      event.preventDefault();
      run(current);
    }
  };

  const optionId = (action: AppAction) => `${id}-${action.id}`;
  return (
    <ModalDialog
      open={open}
      dialogRef={ref}
      onOpen={() => {
        setQuery("");
        setActive(0);
      }}
      afterOpen={() => input.current?.focus()}
      className="dialog palette"
      aria-label="Command palette"
      testId="command-palette"
      onClose={onClose}
    >
      <div className="palette-body">
        <input
          ref={input}
          className="input palette-input"
          data-testid="palette-input"
          role="combobox"
          aria-label="Type a command"
          aria-expanded="true"
          aria-controls={`${id}-list`}
          aria-autocomplete="list"
          aria-activedescendant={current ? optionId(current) : undefined}
          placeholder="Type a command, a screen or a saved query…"
          autoComplete="off"
          spellCheck={false}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        <ul ref={list} id={`${id}-list`} className="palette-list" role="listbox" aria-label="Commands">
          {matches.map((action) => {
            const [chord] = action.chords ?? [];
            const selected = action === current;
            return (
              <li
                key={action.id}
                id={optionId(action)}
                role="option"
                className="palette-option"
                data-testid="palette-option"
                data-action-id={action.id}
                aria-selected={selected}
                aria-disabled={action.disabledReason ? true : undefined}
                onMouseMove={() => {
                  if (!selected) setActive(matches.indexOf(action));
                }}
                onClick={() => { run(action); }}
              >
                <span className="palette-group">{action.group}</span>
                <span className="palette-title">
                  {action.title}
                  {action.disabledReason && <span className="palette-reason"> — {action.disabledReason}</span>}
                </span>
                {chord && <kbd className="palette-kbd">{chordLabel(chord)}</kbd>}
              </li>
            );
          })}
        </ul>
        <p className="palette-status hint" role="status" data-testid="palette-status">
          {matches.length === 0 ? `No command matches “${query}”.` : `${matches.length} commands`}
        </p>
      </div>
    </ModalDialog>
  );
}
