// Sharing my connections: pick a connection, tick the members who may use it
// (compare the key fingerprints with them first), save. Removing someone
// makes a new key, so their old copy opens nothing new.
import { useEffect, useState } from "react";
import type { ConnectionSummary } from "../../bindings/ConnectionSummary";
import type { SharedAccess } from "../../bindings/SharedAccess";
import { connectionsList } from "../../ipc/commands";
import { toCommandError } from "../../ipc/errors";
import { teamConnectionAccess, teamShare, teamUnshare } from "../../ipc/team";

/** Who may use each of my connections (test id `team-sharing`). */
export function ShareAccess() {
  const [mine, setMine] = useState<ConnectionSummary[]>([]);
  const [chosen, setChosen] = useState<string>("");
  const [access, setAccess] = useState<SharedAccess | null>(null);
  const [ticked, setTicked] = useState<Set<number>>(new Set());
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    connectionsList().then(
      (all) => { setMine(all.filter((c) => c.kind === "rets" && (c.shared === null || c.shared.mine))); },
      (e: unknown) => { setMessage(toCommandError(e).message); },
    );
  }, []);

  const show = (a: SharedAccess) => {
    setAccess(a);
    setTicked(new Set(a.members.filter((m) => m.hasAccess).map((m) => m.userId)));
  };

  const choose = (id: string) => {
    setChosen(id);
    setAccess(null);
    setMessage(null);
    if (id) teamConnectionAccess(id).then(show, (e: unknown) => { setMessage(toCommandError(e).message); });
  };

  const run = (work: Promise<SharedAccess | null>, done: string) => {
    setBusy(true);
    setMessage(null);
    work.then(
      (a) => {
        setBusy(false);
        if (a) show(a);
        else choose(chosen);
        setMessage(done);
      },
      (e: unknown) => {
        setBusy(false);
        setMessage(toCommandError(e).message);
      },
    );
  };

  const toggle = (id: number) => {
    const next = new Set(ticked);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setTicked(next);
  };

  return (
    <div data-testid="team-sharing">
      <h3>Share my connections</h3>
      {mine.length === 0 ? (
        <p className="hint">Save a connection to your MLS first; it can then be shared with members of the team.</p>
      ) : (
        <label className="form-field">
          <span>Connection</span>
          <select value={chosen} onChange={(e) => { choose(e.target.value); }} data-testid="team-share-connection">
            <option value="">Choose a connection…</option>
            {mine.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
                {c.shared ? " (shared)" : ""}
              </option>
            ))}
          </select>
        </label>
      )}
      {access && (
        <>
          <table className="team-table">
            <caption className="hint">
              {access.sharedId === null ? "Not shared yet." : `Shared; key version ${String(access.keyVersion)}.`} Compare
              fingerprints with each member before granting.
            </caption>
            <thead>
              <tr>
                <th scope="col">May use it</th>
                <th scope="col">Member</th>
                <th scope="col">Key fingerprint</th>
              </tr>
            </thead>
            <tbody>
              {access.members.map((m) => (
                <tr key={m.userId}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${m.email} may use it`}
                      checked={ticked.has(m.userId)}
                      onChange={() => { toggle(m.userId); }}
                    />
                  </td>
                  <td>{m.email}</td>
                  <td>
                    <code>{m.fingerprint}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="actions">
            <button
              type="button"
              className="button button-primary"
              disabled={busy}
              data-testid="team-share-save"
              onClick={() => { run(teamShare(chosen, [...ticked]), "Access saved."); }}
            >
              {access.sharedId === null ? "Share" : "Save access"}
            </button>
            {access.sharedId !== null && (
              <button
                type="button"
                className="button"
                disabled={busy}
                onClick={() => { run(teamUnshare(chosen).then(() => null), "No longer shared."); }}
              >
                Stop sharing
              </button>
            )}
          </div>
        </>
      )}
      {message && <p role="status">{message}</p>}
    </div>
  );
}
