//! Long work runs as tasks of the application layer ([`mls_workbench::task`]);
//! the app only forwards each task's events over the Tauri channel the UI
//! created (so it is subscribed before the work starts).

use std::sync::Arc;

use mls_workbench::{TaskEvent, TaskSink};
use tauri::ipc::Channel;

/// A sink that sends a task's events to the window.
pub fn forward(channel: &Channel<TaskEvent>) -> TaskSink {
    let channel = channel.clone();
    Arc::new(move |event| {
        // The window may be gone (closed mid-task); the task still ends cleanly.
        if let Err(err) = channel.send(event) {
            log::debug!("task event not delivered: {err}");
        }
    })
}
