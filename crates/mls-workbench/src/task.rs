//! Long work as tasks: a registry that starts them, hands each a cancellation
//! token and a progress reporter, and ends each with exactly one typed event.
//! Front doors only forward the events (the app over a Tauri channel, the CLI
//! to stderr, the server over its own stream); nothing here knows how.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use serde::Serialize;
use tokio_util::sync::CancellationToken;
use ts_rs::TS;

use crate::{CommandError, CommandResult, ErrorCode};

/// What a task is doing, so a client can draw the right kind of progress
/// without reading the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub enum TaskPhase {
    /// Waiting for another task on the same server.
    Queued,
    /// Reading and comparing metadata.
    Metadata,
    /// Listing the server's keys.
    Keys,
    /// Downloading records.
    Download,
    /// Marking listings gone from the server.
    Deletes,
    /// Writing rows to a file.
    Write,
    /// Closing a file (compressing a workbook): no row count to show.
    Finish,
    /// Fitting a model.
    Train,
    /// The work is done; the end event follows.
    Done,
}

/// How a task ended well: a one-line summary, warnings the user should act on,
/// and notes worth reading (a metadata change report, say).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TaskSummary {
    /// One line, e.g. "Wrote 1,204 rows (2.1 MB) to …".
    pub summary: String,
    /// Things that went partly wrong but did not stop the task.
    pub warnings: Vec<String>,
    /// Further lines for people who want the detail.
    pub notes: Vec<String>,
}

impl TaskSummary {
    /// A summary without warnings or notes.
    pub fn new(summary: impl Into<String>) -> Self {
        TaskSummary {
            summary: summary.into(),
            ..TaskSummary::default()
        }
    }
}

/// One update about a task, in order: `started`, any `progress`, then exactly
/// one of `finished`, `failed` or `cancelled`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum TaskEvent {
    /// The task was registered; `task_id` is what cancelling takes.
    Started { task_id: String },
    /// Work advanced; `total` is unknown for open-ended work.
    Progress {
        phase: TaskPhase,
        #[ts(type = "number")]
        done: u64,
        #[ts(type = "number | null")]
        total: Option<u64>,
        message: String,
    },
    /// The task completed.
    Finished {
        #[serde(flatten)]
        summary: TaskSummary,
    },
    /// The task stopped on an error.
    Failed { error: CommandError },
    /// The task stopped because it was cancelled.
    Cancelled,
}

/// Where a task's events go.
pub type TaskSink = Arc<dyn Fn(TaskEvent) + Send + Sync>;

/// The running tasks of one process.
#[derive(Default)]
pub struct Tasks {
    next_id: AtomicU64,
    running: Mutex<HashMap<String, CancellationToken>>,
}

impl Tasks {
    /// Registers a new task and returns its handle.
    pub fn start(&self) -> TaskHandle<'_> {
        let id = (self.next_id.fetch_add(1, Ordering::Relaxed) + 1).to_string();
        let token = CancellationToken::new();
        self.lock().insert(id.clone(), token.clone());
        TaskHandle {
            tasks: self,
            id,
            token,
        }
    }

    /// Asks a running task to stop; it reports `cancelled`.
    pub fn cancel(&self, id: &str) -> CommandResult<()> {
        match self.lock().get(id) {
            Some(token) => {
                token.cancel();
                Ok(())
            }
            None => Err(CommandError::new(
                ErrorCode::NotFound,
                format!("No task with id {id} is running; it may have finished already."),
            )),
        }
    }

    /// Number of tasks still registered.
    pub fn running(&self) -> usize {
        self.lock().len()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, CancellationToken>> {
        // A panic while holding this lock cannot leave the map inconsistent.
        self.running.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A registered task; dropping it unregisters the task.
pub struct TaskHandle<'a> {
    tasks: &'a Tasks,
    id: String,
    token: CancellationToken,
}

impl TaskHandle<'_> {
    /// The id cancelling takes.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Cancelled when the user asks the task to stop.
    pub fn token(&self) -> &CancellationToken {
        &self.token
    }

    /// Runs `work` to completion or cancellation, reporting to `sink`.
    pub async fn run<F, Fut>(self, sink: TaskSink, work: F) -> CommandResult<()>
    where
        F: FnOnce(Progress) -> Fut,
        Fut: std::future::Future<Output = CommandResult<TaskSummary>>,
    {
        self.run_for(sink, |progress| async move {
            work(progress).await.map(|summary| ((), summary))
        })
        .await
    }

    /// Like [`TaskHandle::run`], for work with a typed result: the caller gets
    /// the result, the sink the summary.
    pub async fn run_for<T, F, Fut>(self, sink: TaskSink, work: F) -> CommandResult<T>
    where
        F: FnOnce(Progress) -> Fut,
        Fut: std::future::Future<Output = CommandResult<(T, TaskSummary)>>,
    {
        sink(TaskEvent::Started {
            task_id: self.id.clone(),
        });
        let progress = Progress { sink: sink.clone() };
        let outcome = tokio::select! {
            biased;
            _ = self.token.cancelled() => None,
            result = work(progress) => Some(result),
        };
        match outcome {
            Some(Ok((value, summary))) => {
                sink(TaskEvent::Finished { summary });
                Ok(value)
            }
            // Work that stops on its own cancel check reports an error; it was still a cancel.
            Some(Err(error)) if !self.token.is_cancelled() => {
                sink(TaskEvent::Failed {
                    error: error.clone(),
                });
                Err(error)
            }
            _ => {
                sink(TaskEvent::Cancelled);
                Err(CommandError::new(
                    ErrorCode::Cancelled,
                    "The task was cancelled.",
                ))
            }
        }
    }
}

impl Drop for TaskHandle<'_> {
    fn drop(&mut self) {
        self.tasks.lock().remove(&self.id);
    }
}

/// Reports progress of one task.
#[derive(Clone)]
pub struct Progress {
    sink: TaskSink,
}

impl Progress {
    /// Sends a progress update.
    pub fn report(
        &self,
        phase: TaskPhase,
        done: u64,
        total: Option<u64>,
        message: impl Into<String>,
    ) {
        (self.sink)(TaskEvent::Progress {
            phase,
            done,
            total,
            message: message.into(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recording() -> (TaskSink, Arc<Mutex<Vec<serde_json::Value>>>) {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let sink = seen.clone();
        let forward: TaskSink = Arc::new(move |event| {
            sink.lock()
                .unwrap()
                .push(serde_json::to_value(event).unwrap());
        });
        (forward, seen)
    }

    #[tokio::test]
    async fn reports_progress_then_a_typed_summary_and_unregisters() {
        let tasks = Tasks::default();
        let (sink, seen) = recording();
        let task = tasks.start();
        assert_eq!(tasks.running(), 1);
        task.run(sink, |progress| async move {
            progress.report(TaskPhase::Write, 1, Some(2), "half");
            let mut summary = TaskSummary::new("all done");
            summary.warnings.push("1 value truncated".into());
            Ok(summary)
        })
        .await
        .unwrap();
        assert_eq!(tasks.running(), 0);
        let seen = seen.lock().unwrap();
        assert_eq!(
            seen[0],
            serde_json::json!({"kind": "started", "taskId": "1"})
        );
        assert_eq!(
            seen[1],
            serde_json::json!({"kind": "progress", "phase": "write", "done": 1, "total": 2, "message": "half"})
        );
        assert_eq!(
            seen[2],
            serde_json::json!({"kind": "finished", "summary": "all done",
                "warnings": ["1 value truncated"], "notes": []})
        );
    }

    #[tokio::test]
    async fn cancel_stops_a_running_task() {
        let tasks = Arc::new(Tasks::default());
        let (sink, seen) = recording();
        let canceller = tasks.clone();
        let task = tasks.start();
        let id = task.id().to_owned();
        let result = task
            .run(sink, |_| async move {
                canceller.cancel(&id).unwrap();
                std::future::pending::<CommandResult<TaskSummary>>().await
            })
            .await;
        assert_eq!(result.unwrap_err().code, ErrorCode::Cancelled);
        assert_eq!(
            seen.lock().unwrap().last().unwrap(),
            &serde_json::json!({"kind": "cancelled"})
        );
        assert_eq!(tasks.running(), 0);
    }

    #[test]
    fn cancelling_an_unknown_task_is_a_clear_error() {
        let err = Tasks::default().cancel("42").unwrap_err();
        assert_eq!(err.code, ErrorCode::NotFound);
        assert!(err.message.contains("42"));
    }

    #[tokio::test]
    async fn failure_is_reported_with_its_code() {
        let tasks = Tasks::default();
        let (sink, seen) = recording();
        let err = tasks
            .start()
            .run(sink, |_| async {
                Err(CommandError::new(ErrorCode::AuthFailed, "Wrong password."))
            })
            .await
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::AuthFailed);
        assert_eq!(
            seen.lock().unwrap().last().unwrap()["error"]["code"],
            serde_json::json!("auth_failed")
        );
    }
}
