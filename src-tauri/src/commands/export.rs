//! Exporting the local replica to XLSX or CSV: a job with progress (rows, then
//! the "finishing" phase while XLSX compresses) over a channel, cancellable
//! with `cancel_task`; a cancelled or failed export leaves no file behind.
//!
//! Adapters over [`mls_workbench::portal::export`]: the rules live there.

use mls_workbench::portal::export::*;
use mls_workbench::portal::replica::ReplicaView;
use mls_workbench::{ClassTarget, Portal, TaskEvent, Tasks};
use tauri::State;
use tauri::ipc::Channel;

use crate::error::CommandResult;
use crate::tasks::forward;

/// The folder and file name an export of `class` in `format` is offered by default.
#[tauri::command]
pub fn export_default_path(
    state: State<'_, Portal>,
    class: String,
    format: ExportFormat,
) -> CommandResult<ExportDefaults> {
    state.export_default_path(class, format)
}

/// Exports the replica of `target` as `view` shows it (the grid's rows in
/// the grid's order) to `path`. Progress (rows, then bytes while finishing)
/// streams over `on_event`; `cancel_task` stops it and no file is left.
#[tauri::command]
pub async fn export_start(
    state: State<'_, Portal>,
    tasks: State<'_, Tasks>,
    target: ClassTarget,
    view: ReplicaView,
    path: String,
    settings: ExportSettings,
    on_event: Channel<TaskEvent>,
) -> CommandResult<()> {
    state
        .export_start(&tasks, target, view, path, settings, forward(&on_event))
        .await
}
