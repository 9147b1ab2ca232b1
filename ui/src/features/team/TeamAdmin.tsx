// The admin's screens: members and their roles, and each role's query limits.
import { type SyntheticEvent, useCallback, useEffect, useState } from "react";
import type { TeamLimits } from "../../bindings/TeamLimits";
import type { TeamMember } from "../../bindings/TeamMember";
import { toCommandError } from "../../ipc/errors";
import { teamMemberAdd, teamMemberChange, teamMemberRemove, teamMembers, teamRoleLimits, teamRoleLimitsSet } from "../../ipc/team";

const ROLES = ["admin", "power", "basic"] as const;

/** Members and limits (test id `team-admin`); shown to admins only. */
export function TeamAdmin() {
  const [members, setMembers] = useState<TeamMember[]>([]);
  const [limits, setLimits] = useState<TeamLimits[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [role, setRole] = useState<string>("basic");

  const fail = (e: unknown) => { setMessage(toCommandError(e).message); };
  const load = useCallback(() => {
    teamMembers().then(setMembers, fail);
    teamRoleLimits().then(setLimits, fail);
  }, []);
  useEffect(load, [load]);

  const after = (work: Promise<unknown>, done: string) => {
    setMessage(null);
    work.then(() => {
      setMessage(done);
      load();
    }, fail);
  };

  const add = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    after(teamMemberAdd(email, password, role).then(() => { setEmail(""); setPassword(""); }), `${email} added.`);
  };

  const number = (text: string): number | null => (text.trim() === "" ? null : Number(text));
  // Saved when a field is left with a different value.
  const saveLimits = (before: TeamLimits, next: TeamLimits) => {
    if (JSON.stringify(before) !== JSON.stringify(next)) after(teamRoleLimitsSet(next), `Limits of ${next.role} saved.`);
  };

  return (
    <div data-testid="team-admin">
      <h3>Members</h3>
      <table className="team-table">
        <thead>
          <tr>
            <th scope="col">Member</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.id}>
              <td>{m.email}</td>
              <td>
                <select
                  aria-label={`Role of ${m.email}`}
                  value={m.role}
                  onChange={(e) => { after(teamMemberChange(m.id, { role: e.target.value, disabled: null }), "Role changed."); }}
                >
                  {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
                </select>
              </td>
              <td>{m.disabled ? "Disabled" : "Active"}</td>
              <td className="actions">
                <button
                  type="button"
                  className="button"
                  onClick={() => { after(teamMemberChange(m.id, { role: null, disabled: !m.disabled }), "Saved."); }}
                >
                  {m.disabled ? "Enable" : "Disable"}
                </button>
                <button type="button" className="button" onClick={() => { after(teamMemberRemove(m.id), `${m.email} removed.`); }}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="team-form form-row" onSubmit={add} data-testid="team-add-member">
        <label className="form-field">
          <span>Email</span>
          <input type="email" required value={email} onChange={(e) => { setEmail(e.target.value); }} />
        </label>
        <label className="form-field">
          <span>Initial password</span>
          <input type="password" required autoComplete="new-password" value={password} onChange={(e) => { setPassword(e.target.value); }} />
        </label>
        <label className="form-field">
          <span>Role</span>
          <select value={role} onChange={(e) => { setRole(e.target.value); }}>
            {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
          </select>
        </label>
        <button type="submit" className="button">Add member</button>
      </form>

      <h3>Query limits by role</h3>
      <table className="team-table" data-testid="team-limits">
        <thead>
          <tr>
            <th scope="col">Role</th>
            <th scope="col">Rows per query</th>
            <th scope="col">Queries per day</th>
            <th scope="col">Classes allowed (Resource:Class, comma-separated; empty: all)</th>
          </tr>
        </thead>
        <tbody>
          {limits.map((l) => (
            <tr key={l.role}>
              <th scope="row">{l.role}</th>
              <td>
                <input
                  type="number"
                  min={1}
                  aria-label={`Rows per query for ${l.role}`}
                  defaultValue={l.rowsPerQuery ?? ""}
                  onBlur={(e) => { saveLimits(l, { ...l, rowsPerQuery: number(e.target.value) }); }}
                />
              </td>
              <td>
                <input
                  type="number"
                  min={1}
                  aria-label={`Queries per day for ${l.role}`}
                  defaultValue={l.queriesPerDay ?? ""}
                  onBlur={(e) => { saveLimits(l, { ...l, queriesPerDay: number(e.target.value) }); }}
                />
              </td>
              <td>
                <input
                  aria-label={`Classes allowed for ${l.role}`}
                  defaultValue={l.classes.join(", ")}
                  onBlur={(e) => {
                    const classes = e.target.value.split(",").map((c) => c.trim()).filter(Boolean);
                    saveLimits(l, { ...l, classes });
                  }}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {message && <p role="status">{message}</p>}
    </div>
  );
}
