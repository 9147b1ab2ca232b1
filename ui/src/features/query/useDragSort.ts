// Native HTML drag and drop for reordering rules and groups within their
// group (no library, nothing injected, so the strict CSP holds). The arrow
// buttons remain the keyboard way to do the same.
import type { DragEvent } from "react";
import { useBuilder } from "./builderContext";

const DROP_CLASS = "is-drop-target";

/** Props for the draggable handle and the droppable `<li>` of node `id` in group `parentId`. */
export function useDragSort(id: string, parentId: string) {
  const { dispatch, draggingRef } = useBuilder();
  const accepts = () => {
    const dragged = draggingRef.current;
    return dragged !== null && dragged.id !== id && dragged.parentId === parentId;
  };

  return {
    item: {
      onDragOver: (event: DragEvent<HTMLLIElement>) => {
        if (!accepts()) return;
        event.preventDefault();
        event.stopPropagation();
        event.dataTransfer.dropEffect = "move";
        event.currentTarget.classList.add(DROP_CLASS);
      },
      onDragLeave: (event: DragEvent<HTMLLIElement>) => {
        event.currentTarget.classList.remove(DROP_CLASS);
      },
      onDrop: (event: DragEvent<HTMLLIElement>) => {
        event.currentTarget.classList.remove(DROP_CLASS);
        const from = draggingRef.current;
        if (!from || !accepts()) return;
        event.preventDefault();
        event.stopPropagation();
        dispatch({ type: "moveTo", id: from.id, targetId: id });
      },
    },
    handle: {
      draggable: true,
      onDragStart: (event: DragEvent<HTMLElement>) => {
        event.stopPropagation();
        draggingRef.current = { id, parentId };
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", id);
        const item = event.currentTarget.closest("li");
        if (item) event.dataTransfer.setDragImage(item, 12, 12);
      },
      onDragEnd: () => {
        draggingRef.current = null;
      },
    },
  };
}
