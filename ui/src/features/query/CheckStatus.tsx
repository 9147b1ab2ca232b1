// Outcome of the live validation and count: issues as text with positions
// (not only underlines), "≈ N matching records", and errors with Retry.
import type { CheckState, CountState } from "./useQueryCheck";
import { TestConnectionButton } from "../../shared/connections/TestConnectionButton";
import { describePosition } from "./issueText";

/** Props of `CheckStatus`. */
export interface CheckStatusProps {
  text: string;
  check: CheckState;
  count: CountState;
  onRetry: () => void;
}

const numberFormat = new Intl.NumberFormat("en-US");

/** Issues list and live count of the current query. */
export function CheckStatus({ text, check, count, onRetry }: CheckStatusProps) {
  const issues = check.status === "done" ? check.result.issues : [];
  return (
    <div className="check-status">
      <div aria-live="polite" className="live-region" data-testid="query-count">
        {check.status === "idle" && (
          <span className="hint">Add a rule or type a query to see how many records match.</span>
        )}
        {check.status === "checking" && <span className="hint">Checking the query…</span>}
        {check.status === "done" && issues.length > 0 && (
          <span className="danger">
            <span aria-hidden="true">✕ </span>
            {issues.length === 1 ? "1 issue" : `${issues.length} issues`} — fix before counting
          </span>
        )}
        {count.status === "counting" && <span className="hint">Counting matching records…</span>}
        {count.status === "done" && (
          <strong className="count">≈ {numberFormat.format(count.count)} matching records</strong>
        )}
      </div>
      <ul className="issue-list" data-testid="query-issues" aria-label="Query issues">
        {issues.map((issue, index) => (
          <li key={index} className="issue">
            <span className="issue-pos">{describePosition(text, issue.start, issue.end)}:</span> {issue.message}
            {issue.field && <span className="hint"> (field {issue.field})</span>}
          </li>
        ))}
      </ul>
      {(check.status === "error" || count.status === "error") && (
        <div className="error-box" role="alert">
          <p>
            <strong>{check.status === "error" ? "Could not check the query." : "Could not count the records."}</strong>{" "}
            {check.status === "error" ? check.error.message : count.status === "error" ? count.error.message : ""}
          </p>
          <p className="hint">If the server is unreachable, run “Test connection” on the Connections screen.</p>
          <div className="actions">
            <button type="button" className="button" onClick={onRetry}>
              Retry
            </button>
            <TestConnectionButton />
          </div>
        </div>
      )}
    </div>
  );
}
