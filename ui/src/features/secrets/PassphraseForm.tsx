// Asks for the passphrase of the encrypted password file: a new one (typed
// twice) when the user opts in to the file, or the existing one to unlock it.
import { useId, useState, type SyntheticEvent } from "react";
import type { CommandError } from "../../bindings/CommandError";
import type { PasswordStorage } from "../../bindings/PasswordStorage";
import { secretsUnlock, secretsUseFile } from "../../ipc/commands";
import { toCommandError } from "../../ipc/errors";
import { passphraseProblem } from "./passphrase";

/** Props of `PassphraseForm`. */
export interface PassphraseFormProps {
  /** `create` opts in to a new encrypted file; `unlock` opens the existing one. */
  mode: "create" | "unlock";
  /** Shortest passphrase accepted for a new file. */
  minChars: number;
  onDone: (storage: PasswordStorage) => void;
  onCancel?: () => void;
}

/** Passphrase form (test ids `passphrase-form`, `passphrase-input`, `passphrase-confirm`, `passphrase-submit`). */
export function PassphraseForm({ mode, minChars, onDone, onCancel }: PassphraseFormProps) {
  const base = useId();
  const [passphrase, setPassphrase] = useState("");
  const [confirm, setConfirm] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [failure, setFailure] = useState<CommandError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = mode === "create" ? passphraseProblem(passphrase, confirm, minChars) : null;
    setProblem(found);
    if (found) return;
    setBusy(true);
    setFailure(null);
    (mode === "create" ? secretsUseFile(passphrase) : secretsUnlock(passphrase)).then(
      (storage) => {
        setBusy(false);
        setPassphrase("");
        setConfirm("");
        onDone(storage);
      },
      (error: unknown) => {
        setBusy(false);
        setFailure(toCommandError(error));
      },
    );
  };

  const describedBy = [`${base}-help`, problem ? `${base}-problem` : ""].filter(Boolean).join(" ");
  return (
    <form className="passphrase-form" data-testid="passphrase-form" noValidate onSubmit={submit}>
      <div className="form-field">
        <label htmlFor={`${base}-pass`} className="label-strong">
          {mode === "create" ? "New passphrase" : "Passphrase"}
        </label>
        <input
          id={`${base}-pass`}
          className="input"
          type="password"
          autoComplete={mode === "create" ? "new-password" : "current-password"}
          data-testid="passphrase-input"
          value={passphrase}
          aria-invalid={problem ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => { setPassphrase(event.target.value); }}
        />
        <p id={`${base}-help`} className="hint">
          {mode === "create"
            ? `At least ${String(minChars)} characters. It cannot be recovered: without it the stored passwords must be entered again.`
            : "The passphrase you chose when you moved passwords into the encrypted file."}
        </p>
      </div>
      {mode === "create" && (
        <div className="form-field">
          <label htmlFor={`${base}-confirm`} className="label-strong">
            Repeat the passphrase
          </label>
          <input
            id={`${base}-confirm`}
            className="input"
            type="password"
            autoComplete="new-password"
            data-testid="passphrase-confirm"
            value={confirm}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${base}-problem` : undefined}
            onChange={(event) => { setConfirm(event.target.value); }}
          />
        </div>
      )}
      {problem && (
        <p id={`${base}-problem`} className="field-error">
          {problem}
        </p>
      )}
      {failure && (
        <div className="error-box" role="alert">
          <p>
            <strong>{mode === "create" ? "Could not create the file." : "Could not unlock."}</strong> {failure.message}
          </p>
          <p className="hint">
            {failure.code === "wrong_passphrase"
              ? "Check the passphrase (it is case-sensitive) and try again."
              : "Check that the data folder is writable, then try again."}
          </p>
        </div>
      )}
      <div className="actions">
        <button type="submit" className="button primary" data-testid="passphrase-submit" disabled={busy}>
          {busy ? "Working…" : mode === "create" ? "Use the encrypted file" : "Unlock"}
        </button>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
