// How a finished task reads: its summary line, then warnings (the user may
// need to act) and notes (detail, e.g. a metadata change report), each a list
// rather than lines to split, since the backend sends them typed.
import type { TaskSummary } from "../bindings/TaskSummary";

export function TaskSummaryView({ summary, lead, testId }: { summary: TaskSummary; lead?: string; testId: string }) {
  return (
    <>
      <p className="job-summary" data-testid={testId}>
        {lead && <strong>{lead} </strong>}
        {summary.summary}
      </p>
      {summary.warnings.length > 0 && (
        <ul className="task-warnings" aria-label="Warnings">
          {summary.warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      )}
      {summary.notes.length > 0 && (
        <details className="task-notes" open>
          <summary>Details</summary>
          <pre>{summary.notes.join("\n")}</pre>
        </details>
      )}
    </>
  );
}
