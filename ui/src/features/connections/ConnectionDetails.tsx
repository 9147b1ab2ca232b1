// Details of the selected connection: its facts, the built-in note for the
// Demo MLS, the connection test and "Use this connection".
import type { ConnectionSummary } from "../../bindings/ConnectionSummary";
import { useCurrentConnection } from "../../app/connection/currentConnectionContext";
import { ConnectionTest } from "./ConnectionTest";

/** Props of `ConnectionDetails`. */
export interface ConnectionDetailsProps {
  connection: ConnectionSummary;
  onEdit: () => void;
  /** Run the connection test right away (the palette's "Test connection"). */
  autoTest?: boolean;
  onAutoTested?: () => void;
}

/** The right-hand panel of the Connections screen. */
export function ConnectionDetails({ connection, onEdit, autoTest, onAutoTested }: ConnectionDetailsProps) {
  const { current, setCurrent } = useCurrentConnection();
  const isDemo = connection.kind === "demo";
  const isCurrent = current.id === connection.id;
  // A copy of someone else's shared connection changes only when they change it.
  const teamCopy = connection.shared !== null && !connection.shared.mine;
  return (
    <section className="panel connection-details" aria-labelledby="connection-details-title">
      <div className="section-head">
        <h2 id="connection-details-title">
          {connection.name} {isDemo && <span className="badge badge-accent">Built in</span>}
          {connection.shared && (
            <span className="badge badge-accent" data-testid="shared-badge">
              {connection.shared.mine ? "Shared by me" : `Shared by ${connection.shared.sharedBy ?? "the team"}`}
            </span>
          )}
        </h2>
        <div className="actions">
          {!isDemo && !teamCopy && (
            <button type="button" className="button" data-testid="connection-edit" onClick={onEdit}>
              Edit
            </button>
          )}
          <button
            type="button"
            className="button"
            data-testid="connection-use"
            aria-disabled={isCurrent || undefined}
            onClick={() => {
              if (!isCurrent) setCurrent({ id: connection.id, name: connection.name });
            }}
          >
            {isCurrent ? "✓ Current connection" : "Use this connection"}
          </button>
        </div>
      </div>
      <p className="hint" aria-live="polite">
        {isCurrent ? "Metadata and Query use this connection." : `Metadata and Query use ${current.name}.`}
      </p>
      {isDemo && (
        <div className="callout">
          <p>
            A simulated MLS server built into the app. It runs locally on this computer — no internet needed — and signs
            in with user <kbd>demo</kbd> and password <kbd>demo</kbd>.
          </p>
        </div>
      )}
      <dl className="facts">
        <div className="facts-row">
          <dt>Type</dt>
          <dd>{isDemo ? "Demo MLS (simulated RETS server)" : "RETS server"}</dd>
        </div>
        <div className="facts-row">
          <dt>Login URL</dt>
          <dd className="mono">
            {connection.loginUrl ?? (isDemo ? "Assigned when the Demo MLS starts" : "Not set")}{" "}
            {connection.unencrypted && (
              <span className="badge badge-warning" data-testid="unencrypted-badge" title="Password and data travel unencrypted">
                Unencrypted (HTTP)
              </span>
            )}
          </dd>
        </div>
        {connection.allowInsecure && (
          <div className="facts-row">
            <dt>Security</dt>
            <dd data-testid="insecure-allowed">Other hosts and plain HTTP allowed for this connection</dd>
          </div>
        )}
        <div className="facts-row">
          <dt>User name</dt>
          <dd>{connection.username ?? "Not set"}</dd>
        </div>
      </dl>
      <ConnectionTest
        key={connection.id}
        connectionId={connection.id}
        isDemo={isDemo}
        autoRun={autoTest}
        onAutoRun={onAutoTested}
      />
    </section>
  );
}
