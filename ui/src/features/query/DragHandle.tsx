// The grip a rule or group is dragged by. Hidden from assistive technology:
// the Move up / Move down buttons are the accessible way to reorder.
import type { DragEvent } from "react";

/** Props of `DragHandle` (from `useDragSort().handle`). */
export interface DragHandleProps {
  draggable: boolean;
  onDragStart: (event: DragEvent<HTMLElement>) => void;
  onDragEnd: () => void;
}

/** A draggable grip. */
export function DragHandle(props: DragHandleProps) {
  return (
    <span className="drag-handle" aria-hidden="true" title="Drag to reorder" {...props}>
      ⠿
    </span>
  );
}
