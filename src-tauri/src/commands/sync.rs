//! Syncing a class into the local replica: a job with progress over a channel,
//! cancellable with `cancel_job`, resumable after a crash; and its history.

use serde::Serialize;
use tauri::State;
use tauri::ipc::Channel;
use tokio::sync::watch;
use ts_rs::TS;

use rets_sync::{Progress, RetsSource, SyncTarget};

use crate::error::CommandResult;
use crate::jobs::{JobEvent, Jobs};
use rets_workbench::Portal;

/// One past or running sync of a class.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct SyncRun {
    /// Job id in the replica.
    #[ts(type = "number")]
    pub id: i64,
    /// `full` or `incremental`.
    pub kind: String,
    /// `running`, `completed`, `failed` or `cancelled`.
    pub status: String,
    /// Start time (RFC 3339).
    pub started_at: String,
    /// End time (RFC 3339), once ended.
    pub finished_at: Option<String>,
    /// Records written.
    #[ts(type = "number")]
    pub records: i64,
    /// Why it failed.
    pub error: Option<String>,
}

fn describe(p: &Progress) -> String {
    let eta = p
        .eta_secs
        .map(|s| format!(", about {}s left", s.round()))
        .unwrap_or_default();
    format!(
        "{:?}: {} of {} records, {:.0}/s, {:.1} MB{eta}",
        p.phase,
        p.records_done,
        p.records_total,
        p.rate,
        p.bytes as f64 / 1e6
    )
}

/// Downloads `resource`/`class` (matching `query`, default everything) into the
/// replica: the first run in full, later runs only what changed. Progress
/// (records, bytes, rate, ETA) streams over `on_event`; `cancel_job` stops it
/// between batches and a later run resumes from the checkpoint.
#[tauri::command]
pub async fn sync_start(
    state: State<'_, Portal>,
    jobs: State<'_, Jobs>,
    connection_id: String,
    resource: String,
    class: String,
    query: Option<String>,
    on_event: Channel<JobEvent>,
) -> CommandResult<()> {
    let profile = state.profile(&connection_id).await?;
    let job = jobs.start();
    let cancel = job.token().clone();
    job.run(&on_event, |progress| async move {
        let credentials = state.credentials(&profile).await?;
        let session = state.workbench.session(&profile, &credentials).await?;
        let replica_id = state.replica_connection(&profile).await?;
        let mut target = SyncTarget::new(replica_id, &resource, &class);
        target.query = query.filter(|q| !q.trim().is_empty());

        let (tx, mut rx) = watch::channel(Progress::default());
        let forward = tauri::async_runtime::spawn(async move {
            while rx.changed().await.is_ok() {
                let p = rx.borrow_and_update().clone();
                progress.report(p.records_done, Some(p.records_total), describe(&p));
            }
        });
        let result = state
            .sync
            .run(&RetsSource::new(session), &target, Some(tx), &cancel)
            .await;
        forward.abort();
        let report = result?;
        let mut message = format!(
            "{resource}:{class}: {} on the server, {} downloaded, {} unchanged, {} marked deleted{}.",
            report.server_keys,
            report.fetched,
            report.unchanged,
            report.deleted,
            if report.resumed { " (resumed)" } else { "" }
        );
        if report.skipped_keys > 0 {
            message.push_str(&format!(
                "\nWarning: {} listings were skipped: their keys hold characters a RETS query cannot carry.",
                report.skipped_keys
            ));
        }
        if let Some(diff) = report.metadata_diff.filter(|d| !d.is_empty()) {
            message.push_str(&format!("\nMetadata changed since the last sync:\n{diff}"));
        }
        Ok(message)
    })
    .await
}

/// The latest syncs of a class, newest first.
#[tauri::command]
pub async fn sync_history(
    state: State<'_, Portal>,
    connection_id: String,
    resource: String,
    class: String,
) -> CommandResult<Vec<SyncRun>> {
    let profile = state.profile(&connection_id).await?;
    let replica_id = state.replica_connection(&profile).await?;
    let jobs = state
        .store
        .recent_jobs(replica_id, &resource, &class, 50)
        .await?;
    Ok(jobs
        .into_iter()
        .map(|j| SyncRun {
            id: j.id,
            kind: format!("{:?}", j.kind).to_lowercase(),
            status: format!("{:?}", j.status).to_lowercase(),
            started_at: j.started_at,
            finished_at: j.finished_at,
            records: j.records,
            error: j.error,
        })
        .collect())
}
