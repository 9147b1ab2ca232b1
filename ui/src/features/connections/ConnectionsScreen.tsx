// Connections: the list of MLS connections (the built-in Demo MLS first) and
// the selected one's details, or the form that creates or edits one.
import { useEffect, useRef, useState } from "react";
import type { CommandError } from "../../bindings/CommandError";
import type { ConnectionSummary } from "../../bindings/ConnectionSummary";
import { DEMO_CONNECTION, useCurrentConnection } from "../../app/connection/currentConnectionContext";
import { useIntent } from "../../app/intents/intentContext";
import { connectionsList } from "../../ipc/commands";
import { toCommandError } from "../../ipc/errors";
import { ConnectionDetails } from "./ConnectionDetails";
import { ConnectionForm } from "./ConnectionForm";
import { emptyForm, formFromSummary, type ConnectionFormValues } from "./connectionForm";

type ListState =
  | { status: "loading" }
  | { status: "ready"; connections: ConnectionSummary[] }
  | { status: "error"; error: CommandError };

/** The Connections area. */
export function ConnectionsScreen() {
  const { current, setCurrent } = useCurrentConnection();
  const [editing, setEditing] = useState<{ values: ConnectionFormValues; key: number } | null>(null);
  const formKey = useRef(0);
  const [state, setState] = useState<ListState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const latest = useRef(0);
  const [autoTest, setAutoTest] = useState(false);

  useEffect(() => {
    const request = ++latest.current;
    connectionsList().then(
      (connections) => {
        if (latest.current === request) setState({ status: "ready", connections });
      },
      (error: unknown) => {
        if (latest.current === request) setState({ status: "error", error: toCommandError(error) });
      },
    );
  }, [attempt]);

  // From the command palette: "New connection…", and "Test connection" (the current one).
  useIntent(["connections.new", "connections.test"], state.status === "ready", (intent) => {
    if (intent.type === "connections.new") {
      setEditing({ values: emptyForm(), key: ++formKey.current });
    } else {
      setEditing(null);
      setSelectedId(current.id);
      setAutoTest(true);
    }
  });

  const connections = state.status === "ready" ? state.connections : [];
  const selected =
    connections.find((c) => c.id === selectedId) ?? connections.find((c) => c.id === current.id) ?? connections[0];

  return (
    <div className="screen">
      <h1 className="screen-title">Connections</h1>
      {state.status === "loading" && (
        <p className="status-line" role="status">
          <span className="spinner" aria-hidden="true" />
          Loading connections…
        </p>
      )}
      {state.status === "error" && (
        <div className="error-box" role="alert">
          <p>
            <strong>Could not list the connections.</strong> {state.error.message}
          </p>
          <button
            type="button"
            className="button"
            onClick={() => {
              setState({ status: "loading" });
              setAttempt((n) => n + 1);
            }}
          >
            Retry
          </button>
        </div>
      )}
      {state.status === "ready" && connections.length === 0 && (
        <p className="hint">No connections yet. The built-in Demo MLS should always be listed: restart the app.</p>
      )}
      {(selected ?? editing) && (
        <div className="split">
          <section className="panel list-panel" aria-labelledby="connection-list-title">
            <h2 id="connection-list-title">All connections</h2>
            <ul className="pick-list">
              {connections.map((connection) => (
                <li key={connection.id}>
                  <button
                    type="button"
                    className="pick-item"
                    aria-pressed={connection.id === selected?.id}
                    data-testid={`connection-${connection.id}`}
                    onClick={() => {
                      setSelectedId(connection.id);
                      setEditing(null);
                    }}
                  >
                    <span className="pick-name">{connection.name}</span>
                    <span className="pick-meta">
                      {connection.kind === "demo" && <span className="badge badge-accent">Built in</span>}
                      {connection.id === current.id && <span className="badge">Current</span>}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
            <button
              type="button"
              className="button"
              data-testid="connection-new"
              onClick={() => { setEditing({ values: emptyForm(), key: ++formKey.current }); }}
            >
              New connection
            </button>
          </section>
          {editing ? (
            <ConnectionForm
              key={editing.key}
              initial={editing.values}
              onCancel={() => { setEditing(null); }}
              onSaved={(saved) => {
                setEditing(null);
                setSelectedId(saved.id);
                if (saved.id === current.id) setCurrent({ id: saved.id, name: saved.name });
                setAttempt((n) => n + 1);
              }}
              onDeleted={(id) => {
                setEditing(null);
                setSelectedId(null);
                if (id === current.id) setCurrent(DEMO_CONNECTION);
                setAttempt((n) => n + 1);
              }}
            />
          ) : (
            selected && (
              <ConnectionDetails
                connection={selected}
                autoTest={autoTest && selected.id === current.id}
                onAutoTested={() => { setAutoTest(false); }}
                onEdit={() => { setEditing({ values: formFromSummary(selected), key: ++formKey.current }); }}
              />
            )
          )}
        </div>
      )}
    </div>
  );
}
