//! Syncing a class into the local replica: a job with progress over a channel,
//! cancellable with `cancel_task`, resumable after a crash; and its history.
//!
//! Adapters over [`mls_workbench::portal::sync`]: the rules live there.

use mls_workbench::portal::sync::*;
use mls_workbench::{ClassTarget, Portal, TaskEvent, Tasks};
use tauri::State;
use tauri::ipc::Channel;

use crate::error::CommandResult;
use crate::tasks::forward;

/// Downloads `target` (matching `query`, default everything) into the
/// replica: the first run in full, later runs only what changed. Progress
/// (records, bytes, rate, ETA) streams over `on_event`; `cancel_task` stops it
/// between batches and a later run resumes from the checkpoint.
#[tauri::command]
pub async fn sync_start(
    state: State<'_, Portal>,
    tasks: State<'_, Tasks>,
    target: ClassTarget,
    query: Option<String>,
    on_event: Channel<TaskEvent>,
) -> CommandResult<()> {
    state
        .sync_start(&tasks, target, query, forward(&on_event))
        .await
}

/// The latest syncs of a class, newest first.
#[tauri::command]
pub async fn sync_history(
    state: State<'_, Portal>,
    target: ClassTarget,
) -> CommandResult<Vec<SyncRun>> {
    state.sync_history(target).await
}
