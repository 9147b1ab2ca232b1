// Pure parts of the Export dialog: the settings it starts with, the file
// extension that follows the format, a path check before anything is sent,
// and the next step for each error code.
import type { CommandError } from "../../bindings/CommandError";
import type { ExportFormat } from "../../bindings/ExportFormat";
import type { ExportSettings } from "../../bindings/ExportSettings";

/** File formats the dialog offers. */
export type { ExportFormat };

/** The dialog's starting choices (Excel, long names, decoded lookups, CSV for Excel). */
export const DEFAULT_SETTINGS: ExportSettings = {
  format: "xlsx",
  headers: "long",
  lookups: "decoded",
  delimiter: "comma",
  bom: true,
  formulaGuard: true,
  photos: false,
};

/** `path` with its `.xlsx`/`.csv` extension switched to `format` (other names get it appended). */
export function withExtension(path: string, format: ExportFormat): string {
  const trimmed = path.trim();
  if (trimmed === "") return trimmed;
  const swapped = trimmed.replace(/\.(xlsx|csv)$/i, `.${format}`);
  return swapped === trimmed && !trimmed.toLowerCase().endsWith(`.${format}`) ? `${trimmed}.${format}` : swapped;
}

/** What is wrong with `path` before it is sent, or null. */
export function pathProblem(path: string, format: ExportFormat): string | null {
  const trimmed = path.trim();
  if (trimmed === "") return "Enter the file to write, e.g. /home/me/Downloads/listings.xlsx.";
  const absolute = trimmed.startsWith("/") || /^[A-Za-z]:[\\/]/.test(trimmed) || trimmed.startsWith("\\\\");
  if (!absolute) return "Enter the full path, starting at the drive or at /.";
  if (/[\\/]$/.test(trimmed)) return `Add a file name after the folder, e.g. listings.${format}.`;
  if (!trimmed.toLowerCase().endsWith(`.${format}`)) return `The file name should end in .${format}.`;
  return null;
}

/** What the user can do about a failed export. */
export function exportNextStep(error: CommandError): string {
  switch (error.code) {
    case "folder_missing":
      return "Create the folder first, or change the path to a folder that exists.";
    case "folder_not_writable":
      return "Choose a folder you can write to, such as Downloads or Documents.";
    case "export_io":
      return "Check the free disk space and that the file is not open in another program, then try again.";
    case "not_synced":
      return "Download the class on the Jobs screen first, then export it.";
    case "invalid_argument":
      return "Correct the path or the options above and export again.";
    default:
      return "Try again; if it keeps failing, note the message and report it.";
  }
}
