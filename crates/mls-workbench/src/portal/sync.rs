//! Syncing a class into the local replica: a job with progress over a channel,
//! cancellable with `cancel_task`, resumable after a crash; and its history.

use serde::Serialize;
use tokio::sync::watch;
use ts_rs::TS;

use mls_sync::{Progress, RetsSource, SyncTarget};

use crate::Portal;
use crate::{ClassTarget, CommandResult};
use crate::{TaskPhase, TaskSink, TaskSummary, Tasks};

/// How much a sync run downloads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub enum SyncKind {
    /// Every listing of the class (the first run).
    Full,
    /// Only what changed since the last run.
    Incremental,
}

/// Where a sync run is, or how it ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub enum SyncStatus {
    /// Still going (or stopped by a crash: the next run resumes it).
    Running,
    /// Finished.
    Completed,
    /// Stopped on an error.
    Failed,
    /// Stopped by the user.
    Cancelled,
}

/// One past or running sync of a class.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct SyncRun {
    /// Job id in the replica.
    #[ts(type = "number")]
    pub id: i64,
    /// A first full download, or only what changed.
    pub kind: SyncKind,
    /// Where the run is or how it ended.
    pub status: SyncStatus,
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

/// The task phase of a sync phase.
fn phase_of(phase: mls_sync::Phase) -> TaskPhase {
    match phase {
        mls_sync::Phase::Queued => TaskPhase::Queued,
        mls_sync::Phase::Metadata => TaskPhase::Metadata,
        mls_sync::Phase::Keys => TaskPhase::Keys,
        mls_sync::Phase::Fetch => TaskPhase::Download,
        mls_sync::Phase::Deletes => TaskPhase::Deletes,
        mls_sync::Phase::Done => TaskPhase::Done,
    }
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

impl Portal {
    /// Downloads `resource`/`class` (matching `query`, default everything) into the
    /// replica: the first run in full, later runs only what changed. Progress
    /// (records, bytes, rate, ETA) streams over `on_event`; `cancel_task` stops it
    /// between batches and a later run resumes from the checkpoint.
    pub async fn sync_start(
        &self,
        tasks: &Tasks,
        target: ClassTarget,
        query: Option<String>,
        sink: TaskSink,
    ) -> CommandResult<()> {
        let ClassTarget {
            connection_id,
            resource,
            class,
        } = target;
        let profile = self.profile(&connection_id).await?;
        // A team connection's limits: a sync counts as one query of the day.
        self.team_admit(&connection_id, &resource, &class, None)
            .await?;
        let task = tasks.start();
        let cancel = task.token().clone();
        task.run(sink, |progress| async move {
            let credentials = self.credentials(&profile).await?;
            let session = self.workbench.session(&profile, &credentials).await?;
            let replica_id = self.replica_connection(&profile).await?;
            let mut target = SyncTarget::new(replica_id, &resource, &class);
            if let Some(query) = query.filter(|q| !q.trim().is_empty()) {
                target.selection = mls_sync::Selection::Dmql(query);
            }

            let (tx, mut rx) = watch::channel(Progress::default());
            let forward = tokio::spawn(async move {
                while rx.changed().await.is_ok() {
                    let p = rx.borrow_and_update().clone();
                    progress.report(phase_of(p.phase), p.records_done, Some(p.records_total), describe(&p));
                }
            });
            let result = self
                .sync
                .run(&RetsSource::new(session), &target, Some(tx), &cancel)
                .await;
            forward.abort();
            let report = result?;
            let mut summary = TaskSummary::new(format!(
                "{resource}:{class}: {} on the server, {} downloaded, {} unchanged, {} marked deleted{}.",
                report.server_keys,
                report.fetched,
                report.unchanged,
                report.deleted,
                if report.resumed { " (resumed)" } else { "" }
            ));
            if report.skipped_keys > 0 {
                summary.warnings.push(format!(
                    "{} listings were skipped: their keys hold characters a RETS query cannot carry.",
                    report.skipped_keys
                ));
            }
            if let Some(diff) = report.metadata_diff.filter(|d| !d.is_empty()) {
                summary.notes.push("Metadata changed since the last sync:".to_owned());
                summary.notes.extend(diff.to_string().lines().map(str::to_owned));
            }
            Ok(summary)
        })
        .await
    }

    /// The latest syncs of a class, newest first.
    pub async fn sync_history(&self, target: ClassTarget) -> CommandResult<Vec<SyncRun>> {
        let profile = self.profile(&target.connection_id).await?;
        let replica_id = self.replica_connection(&profile).await?;
        let jobs = self
            .store
            .recent_jobs(replica_id, &target.resource, &target.class, 50)
            .await?;
        Ok(jobs
            .into_iter()
            .map(|j| SyncRun {
                id: j.id,
                kind: match j.kind {
                    mls_store::JobKind::Full => SyncKind::Full,
                    mls_store::JobKind::Incremental => SyncKind::Incremental,
                },
                status: match j.status {
                    mls_store::JobStatus::Running => SyncStatus::Running,
                    mls_store::JobStatus::Completed => SyncStatus::Completed,
                    mls_store::JobStatus::Failed => SyncStatus::Failed,
                    mls_store::JobStatus::Cancelled => SyncStatus::Cancelled,
                },
                started_at: j.started_at,
                finished_at: j.finished_at,
                records: j.records,
                error: j.error,
            })
            .collect())
    }
}
