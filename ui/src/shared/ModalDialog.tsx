// Every dialog of the app is a native modal <dialog>: the browser traps focus,
// makes the rest of the page inert and closes it on Esc. This component holds
// the wiring they all need once: open/close following a prop, a hook to reset
// state before opening and to focus after, Esc that asks instead of closing
// (a running export), and `onClose` however the dialog closed.
import { useEffect, useRef, type DialogHTMLAttributes, type ReactNode, type RefObject } from "react";

/** Props of `ModalDialog`; other `<dialog>` attributes pass through. */
export interface ModalDialogProps
  extends Omit<DialogHTMLAttributes<HTMLDialogElement>, "open" | "onClose" | "onCancel" | "children"> {
  /** Shown as a modal while true. */
  open: boolean;
  /** The dialog closed: Esc, a button calling `close()`, or `open` turning false. */
  onClose: () => void;
  /** Runs just before the dialog opens (reset the form here). */
  onOpen?: () => void;
  /** Runs right after it opened (focus or select a field here). */
  afterOpen?: () => void;
  /** When given, Esc calls it and the dialog stays open; the caller decides. */
  onEscape?: () => void;
  /** The dialog element, for buttons that close it. */
  dialogRef?: RefObject<HTMLDialogElement | null>;
  /** `data-testid` of the dialog. */
  testId: string;
  children: ReactNode;
}

/** A native modal dialog that follows `open`. */
export function ModalDialog({
  open,
  onClose,
  onOpen,
  afterOpen,
  onEscape,
  dialogRef,
  testId,
  children,
  ...rest
}: ModalDialogProps) {
  const own = useRef<HTMLDialogElement>(null);
  const ref = dialogRef ?? own;
  // The latest callbacks, without reopening when a parent passes new ones.
  const hooks = useRef({ onOpen, afterOpen });
  useEffect(() => {
    hooks.current = { onOpen, afterOpen };
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      hooks.current.onOpen?.();
      dialog.showModal();
      hooks.current.afterOpen?.();
    }
    if (!open && dialog.open) dialog.close();
  }, [open, ref]);

  return (
    <dialog
      {...rest}
      ref={ref}
      data-testid={testId}
      onClose={onClose}
      onCancel={
        onEscape
          ? (event) => {
              event.preventDefault();
              onEscape();
            }
          : undefined
      }
    >
      {children}
    </dialog>
  );
}
