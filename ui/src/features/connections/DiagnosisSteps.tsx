// The outcome of a connection test as an ordered step list. Status is shown
// by icon *and* word, so it never depends on colour alone.
import type { DiagnosisStep } from "../../bindings/DiagnosisStep";
import type { StepStatus } from "../../bindings/StepStatus";

const STATUS_TEXT: Record<StepStatus, { icon: string; label: string }> = {
  ok: { icon: "✓", label: "OK" },
  warning: { icon: "!", label: "Warning" },
  failed: { icon: "✕", label: "Failed" },
};

/** One-line summary of a diagnosis, e.g. "4 of 5 steps OK, 1 failed". */
export function diagnosisSummary(steps: readonly DiagnosisStep[]): string {
  const count = (status: StepStatus) => steps.filter((step) => step.status === status).length;
  const ok = count("ok");
  const parts = [`${ok} of ${steps.length} steps OK`];
  if (count("warning")) parts.push(`${count("warning")} with warnings`);
  if (count("failed")) parts.push(`${count("failed")} failed`);
  return parts.join(", ");
}

/** The steps of a connection test. */
export function DiagnosisSteps({ steps }: { steps: readonly DiagnosisStep[] }) {
  return (
    <ol className="diagnosis" aria-label="Connection test steps">
      {steps.map((step, index) => {
        const status = STATUS_TEXT[step.status];
        return (
          <li
            key={index}
            className={`diagnosis-step is-${step.status}`}
            data-testid="diagnosis-step"
            data-status={step.status}
          >
            <span className="diagnosis-icon" aria-hidden="true">
              {status.icon}
            </span>
            <div className="diagnosis-body">
              <p className="diagnosis-title">
                <strong>{step.title}</strong> <span className="diagnosis-status">— {status.label}</span>
              </p>
              <p className="diagnosis-detail">{step.detail}</p>
              {step.hint && <p className="diagnosis-hint">Next step: {step.hint}</p>}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
