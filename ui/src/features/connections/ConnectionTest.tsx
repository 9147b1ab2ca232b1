// The "Test connection" action: runs `connection_test`, shows progress while
// it runs (the first call also starts the Demo MLS) and then the diagnosis.
import { useEffect, useRef, useState } from "react";
import type { CommandError } from "../../bindings/CommandError";
import type { Diagnosis } from "../../bindings/Diagnosis";
import { connectionTest } from "../../ipc/commands";
import { toCommandError } from "../../ipc/errors";
import { DiagnosisSteps, diagnosisSummary } from "./DiagnosisSteps";

type TestState =
  | { status: "idle" }
  | { status: "running" }
  | { status: "done"; diagnosis: Diagnosis }
  | { status: "error"; error: CommandError };

/** Props of `ConnectionTest`. */
export interface ConnectionTestProps {
  connectionId: string;
  isDemo: boolean;
  /** Start a test as soon as this is true; `onAutoRun` acknowledges it. */
  autoRun?: boolean;
  onAutoRun?: () => void;
}

/** Test button plus the live result of the last test of `connectionId`. */
export function ConnectionTest({ connectionId, isDemo, autoRun, onAutoRun }: ConnectionTestProps) {
  const [state, setState] = useState<TestState>({ status: "idle" });
  const latest = useRef(0);

  const run = () => {
    const request = ++latest.current;
    setState({ status: "running" });
    connectionTest(connectionId).then(
      (diagnosis) => {
        if (latest.current === request) setState({ status: "done", diagnosis });
      },
      (error: unknown) => {
        if (latest.current === request) setState({ status: "error", error: toCommandError(error) });
      },
    );
  };

  useEffect(() => {
    if (!autoRun) return;
    onAutoRun?.();
    // An outside request (the palette) starts the test, like a click would.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    run();
    // `run` reads only refs, stable setters and connectionId (this component is keyed by it).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [autoRun]);

  return (
    <section className="connection-test" aria-labelledby="connection-test-title">
      <div className="section-head">
        <h3 id="connection-test-title">Connection test</h3>
        <button
          type="button"
          className="button primary"
          data-testid="connection-test"
          disabled={state.status === "running"}
          onClick={run}
        >
          {state.status === "running" ? "Testing…" : "Test connection"}
        </button>
      </div>
      <div aria-live="polite" className="live-region">
        {state.status === "idle" && (
          <p className="hint">Checks reachability, login, capabilities, metadata and logout, one step at a time.</p>
        )}
        {state.status === "running" && (
          <p className="status-line" role="status">
            <span className="spinner" aria-hidden="true" />
            Testing the connection…{isDemo ? " The first test also starts the Demo MLS." : ""}
          </p>
        )}
        {state.status === "done" &&
          (state.diagnosis.steps.length === 0 ? (
            <p className="hint">The test ran but reported no steps.</p>
          ) : (
            <p className="diagnosis-summary">{diagnosisSummary(state.diagnosis.steps)}</p>
          ))}
      </div>
      {state.status === "error" && (
        <div className="error-box" role="alert">
          <p>
            <strong>The test could not run.</strong> {state.error.message}
          </p>
          <button type="button" className="button" onClick={run}>
            Retry
          </button>
        </div>
      )}
      {state.status === "done" && <DiagnosisSteps steps={state.diagnosis.steps} />}
    </section>
  );
}
