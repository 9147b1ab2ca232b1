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

/// What kind of run a history entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum QueryKind {
    /// A count only (no records downloaded).
    Count,
    /// The first rows of a search, for a preview.
    Preview,
    /// A full search (CLI, downloads).
    Search,
}

impl QueryKind {
    fn as_str(self) -> &'static str {
        match self {
            Self::Count => "count",
            Self::Preview => "preview",
            Self::Search => "search",
        }
    }
    fn parse(s: &str) -> Result<Self, StoreError> {
        match s {
            "count" => Ok(Self::Count),
            "preview" => Ok(Self::Preview),
            "search" => Ok(Self::Search),
            other => Err(StoreError::Invalid(format!("unknown query kind {other:?}"))),
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
    /// Count, preview or search.
    pub kind: QueryKind,
    /// Comma-separated Select list, if restricted.
    pub select_fields: Option<String>,
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

/// Most history entries kept per connection; older ones are dropped as new ones arrive.
pub const HISTORY_KEEP: i64 = 1000;

/// What to do when a saved query's name is already taken by another one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnNameConflict {
    /// Refuse with [`StoreError::Conflict`].
    Fail,
    /// Replace the other saved query.
    Overwrite,
}

impl Store {
    /// Save a named query (replaces one with the same name on the same connection).
    pub async fn save_query(&self, q: &NewSavedQuery) -> Result<SavedQuery, StoreError> {
        self.put_saved_query(None, q, OnNameConflict::Overwrite)
            .await
    }

    /// Creates (`id` None) or changes (renames, edits) a saved query. When another
    /// saved query of the connection already has the name, `on_conflict` decides:
    /// fail with [`StoreError::Conflict`], or overwrite that one (a new query takes
    /// its row; a renamed one replaces it).
    pub async fn put_saved_query(
        &self,
        id: Option<i64>,
        q: &NewSavedQuery,
        on_conflict: OnNameConflict,
    ) -> Result<SavedQuery, StoreError> {
        let ts = now();
        let mut tx = self.pool().begin().await?;
        if let Some(id) = id {
            let owner =
                sqlx::query_scalar!("SELECT connection_id FROM saved_queries WHERE id = ?", id)
                    .fetch_optional(&mut *tx)
                    .await?;
            if owner != Some(q.connection_id) {
                return Err(StoreError::NotFound(format!("saved query {id}")));
            }
        }
        let holder = sqlx::query_scalar!(
            "SELECT id AS \"id!\" FROM saved_queries WHERE connection_id = ? AND name = ?",
            q.connection_id,
            q.name
        )
        .fetch_optional(&mut *tx)
        .await?
        .filter(|other| Some(*other) != id);
        if holder.is_some() && on_conflict == OnNameConflict::Fail {
            return Err(StoreError::Conflict(format!(
                "a saved query named {:?} already exists",
                q.name
            )));
        }
        let target = match (id, holder) {
            (Some(id), Some(other)) => {
                sqlx::query!("DELETE FROM saved_queries WHERE id = ?", other)
                    .execute(&mut *tx)
                    .await?;
                Some(id)
            }
            (Some(id), None) => Some(id),
            (None, other) => other,
        };
        let row_id = match target {
            Some(id) => {
                sqlx::query!(
                    "UPDATE saved_queries SET name = ?, resource = ?, class = ?, query = ?,
                        select_fields = ?, updated_at = ?
                     WHERE id = ?",
                    q.name,
                    q.resource,
                    q.class,
                    q.query,
                    q.select_fields,
                    ts,
                    id
                )
                .execute(&mut *tx)
                .await?;
                id
            }
            None => sqlx::query!(
                "INSERT INTO saved_queries (connection_id, name, resource, class, query,
                    select_fields, created_at, updated_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                q.connection_id,
                q.name,
                q.resource,
                q.class,
                q.query,
                q.select_fields,
                ts,
                ts
            )
            .execute(&mut *tx)
            .await?
            .last_insert_rowid(),
        };
        tx.commit().await?;
        self.saved_queries(q.connection_id)
            .await?
            .into_iter()
            .find(|s| s.id == row_id)
            .ok_or_else(|| StoreError::NotFound(format!("saved query {}", q.name)))
    }

    /// Saved queries of a connection, by name.
    pub async fn saved_queries(&self, connection_id: i64) -> Result<Vec<SavedQuery>, StoreError> {
        let rows = sqlx::query!(
            "SELECT id AS \"id!\", connection_id, name, resource, class, query, select_fields, created_at,
                updated_at
             FROM saved_queries WHERE connection_id = ? ORDER BY name COLLATE NOCASE, name",
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

    /// Record one query run; returns its id. A run identical to the connection's
    /// newest entry (same kind, target, text, Select and outcome) refreshes that
    /// entry instead of adding a duplicate, so a live count re-run while the user
    /// thinks does not flood the history. Only the newest [`HISTORY_KEEP`] entries
    /// of a connection are kept.
    pub async fn record_query(&self, e: &NewHistoryEntry) -> Result<i64, StoreError> {
        let status = e.status.as_str();
        let kind = e.kind.as_str();
        let mut tx = self.pool().begin().await?;
        let newest = sqlx::query!(
            "SELECT id AS \"id!\", kind, resource, class, query, select_fields, status, error
             FROM query_history WHERE connection_id = ?
             ORDER BY started_at DESC, id DESC LIMIT 1",
            e.connection_id
        )
        .fetch_optional(&mut *tx)
        .await?
        .filter(|r| {
            r.kind == kind
                && r.resource == e.resource
                && r.class == e.class
                && r.query == e.query
                && r.select_fields == e.select_fields
                && r.status == status
                && r.error == e.error
        });
        let id = if let Some(row) = newest {
            sqlx::query!(
                "UPDATE query_history SET started_at = ?, duration_ms = ?, record_count = ?
                 WHERE id = ?",
                e.started_at,
                e.duration_ms,
                e.record_count,
                row.id
            )
            .execute(&mut *tx)
            .await?;
            row.id
        } else {
            sqlx::query!(
                "INSERT INTO query_history (connection_id, kind, resource, class, query,
                    select_fields, started_at, duration_ms, record_count, status, error)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                e.connection_id,
                kind,
                e.resource,
                e.class,
                e.query,
                e.select_fields,
                e.started_at,
                e.duration_ms,
                e.record_count,
                status,
                e.error
            )
            .execute(&mut *tx)
            .await?
            .last_insert_rowid()
        };
        sqlx::query!(
            "DELETE FROM query_history WHERE connection_id = ? AND id NOT IN
                (SELECT id FROM query_history WHERE connection_id = ?
                 ORDER BY started_at DESC, id DESC LIMIT ?)",
            e.connection_id,
            e.connection_id,
            HISTORY_KEEP
        )
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The most recent `limit` query runs of a connection, newest first.
    pub async fn query_history(
        &self,
        connection_id: i64,
        limit: i64,
    ) -> Result<Vec<HistoryEntry>, StoreError> {
        let rows = sqlx::query!(
            "SELECT id AS \"id!\", connection_id, kind, resource, class, query, select_fields,
                started_at, duration_ms, record_count, status, error
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
                        kind: QueryKind::parse(&r.kind)?,
                        select_fields: r.select_fields,
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

    /// Deletes the whole query history of a connection; returns how many entries went.
    pub async fn clear_query_history(&self, connection_id: i64) -> Result<u64, StoreError> {
        Ok(sqlx::query!(
            "DELETE FROM query_history WHERE connection_id = ?",
            connection_id
        )
        .execute(self.pool())
        .await?
        .rows_affected())
    }
}
