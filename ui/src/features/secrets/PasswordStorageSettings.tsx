// Settings → Passwords: where connection passwords are kept, and the explicit
// opt-in to (and back out of) the encrypted file when there is no keychain.
import { useCallback, useEffect, useState } from "react";
import type { CommandError } from "../../bindings/CommandError";
import type { PasswordStorage } from "../../bindings/PasswordStorage";
import { secretsStatus, secretsUseKeychain } from "../../ipc/commands";
import { toCommandError } from "../../ipc/errors";
import { PassphraseForm } from "./PassphraseForm";

type Load = { kind: "loading" } | { kind: "ready"; storage: PasswordStorage } | { kind: "failed"; error: CommandError };

/** The Passwords section of Settings (test id `password-storage`). */
export function PasswordStorageSettings() {
  const [load, setLoad] = useState<Load>({ kind: "loading" });
  const [asking, setAsking] = useState(false);
  const [failure, setFailure] = useState<CommandError | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(() => {
    secretsStatus().then(
      (storage) => { setLoad({ kind: "ready", storage }); },
      (error: unknown) => { setLoad({ kind: "failed", error: toCommandError(error) }); },
    );
  }, []);
  useEffect(refresh, [refresh]);

  const done = (storage: PasswordStorage) => {
    setAsking(false);
    setFailure(null);
    setLoad({ kind: "ready", storage });
  };

  const backToKeychain = () => {
    setBusy(true);
    setFailure(null);
    secretsUseKeychain().then(
      (storage) => {
        setBusy(false);
        done(storage);
      },
      (error: unknown) => {
        setBusy(false);
        setFailure(toCommandError(error));
      },
    );
  };

  return (
    <section className="panel" aria-labelledby="passwords-title" data-testid="password-storage">
      <h2 id="passwords-title">Passwords</h2>
      {load.kind === "loading" && <p role="status">Checking where passwords are kept…</p>}
      {load.kind === "failed" && (
        <div className="error-box" role="alert">
          <p>
            <strong>Could not read the password storage.</strong> {load.error.message}
          </p>
          <button type="button" className="button" onClick={refresh}>
            Retry
          </button>
        </div>
      )}
      {load.kind === "ready" && (
        <>
          <p data-testid="password-storage-status">
            {load.storage.backend === "keychain"
              ? "Connection passwords are kept in the system keychain."
              : load.storage.unlocked
                ? `Connection passwords are kept in an encrypted file: ${load.storage.vaultPath}`
                : `Connection passwords are kept in an encrypted file that is locked: ${load.storage.vaultPath}`}
          </p>
          {load.storage.backend === "keychain" && !asking && (
            <>
              <p className="hint">
                Only if this computer has no working keychain: keep them in a file encrypted under a passphrase you
                choose.
              </p>
              <button type="button" className="button" data-testid="use-encrypted-file" onClick={() => { setAsking(true); }}>
                Use an encrypted file instead…
              </button>
            </>
          )}
          {load.storage.backend === "keychain" && asking && (
            <PassphraseForm
              mode="create"
              minChars={load.storage.minPassphraseChars}
              onDone={done}
              onCancel={() => { setAsking(false); }}
            />
          )}
          {load.storage.backend === "encryptedFile" && !load.storage.unlocked && (
            <PassphraseForm mode="unlock" minChars={load.storage.minPassphraseChars} onDone={done} />
          )}
          {load.storage.backend === "encryptedFile" && load.storage.unlocked && (
            <div className="actions">
              <button type="button" className="button" data-testid="use-keychain" disabled={busy} onClick={backToKeychain}>
                {busy ? "Moving…" : "Move passwords back to the system keychain"}
              </button>
            </div>
          )}
          {failure && (
            <div className="error-box" role="alert">
              <p>
                <strong>Passwords stay in the encrypted file.</strong> {failure.message}
              </p>
              <p className="hint">Set up or unlock the system keychain, then try again.</p>
            </div>
          )}
        </>
      )}
    </section>
  );
}
