// A file path the user types or picks with the system's file chooser, as the
// Export and Import dialogs both ask for one: label, monospace input, Choose…,
// and one line below that is either the problem (announced) or the help.
import type { ReactNode } from "react";
import { toCommandError } from "../ipc/errors";

/** Props of `FilePathField`. */
export interface FilePathFieldProps {
  /** The input's id; the help and error lines derive theirs from it. */
  id: string;
  /** Test ids are `<testId>-path` and `<testId>-browse`. */
  testId: string;
  value: string;
  disabled: boolean;
  /** What is wrong with the path (shown instead of the help), or null. */
  problem: string | null;
  help: ReactNode;
  /** The user typed. */
  onChange: (value: string) => void;
  /** Opens the system's chooser; resolves to the picked path, or null when dismissed. */
  choose: () => Promise<string | null>;
  /** The user picked `path` in the chooser. */
  onChosen: (path: string) => void;
  /** The chooser failed to open; `message` says so and suggests typing. */
  onProblem: (message: string) => void;
  /** More buttons after Choose… (e.g. Read). */
  children?: ReactNode;
}

/** The File field of the Export and Import dialogs. */
export function FilePathField(props: FilePathFieldProps) {
  const { id, testId, value, disabled, problem, help, onChange, choose, onChosen, onProblem, children } = props;
  const browse = () => {
    choose().then(
      (picked) => {
        if (picked !== null) onChosen(picked);
      },
      (error: unknown) => {
        onProblem(`The file chooser could not open (${toCommandError(error).message}); type the path instead.`);
      },
    );
  };
  return (
    <>
      <label htmlFor={id} className="label-strong">
        File
      </label>
      <div className="export-path-row">
        <input
          id={id}
          className="input mono"
          data-testid={`${testId}-path`}
          value={value}
          disabled={disabled}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-error` : `${id}-help`}
          onChange={(e) => {
            onChange(e.target.value);
          }}
        />
        <button type="button" className="button" data-testid={`${testId}-browse`} disabled={disabled} onClick={browse}>
          Choose…
        </button>
        {children}
      </div>
      {problem ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {problem}
        </p>
      ) : (
        <p id={`${id}-help`} className="hint">
          {help}
        </p>
      )}
    </>
  );
}
