// "Save query" as a native modal <dialog>: a name (checked here and by the
// backend), and when the name is taken, the choice to overwrite that query or
// pick another name. Nothing is lost on an error: the dialog stays open.
import { useId, useRef, useState } from "react";
import type { SavedQueryView } from "../../bindings/SavedQueryView";
import { savedQuerySave } from "../../ipc/commands";
import { toCommandError } from "../../ipc/errors";
import { ModalDialog } from "../../shared/ModalDialog";

/** Longest name the backend accepts. */
export const MAX_NAME_CHARS = 100;

/** What is being saved. */
export interface QueryToSave {
  resource: string;
  class: string;
  query: string;
  select: string[];
}

/** Props of `SaveQueryDialog`. */
export interface SaveQueryDialogProps {
  open: boolean;
  connectionId: string;
  query: QueryToSave;
  /** The saved query being edited (its name is proposed; saving updates it). */
  saved: { id: number; name: string } | null;
  onSaved: (saved: SavedQueryView) => void;
  onClose: () => void;
}

/** What is wrong with `name`, or null. */
export function nameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed === "") return "Give the query a name.";
  // Code points, as the backend counts.
  const length = Array.from(trimmed).length;
  if (length > MAX_NAME_CHARS) return `A name has at most ${String(MAX_NAME_CHARS)} characters; this one has ${String(length)}.`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) return "A name cannot contain line breaks or tabs.";
  return null;
}

type Phase = { status: "editing" } | { status: "saving" } | { status: "taken"; message: string } | { status: "error"; message: string };

/** The save dialog. */
export function SaveQueryDialog({ open, connectionId, query, saved, onSaved, onClose }: SaveQueryDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [name, setName] = useState("");
  const [touched, setTouched] = useState(false);
  const [phase, setPhase] = useState<Phase>({ status: "editing" });
  const id = useId();

  const problem = nameProblem(name);
  const save = (overwrite: boolean) => {
    setTouched(true);
    if (problem) {
      input.current?.focus();
      return;
    }
    setPhase({ status: "saving" });
    savedQuerySave(connectionId, {
      id: saved?.id ?? null,
      name: name.trim(),
      resource: query.resource,
      class: query.class,
      query: query.query,
      select: query.select,
      overwrite,
    }).then(
      (result) => {
        ref.current?.close();
        onSaved(result);
      },
      (error: unknown) => {
        const e = toCommandError(error);
        if (e.code === "name_taken") setPhase({ status: "taken", message: e.message });
        else setPhase({ status: "error", message: e.message });
      },
    );
  };

  const showProblem = touched && problem;
  return (
    <ModalDialog
      open={open}
      dialogRef={ref}
      onOpen={() => {
        setName(saved?.name ?? "");
        setTouched(false);
        setPhase({ status: "editing" });
      }}
      afterOpen={() => {
        input.current?.focus();
        input.current?.select();
      }}
      className="dialog dialog-wide"
      aria-labelledby={`${id}-title`}
      testId="save-query-dialog"
      onClose={onClose}
    >
      <form className="dialog-content save-form" onSubmit={(event) => {
          event.preventDefault();
          save(false);
        }}
        noValidate
      >
        <h2 id={`${id}-title`}>{saved ? "Save query (update or rename)" : "Save query"}</h2>
        <p className="hint">
          {query.resource} · {query.class}: <code className="mono">{query.query}</code>
        </p>
        <label htmlFor={`${id}-name`} className="label-strong">
          Name
        </label>
        <input
          ref={input}
          id={`${id}-name`}
          className="input"
          data-testid="save-query-name"
          autoComplete="off"
          maxLength={MAX_NAME_CHARS * 2}
          aria-invalid={showProblem ? true : undefined}
          aria-describedby={showProblem ? `${id}-problem` : undefined}
          value={name}
          onChange={(event) => {
            setName(event.target.value);
            if (phase.status !== "saving") setPhase({ status: "editing" });
          }}
          onBlur={() => { setTouched(true); }}
        />
        {showProblem && (
          <p id={`${id}-problem`} className="danger" data-testid="save-query-problem">
            {problem}
          </p>
        )}
        {phase.status === "taken" && (
          <div className="error-box" role="alert" data-testid="save-query-taken">
            <p>{phase.message}</p>
            <div className="actions">
              <button
                type="button"
                className="button danger"
                data-testid="save-query-overwrite"
                onClick={() => { save(true); }}
              >
                Overwrite “{name.trim()}”
              </button>
              <button type="button" className="button" onClick={() => input.current?.focus()}>
                Choose another name
              </button>
            </div>
          </div>
        )}
        {phase.status === "error" && (
          <div className="error-box" role="alert">
            <p>
              <strong>The query was not saved.</strong> {phase.message}
            </p>
            <p className="hint">Your query is still in the editor. Try again, or check the app’s data folder in Settings.</p>
          </div>
        )}
        <div className="actions">
          <button
            type="submit"
            className="button primary"
            data-testid="save-query-submit"
            disabled={phase.status === "saving"}
          >
            {phase.status === "saving" ? "Saving…" : "Save"}
          </button>
          <button type="button" className="button" onClick={() => ref.current?.close()}>
            Cancel
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
