// Spreadsheet import as a Results filter: previewing a workbook or CSV for the
// column-mapping step, matching its keys or addresses against the replica, and
// the native open dialog (tauri-plugin-dialog) next to the typed path.
import { open } from "@tauri-apps/plugin-dialog";
import type { ImportKeysResult } from "../bindings/ImportKeysResult";
import type { ImportMappingInput } from "../bindings/ImportMappingInput";
import type { ImportPreview } from "../bindings/ImportPreview";
import type { ReplicaFilter } from "../bindings/ReplicaFilter";
import type { ClassTarget } from "../bindings/ClassTarget";
import { call, hasBackend } from "./commands";

/** Spreadsheet extensions the import reads. */
export const SPREADSHEET_EXTENSIONS = ["xlsx", "xlsm", "xls", "xlsb", "ods", "csv", "tsv", "txt"];

/** The replica's key column, filtered with `in` by an imported key list. */
export const KEY_COLUMN = "__key";

/** `import_preview`: the sheets of the file at `path` with their first rows. */
export function importPreview(path: string): Promise<ImportPreview> {
  return call<ImportPreview>("import_preview", { path });
}

/** `import_keys`: the file's keys (or addresses) matched against the replica of `target`. */
export function importKeys(target: ClassTarget, path: string, mapping: ImportMappingInput): Promise<ImportKeysResult> {
  return call<ImportKeysResult>("import_keys", { target, path, mapping });
}

/** The grid filter for an imported key list. */
export function keyListFilter(keys: string[]): ReplicaFilter {
  return { field: KEY_COLUMN, op: "in", value: keys };
}

/** Opens the system's file chooser for a spreadsheet; the chosen path, or null when dismissed. */
export async function chooseSpreadsheet(): Promise<string | null> {
  if (!hasBackend()) return null;
  const chosen = await open({
    multiple: false,
    directory: false,
    filters: [{ name: "Spreadsheets", extensions: SPREADSHEET_EXTENSIONS }],
  });
  return typeof chosen === "string" ? chosen : null;
}
