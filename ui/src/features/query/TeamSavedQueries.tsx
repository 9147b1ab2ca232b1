// The team's saved queries beside my own: load one into the editor, or share
// one of mine. Shown only when this computer is signed in to a team; kept
// here, so they load offline too.
import { useEffect, useState } from "react";
import type { SavedQueryView } from "../../bindings/SavedQueryView";
import type { TeamItemView } from "../../bindings/TeamItemView";
import type { QueryToLoad } from "../../app/intents/intentContext";
import { toCommandError } from "../../ipc/errors";
import { teamItemSave, teamItems, teamSync } from "../../ipc/team";

/** Props of `TeamSavedQueries`. */
export interface TeamSavedQueriesProps {
  /** My saved queries on this connection (offered for sharing). */
  mine: SavedQueryView[];
  refreshKey: number;
  onLoad: (query: QueryToLoad) => void;
}

const STATE_NOTE: Partial<Record<TeamItemView["state"], string>> = {
  created: "not sent yet",
  changed: "changed here, not sent yet",
  conflict: "changed elsewhere too: choose in Settings → Team",
};

/** A team item's body as a query, when it is one. */
function asQuery(item: TeamItemView): Omit<QueryToLoad, "origin"> | null {
  const b = item.body;
  const text = (v: unknown) => (typeof v === "string" ? v : null);
  const resource = text(b.resource);
  const cls = text(b.class);
  const query = text(b.query);
  if (!resource || !cls || query === null) return null;
  const select = Array.isArray(b.select) ? b.select.filter((s): s is string => typeof s === "string") : [];
  return { resource, class: cls, query, select };
}

/** The team's saved queries (test id `team-saved-queries`); nothing when signed out. */
export function TeamSavedQueries({ mine, refreshKey, onLoad }: TeamSavedQueriesProps) {
  const [items, setItems] = useState<TeamItemView[] | null>(null);
  const [chosen, setChosen] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const [round, setRound] = useState(0);

  useEffect(() => {
    let live = true;
    teamItems("savedQuery").then(
      (all) => { if (live) setItems(all); },
      // Not signed in to a team (or no team at all): nothing to show.
      () => { if (live) setItems(null); },
    );
    return () => { live = false; };
  }, [refreshKey, round]);

  if (items === null) return null;

  const share = () => {
    const q = mine.find((s) => String(s.id) === chosen);
    if (!q) return;
    setMessage(null);
    const body = { resource: q.resource, class: q.class, query: q.query, select: q.select };
    teamItemSave("savedQuery", null, q.name, body)
      .then(() => teamSync().then(() => `“${q.name}” is shared with the team.`, () => `“${q.name}” goes to the team at the next sync.`))
      .then(
        (note) => {
          setMessage(note);
          setChosen("");
          setRound(round + 1);
        },
        (e: unknown) => { setMessage(toCommandError(e).message); },
      );
  };

  return (
    <div data-testid="team-saved-queries">
      <h3 id="team-saved-title">Team saved queries</h3>
      {items.length === 0 ? (
        <p className="hint">Nothing shared yet.</p>
      ) : (
        <ul className="saved-list" aria-labelledby="team-saved-title">
          {items.map((item) => {
            const q = asQuery(item);
            return (
              <li key={item.localId} className="saved-item" data-testid="team-saved-query">
                <button
                  type="button"
                  className="saved-load"
                  disabled={q === null}
                  onClick={() => { if (q) onLoad({ ...q, origin: `team saved query “${item.name}”` }); }}
                >
                  <span className="saved-name">
                    {item.name} <span className="badge badge-accent">Team</span>
                  </span>
                  <span className="saved-meta">
                    {q ? `${q.resource} · ${q.class}` : "not a query this app can load"}
                    {STATE_NOTE[item.state] && ` · ${STATE_NOTE[item.state] ?? ""}`}
                  </span>
                  {q && <span className="saved-query">{q.query}</span>}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {mine.length > 0 && (
        <div className="form-row">
          <label className="form-field">
            <span>Share one of mine</span>
            <select value={chosen} onChange={(e) => { setChosen(e.target.value); }} data-testid="team-share-query">
              <option value="">Choose a saved query…</option>
              {mine.map((s) => (
                <option key={s.id} value={String(s.id)}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="button small" disabled={chosen === ""} onClick={share}>
            Share with the team
          </button>
        </div>
      )}
      {message && <p role="status">{message}</p>}
    </div>
  );
}
