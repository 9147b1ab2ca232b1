// A metadata load failure with its message and the two next steps: retry, or
// diagnose the connection on the Connections screen.
import { TestConnectionButton } from "../connections/TestConnectionButton";

/** Error box for a failed `metadata_get`. */
export function MetadataErrorBox({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <div className="error-box" role="alert">
      <p>
        <strong>Could not load the metadata.</strong> {message}
      </p>
      <p className="hint">If this keeps failing, run “Test connection” on the Connections screen.</p>
      <div className="actions">
        <button type="button" className="button" onClick={onRetry}>
          Retry
        </button>
        <TestConnectionButton />
      </div>
    </div>
  );
}
