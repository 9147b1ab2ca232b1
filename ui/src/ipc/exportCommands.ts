// Exports of the local replica: the default file path, the native save
// dialog (tauri-plugin-dialog), showing the written file in the system's file
// manager (tauri-plugin-opener) and the `export_start` job (progress over a
// channel, cancellable like every job).
import { save } from "@tauri-apps/plugin-dialog";
import { revealItemInDir } from "@tauri-apps/plugin-opener";
import type { ExportDefaults } from "../bindings/ExportDefaults";
import type { ExportSettings } from "../bindings/ExportSettings";
import type { TaskEvent } from "../bindings/TaskEvent";
import type { ClassTarget } from "../bindings/ClassTarget";
import type { ReplicaView } from "../bindings/ReplicaView";
import { call, hasBackend } from "./commands";
import { startTask, type TaskHandle } from "./tasks";

/** `export_default_path`: Downloads (or Documents, or the app's exports folder) + class and date. */
export function exportDefaultPath(className: string, format: string): Promise<ExportDefaults> {
  return call<ExportDefaults>("export_default_path", { class: className, format });
}

/** `export_start`: writes the replica of `target` (the rows `view` shows, in its order) to `path`. */
export function exportStart(
  target: ClassTarget,
  view: ReplicaView,
  path: string,
  settings: ExportSettings,
  onEvent: (event: TaskEvent) => void,
): TaskHandle {
  return startTask("export_start", { target, view, path, settings }, onEvent);
}

/** Opens the system's save dialog at `defaultPath`; the chosen path, or null when dismissed. */
export async function chooseExportPath(defaultPath: string, format: "xlsx" | "csv"): Promise<string | null> {
  if (!hasBackend()) return null;
  const filter = format === "csv" ? { name: "CSV", extensions: ["csv"] } : { name: "Excel workbook", extensions: ["xlsx"] };
  return save({ defaultPath: defaultPath || undefined, filters: [filter] });
}

/** Shows `path` selected in the system's file manager. */
export function showInFolder(path: string): Promise<void> {
  return revealItemInDir(path);
}
