// Exports of the local replica: the default file path and the `export_start`
// job (progress over a channel, cancellable like every job).
import type { ExportDefaults } from "../bindings/ExportDefaults";
import type { ExportSettings } from "../bindings/ExportSettings";
import type { JobEvent } from "../bindings/JobEvent";
import type { ReplicaFilter } from "../bindings/ReplicaFilter";
import { call, type QueryTarget } from "./commands";
import { startJob, type JobHandle } from "./jobs";

/** `export_default_path`: Downloads (or Documents, or the app's exports folder) + class and date. */
export function exportDefaultPath(className: string, format: string): Promise<ExportDefaults> {
  return call<ExportDefaults>("export_default_path", { class: className, format });
}

/** What rows an export takes: the Results grid's filters and sort. */
export interface ExportRows {
  filters: ReplicaFilter[];
  sortField: string | null;
  descending: boolean;
}

/** `export_start`: writes the replica of `target` (rows as in `rows`) to `path`. */
export function exportStart(
  target: QueryTarget,
  rows: ExportRows,
  path: string,
  settings: ExportSettings,
  onEvent: (event: JobEvent) => void,
): JobHandle {
  return startJob("export_start", { ...target, ...rows, path, settings }, onEvent);
}
