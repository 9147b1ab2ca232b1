// Move up / move down / remove for a rule or group; plain buttons, so every
// reordering works from the keyboard. Focus follows the moved node, and after
// a removal it lands on the enclosing group's "Add rule" button.
import { useRef } from "react";
import { useBuilder } from "./builderContext";

/** Props of `MoveButtons`. */
export interface MoveButtonsProps {
  id: string;
  /** What the node is called in labels ("rule 2", "group 1"). */
  name: string;
  position: number;
  count: number;
}

/** Focuses `button`, or `fallback` when `button` is disabled, after React has re-rendered. */
function refocus(button: HTMLButtonElement | null, fallback: HTMLButtonElement | null) {
  requestAnimationFrame(() => {
    if (button && !button.disabled) button.focus();
    else fallback?.focus();
  });
}

/** The node's reorder and remove buttons. */
export function MoveButtons({ id, name, position, count }: MoveButtonsProps) {
  const { dispatch } = useBuilder();
  const up = useRef<HTMLButtonElement>(null);
  const down = useRef<HTMLButtonElement>(null);

  const remove = (button: HTMLButtonElement) => {
    // The node's <li> sits in its parent group's list; that group survives.
    const parentGroup = button.closest("li")?.parentElement?.closest(".rule-group");
    dispatch({ type: "remove", id });
    requestAnimationFrame(() => {
      parentGroup?.querySelector<HTMLButtonElement>(":scope > .group-actions > button")?.focus();
    });
  };

  return (
    <span className="row-actions">
      <button
        ref={up}
        type="button"
        className="icon-button"
        aria-label={`Move ${name} up`}
        title="Move up"
        disabled={position === 1}
        onClick={() => {
          dispatch({ type: "move", id, delta: -1 });
          refocus(up.current, down.current);
        }}
      >
        <span aria-hidden="true">↑</span>
      </button>
      <button
        ref={down}
        type="button"
        className="icon-button"
        aria-label={`Move ${name} down`}
        title="Move down"
        disabled={position === count}
        onClick={() => {
          dispatch({ type: "move", id, delta: 1 });
          refocus(down.current, up.current);
        }}
      >
        <span aria-hidden="true">↓</span>
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label={`Remove ${name}`}
        title="Remove"
        onClick={(event) => { remove(event.currentTarget); }}
      >
        <span aria-hidden="true">✕</span>
      </button>
    </span>
  );
}
