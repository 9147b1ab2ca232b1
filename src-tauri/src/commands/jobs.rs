//! Control of long-running jobs started by other commands.

use tauri::State;

use crate::error::CommandResult;
use crate::jobs::Jobs;

/// Asks the job with this id to stop.
#[tauri::command]
pub fn cancel_job(jobs: State<'_, Jobs>, job_id: String) -> CommandResult<()> {
    jobs.cancel(&job_id)
}
