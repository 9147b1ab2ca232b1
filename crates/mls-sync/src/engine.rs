//! The sync run. Every run lists all keys with their timestamps (cheap: two
//! columns), so changes and deletions are both found; only changed records are
//! downloaded. Batches commit together with the job checkpoint, and the replica's
//! stored timestamps are the resume cursor: after a crash the diff simply finds
//! what is still missing.

use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::path::{Path, PathBuf};

use mls_store::metadata::diff;
use mls_store::{JobKind, JobStatus, ListingRecord, ListingTable, MetadataDiff, Photo, Store};
use serde_json::json;
use tokio::sync::watch;
use tokio_util::sync::CancellationToken;

use crate::error::SyncError;
use crate::locks::ServerLocks;
use crate::plan::{ClassPlan, plan_class};
use crate::progress::{Phase, Progress, Tracker};
use crate::source::{ListingSource, PhotoObject, Selection};

/// Where photos go when they are synced too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoOptions {
    /// Folder; files are named `<listing key>-<object id>.<ext>`.
    pub dir: PathBuf,
    /// GetObject type, usually `Photo`.
    pub object_type: String,
}

/// What to sync.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncTarget {
    /// Connection id in the replica.
    pub connection_id: i64,
    /// RETS resource, e.g. `Property`.
    pub resource: String,
    /// RETS class.
    pub class: String,
    /// The listings to keep; default: every listing. Listings leaving the
    /// selection are marked deleted.
    pub selection: Selection,
    /// Key field SystemName; default from metadata.
    pub key_field: Option<String>,
    /// Modification timestamp SystemName; default from metadata.
    pub modified_field: Option<String>,
    /// Keys per record request.
    pub batch_size: usize,
    /// Download photos as well.
    pub photos: Option<PhotoOptions>,
}

impl SyncTarget {
    /// Sync every listing of `resource:class` with defaults (batches of 100, no photos).
    pub fn new(connection_id: i64, resource: impl Into<String>, class: impl Into<String>) -> Self {
        Self {
            connection_id,
            resource: resource.into(),
            class: class.into(),
            selection: Selection::All,
            key_field: None,
            modified_field: None,
            batch_size: 100,
            photos: None,
        }
    }
}

/// Outcome of a completed run.
#[derive(Debug, Clone, PartialEq)]
pub struct SyncReport {
    /// Job id in the replica.
    pub job_id: i64,
    /// Full (empty replica) or incremental.
    pub kind: JobKind,
    /// Whether an interrupted job was continued.
    pub resumed: bool,
    /// Metadata changes since the previous snapshot (None on the first run).
    pub metadata_diff: Option<MetadataDiff>,
    /// Keys the server reported.
    pub server_keys: u64,
    /// Records downloaded and written.
    pub fetched: u64,
    /// Listings already up to date.
    pub unchanged: u64,
    /// Listings newly marked deleted.
    pub deleted: u64,
    /// Photos downloaded.
    pub photos: u64,
    /// Server keys left out because they cannot be sent back in a query
    /// (see [`ListingSource::unusable_key`]).
    pub skipped_keys: u64,
    /// Final progress numbers.
    pub progress: Progress,
}

/// Runs syncs into one replica; share one [`ServerLocks`] per app.
#[derive(Debug, Clone)]
pub struct SyncEngine {
    store: Store,
    locks: ServerLocks,
}

async fn cancellable<T>(
    cancel: &CancellationToken,
    f: impl Future<Output = Result<T, SyncError>>,
) -> Result<T, SyncError> {
    tokio::select! {
        biased;
        _ = cancel.cancelled() => Err(SyncError::Cancelled),
        r = f => r,
    }
}

struct Run<'a, S> {
    store: &'a Store,
    source: &'a S,
    target: &'a SyncTarget,
    cancel: &'a CancellationToken,
    tracker: Tracker,
}

impl SyncEngine {
    /// An engine over `store`, serialising jobs per server with `locks`.
    pub fn new(store: Store, locks: ServerLocks) -> Self {
        Self { store, locks }
    }

    /// Sync `target` from `source`. Waits while another job uses the same server.
    /// Progress goes to `progress`; `cancel` stops between requests and batches.
    pub async fn run<S: ListingSource>(
        &self,
        source: &S,
        target: &SyncTarget,
        progress: Option<watch::Sender<Progress>>,
        cancel: &CancellationToken,
    ) -> Result<SyncReport, SyncError> {
        let mut run = Run {
            store: &self.store,
            source,
            target,
            cancel,
            tracker: Tracker::new(progress),
        };
        run.tracker.phase(Phase::Queued);
        let server = source.server_id();
        let _guard = tokio::select! {
            biased;
            _ = cancel.cancelled() => return Err(SyncError::Cancelled),
            g = self.locks.acquire(&server) => g,
        };
        run.tracker.phase(Phase::Metadata);
        let (metadata_diff, plan) = run.prepare().await?;

        let t = target;
        let existing = self
            .store
            .listing_table(t.connection_id, &t.resource, &t.class)
            .await?;
        let (job, resumed) = match self
            .store
            .running_job(t.connection_id, &t.resource, &t.class)
            .await?
        {
            Some(job) => (job, true),
            None => {
                let kind = match &existing {
                    Some(table) if !self.store.listing_key_states(table).await?.is_empty() => {
                        JobKind::Incremental
                    }
                    _ => JobKind::Full,
                };
                let job = self
                    .store
                    .start_job(t.connection_id, &t.resource, &t.class, kind)
                    .await?;
                (job, false)
            }
        };
        // New fields: rows already in the replica lack their values, so every
        // listing written before `refetch_before` is fetched again. The cutoff is
        // checkpointed before the table changes and inherited by the next job if
        // this one is interrupted, fails or is cancelled.
        let fields_added = existing.as_ref().is_some_and(|table| {
            plan.fields
                .iter()
                .any(|f| table.field(&f.system_name).is_none())
        });
        let inherited = self.inherited_refetch(&job, resumed).await?;
        let refetch_before = inherited.or_else(|| fields_added.then(|| job.started_at.clone()));
        if let Some(before) = &refetch_before {
            let state = json!({ "refetch_before": before });
            self.store
                .save_checkpoint(job.id, "metadata", &state, 0)
                .await?;
        }
        let table = self
            .store
            .ensure_listing_table(
                t.connection_id,
                &t.resource,
                &t.class,
                &plan.fields,
                &plan.hints,
            )
            .await?;
        tracing::info!(job = job.id, resumed, kind = ?job.kind, "sync started");
        match run
            .transfer(job.id, &plan, &table, refetch_before.as_deref())
            .await
        {
            Ok(mut report) => {
                self.store
                    .finish_job(job.id, JobStatus::Completed, None)
                    .await?;
                if report.fetched > 10_000 {
                    self.store.analyze().await?;
                }
                run.tracker.phase(Phase::Done);
                report.job_id = job.id;
                report.kind = job.kind;
                report.resumed = resumed;
                report.metadata_diff = metadata_diff;
                report.progress = run.tracker.snapshot();
                Ok(report)
            }
            Err(e) => {
                let (status, msg) = match &e {
                    SyncError::Cancelled => (JobStatus::Cancelled, None),
                    // The job row outlives the session: no password may end up in it.
                    other => (
                        JobStatus::Failed,
                        Some(run.source.redact(&other.to_string())),
                    ),
                };
                self.store
                    .finish_job(job.id, status, msg.as_deref())
                    .await?;
                Err(e)
            }
        }
    }
}

impl SyncEngine {
    /// The refetch cutoff of the job being resumed, or of the previous job when
    /// it did not complete.
    async fn inherited_refetch(
        &self,
        job: &mls_store::SyncJob,
        resumed: bool,
    ) -> Result<Option<String>, SyncError> {
        let from = if resumed {
            Some(job.id)
        } else {
            self.store
                .recent_jobs(job.connection_id, &job.resource, &job.class, 2)
                .await?
                .into_iter()
                .find(|j| j.id != job.id && j.status != JobStatus::Completed)
                .map(|j| j.id)
        };
        let Some(id) = from else { return Ok(None) };
        Ok(self
            .store
            .checkpoint(id)
            .await?
            .and_then(|c| c.state["refetch_before"].as_str().map(str::to_string)))
    }
}

impl<S: ListingSource> Run<'_, S> {
    /// Metadata: compare with the last snapshot, store it, plan the class.
    async fn prepare(&mut self) -> Result<(Option<MetadataDiff>, ClassPlan), SyncError> {
        let t = self.target;
        let md = cancellable(self.cancel, self.source.metadata()).await?;
        let previous = self.store.latest_metadata_snapshot(t.connection_id).await?;
        let report = previous.map(|p| diff(&p, &md));
        if let Some(d) = report.as_ref().filter(|d| !d.is_empty()) {
            tracing::info!("{d}");
        }
        self.store
            .save_metadata_snapshot(t.connection_id, &md)
            .await?;
        let plan = plan_class(
            &md,
            &t.resource,
            &t.class,
            t.key_field.as_deref(),
            t.modified_field.as_deref(),
        )?;
        Ok((report, plan))
    }

    /// Keys, diff, fetch, deletes. With `refetch_before`, rows last written
    /// before that time are fetched again even when their timestamp matches.
    async fn transfer(
        &mut self,
        job_id: i64,
        plan: &ClassPlan,
        table: &ListingTable,
        refetch_before: Option<&str>,
    ) -> Result<SyncReport, SyncError> {
        let t = self.target;
        self.tracker.phase(Phase::Keys);
        let stamps = cancellable(
            self.cancel,
            self.source.key_stamps(
                &t.resource,
                &t.class,
                &t.selection,
                &plan.key_field,
                &plan.modified_field,
            ),
        )
        .await?;
        // Keys that cannot go back into a query are set aside, named once, and
        // never fetched: otherwise their batch fails on every sync.
        let mut skipped_keys = 0u64;
        let server: HashMap<String, String> = stamps
            .into_iter()
            .filter(|s| match self.source.unusable_key(&s.key) {
                None => true,
                Some(reason) => {
                    if skipped_keys == 0 {
                        tracing::warn!(key = %s.key.escape_debug(), reason, "listing key skipped");
                    }
                    skipped_keys += 1;
                    false
                }
            })
            .map(|s| (s.key, s.modified))
            .collect();
        self.store
            .save_checkpoint(
                job_id,
                "keys",
                &json!({ "server_keys": server.len(), "refetch_before": refetch_before }),
                0,
            )
            .await?;

        let local = self.store.listing_key_states(table).await?;
        let mut to_fetch: Vec<String> = server
            .iter()
            .filter(|(k, m)| {
                local.get(*k).is_none_or(|s| {
                    s.deleted
                        || s.modified.as_deref() != Some(m.as_str())
                        || refetch_before.is_some_and(|t| s.synced_at.as_str() < t)
                })
            })
            .map(|(k, _)| k.clone())
            .collect();
        to_fetch.sort();
        let mut to_delete: Vec<String> = local
            .iter()
            .filter(|(k, s)| !s.deleted && !server.contains_key(*k))
            .map(|(k, _)| k.clone())
            .collect();
        to_delete.sort();
        let unchanged = (server.len() - to_fetch.len()) as u64;

        self.tracker.phase(Phase::Fetch);
        self.tracker.total(to_fetch.len() as u64);
        let batches = to_fetch.len().div_ceil(t.batch_size.max(1));
        let mut fetched = 0u64;
        let mut photos = 0u64;
        for (i, batch) in to_fetch.chunks(t.batch_size.max(1)).enumerate() {
            if self.cancel.is_cancelled() {
                return Err(SyncError::Cancelled);
            }
            let rows = cancellable(
                self.cancel,
                self.source
                    .records(&t.resource, &t.class, &plan.key_field, batch),
            )
            .await?;
            let mut bytes = 0u64;
            let wanted: HashSet<&str> = batch.iter().map(String::as_str).collect();
            let records: Vec<ListingRecord> = rows
                .into_iter()
                .filter_map(|values| {
                    let key = values.get(&plan.key_field)?.clone();
                    wanted.contains(key.as_str()).then_some(())?;
                    bytes += values
                        .iter()
                        .map(|(k, v)| (k.len() + v.len()) as u64)
                        .sum::<u64>();
                    Some(ListingRecord { key, values })
                })
                .collect();
            if let Some(opts) = &t.photos {
                let keys: Vec<String> = records.iter().map(|r| r.key.clone()).collect();
                // A few listings per GetObject: only their photos are in memory at once.
                for few in keys.chunks(PHOTO_LISTINGS_PER_REQUEST) {
                    let objects = cancellable(
                        self.cancel,
                        self.source.photos(&t.resource, &opts.object_type, few),
                    )
                    .await?;
                    for o in &objects {
                        bytes += o.data.len() as u64;
                        save_photo(self.store, t, &opts.dir, o).await?;
                    }
                    photos += objects.len() as u64;
                }
            }
            let state = json!({
                "batch": i + 1,
                "batches": batches,
                "fetched": fetched + records.len() as u64,
                "refetch_before": refetch_before,
            });
            let n = self
                .store
                .upsert_batch_with_checkpoint(table, &records, job_id, "fetch", &state)
                .await? as u64;
            fetched += n;
            self.tracker.add(n, bytes);
        }

        self.tracker.phase(Phase::Deletes);
        let mut deleted = 0;
        for chunk in to_delete.chunks(500) {
            if self.cancel.is_cancelled() {
                return Err(SyncError::Cancelled);
            }
            let state = json!({ "deleted": deleted + chunk.len() as u64, "refetch_before": refetch_before });
            let n = self
                .store
                .mark_deleted_with_checkpoint(table, chunk, job_id, "deletes", &state)
                .await?;
            deleted += n;
            self.tracker.deleted(n);
        }
        Ok(SyncReport {
            job_id,
            kind: JobKind::Incremental,
            resumed: false,
            metadata_diff: None,
            server_keys: server.len() as u64 + skipped_keys,
            fetched,
            unchanged,
            deleted,
            photos,
            skipped_keys,
            progress: self.tracker.snapshot(),
        })
    }
}

/// Listings whose photos one GetObject asks for: bounds the photos held in
/// memory (a batch has 100 listings of up to dozens of photos each).
const PHOTO_LISTINGS_PER_REQUEST: usize = 5;

fn extension(content_type: &str) -> &'static str {
    match content_type.split(';').next().unwrap_or("").trim() {
        "image/jpeg" | "image/jpg" => "jpg",
        "image/png" => "png",
        "image/gif" => "gif",
        "image/webp" => "webp",
        _ => "bin",
    }
}

/// A file-name-safe form of a listing key. Keys that had to be changed get a
/// short hash of the original, so `A/1` and `A_1` never share a file.
fn safe_name(key: &str) -> String {
    let safe: String = key
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(100)
        .collect();
    if safe == key {
        return safe;
    }
    // FNV-1a: stable across runs and platforms (std's hasher is not).
    let hash = key.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("{safe}~{hash:016x}")
}

async fn save_photo(
    store: &Store,
    t: &SyncTarget,
    dir: &Path,
    o: &PhotoObject,
) -> Result<(), SyncError> {
    tokio::fs::create_dir_all(dir).await?;
    let name = format!(
        "{}-{}.{}",
        safe_name(&o.key),
        o.object_id,
        extension(&o.content_type)
    );
    let path = dir.join(&name);
    let tmp = dir.join(format!(".{name}.part"));
    tokio::fs::write(&tmp, &o.data).await?;
    tokio::fs::rename(&tmp, &path).await?;
    store
        .upsert_photo(&Photo {
            connection_id: t.connection_id,
            resource: t.resource.clone(),
            listing_key: o.key.clone(),
            object_id: o.object_id,
            path: path.display().to_string(),
            content_type: o.content_type.clone(),
            size: o.data.len() as i64,
            fetched_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        })
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn photo_names_are_safe() {
        assert_eq!(safe_name("A1-2_3"), "A1-2_3");
        let odd = safe_name("A1/../x y");
        assert!(odd.starts_with("A1____x_y~"), "{odd}");
        assert_ne!(
            safe_name("A/1"),
            safe_name("A_1"),
            "no two keys share a file"
        );
        assert_ne!(safe_name("A/1"), safe_name("A:1"));
        assert_eq!(safe_name("A/1"), safe_name("A/1"), "stable");
        assert!(safe_name(&"é".repeat(500)).len() < 130);
        assert_eq!(extension("image/jpeg; charset=binary"), "jpg");
        assert_eq!(extension("application/pdf"), "bin");
    }
}
