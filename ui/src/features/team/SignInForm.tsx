// Signing in to a team server, or creating a team on it (the first admin).
import { type SyntheticEvent, useState } from "react";
import type { CommandError } from "../../bindings/CommandError";
import type { TeamStatus } from "../../bindings/TeamStatus";
import { toCommandError } from "../../ipc/errors";
import { teamSignIn, teamSignUp } from "../../ipc/team";

type SignInFormProps = { server: string | null; email: string | null; onDone: (status: TeamStatus) => void };

/** The signed-out view of Settings → Team (test id `team-sign-in`). */
export function SignInForm({ server, email, onDone }: SignInFormProps) {
  const [url, setUrl] = useState(server ?? "");
  const [address, setAddress] = useState(email ?? "");
  const [password, setPassword] = useState("");
  const [teamName, setTeamName] = useState("");
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<CommandError | null>(null);

  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    const done = creating ? teamSignUp(url, address, password, teamName) : teamSignIn(url, address, password);
    done.then(
      (status) => {
        setBusy(false);
        setPassword("");
        onDone(status);
      },
      (error: unknown) => {
        setBusy(false);
        setFailure(toCommandError(error));
      },
    );
  };

  return (
    <form className="team-form" data-testid="team-sign-in" onSubmit={submit}>
      <p className="hint">
        Optional: a team server shares connections (their passwords encrypted for each member), saved queries and
        templates. Everything else keeps working without it.
      </p>
      <label className="form-field">
        <span>Team server</span>
        <input
          type="url"
          required
          placeholder="https://team.example.com"
          value={url}
          onChange={(e) => { setUrl(e.target.value); }}
        />
      </label>
      <label className="form-field">
        <span>Email</span>
        <input type="email" required autoComplete="username" value={address} onChange={(e) => { setAddress(e.target.value); }} />
      </label>
      <label className="form-field">
        <span>Password</span>
        <input
          type="password"
          required
          autoComplete={creating ? "new-password" : "current-password"}
          value={password}
          onChange={(e) => { setPassword(e.target.value); }}
        />
      </label>
      {creating && (
        <label className="form-field">
          <span>Team name</span>
          <input required value={teamName} onChange={(e) => { setTeamName(e.target.value); }} />
        </label>
      )}
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy} data-testid="team-submit">
          {busy ? "Signing in…" : creating ? "Create the team" : "Sign in"}
        </button>
        <button type="button" className="button" onClick={() => { setCreating(!creating); }}>
          {creating ? "I have an account" : "Create a new team…"}
        </button>
      </div>
      {failure && (
        <div className="error-box" role="alert" data-testid="team-error">
          <p>{failure.message}</p>
        </div>
      )}
    </form>
  );
}
