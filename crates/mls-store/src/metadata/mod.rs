//! Metadata snapshots per connection and metadata version, and a diff between two
//! snapshots that reads like a changelog, so users see what the MLS changed
//! (new fields, dropped lookups) before a sync reshapes their tables.

use serde::{Deserialize, Serialize};

use crate::error::StoreError;
use crate::store::Store;
use crate::time::now;

mod diff;

pub use diff::{ChangeKind, MetadataChange, MetadataDiff, diff};

/// The parts of a server's metadata the replica depends on.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MetadataSnapshot {
    /// Metadata version reported by the server.
    pub version: String,
    /// Resources, each with classes and lookups.
    pub resources: Vec<ResourceMeta>,
}

/// One resource (e.g. `Property`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ResourceMeta {
    /// ResourceID.
    pub id: String,
    /// KeyField system name.
    pub key_field: Option<String>,
    /// Classes of the resource.
    pub classes: Vec<ClassMeta>,
    /// Lookup tables of the resource.
    pub lookups: Vec<LookupMeta>,
}

/// One class (e.g. `RES`) and its fields.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ClassMeta {
    /// ClassName.
    pub name: String,
    /// Description or VisibleName.
    pub description: Option<String>,
    /// ClassTimeStamp: the field holding each record's modification time.
    #[serde(default)]
    pub time_stamp_field: Option<String>,
    /// Table fields.
    pub fields: Vec<FieldMeta>,
}

/// One field of a class.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FieldMeta {
    /// SystemName.
    pub system_name: String,
    /// StandardName.
    pub standard_name: Option<String>,
    /// LongName.
    pub long_name: Option<String>,
    /// RETS DataType (Character, Int, Decimal, Date, DateTime, Boolean, …).
    pub data_type: String,
    /// MaximumLength.
    pub max_length: Option<i64>,
    /// LookupName, for lookup fields.
    pub lookup_name: Option<String>,
}

/// A lookup table.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LookupMeta {
    /// LookupName.
    pub name: String,
    /// Values, in server order.
    pub values: Vec<LookupValue>,
}

/// One lookup value.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LookupValue {
    /// Value as it appears in records.
    pub value: String,
    /// LongValue shown to people.
    pub long_value: String,
}

/// A stored snapshot with the time it was fetched and, when it was kept, the
/// server's complete metadata (what the metadata browser shows offline).
#[derive(Debug, Clone, PartialEq)]
pub struct StoredMetadata {
    /// The snapshot.
    pub snapshot: MetadataSnapshot,
    /// When it was fetched from the server (RFC 3339 UTC).
    pub fetched_at: String,
    /// The complete metadata as JSON; `None` for snapshots a sync stored alone.
    pub document_json: Option<String>,
}

impl Store {
    /// Store a snapshot for a connection (replacing one with the same version).
    pub async fn save_metadata_snapshot(
        &self,
        connection_id: i64,
        snapshot: &MetadataSnapshot,
    ) -> Result<(), StoreError> {
        let ts = now();
        let json = serde_json::to_string(snapshot)?;
        sqlx::query!(
            "INSERT INTO metadata_snapshots (connection_id, version, fetched_at, snapshot_json)
             VALUES (?, ?, ?, ?)
             ON CONFLICT (connection_id, version) DO UPDATE SET
                fetched_at = excluded.fetched_at, snapshot_json = excluded.snapshot_json",
            connection_id,
            snapshot.version,
            ts,
            json
        )
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// The most recently stored snapshot of a connection.
    pub async fn latest_metadata_snapshot(
        &self,
        connection_id: i64,
    ) -> Result<Option<MetadataSnapshot>, StoreError> {
        let row = sqlx::query!(
            "SELECT snapshot_json FROM metadata_snapshots WHERE connection_id = ?
             ORDER BY fetched_at DESC, id DESC LIMIT 1",
            connection_id
        )
        .fetch_optional(self.pool())
        .await?;
        Ok(row
            .map(|r| serde_json::from_str(&r.snapshot_json))
            .transpose()?)
    }

    /// The snapshot of a connection with metadata version `version`.
    pub async fn metadata_snapshot(
        &self,
        connection_id: i64,
        version: &str,
    ) -> Result<Option<MetadataSnapshot>, StoreError> {
        let row = sqlx::query!(
            "SELECT snapshot_json FROM metadata_snapshots WHERE connection_id = ? AND version = ?",
            connection_id,
            version
        )
        .fetch_optional(self.pool())
        .await?;
        Ok(row
            .map(|r| serde_json::from_str(&r.snapshot_json))
            .transpose()?)
    }

    /// Store a snapshot with the server's complete metadata (`document_json`),
    /// replacing one with the same version; returns the time it was stored.
    pub async fn save_metadata_with_document(
        &self,
        connection_id: i64,
        snapshot: &MetadataSnapshot,
        document_json: &str,
    ) -> Result<String, StoreError> {
        let ts = now();
        let json = serde_json::to_string(snapshot)?;
        sqlx::query!(
            "INSERT INTO metadata_snapshots (connection_id, version, fetched_at, snapshot_json,
                document_json)
             VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (connection_id, version) DO UPDATE SET
                fetched_at = excluded.fetched_at, snapshot_json = excluded.snapshot_json,
                document_json = excluded.document_json",
            connection_id,
            snapshot.version,
            ts,
            json,
            document_json
        )
        .execute(self.pool())
        .await?;
        Ok(ts)
    }

    /// The most recently fetched snapshot of a connection, with its time and
    /// document (if one was kept).
    pub async fn latest_stored_metadata(
        &self,
        connection_id: i64,
    ) -> Result<Option<StoredMetadata>, StoreError> {
        let row = sqlx::query!(
            "SELECT snapshot_json, fetched_at, document_json FROM metadata_snapshots
             WHERE connection_id = ? ORDER BY fetched_at DESC, id DESC LIMIT 1",
            connection_id
        )
        .fetch_optional(self.pool())
        .await?;
        row.map(|r| {
            Ok(StoredMetadata {
                snapshot: serde_json::from_str(&r.snapshot_json)?,
                fetched_at: r.fetched_at,
                document_json: r.document_json,
            })
        })
        .transpose()
    }

    /// The most recently fetched snapshot of a connection that kept the complete
    /// metadata: the copy to browse when the server cannot be reached.
    pub async fn latest_metadata_document(
        &self,
        connection_id: i64,
    ) -> Result<Option<StoredMetadata>, StoreError> {
        let row = sqlx::query!(
            r#"SELECT snapshot_json, fetched_at, document_json AS "document_json!"
             FROM metadata_snapshots
             WHERE connection_id = ? AND document_json IS NOT NULL
             ORDER BY fetched_at DESC, id DESC LIMIT 1"#,
            connection_id
        )
        .fetch_optional(self.pool())
        .await?;
        row.map(|r| {
            Ok(StoredMetadata {
                snapshot: serde_json::from_str(&r.snapshot_json)?,
                fetched_at: r.fetched_at,
                document_json: Some(r.document_json),
            })
        })
        .transpose()
    }
}
