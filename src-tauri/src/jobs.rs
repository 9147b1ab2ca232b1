//! Long-running work: every job streams [`JobEvent`]s over a Tauri channel the
//! caller created (so it is subscribed before work starts) and can be cancelled
//! by id. Events are for broadcasts; channels are for a job's own progress.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::Serialize;
use tauri::ipc::Channel;
use tokio_util::sync::CancellationToken;
use ts_rs::TS;

use crate::error::{CommandError, CommandResult};
use rets_workbench::ErrorCode;

/// One update about a running job, sent over the job's channel.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum JobEvent {
    /// The job was registered; `job_id` is what `cancel_job` takes.
    Started { job_id: String },
    /// Work advanced; `total` is unknown for open-ended work.
    Progress {
        #[ts(type = "number")]
        done: u64,
        #[ts(type = "number | null")]
        total: Option<u64>,
        message: String,
    },
    /// The job completed.
    Finished { message: String },
    /// The job stopped on an error.
    Failed { error: CommandError },
    /// The job stopped because it was cancelled.
    Cancelled,
}

/// The running jobs of this app instance, kept in Tauri managed state.
#[derive(Default)]
pub struct Jobs {
    next_id: AtomicU64,
    running: Mutex<HashMap<String, CancellationToken>>,
}

impl Jobs {
    /// Registers a new job and returns its handle.
    pub fn start(&self) -> JobHandle<'_> {
        let id = (self.next_id.fetch_add(1, Ordering::Relaxed) + 1).to_string();
        let token = CancellationToken::new();
        self.lock().insert(id.clone(), token.clone());
        JobHandle {
            jobs: self,
            id,
            token,
        }
    }

    /// Asks a running job to stop; it reports `Cancelled` on its channel.
    pub fn cancel(&self, id: &str) -> CommandResult<()> {
        match self.lock().get(id) {
            Some(token) => {
                token.cancel();
                Ok(())
            }
            None => Err(CommandError::new(
                ErrorCode::NotFound,
                format!("No job with id {id} is running; it may have finished already."),
            )),
        }
    }

    /// Number of jobs still registered.
    pub fn running(&self) -> usize {
        self.lock().len()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, CancellationToken>> {
        // A panic while holding this lock cannot leave the map inconsistent.
        self.running.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A registered job; dropping it unregisters the job.
pub struct JobHandle<'a> {
    jobs: &'a Jobs,
    id: String,
    token: CancellationToken,
}

impl JobHandle<'_> {
    /// The id `cancel_job` takes.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Cancelled when the user asks the job to stop.
    pub fn token(&self) -> &CancellationToken {
        &self.token
    }

    /// Runs `work` to completion or cancellation, reporting on `channel`.
    /// `work` gets a [`Progress`] reporter; its message ends the job.
    pub async fn run<F, Fut>(self, channel: &Channel<JobEvent>, work: F) -> CommandResult<()>
    where
        F: FnOnce(Progress) -> Fut,
        Fut: std::future::Future<Output = CommandResult<String>>,
    {
        self.run_for(channel, |progress| async move {
            work(progress).await.map(|message| ((), message))
        })
        .await
    }

    /// Like [`JobHandle::run`], for work with a typed result: the command
    /// returns the result, and the channel gets the summary message.
    pub async fn run_for<T, F, Fut>(self, channel: &Channel<JobEvent>, work: F) -> CommandResult<T>
    where
        F: FnOnce(Progress) -> Fut,
        Fut: std::future::Future<Output = CommandResult<(T, String)>>,
    {
        send(
            channel,
            JobEvent::Started {
                job_id: self.id.clone(),
            },
        );
        let progress = Progress {
            channel: channel.clone(),
        };
        let outcome = tokio::select! {
            biased;
            _ = self.token.cancelled() => None,
            result = work(progress) => Some(result),
        };
        match outcome {
            Some(Ok((value, message))) => {
                send(channel, JobEvent::Finished { message });
                Ok(value)
            }
            // Work that stops on its own cancel check reports an error; it was still a cancel.
            Some(Err(error)) if !self.token.is_cancelled() => {
                send(
                    channel,
                    JobEvent::Failed {
                        error: error.clone(),
                    },
                );
                Err(error)
            }
            _ => {
                send(channel, JobEvent::Cancelled);
                Err(CommandError::new(
                    ErrorCode::Cancelled,
                    "The job was cancelled.",
                ))
            }
        }
    }
}

impl Drop for JobHandle<'_> {
    fn drop(&mut self) {
        self.jobs.lock().remove(&self.id);
    }
}

/// Reports progress of one job.
#[derive(Clone)]
pub struct Progress {
    channel: Channel<JobEvent>,
}

impl Progress {
    /// Sends a progress update.
    pub fn report(&self, done: u64, total: Option<u64>, message: impl Into<String>) {
        send(
            &self.channel,
            JobEvent::Progress {
                done,
                total,
                message: message.into(),
            },
        );
    }
}

fn send(channel: &Channel<JobEvent>, event: JobEvent) {
    // The window may be gone (closed mid-job); the job still ends cleanly.
    if let Err(err) = channel.send(event) {
        log::debug!("job event not delivered: {err}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn recording_channel() -> (Channel<JobEvent>, Arc<Mutex<Vec<serde_json::Value>>>) {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let sink = seen.clone();
        let channel = Channel::new(move |body| {
            if let tauri::ipc::InvokeResponseBody::Json(json) = body {
                sink.lock()
                    .unwrap()
                    .push(serde_json::from_str(&json).unwrap());
            }
            Ok(())
        });
        (channel, seen)
    }

    #[tokio::test]
    async fn reports_progress_then_finished_and_unregisters() {
        let jobs = Jobs::default();
        let (channel, seen) = recording_channel();
        let job = jobs.start();
        assert_eq!(jobs.running(), 1);
        job.run(&channel, |progress| async move {
            progress.report(1, Some(2), "half");
            Ok("all done".to_owned())
        })
        .await
        .unwrap();
        assert_eq!(jobs.running(), 0);
        let seen = seen.lock().unwrap();
        assert_eq!(
            seen[0],
            serde_json::json!({"kind": "started", "jobId": "1"})
        );
        assert_eq!(
            seen[1],
            serde_json::json!({"kind": "progress", "done": 1, "total": 2, "message": "half"})
        );
        assert_eq!(
            seen[2],
            serde_json::json!({"kind": "finished", "message": "all done"})
        );
    }

    #[tokio::test]
    async fn cancel_stops_a_running_job() {
        let jobs = Arc::new(Jobs::default());
        let (channel, seen) = recording_channel();
        let canceller = jobs.clone();
        let job = jobs.start();
        let id = job.id().to_owned();
        let result = job
            .run(&channel, |_| async move {
                canceller.cancel(&id).unwrap();
                std::future::pending::<CommandResult<String>>().await
            })
            .await;
        assert_eq!(result.unwrap_err().code, ErrorCode::Cancelled);
        assert_eq!(
            seen.lock().unwrap().last().unwrap(),
            &serde_json::json!({"kind": "cancelled"})
        );
        assert_eq!(jobs.running(), 0);
    }

    #[test]
    fn cancelling_an_unknown_job_is_a_clear_error() {
        let err = Jobs::default().cancel("42").unwrap_err();
        assert_eq!(err.code, ErrorCode::NotFound);
        assert!(err.message.contains("42"));
    }

    #[tokio::test]
    async fn failure_is_reported_with_its_code() {
        let jobs = Jobs::default();
        let (channel, seen) = recording_channel();
        let err = jobs
            .start()
            .run(&channel, |_| async {
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
