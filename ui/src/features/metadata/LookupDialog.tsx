// The values of one lookup in a native modal <dialog> (Esc closes, focus
// returns to the lookup name that opened it).
import { useRef } from "react";
import type { LookupView } from "../../bindings/LookupView";
import { ModalDialog } from "../../shared/ModalDialog";

/** Shows `lookup`'s values while it is non-null; `onClose` clears it. */
export function LookupDialog({ lookup, onClose }: { lookup: LookupView | null; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);

  return (
    <ModalDialog
      open={lookup !== null}
      dialogRef={ref}
      className="dialog dialog-wide"
      aria-labelledby="lookup-title"
      onClose={onClose}
      testId="lookup-dialog"
    >
      <div className="dialog-content">
        <h2 id="lookup-title">
          Lookup {lookup?.name}
          {lookup && lookup.visibleName !== lookup.name ? ` — ${lookup.visibleName}` : ""}
        </h2>
        {lookup && lookup.values.length === 0 && <p className="hint">This lookup has no values.</p>}
        {lookup && lookup.values.length > 0 && (
          <div className="table-scroll lookup-scroll" tabIndex={0} role="region" aria-label={`Values of ${lookup.name}`}>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">Value</th>
                  <th scope="col">Long value</th>
                  <th scope="col">Short value</th>
                </tr>
              </thead>
              <tbody>
                {lookup.values.map((value) => (
                  <tr key={value.value} data-testid="lookup-value-row">
                    <td className="mono">{value.value}</td>
                    <td>{value.longValue}</td>
                    <td>{value.shortValue}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      <div className="dialog-actions">
        <button type="button" className="button primary" autoFocus onClick={() => ref.current?.close()}>
          Close
        </button>
      </div>
    </ModalDialog>
  );
}
