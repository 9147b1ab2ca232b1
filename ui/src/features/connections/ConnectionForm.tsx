// "New connection" / "Edit" form: login details, user agent, RETS version and
// method, vendor templates that pre-fill sensible defaults, inline validation,
// save through `connection_save` and delete (with a confirmation step).
import { useId, useRef, useState, type ReactNode, type SyntheticEvent } from "react";
import type { CommandError } from "../../bindings/CommandError";
import type { ConnectionSummary } from "../../bindings/ConnectionSummary";
import { connectionDelete, connectionSave } from "../../ipc/commands";
import { toCommandError } from "../../ipc/errors";
import { PassphraseForm } from "../secrets/PassphraseForm";
import {
  applyTemplate,
  isRetsVersion,
  isUnencrypted,
  toConnectionInput,
  validate,
  type ConnectionFormValues,
  type FormErrors,
} from "./connectionForm";
import { findTemplate, RETS_VERSIONS, VENDOR_TEMPLATES } from "./vendorTemplates";

/** Shortest passphrase the backend accepts for a new encrypted password file. */
const MIN_PASSPHRASE_CHARS = 8;

/** Next step shown under an error, by code. */
function errorNextStep(error: CommandError): string {
  if (error.code === "keychain_unavailable") {
    return "Unlock or set up the system keychain (Keychain on macOS, Credential Manager on Windows, GNOME Keyring or KWallet on Linux), then save again — or keep passwords in an encrypted file instead (below).";
  }
  if (error.code === "secrets_locked") return "Unlock the encrypted password file below, then the connection is saved.";
  if (error.code === "invalid_argument") return "Correct the highlighted value, then save again.";
  return "Check the values and try again.";
}

/** Props of `ConnectionForm`. */
export interface ConnectionFormProps {
  initial: ConnectionFormValues;
  onSaved: (saved: ConnectionSummary) => void;
  onDeleted: (id: string) => void;
  onCancel: () => void;
}

type FieldName = keyof FormErrors;

/** The connection form (test ids `connection-form`, `connection-save`, `connection-delete`). */
export function ConnectionForm({ initial, onSaved, onDeleted, onCancel }: ConnectionFormProps) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FormErrors>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<CommandError | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const base = useId();
  const editing = values.id !== null;
  const template = findTemplate(values.vendorTemplate);

  const set = <K extends keyof ConnectionFormValues>(key: K, value: ConnectionFormValues[K]) => {
    setValues((prev) => ({ ...prev, [key]: value }));
  };

  const save = () => {
    setBusy(true);
    setFailure(null);
    connectionSave(toConnectionInput(values)).then(
      (saved) => {
        setBusy(false);
        onSaved(saved);
      },
      (error: unknown) => {
        setBusy(false);
        setFailure(toCommandError(error));
      },
    );
  };

  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = validate(values);
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) {
      formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    save();
  };

  const remove = () => {
    if (values.id === null) return;
    const id = values.id;
    setBusy(true);
    setFailure(null);
    connectionDelete(id).then(
      () => {
        setBusy(false);
        onDeleted(id);
      },
      (error: unknown) => {
        setBusy(false);
        setConfirmDelete(false);
        setFailure(toCommandError(error));
      },
    );
  };

  const field = (name: FieldName, label: string, input: (props: FieldProps) => ReactNode, help?: string) => {
    const id = `${base}-${name}`;
    const error = errors[name];
    const described = [help ? `${id}-help` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
    return (
      <div className="form-field">
        <label htmlFor={id} className="label-strong">
          {label}
        </label>
        {input({ id, name, "aria-invalid": error ? true : undefined, "aria-describedby": described || undefined })}
        {help && (
          <p id={`${id}-help`} className="hint">
            {help}
          </p>
        )}
        {error && (
          <p id={`${id}-error`} className="field-error">
            {error}
          </p>
        )}
      </div>
    );
  };

  return (
    <section className="panel connection-form" aria-labelledby={`${base}-title`}>
      <h2 id={`${base}-title`}>{editing ? `Edit ${initial.name}` : "New connection"}</h2>
      <form ref={formRef} data-testid="connection-form" noValidate onSubmit={submit}>
        <div className="form-field">
          <label htmlFor={`${base}-template`} className="label-strong">
            Vendor template
          </label>
          <select
            id={`${base}-template`}
            className="select"
            value={values.vendorTemplate ?? ""}
            aria-describedby={`${base}-template-help`}
            onChange={(event) => { setValues((prev) => applyTemplate(prev, event.target.value || null)); }}
          >
            <option value="">None (fill in by hand)</option>
            {VENDOR_TEMPLATES.map((t) => (
              <option key={t.id} value={t.id}>
                {t.label}
              </option>
            ))}
          </select>
          <p id={`${base}-template-help`} className="hint">
            {template
              ? `Defaults for ${template.label}; check your MLS's welcome letter. ${template.hint}`
              : "A template pre-fills the RETS version, method and user-agent hints of a vendor."}
          </p>
        </div>
        {field("name", "Name", (p) => (
          <input {...p} className="input" value={values.name} onChange={(e) => { set("name", e.target.value); }} />
        ))}
        {field("loginUrl", "Login URL", (p) => (
          <input
            {...p}
            className="input mono"
            type="url"
            placeholder="https://rets.example-mls.com/rets/login"
            value={values.loginUrl}
            onChange={(e) => { set("loginUrl", e.target.value); }}
          />
        ))}
        {field("username", "User name", (p) => (
          <input
            {...p}
            className="input"
            autoComplete="username"
            value={values.username}
            onChange={(e) => { set("username", e.target.value); }}
          />
        ))}
        {field(
          "password",
          "Password",
          (p) => (
            <input
              {...p}
              className="input"
              type="password"
              autoComplete={editing ? "current-password" : "new-password"}
              placeholder={editing ? "leave empty to keep" : undefined}
              value={values.password}
              onChange={(e) => { set("password", e.target.value); }}
            />
          ),
          editing ? "Leave empty to keep the stored password." : "Stored in the system keychain, never in a file.",
        )}
        <div className="form-field">
          <label htmlFor={`${base}-ua`} className="label-strong">
            User agent
          </label>
          <input
            id={`${base}-ua`}
            className="input mono"
            value={values.userAgent}
            placeholder="empty: the app's own"
            aria-describedby={`${base}-ua-help`}
            onChange={(e) => { set("userAgent", e.target.value); }}
          />
          <p id={`${base}-ua-help`} className="hint">
            {template?.needsUaPassword
              ? `${template.label} usually issues a user agent and UA password: copy both from the welcome letter.`
              : "Only needed when your MLS issued one."}
          </p>
        </div>
        {field(
          "uaPassword",
          "UA password",
          (p) => (
            <input
              {...p}
              className="input"
              type="password"
              autoComplete="off"
              placeholder={editing ? "leave empty to keep" : undefined}
              value={values.uaPassword}
              onChange={(e) => { set("uaPassword", e.target.value); }}
            />
          ),
          editing ? "Leave empty to keep the stored one." : undefined,
        )}
        {editing && (
          <label className="check">
            <input
              type="checkbox"
              checked={values.removeUaPassword}
              onChange={(e) => { set("removeUaPassword", e.target.checked); }}
            />
            Remove the stored UA password
          </label>
        )}
        <div className="form-row">
          <div className="form-field">
            <label htmlFor={`${base}-version`} className="label-strong">
              RETS version
            </label>
            <select
              id={`${base}-version`}
              className="select"
              value={values.retsVersion}
              onChange={(e) => {
                if (isRetsVersion(e.target.value)) set("retsVersion", e.target.value);
              }}
            >
              {RETS_VERSIONS.map((v) => (
                <option key={v} value={v}>
                  {v.replace("RETS/", "")}
                </option>
              ))}
            </select>
          </div>
          <fieldset className="radio-group">
            <legend className="label-strong">Method</legend>
            <label className="radio">
              <input
                type="radio"
                name={`${base}-method`}
                checked={!values.usePost}
                onChange={() => { set("usePost", false); }}
              />
              GET
            </label>
            <label className="radio">
              <input
                type="radio"
                name={`${base}-method`}
                checked={values.usePost}
                onChange={() => { set("usePost", true); }}
              />
              POST
            </label>
          </fieldset>
        </div>
        {isUnencrypted(values.loginUrl) && (
          <p className="hint" data-testid="unencrypted-warning">
            This login URL uses plain HTTP: the password and the listings travel unencrypted. Use https:// if your
            MLS offers it.
          </p>
        )}
        <label className="check">
          <input
            type="checkbox"
            data-testid="connection-allow-insecure"
            checked={values.allowInsecure}
            aria-describedby={`${base}-insecure-hint`}
            onChange={(e) => { set("allowInsecure", e.target.checked); }}
          />
          <span>Allow other hosts and plain HTTP</span>
        </label>
        <p className="hint" id={`${base}-insecure-hint`}>
          {values.allowInsecure
            ? "Warning: the server may now send your password to other hosts or over unencrypted HTTP. Keep this on only for a server you trust that needs it."
            : "Off: your password goes only to the login URL's host (and never from HTTPS down to HTTP), whatever the server's reply says."}
        </p>
        {failure && (
          <div className="error-box" role="alert">
            <p>
              <strong>{confirmDelete ? "Could not delete." : "Could not save."}</strong> {failure.message}
            </p>
            <p className="hint">{errorNextStep(failure)}</p>
          </div>
        )}
        <div className="actions">
          <button type="submit" className="button primary" data-testid="connection-save" disabled={busy}>
            {busy ? "Saving…" : editing ? "Save changes" : "Save connection"}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          {editing && !confirmDelete && (
            <button
              type="button"
              className="button danger"
              data-testid="connection-delete"
              onClick={() => { setConfirmDelete(true); }}
            >
              Delete…
            </button>
          )}
        </div>
        {confirmDelete && (
          <div className="callout" role="alertdialog" aria-labelledby={`${base}-confirm`}>
            <p id={`${base}-confirm`}>
              Delete <strong>{initial.name}</strong>? Its passwords are removed from the keychain; downloaded records
              stay on this computer.
            </p>
            <div className="actions">
              <button
                type="button"
                className="button danger"
                data-testid="connection-delete-confirm"
                disabled={busy}
                onClick={remove}
              >
                Yes, delete
              </button>
              <button type="button" className="button" onClick={() => { setConfirmDelete(false); }}>
                Keep it
              </button>
            </div>
          </div>
        )}
      </form>
      {failure && !confirmDelete && (failure.code === "keychain_unavailable" || failure.code === "secrets_locked") && (
        <div className="callout" data-testid="passphrase-offer">
          <h3>{failure.code === "secrets_locked" ? "Unlock the encrypted password file" : "Keep passwords in an encrypted file"}</h3>
          <p className="hint">
            {failure.code === "secrets_locked"
              ? "Passwords are kept in an encrypted file; give its passphrase to save this connection."
              : "This computer has no working keychain. The passwords can go into a file in the app's data folder, encrypted under a passphrase you choose; the app asks for it once per session."}
          </p>
          <PassphraseForm
            mode={failure.code === "secrets_locked" ? "unlock" : "create"}
            minChars={MIN_PASSPHRASE_CHARS}
            onDone={save}
          />
        </div>
      )}
    </section>
  );
}

interface FieldProps {
  id: string;
  name: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
}
