//! Cancelling a running task.

use mls_workbench::Tasks;
use tauri::State;

use crate::error::CommandResult;

/// Asks task `task_id` to stop; it reports `cancelled` on its channel.
#[tauri::command]
pub fn cancel_task(tasks: State<'_, Tasks>, task_id: String) -> CommandResult<()> {
    tasks.cancel(&task_id)
}
