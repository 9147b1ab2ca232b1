// Banner above the metadata browser: the stored copy is shown because the
// server could not be reached (with Retry), or the metadata changed since the
// previous snapshot (with the changes in a disclosure).
import type { MetadataView } from "../../bindings/MetadataView";
import { statusHeadline } from "./metadataStatus";

const SIGN = { added: "+", removed: "−", changed: "~" } as const;

/** The status banner of `metadata`; nothing when it is fresh and unchanged. */
export function MetadataStatusBanner({
  metadata,
  busy,
  onRetry,
}: {
  metadata: MetadataView;
  busy: boolean;
  onRetry: () => void;
}) {
  const { status } = metadata;
  const headline = statusHeadline(status, metadata.version);
  if (!headline) return null;

  if (status.source === "offline") {
    return (
      <div className="status-banner is-offline" role="status" data-testid="metadata-offline">
        <p>
          <strong>{headline}</strong>
        </p>
        {status.offlineReason && <p className="hint">The server could not be reached: {status.offlineReason}</p>}
        <p className="hint">Queries are checked against this copy; counts, previews and downloads need the server.</p>
        <button type="button" className="button" onClick={onRetry} disabled={busy} data-testid="metadata-retry">
          {busy ? "Retrying…" : "Retry"}
        </button>
      </div>
    );
  }

  const changes = status.changes;
  if (!changes) return null;
  const hidden = changes.total - changes.items.length;
  return (
    <div className="status-banner is-changed" role="status" data-testid="metadata-changed">
      <p>
        <strong>{headline}</strong> (version {changes.previousVersion} → {metadata.version})
      </p>
      <details>
        <summary data-testid="metadata-changes-toggle">
          Show the {changes.total === 1 ? "change" : `${changes.total.toLocaleString("en-US")} changes`}
        </summary>
        <ul className="change-list" aria-label="Metadata changes">
          {changes.items.map((c) => (
            <li key={`${c.kind}:${c.item}:${c.path}`} className={`change is-${c.kind}`} data-testid="metadata-change">
              <span className="change-sign" aria-hidden="true">
                {SIGN[c.kind]}
              </span>
              <span>
                {c.item} <span className="mono">{c.path}</span> {c.kind}
                {c.detail && <span className="hint"> — {c.detail}</span>}
              </span>
            </li>
          ))}
        </ul>
        {hidden > 0 && <p className="hint">…and {hidden.toLocaleString("en-US")} more.</p>}
      </details>
    </div>
  );
}
