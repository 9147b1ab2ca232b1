//! Where the metadata shown came from: fetched from the server now (and whether
//! it changed since the previous stored snapshot), or the newest stored copy
//! because the server could not be reached.

use mls_store::Store;
use mls_store::metadata::{ChangeKind, MetadataDiff, diff};
use rets_client::Metadata;
use serde::Serialize;
use ts_rs::TS;

use crate::error::WorkbenchError;

/// Most changes listed one by one in a report (the summary counts them all).
pub const MAX_LISTED_CHANGES: usize = 500;

/// Whether the metadata comes from the server or from the stored copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub enum MetadataSource {
    /// Fetched from the server.
    Online,
    /// The newest stored copy; the server could not be reached.
    Offline,
}

/// Where the metadata shown came from and what changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct MetadataStatus {
    /// Server or stored copy.
    pub source: MetadataSource,
    /// When this copy was fetched from the server (RFC 3339 UTC).
    pub fetched_at: String,
    /// Offline only: the error code of the failed fetch.
    pub offline_code: Option<String>,
    /// Offline only: why the server could not be used.
    pub offline_reason: Option<String>,
    /// Online only: what changed since the previous stored snapshot (none on the
    /// first fetch or when nothing changed).
    pub changes: Option<MetadataChanges>,
}

/// Changes between the previous stored snapshot and the metadata just fetched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct MetadataChanges {
    /// Version of the previous snapshot.
    pub previous_version: String,
    /// When the previous snapshot was fetched (RFC 3339 UTC).
    pub previous_fetched_at: String,
    /// Counts per item, e.g. "1 class added, 2 fields removed".
    pub summary: String,
    /// Number of changes (the list may be shorter).
    pub total: u32,
    /// The changes, at most [`MAX_LISTED_CHANGES`].
    pub items: Vec<MetadataChangeItem>,
}

/// One change, e.g. field `Property/RES/PoolYN` added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct MetadataChangeItem {
    /// `added`, `removed` or `changed`.
    #[ts(type = "\"added\" | \"removed\" | \"changed\"")]
    pub kind: String,
    /// `resource`, `class`, `field`, `lookup` or `lookup value`.
    pub item: String,
    /// Path such as `Property/RES/ListPrice`.
    pub path: String,
    /// Types or old → new values.
    pub detail: String,
}

impl MetadataChanges {
    fn of(d: &MetadataDiff, previous_fetched_at: String) -> Self {
        MetadataChanges {
            previous_version: d.from_version.clone(),
            previous_fetched_at,
            summary: d.summary(),
            total: u32::try_from(d.changes.len()).unwrap_or(u32::MAX),
            items: d
                .changes
                .iter()
                .take(MAX_LISTED_CHANGES)
                .map(|c| MetadataChangeItem {
                    kind: match c.kind {
                        ChangeKind::Added => "added",
                        ChangeKind::Removed => "removed",
                        ChangeKind::Changed => "changed",
                    }
                    .to_string(),
                    item: c.item.clone(),
                    path: c.path.clone(),
                    detail: c.detail.clone(),
                })
                .collect(),
        }
    }
}

/// Stores metadata just fetched for replica connection `connection_id` and
/// reports what changed since the previous snapshot.
pub(crate) async fn record_online(
    store: &Store,
    connection_id: i64,
    md: &Metadata,
) -> Result<MetadataStatus, WorkbenchError> {
    let snapshot = mls_sync::rets_source::snapshot_of(md);
    let previous = store.latest_stored_metadata(connection_id).await?;
    let document = serde_json::to_string(md)
        .map_err(|e| WorkbenchError::Internal(format!("metadata as JSON: {e}")))?;
    let fetched_at = store
        .save_metadata_with_document(connection_id, &snapshot, &document)
        .await?;
    let changes = previous.and_then(|p| {
        let d = diff(&p.snapshot, &snapshot);
        (!d.is_empty()).then(|| MetadataChanges::of(&d, p.fetched_at))
    });
    Ok(MetadataStatus {
        source: MetadataSource::Online,
        fetched_at,
        offline_code: None,
        offline_reason: None,
        changes,
    })
}

/// The newest stored copy of the complete metadata of `connection_id`, when
/// fetching failed with `error`; `None` when no usable copy is stored.
pub(crate) async fn stored_copy(
    store: &Store,
    connection_id: i64,
    error: &WorkbenchError,
) -> Result<Option<(Metadata, MetadataStatus)>, WorkbenchError> {
    let Some(stored) = store.latest_metadata_document(connection_id).await? else {
        return Ok(None);
    };
    let Some(json) = stored.document_json else {
        return Ok(None);
    };
    let md: Metadata = match serde_json::from_str(&json) {
        Ok(md) => md,
        Err(e) => {
            tracing::warn!(%e, "the stored metadata document cannot be read");
            return Ok(None);
        }
    };
    Ok(Some((
        md,
        MetadataStatus {
            source: MetadataSource::Offline,
            fetched_at: stored.fetched_at,
            offline_code: Some(error.code().to_string()),
            offline_reason: Some(error.to_string()),
            changes: None,
        },
    )))
}
