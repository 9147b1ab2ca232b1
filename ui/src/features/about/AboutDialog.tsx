// The About box as a native modal <dialog>: the browser traps focus, makes
// the rest of the page inert and closes it on Esc.
import { useRef } from "react";
import { useAppInfo } from "../../app/appInfo/appInfoContext";
import { Logo } from "../../app/Logo";
import { ModalDialog } from "../../shared/ModalDialog";

/** Props of `AboutDialog`. */
export interface AboutDialogProps {
  open: boolean;
  onClose: () => void;
}

/** Name, version, protocol support and licence of the app. */
export function AboutDialog({ open, onClose }: AboutDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const { state } = useAppInfo();

  const name = state.status === "ready" ? state.info.name : "RETS Data Portal";
  const version =
    state.status === "ready" ? state.info.version : state.status === "loading" ? "loading…" : "unavailable";

  return (
    <ModalDialog
      open={open}
      dialogRef={ref}
      className="dialog"
      aria-labelledby="about-title"
      onClose={onClose}
      testId="about-dialog"
    >
      <div className="dialog-body">
        <Logo size={48} />
        <h2 id="about-title">About {name}</h2>
        <dl className="facts compact">
          <div className="facts-row">
            <dt>Version</dt>
            <dd data-testid="about-version">{version}</dd>
          </div>
          <div className="facts-row">
            <dt>Protocol</dt>
            <dd>RETS 1.5–1.8 client</dd>
          </div>
          <div className="facts-row">
            <dt>Licence</dt>
            <dd>MIT</dd>
          </div>
        </dl>
      </div>
      <div className="dialog-actions">
        <button type="button" className="button primary" autoFocus onClick={() => ref.current?.close()}>
          Close
        </button>
      </div>
    </ModalDialog>
  );
}
