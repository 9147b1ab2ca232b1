// Settings → Team: sign in to a team server (optional), who I am, my role and
// limits, syncing, conflicts, sharing my connections, and the admin's screens.
import { useCallback, useEffect, useState } from "react";
import type { CommandError } from "../../bindings/CommandError";
import type { TeamStatus } from "../../bindings/TeamStatus";
import { toCommandError } from "../../ipc/errors";
import { teamSignOut, teamStatus, teamSync } from "../../ipc/team";
import { SignInForm } from "./SignInForm";
import { ShareAccess } from "./ShareAccess";
import { TeamAdmin } from "./TeamAdmin";
import { TeamConflicts } from "./TeamConflicts";

const limit = (n: number | null, unit: string) => (n === null ? `no limit on ${unit}` : `${n.toLocaleString()} ${unit}`);

/** The Team section of Settings (test id `team-settings`). */
export function TeamSettings() {
  const [status, setStatus] = useState<TeamStatus | null>(null);
  const [failure, setFailure] = useState<CommandError | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Bumped after a sync so the lists below reload.
  const [round, setRound] = useState(0);

  const refresh = useCallback(() => {
    teamStatus().then(setStatus, (e: unknown) => { setFailure(toCommandError(e)); });
  }, []);
  useEffect(refresh, [refresh]);

  const sync = () => {
    setBusy(true);
    setFailure(null);
    teamSync().then(
      (r) => {
        setBusy(false);
        const locked = r.locked.length > 0 ? ` Waiting for access: ${r.locked.join(", ")}.` : "";
        setNote(
          `${r.connections} shared connections, ${r.items} templates and saved queries; ${r.pushed} changes sent.${locked}`,
        );
        setRound(round + 1);
        refresh();
      },
      (e: unknown) => {
        setBusy(false);
        setFailure(toCommandError(e));
      },
    );
  };

  const signOut = () => {
    setBusy(true);
    teamSignOut().then(
      (s) => {
        setBusy(false);
        setNote(null);
        setStatus(s);
      },
      (e: unknown) => {
        setBusy(false);
        setFailure(toCommandError(e));
      },
    );
  };

  const role = status?.role ?? null;
  return (
    <section className="panel" aria-labelledby="team-title" data-testid="team-settings">
      <h2 id="team-title">Team</h2>
      {status === null && !failure && <p role="status">Reading the team account…</p>}
      {status && !status.signedIn && (
        <SignInForm
          server={status.server}
          email={status.email}
          onDone={(s) => {
            setStatus(s);
            setRound(round + 1);
          }}
        />
      )}
      {status?.signedIn && (
        <>
          <p data-testid="team-who">
            Signed in to <strong>{status.teamName ?? "the team"}</strong> at {status.server} as {status.email}
            {role && <> ({role})</>}.
          </p>
          {status.limits && (
            <p className="hint" data-testid="team-limits-mine">
              Queries on shared connections: {limit(status.limits.rowsPerQuery, "rows per query")},{" "}
              {limit(status.limits.queriesPerDay, "queries per day")},{" "}
              {status.limits.classes.length === 0 ? "every class" : `only ${status.limits.classes.join(", ")}`}.
            </p>
          )}
          <p className="hint">
            My key fingerprint: <code data-testid="team-fingerprint">{status.fingerprint ?? "none"}</code> — tell it to
            whoever grants you access. Last sync: {status.syncedAt ?? "never"}.
          </p>
          <div className="actions">
            <button type="button" className="button" disabled={busy} onClick={sync} data-testid="team-sync">
              {busy ? "Syncing…" : "Sync now"}
            </button>
            <button type="button" className="button" disabled={busy} onClick={signOut} data-testid="team-sign-out">
              Sign out
            </button>
          </div>
          {note && <p role="status">{note}</p>}
          {status.conflicts > 0 && <TeamConflicts key={`c${round}`} onResolved={refresh} />}
          {(role === "admin" || role === "power") && <ShareAccess key={`s${round}`} />}
          {role === "admin" && <TeamAdmin key={`a${round}`} />}
        </>
      )}
      {failure && (
        <div className="error-box" role="alert">
          <p>{failure.message}</p>
        </div>
      )}
    </section>
  );
}
