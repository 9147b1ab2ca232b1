// Move up / move down / remove for a rule or group; plain buttons, so every
// reordering works from the keyboard.
import { useBuilder } from "./builderContext";

/** Props of `MoveButtons`. */
export interface MoveButtonsProps {
  id: string;
  /** What the node is called in labels ("rule 2", "group 1"). */
  name: string;
  position: number;
  count: number;
}

/** The node's reorder and remove buttons. */
export function MoveButtons({ id, name, position, count }: MoveButtonsProps) {
  const { dispatch } = useBuilder();
  return (
    <span className="row-actions">
      <button
        type="button"
        className="icon-button"
        aria-label={`Move ${name} up`}
        title="Move up"
        disabled={position === 1}
        onClick={() => { dispatch({ type: "move", id, delta: -1 }); }}
      >
        <span aria-hidden="true">↑</span>
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label={`Move ${name} down`}
        title="Move down"
        disabled={position === count}
        onClick={() => { dispatch({ type: "move", id, delta: 1 }); }}
      >
        <span aria-hidden="true">↓</span>
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label={`Remove ${name}`}
        title="Remove"
        onClick={() => { dispatch({ type: "remove", id }); }}
      >
        <span aria-hidden="true">✕</span>
      </button>
    </span>
  );
}
