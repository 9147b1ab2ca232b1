// "Filter by spreadsheet…" on the Results screen: a client's wish list or a set
// of comparables (XLSX, XLS, XLSB, ODS, CSV) becomes the grid's filter. Step 1
// reads the file (typed path or the system's file chooser), step 2 maps its
// columns (sheet, header row, keys or address parts, with a preview of the
// first rows and the chosen column marked), and Apply matches it against the
// downloaded listings. A native modal <dialog> traps focus and closes on Esc.
import { useId, useRef, useState, type SyntheticEvent } from "react";
import type { CommandError } from "../../bindings/CommandError";
import type { ImportKeysResult } from "../../bindings/ImportKeysResult";
import type { ImportMappingInput } from "../../bindings/ImportMappingInput";
import type { ImportPreview } from "../../bindings/ImportPreview";
import type { ImportSheetPreview } from "../../bindings/ImportSheetPreview";
import type { ClassTarget } from "../../bindings/ClassTarget";
import { toCommandError } from "../../ipc/errors";
import { chooseSpreadsheet, importKeys, importPreview } from "../../ipc/importCommands";
import { ModalDialog } from "../../shared/ModalDialog";
import { FilePathField } from "../../shared/FilePathField";

/** Props of `ImportDialog`. */
export interface ImportDialogProps {
  open: boolean;
  onClose: () => void;
  target: ClassTarget;
  /** Name shown in the title, e.g. "Property / Land". */
  title: string;
  /** Called with the matched keys when the user applies the filter. */
  onApply: (result: ImportKeysResult) => void;
}

/** Whether the file lists listing keys or addresses. */
export type ImportMode = "keys" | "addresses";

/** Address parts the mapping step offers (the first is required). */
const ADDRESS_PARTS = ["Address or street", "Then (e.g. city)", "Then (e.g. ZIP)"];

/** What to do next after a failed read or match. */
export function importNextStep(error: CommandError): string {
  switch (error.code) {
    case "file_missing":
      return "Check the path, or use Choose… to pick the file.";
    case "import_open":
    case "import_csv":
    case "import_sheet":
      return "Open the file in your spreadsheet program and save it as .xlsx or .csv, then try again.";
    case "not_synced":
      return "Download this class on the Jobs screen first.";
    case "no_address_field":
      return "Choose “Listing keys” and a column of keys instead.";
    case "too_many_keys":
      return "Split the file into smaller lists.";
    default:
      return "Check the file and the column choices, then try again.";
  }
}

/** The header cells of `sheet` (its first filled row) when it has a header row. */
function headerOf(sheet: ImportSheetPreview | undefined, hasHeader: boolean): string[] {
  return hasHeader ? (sheet?.firstRows[0]?.cells ?? []) : [];
}

/** "B · MLS #" (or just "B" without a header). */
export function columnLabel(letter: string, header: string | undefined): string {
  const text = header?.trim();
  return text ? `${letter} · ${text}` : letter;
}

/** The column whose header looks like `pattern`, else the first column. */
function guessColumn(sheet: ImportSheetPreview | undefined, pattern: RegExp): string {
  const header = sheet?.firstRows[0]?.cells ?? [];
  const at = header.findIndex((h) => pattern.test(h));
  return sheet?.columns[at >= 0 ? at : 0] ?? "A";
}

const KEY_HEADER = /key|mls|listing|\bid\b|number/i;
const ADDRESS_HEADER = /address|street/i;

/** The Import dialog (`import-dialog`). */
export function ImportDialog({ open, onClose, target, title, onApply }: ImportDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const base = useId();
  const [path, setPath] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState<"reading" | "matching" | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [error, setError] = useState<CommandError | null>(null);
  const [sheetName, setSheetName] = useState("");
  const [hasHeader, setHasHeader] = useState(true);
  const [mode, setMode] = useState<ImportMode>("keys");
  const [keyColumn, setKeyColumn] = useState("A");
  const [addressColumns, setAddressColumns] = useState<string[]>(["A", "", ""]);

  const sheet = preview?.sheets.find((s) => s.name === sheetName);
  const header = headerOf(sheet, hasHeader);
  const dataRows = (sheet?.firstRows ?? []).slice(hasHeader ? 1 : 0);
  const chosen = mode === "keys" ? [keyColumn] : addressColumns.filter((c) => c !== "");

  const pickSheet = (next: ImportSheetPreview | undefined) => {
    setSheetName(next?.name ?? "");
    setKeyColumn(guessColumn(next, KEY_HEADER));
    setAddressColumns([guessColumn(next, ADDRESS_HEADER), "", ""]);
  };

  const read = (file: string) => {
    const trimmed = file.trim();
    if (!trimmed) {
      setProblem("Type the full path of a spreadsheet, or use Choose…");
      return;
    }
    setProblem(null);
    setError(null);
    setBusy("reading");
    importPreview(trimmed).then(
      (result) => {
        setBusy(null);
        setPreview(result);
        pickSheet(result.sheets.find((s) => s.rowCount > 0) ?? result.sheets[0]);
      },
      (e: unknown) => {
        setBusy(null);
        setPreview(null);
        setError(toCommandError(e));
      },
    );
  };

  const submitPath = (e: SyntheticEvent<HTMLFormElement>) => {
    e.preventDefault();
    read(path);
  };


  const apply = () => {
    if (!sheet || busy) return;
    if (mode === "addresses" && chosen.length === 0) {
      setError({ code: "invalid_argument", message: "Choose the column holding the address." });
      return;
    }
    const mapping: ImportMappingInput = {
      sheet: sheet.name,
      hasHeader,
      keyColumn: mode === "keys" ? keyColumn : null,
      addressColumns: mode === "addresses" ? chosen : [],
    };
    setError(null);
    setBusy("matching");
    importKeys(target, path.trim(), mapping).then(
      (result) => {
        setBusy(null);
        if (result.found === 0) {
          const what = result.mode === "keys" ? "keys" : "addresses";
          setError({
            code: "nothing_matched",
            message: `None of the ${result.imported.toLocaleString("en-US")} ${what} in ${result.fileName} matched a downloaded listing.`,
          });
          return;
        }
        onApply(result);
        onClose();
      },
      (e: unknown) => {
        setBusy(null);
        setError(toCommandError(e));
      },
    );
  };

  const close = () => {
    if (busy) return;
    onClose();
  };

  const columnOptions = (sheet?.columns ?? []).map((letter, i) => (
    <option key={letter} value={letter}>
      {columnLabel(letter, header[i])}
    </option>
  ));

  return (
    <ModalDialog
      open={open}
      dialogRef={ref}
      className="dialog dialog-wide import-dialog"
      aria-labelledby={`${base}-title`}
      testId="import-dialog"
      onEscape={close}
      onClose={() => { if (open) close(); }}
    >
      <div className="dialog-content">
        <h2 id={`${base}-title`}>Filter {title} by spreadsheet</h2>
        <p className="hint">
          A list of listing keys or addresses (XLSX, XLS, XLSB, ODS or CSV) — a client’s wish list or a set of
          comparables — narrows the grid to those listings.
        </p>
        <form className="form-field" onSubmit={submitPath} noValidate>
          <FilePathField
            id={`${base}-path`}
            testId="import"
            value={path}
            disabled={busy !== null}
            problem={problem}
            help="The full path of the spreadsheet; it is only read, never changed."
            onChange={(value) => {
              setPath(value);
              setProblem(null);
            }}
            choose={chooseSpreadsheet}
            onChosen={(picked) => {
              setPath(picked);
              read(picked);
            }}
            onProblem={setProblem}
          >
            <button type="submit" className="button" data-testid="import-read" disabled={busy !== null}>
              {busy === "reading" ? "Reading…" : "Read"}
            </button>
          </FilePathField>
        </form>

        {preview && sheet && (
          <div className="import-mapping" data-testid="import-mapping">
            <div className="form-row">
              <div className="form-field">
                <label htmlFor={`${base}-sheet`} className="label-strong">
                  Sheet
                </label>
                <select
                  id={`${base}-sheet`}
                  className="select"
                  data-testid="import-sheet"
                  value={sheet.name}
                  disabled={busy !== null}
                  onChange={(e) => { pickSheet(preview.sheets.find((s) => s.name === e.target.value)); }}
                >
                  {preview.sheets.map((s) => (
                    <option key={s.name} value={s.name}>
                      {s.name} ({s.rowCount.toLocaleString("en-US")} {s.rowCount === 1 ? "row" : "rows"})
                    </option>
                  ))}
                </select>
              </div>
              <label className="check import-header-check">
                <input
                  type="checkbox"
                  data-testid="import-has-header"
                  checked={hasHeader}
                  disabled={busy !== null}
                  onChange={(e) => { setHasHeader(e.target.checked); }}
                />
                First row is a header
              </label>
            </div>
            <fieldset className="radio-group" disabled={busy !== null}>
              <legend className="label-strong">The file lists</legend>
              <label className="radio">
                <input
                  type="radio"
                  name={`${base}-mode`}
                  checked={mode === "keys"}
                  data-testid="import-mode-keys"
                  onChange={() => { setMode("keys"); }}
                />
                Listing keys
              </label>
              <label className="radio">
                <input
                  type="radio"
                  name={`${base}-mode`}
                  checked={mode === "addresses"}
                  data-testid="import-mode-addresses"
                  onChange={() => { setMode("addresses"); }}
                />
                Addresses
              </label>
            </fieldset>
            {mode === "keys" ? (
              <div className="form-field">
                <label htmlFor={`${base}-key`} className="label-strong">
                  Key column
                </label>
                <select
                  id={`${base}-key`}
                  className="select"
                  data-testid="import-key-column"
                  value={keyColumn}
                  disabled={busy !== null}
                  onChange={(e) => { setKeyColumn(e.target.value); }}
                >
                  {columnOptions}
                </select>
              </div>
            ) : (
              <div className="form-row">
                {ADDRESS_PARTS.map((label, part) => (
                  <div className="form-field" key={label}>
                    <label htmlFor={`${base}-address-${String(part)}`} className="label-strong">
                      {label}
                    </label>
                    <select
                      id={`${base}-address-${String(part)}`}
                      className="select"
                      data-testid={`import-address-column-${String(part)}`}
                      value={addressColumns[part]}
                      disabled={busy !== null}
                      onChange={(e) => {
                        const value = e.target.value;
                        setAddressColumns((prev) => prev.map((c, i) => (i === part ? value : c)));
                      }}
                    >
                      {part > 0 && <option value="">— none —</option>}
                      {columnOptions}
                    </select>
                  </div>
                ))}
              </div>
            )}
            <div className="import-preview" role="region" aria-label={`First rows of ${sheet.name}`} tabIndex={0}>
              <table className="data-table" data-testid="import-preview">
                <caption className="sr-only">
                  First rows of sheet {sheet.name}; the chosen {mode === "keys" ? "key column is" : "address columns are"}{" "}
                  marked.
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Row</th>
                    {sheet.columns.map((letter, i) => (
                      <th
                        key={letter}
                        scope="col"
                        className={chosen.includes(letter) ? "import-chosen" : undefined}
                        data-chosen={chosen.includes(letter) || undefined}
                      >
                        {columnLabel(letter, header[i])}
                        {chosen.includes(letter) && (
                          <span className="import-chosen-tag"> ({mode === "keys" ? "keys" : "address"})</span>
                        )}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {dataRows.map((r) => (
                    <tr key={r.row}>
                      <th scope="row">{r.row}</th>
                      {sheet.columns.map((letter, i) => (
                        <td key={letter} className={chosen.includes(letter) ? "import-chosen" : undefined}>
                          {r.cells[i] ?? ""}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        )}
        {preview && !sheet && (
          <p className="hint" role="status">
            {preview.fileName} holds no sheets with data.
          </p>
        )}

        {error && (
          <div className="error-box" role="alert" data-testid="import-error">
            <p>
              <strong>{busy === null && preview ? "The filter could not be applied." : "The file could not be read."}</strong>{" "}
              {error.message}
            </p>
            <p className="hint">{importNextStep(error)}</p>
          </div>
        )}
        {busy === "matching" && (
          <p className="hint" role="status">
            Matching against the downloaded listings…
          </p>
        )}

        <div className="dialog-actions">
          <button type="button" className="button" data-testid="import-close" disabled={busy !== null} onClick={close}>
            Close
          </button>
          <button
            type="button"
            className="button primary"
            data-testid="import-apply"
            disabled={!sheet || busy !== null}
            onClick={apply}
          >
            {busy === "matching" ? "Applying…" : "Apply"}
          </button>
        </div>
      </div>
    </ModalDialog>
  );
}
