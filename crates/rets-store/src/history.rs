//! Saved queries (named, re-runnable) and the query history (what ran, how long
//! it took, how many records, and how it ended) per connection.

use serde::{Deserialize, Serialize};

use crate::error::StoreError;
use crate::store::Store;
use crate::time::now;

/// A query the user saved under a name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewSavedQuery {
    /// Owning connection.
    pub connection_id: i64,
    /// Name, unique per connection.
    pub name: String,
    /// RETS resource, e.g. `Property`.
    pub resource: String,
    /// RETS class, e.g. `RES`.
    pub class: String,
    /// DMQL2 query text.
    pub query: String,
    /// Comma-separated Select list, if restricted.
    pub select_fields: Option<String>,
}

/// A stored saved query.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedQuery {
    /// Row id.
    pub id: i64,
    /// The user-entered fields.
    #[serde(flatten)]
    pub fields: NewSavedQuery,
    /// Creation time (RFC 3339).
    pub created_at: String,
    /// Last update time (RFC 3339).
    pub updated_at: String,
}

/// How a query run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum HistoryStatus {
    /// Completed.
    Ok,
    /// Failed with an error.
    Error,
    /// Cancelled by the user.
    Cancelled,
}

impl HistoryStatus {
    fn as_str(self) -> &'static str {
        match self {
            Self::Ok => "ok",
            Self::Error => "error",
            Self::Cancelled => "cancelled",
        }
    }
    fn parse(s: &str) -> Result<Self, StoreError> {
        match s {
            "ok" => Ok(Self::Ok),
            "error" => Ok(Self::Error),
            "cancelled" => Ok(Self::Cancelled),
            other => Err(StoreError::Invalid(format!("unknown status {other:?}"))),
        }
    }
}

/// One run of a query, to be recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewHistoryEntry {
    /// Connection the query ran on.
    pub connection_id: i64,
    /// RETS resource.
    pub resource: String,
    /// RETS class.
    pub class: String,
    /// DMQL2 query text.
    pub query: String,
    /// Start time (RFC 3339).
    pub started_at: String,
    /// Wall-clock duration in milliseconds.
    pub duration_ms: i64,
    /// Records received, when known.
    pub record_count: Option<i64>,
    /// Outcome.
    pub status: HistoryStatus,
    /// Error message when `status` is `Error`.
    pub error: Option<String>,
}

/// A recorded query run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// Row id.
    pub id: i64,
    /// The recorded fields.
    #[serde(flatten)]
    pub fields: NewHistoryEntry,
}

impl Store {
    /// Save a named query (replaces one with the same name on the same connection).
    pub async fn save_query(&self, q: &NewSavedQuery) -> Result<SavedQuery, StoreError> {
        let ts = now();
        sqlx::query!(
            "INSERT INTO saved_queries (connection_id, name, resource, class, query, select_fields,
                created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (connection_id, name) DO UPDATE SET resource = excluded.resource,
                class = excluded.class, query = excluded.query,
                select_fields = excluded.select_fields, updated_at = excluded.updated_at",
            q.connection_id,
            q.name,
            q.resource,
            q.class,
            q.query,
            q.select_fields,
            ts,
            ts
        )
        .execute(self.pool())
        .await?;
        self.saved_queries(q.connection_id)
            .await?
            .into_iter()
            .find(|s| s.fields.name == q.name)
            .ok_or_else(|| StoreError::NotFound(format!("saved query {}", q.name)))
    }

    /// Saved queries of a connection, by name.
    pub async fn saved_queries(&self, connection_id: i64) -> Result<Vec<SavedQuery>, StoreError> {
        let rows = sqlx::query!(
            "SELECT id AS \"id!\", connection_id, name, resource, class, query, select_fields, created_at,
                updated_at
             FROM saved_queries WHERE connection_id = ? ORDER BY name",
            connection_id
        )
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| SavedQuery {
                id: r.id,
                fields: NewSavedQuery {
                    connection_id: r.connection_id,
                    name: r.name,
                    resource: r.resource,
                    class: r.class,
                    query: r.query,
                    select_fields: r.select_fields,
                },
                created_at: r.created_at,
                updated_at: r.updated_at,
            })
            .collect())
    }

    /// Delete a saved query.
    pub async fn delete_saved_query(&self, id: i64) -> Result<(), StoreError> {
        sqlx::query!("DELETE FROM saved_queries WHERE id = ?", id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Record one query run; returns its id.
    pub async fn record_query(&self, e: &NewHistoryEntry) -> Result<i64, StoreError> {
        let status = e.status.as_str();
        let id = sqlx::query!(
            "INSERT INTO query_history (connection_id, resource, class, query, started_at,
                duration_ms, record_count, status, error)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            e.connection_id,
            e.resource,
            e.class,
            e.query,
            e.started_at,
            e.duration_ms,
            e.record_count,
            status,
            e.error
        )
        .execute(self.pool())
        .await?
        .last_insert_rowid();
        Ok(id)
    }

    /// The most recent `limit` query runs of a connection, newest first.
    pub async fn query_history(
        &self,
        connection_id: i64,
        limit: i64,
    ) -> Result<Vec<HistoryEntry>, StoreError> {
        let rows = sqlx::query!(
            "SELECT id AS \"id!\", connection_id, resource, class, query, started_at, duration_ms,
                record_count, status, error
             FROM query_history WHERE connection_id = ?
             ORDER BY started_at DESC, id DESC LIMIT ?",
            connection_id,
            limit
        )
        .fetch_all(self.pool())
        .await?;
        rows.into_iter()
            .map(|r| {
                Ok(HistoryEntry {
                    id: r.id,
                    fields: NewHistoryEntry {
                        connection_id: r.connection_id,
                        resource: r.resource,
                        class: r.class,
                        query: r.query,
                        started_at: r.started_at,
                        duration_ms: r.duration_ms,
                        record_count: r.record_count,
                        status: HistoryStatus::parse(&r.status)?,
                        error: r.error,
                    },
                })
            })
            .collect()
    }
}
