// The banner over the Results grid while a spreadsheet filters it: which file,
// how many of its keys (or addresses) were found, Clear, and the rows that did
// not match or could not be read, by sheet, row and column, in a disclosure.
import type { ImportKeysResult } from "../../bindings/ImportKeysResult";

/** Props of `ImportBanner`. */
export interface ImportBannerProps {
  result: ImportKeysResult;
  onClear: () => void;
}

/** "12 of 15 keys found" / "3 of 4 addresses found". */
export function importSummary(result: ImportKeysResult): string {
  const what = result.mode === "keys" ? (result.imported === 1 ? "key" : "keys") : result.imported === 1 ? "address" : "addresses";
  return `${result.found.toLocaleString("en-US")} of ${result.imported.toLocaleString("en-US")} ${what} found`;
}

/** The import filter banner (`import-banner`). */
export function ImportBanner({ result, onClear }: ImportBannerProps) {
  const problems = result.problems.length + result.moreProblems;
  return (
    <div className="callout import-banner" data-testid="import-banner" role="status">
      <p>
        <strong>Filtered by {result.fileName}:</strong> {importSummary(result)}
        {result.addressField ? ` (matched on ${result.addressField})` : ""}.{" "}
        <button type="button" className="button" data-testid="import-clear" onClick={onClear}>
          Clear
        </button>
      </p>
      {problems > 0 && (
        <details className="import-problems" data-testid="import-problems">
          <summary>
            {problems.toLocaleString("en-US")} {problems === 1 ? "row" : "rows"} not used
          </summary>
          <table className="data-table">
            <caption className="sr-only">Rows of {result.fileName} that were not used</caption>
            <thead>
              <tr>
                <th scope="col">Sheet</th>
                <th scope="col">Row</th>
                <th scope="col">Column</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {result.problems.map((p) => (
                <tr key={`${p.sheet}-${String(p.row)}-${p.column}-${p.message}`}>
                  <td>{p.sheet}</td>
                  <td>{p.row}</td>
                  <td>{p.column || "—"}</td>
                  <td className="import-problem-text">{p.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.moreProblems > 0 && (
            <p className="hint">…and {result.moreProblems.toLocaleString("en-US")} more.</p>
          )}
        </details>
      )}
    </div>
  );
}
