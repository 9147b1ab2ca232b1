// Team items changed here and on another computer: both copies are kept until
// the user picks one.
import { useCallback, useEffect, useState } from "react";
import type { KeepCopy } from "../../bindings/KeepCopy";
import type { TeamItemView } from "../../bindings/TeamItemView";
import { toCommandError } from "../../ipc/errors";
import { teamItemResolve, teamItems } from "../../ipc/team";

type TeamConflictsProps = { onResolved: () => void };

const KIND_NAME = { template: "Template", savedQuery: "Saved query" } as const;

/** The conflicts list (test id `team-conflicts`); nothing when there are none. */
export function TeamConflicts({ onResolved }: TeamConflictsProps) {
  const [items, setItems] = useState<TeamItemView[]>([]);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    Promise.all([teamItems("template"), teamItems("savedQuery")]).then(
      ([templates, queries]) => { setItems([...templates, ...queries].filter((i) => i.state === "conflict")); },
      (e: unknown) => { setError(toCommandError(e).message); },
    );
  }, []);
  useEffect(load, [load]);

  const resolve = (item: TeamItemView, keep: KeepCopy) => {
    teamItemResolve(item.localId, keep).then(
      () => {
        load();
        onResolved();
      },
      (e: unknown) => { setError(toCommandError(e).message); },
    );
  };

  if (items.length === 0 && !error) return null;
  return (
    <div data-testid="team-conflicts">
      <h3>Changed here and elsewhere</h3>
      {error && <p role="alert">{error}</p>}
      <ul className="team-list">
        {items.map((item) => (
          <li key={item.localId}>
            <p>
              <strong>{KIND_NAME[item.kind]} “{item.name}”</strong> was changed on another computer too.
            </p>
            <div className="team-compare">
              <div>
                <span className="hint">Mine</span>
                <pre>{JSON.stringify(item.body, null, 2)}</pre>
              </div>
              <div>
                <span className="hint">Theirs{item.theirsName && item.theirsName !== item.name ? ` (“${item.theirsName}”)` : ""}</span>
                <pre>{JSON.stringify(item.theirsBody, null, 2)}</pre>
              </div>
            </div>
            <div className="actions">
              <button type="button" className="button" onClick={() => { resolve(item, "mine"); }}>
                Keep mine
              </button>
              <button type="button" className="button" onClick={() => { resolve(item, "theirs"); }}>
                Keep theirs
              </button>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
