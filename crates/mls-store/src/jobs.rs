//! Sync jobs and their checkpoints. A checkpoint is written in the same
//! transaction as the data it covers, so a killed sync resumes from a state
//! that matches the replica exactly.

use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

use crate::error::StoreError;
use crate::store::Store;
use crate::time::now;

/// Full download or incremental update.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum JobKind {
    /// First download of a class.
    Full,
    /// Update of an existing replica by modification timestamp.
    Incremental,
}

/// Lifecycle of a sync job.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum JobStatus {
    /// Started and not finished (possibly interrupted: resumable).
    Running,
    /// Finished successfully.
    Completed,
    /// Stopped by an error.
    Failed,
    /// Stopped by the user.
    Cancelled,
}

macro_rules! text_enum {
    ($t:ty { $($v:ident => $s:literal),* }) => {
        impl $t {
            /// The stored text form.
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$v => $s),* }
            }
            fn parse(s: &str) -> Result<Self, StoreError> {
                match s {
                    $($s => Ok(Self::$v),)*
                    other => Err(StoreError::Invalid(format!("unknown value {other:?}"))),
                }
            }
        }
    };
}
text_enum!(JobKind { Full => "full", Incremental => "incremental" });
text_enum!(JobStatus { Running => "running", Completed => "completed", Failed => "failed", Cancelled => "cancelled" });

/// A stored sync job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SyncJob {
    /// Row id.
    pub id: i64,
    /// Connection synced.
    pub connection_id: i64,
    /// RETS resource.
    pub resource: String,
    /// RETS class.
    pub class: String,
    /// Full or incremental.
    pub kind: JobKind,
    /// Current status.
    pub status: JobStatus,
    /// Start time (RFC 3339).
    pub started_at: String,
    /// End time, once finished.
    pub finished_at: Option<String>,
    /// Records written so far.
    pub records: i64,
    /// Error message of a failed job.
    pub error: Option<String>,
}

/// Where a job stands: a phase name and engine-defined JSON state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Checkpoint {
    /// Phase, e.g. `keys`, `fetch`, `deletes`.
    pub phase: String,
    /// Engine state (e.g. the last batch written).
    pub state: serde_json::Value,
    /// Time written (RFC 3339).
    pub updated_at: String,
}

struct JobRow {
    id: i64,
    connection_id: i64,
    resource: String,
    class: String,
    kind: String,
    status: String,
    started_at: String,
    finished_at: Option<String>,
    records: i64,
    error: Option<String>,
}

impl TryFrom<JobRow> for SyncJob {
    type Error = StoreError;
    fn try_from(r: JobRow) -> Result<Self, StoreError> {
        Ok(SyncJob {
            id: r.id,
            connection_id: r.connection_id,
            resource: r.resource,
            class: r.class,
            kind: JobKind::parse(&r.kind)?,
            status: JobStatus::parse(&r.status)?,
            started_at: r.started_at,
            finished_at: r.finished_at,
            records: r.records,
            error: r.error,
        })
    }
}

impl Store {
    /// Start a job in `Running` state.
    pub async fn start_job(
        &self,
        connection_id: i64,
        resource: &str,
        class: &str,
        kind: JobKind,
    ) -> Result<SyncJob, StoreError> {
        let ts = now();
        let kind = kind.as_str();
        let id = sqlx::query!(
            "INSERT INTO sync_jobs (connection_id, resource, class, kind, status, started_at)
             VALUES (?, ?, ?, ?, 'running', ?)",
            connection_id,
            resource,
            class,
            kind,
            ts
        )
        .execute(self.pool())
        .await?
        .last_insert_rowid();
        self.job(id).await
    }

    /// Fetch job `id`.
    pub async fn job(&self, id: i64) -> Result<SyncJob, StoreError> {
        sqlx::query_as!(
            JobRow,
            "SELECT id AS \"id!\", connection_id, resource, class, kind, status, started_at, finished_at,
                records, error FROM sync_jobs WHERE id = ?",
            id
        )
        .fetch_optional(self.pool())
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("sync job {id}")))?
        .try_into()
    }

    /// The newest unfinished job for a class, if any (an interrupted sync to resume).
    pub async fn running_job(
        &self,
        connection_id: i64,
        resource: &str,
        class: &str,
    ) -> Result<Option<SyncJob>, StoreError> {
        sqlx::query_as!(
            JobRow,
            "SELECT id AS \"id!\", connection_id, resource, class, kind, status, started_at, finished_at,
                records, error FROM sync_jobs
             WHERE connection_id = ? AND resource = ? AND class = ? AND status = 'running'
             ORDER BY id DESC LIMIT 1",
            connection_id,
            resource,
            class
        )
        .fetch_optional(self.pool())
        .await?
        .map(SyncJob::try_from)
        .transpose()
    }

    /// The newest `limit` jobs of a class, newest first (any status).
    pub async fn recent_jobs(
        &self,
        connection_id: i64,
        resource: &str,
        class: &str,
        limit: i64,
    ) -> Result<Vec<SyncJob>, StoreError> {
        sqlx::query_as!(
            JobRow,
            "SELECT id AS \"id!\", connection_id, resource, class, kind, status, started_at,
                finished_at, records, error FROM sync_jobs
             WHERE connection_id = ? AND resource = ? AND class = ?
             ORDER BY id DESC LIMIT ?",
            connection_id,
            resource,
            class,
            limit
        )
        .fetch_all(self.pool())
        .await?
        .into_iter()
        .map(SyncJob::try_from)
        .collect()
    }

    /// The newest completed job for a class (its start time bounds the next incremental run).
    pub async fn last_completed_job(
        &self,
        connection_id: i64,
        resource: &str,
        class: &str,
    ) -> Result<Option<SyncJob>, StoreError> {
        sqlx::query_as!(
            JobRow,
            "SELECT id AS \"id!\", connection_id, resource, class, kind, status, started_at, finished_at,
                records, error FROM sync_jobs
             WHERE connection_id = ? AND resource = ? AND class = ? AND status = 'completed'
             ORDER BY id DESC LIMIT 1",
            connection_id,
            resource,
            class
        )
        .fetch_optional(self.pool())
        .await?
        .map(SyncJob::try_from)
        .transpose()
    }

    /// Mark a job finished with `status` (and an error message for failures).
    pub async fn finish_job(
        &self,
        id: i64,
        status: JobStatus,
        error: Option<&str>,
    ) -> Result<(), StoreError> {
        let ts = now();
        let status = status.as_str();
        sqlx::query!(
            "UPDATE sync_jobs SET status = ?, finished_at = ?, error = ? WHERE id = ?",
            status,
            ts,
            error,
            id
        )
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// The checkpoint of job `id`, if one was written.
    pub async fn checkpoint(&self, job_id: i64) -> Result<Option<Checkpoint>, StoreError> {
        let row = sqlx::query!(
            "SELECT phase, state_json, updated_at FROM sync_checkpoints WHERE job_id = ?",
            job_id
        )
        .fetch_optional(self.pool())
        .await?;
        row.map(|r| {
            Ok(Checkpoint {
                phase: r.phase,
                state: serde_json::from_str(&r.state_json)?,
                updated_at: r.updated_at,
            })
        })
        .transpose()
    }

    /// Write a checkpoint outside any data transaction.
    pub async fn save_checkpoint(
        &self,
        job_id: i64,
        phase: &str,
        state: &serde_json::Value,
        records_added: i64,
    ) -> Result<(), StoreError> {
        let mut conn = self.pool().acquire().await?;
        write_checkpoint(&mut conn, job_id, phase, state, records_added).await
    }
}

/// Write a checkpoint (and add `records_added` to the job's count) on `conn`,
/// typically inside the transaction that wrote the batch it describes.
pub async fn write_checkpoint(
    conn: &mut SqliteConnection,
    job_id: i64,
    phase: &str,
    state: &serde_json::Value,
    records_added: i64,
) -> Result<(), StoreError> {
    let ts = now();
    let state = serde_json::to_string(state)?;
    sqlx::query!(
        "INSERT INTO sync_checkpoints (job_id, phase, state_json, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (job_id) DO UPDATE SET phase = excluded.phase,
            state_json = excluded.state_json, updated_at = excluded.updated_at",
        job_id,
        phase,
        state,
        ts
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "UPDATE sync_jobs SET records = records + ? WHERE id = ?",
        records_added,
        job_id
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}
