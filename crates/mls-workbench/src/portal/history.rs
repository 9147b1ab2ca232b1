//! Query history (every count and preview the app runs, recorded here so the UI
//! cannot forget it) and saved queries, per connection.

use std::future::Future;
use std::time::Instant;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{ConnectionProfile, Credentials};
use mls_store::{
    HistoryEntry, HistoryStatus, NewHistoryEntry, NewSavedQuery, OnNameConflict, QueryKind,
    SavedQuery, StoreError,
};

use crate::ErrorCode;
use crate::Portal;
use crate::{CommandError, CommandResult};

/// Most history entries one call returns.
const MAX_HISTORY_PAGE: u32 = 500;

/// Longest saved-query name, in characters.
pub const MAX_NAME_CHARS: usize = 100;

/// What a history entry ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub enum QueryRunKind {
    /// A count (no records sent).
    Count,
    /// The first rows.
    Preview,
    /// A full search.
    Search,
}

/// How a history entry ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub enum QueryRunStatus {
    /// The server answered.
    Ok,
    /// It failed (the entry keeps the redacted error).
    Error,
    /// The user stopped it.
    Cancelled,
}

/// One recorded run of a query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct QueryRun {
    /// Entry id.
    #[ts(type = "number")]
    pub id: i64,
    /// What was run.
    pub kind: QueryRunKind,
    /// RETS resource.
    pub resource: String,
    /// RETS class.
    pub class: String,
    /// DMQL2 text as it ran.
    pub query: String,
    /// Selected fields (empty: all).
    pub select: Vec<String>,
    /// Start time (RFC 3339).
    pub started_at: String,
    /// Wall-clock duration in milliseconds.
    #[ts(type = "number")]
    pub duration_ms: i64,
    /// The count, or the rows a preview received.
    #[ts(type = "number | null")]
    pub records: Option<i64>,
    /// How it ended.
    pub status: QueryRunStatus,
    /// The error message of a failed run.
    pub error: Option<String>,
}

/// A query saved under a name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct SavedQueryView {
    /// Saved query id.
    #[ts(type = "number")]
    pub id: i64,
    /// Name, unique per connection.
    pub name: String,
    /// RETS resource.
    pub resource: String,
    /// RETS class.
    pub class: String,
    /// DMQL2 text.
    pub query: String,
    /// Selected fields (empty: all).
    pub select: Vec<String>,
    /// Creation time (RFC 3339).
    pub created_at: String,
    /// Last change (RFC 3339).
    pub updated_at: String,
}

/// What `saved_query_save` stores.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct SavedQueryInput {
    /// The saved query to change (rename/overwrite), or null for a new one.
    #[ts(type = "number | null")]
    pub id: Option<i64>,
    /// Name, unique per connection.
    pub name: String,
    /// RETS resource.
    pub resource: String,
    /// RETS class.
    pub class: String,
    /// DMQL2 text.
    pub query: String,
    /// Selected fields (empty: all).
    pub select: Vec<String>,
    /// Replace another saved query that already has this name.
    pub overwrite: bool,
}

fn split_select(fields: Option<String>) -> Vec<String> {
    fields
        .map(|s| {
            s.split(',')
                .map(str::trim)
                .filter(|f| !f.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

fn join_select(select: &[String]) -> Option<String> {
    (!select.is_empty()).then(|| select.join(","))
}

impl From<HistoryEntry> for QueryRun {
    fn from(e: HistoryEntry) -> Self {
        let f = e.fields;
        QueryRun {
            id: e.id,
            kind: match f.kind {
                QueryKind::Count => QueryRunKind::Count,
                QueryKind::Preview => QueryRunKind::Preview,
                QueryKind::Search => QueryRunKind::Search,
            },
            resource: f.resource,
            class: f.class,
            query: f.query,
            select: split_select(f.select_fields),
            started_at: f.started_at,
            duration_ms: f.duration_ms,
            records: f.record_count,
            status: match f.status {
                HistoryStatus::Ok => QueryRunStatus::Ok,
                HistoryStatus::Error => QueryRunStatus::Error,
                HistoryStatus::Cancelled => QueryRunStatus::Cancelled,
            },
            error: f.error,
        }
    }
}

impl From<SavedQuery> for SavedQueryView {
    fn from(s: SavedQuery) -> Self {
        SavedQueryView {
            id: s.id,
            name: s.fields.name,
            resource: s.fields.resource,
            class: s.fields.class,
            query: s.fields.query,
            select: split_select(s.fields.select_fields),
            created_at: s.created_at,
            updated_at: s.updated_at,
        }
    }
}

/// `text` with every secret of `credentials` and URL user info replaced by
/// `••••` (a server may echo a login URL with its password into an error);
/// the same redaction as the sync jobs' errors.
fn redact(text: &str, credentials: &Credentials) -> String {
    let secrets = [&credentials.password, &credentials.ua_password];
    rets_client::config::redact_text(text, secrets.into_iter().flatten().map(|s| s.expose()))
}

/// What one run was, for the history.
pub struct RunInfo<'a> {
    /// Count or preview.
    pub kind: QueryKind,
    /// RETS resource.
    pub resource: &'a str,
    /// RETS class.
    pub class: &'a str,
    /// DMQL2 text.
    pub query: &'a str,
    /// Selected fields (empty: all).
    pub select: &'a [String],
    /// Rows the query may fetch (none for a count): held against a team's limits.
    pub rows: Option<i64>,
}

/// Runs `work` (given the connection's credentials), timing it, and records the
/// run in the connection's query history whether it succeeds or fails.
/// `records` says how many records a successful result stands for. A failure to
/// write the history is logged and does not fail the query.
pub async fn recorded<T, F, Fut>(
    state: &Portal,
    profile: &ConnectionProfile,
    run: RunInfo<'_>,
    records: impl FnOnce(&T) -> i64,
    work: F,
) -> CommandResult<T>
where
    F: FnOnce(Credentials) -> Fut,
    Fut: Future<Output = CommandResult<T>>,
{
    let started_at = mls_store::timestamp();
    let clock = Instant::now();
    let credentials = state.credentials(profile).await;
    let secrets = credentials.as_ref().ok().cloned().unwrap_or_default();
    // A team connection's limits come first; a refusal is recorded like a failure.
    let admitted = state
        .team_admit(&profile.id, run.resource, run.class, run.rows)
        .await;
    let result = match (admitted, credentials) {
        (Err(e), _) => Err(e),
        (Ok(()), Ok(credentials)) => work(credentials).await,
        (Ok(()), Err(e)) => Err(e.into()),
    };
    let duration_ms = i64::try_from(clock.elapsed().as_millis()).unwrap_or(i64::MAX);
    let (status, record_count, error) = match &result {
        Ok(value) => (HistoryStatus::Ok, Some(records(value)), None),
        Err(e) => (
            HistoryStatus::Error,
            None,
            Some(redact(&e.message, &secrets)),
        ),
    };
    let entry = async {
        let connection_id = state.replica_connection(profile).await?;
        state
            .store
            .record_query(&NewHistoryEntry {
                connection_id,
                resource: run.resource.to_owned(),
                class: run.class.to_owned(),
                query: run.query.to_owned(),
                kind: run.kind,
                select_fields: join_select(run.select),
                started_at,
                duration_ms,
                record_count,
                status,
                error,
            })
            .await?;
        Ok::<(), CommandError>(())
    };
    if let Err(e) = entry.await {
        tracing::warn!("could not record the query in the history: {}", e.message);
    }
    result
}

/// Checks a saved query's name: returns it trimmed, or says what is wrong.
pub fn valid_name(name: &str) -> CommandResult<String> {
    let name = name.trim();
    let invalid = |message: String| Err(CommandError::new(ErrorCode::InvalidName, message));
    if name.is_empty() {
        return invalid("Give the query a name.".to_owned());
    }
    let chars = name.chars().count();
    if chars > MAX_NAME_CHARS {
        return invalid(format!(
            "A query name has at most {MAX_NAME_CHARS} characters; this one has {chars}."
        ));
    }
    if name.chars().any(char::is_control) {
        return invalid(
            "A query name cannot contain line breaks, tabs or other control characters.".to_owned(),
        );
    }
    Ok(name.to_owned())
}

impl Portal {
    /// The latest `limit` (1..=500) runs of the connection's queries, newest first.
    pub async fn query_history_list(
        &self,
        connection_id: String,
        limit: u32,
    ) -> CommandResult<Vec<QueryRun>> {
        if limit == 0 || limit > MAX_HISTORY_PAGE {
            return Err(CommandError::new(
                ErrorCode::InvalidArgument,
                format!(
                    "The history lists 1 to {MAX_HISTORY_PAGE} entries at a time, not {limit}."
                ),
            ));
        }
        let profile = self.profile(&connection_id).await?;
        let replica_id = self.replica_connection(&profile).await?;
        let entries = self
            .store
            .query_history(replica_id, i64::from(limit))
            .await?;
        Ok(entries.into_iter().map(QueryRun::from).collect())
    }

    /// Deletes the connection's whole query history; returns how many entries went.
    pub async fn query_history_clear(&self, connection_id: String) -> CommandResult<u32> {
        let profile = self.profile(&connection_id).await?;
        let replica_id = self.replica_connection(&profile).await?;
        let removed = self.store.clear_query_history(replica_id).await?;
        Ok(u32::try_from(removed).unwrap_or(u32::MAX))
    }

    /// The connection's saved queries, by name.
    pub async fn saved_queries_list(
        &self,
        connection_id: String,
    ) -> CommandResult<Vec<SavedQueryView>> {
        let profile = self.profile(&connection_id).await?;
        let replica_id = self.replica_connection(&profile).await?;
        let saved = self.store.saved_queries(replica_id).await?;
        Ok(saved.into_iter().map(SavedQueryView::from).collect())
    }

    /// Saves a query under a name: a new one (`id` null) or changes to an existing
    /// one (rename, new text). A name another saved query of the connection already
    /// has is refused with `name_taken` unless `overwrite` is set.
    pub async fn saved_query_save(
        &self,
        connection_id: String,
        input: SavedQueryInput,
    ) -> CommandResult<SavedQueryView> {
        let name = valid_name(&input.name)?;
        if input.query.trim().is_empty() {
            return Err(CommandError::new(
                ErrorCode::InvalidArgument,
                "There is no query to save: build or type one first.",
            ));
        }
        if input.resource.trim().is_empty() || input.class.trim().is_empty() {
            return Err(CommandError::new(
                ErrorCode::InvalidArgument,
                "Pick a resource and a class before saving the query.",
            ));
        }
        let profile = self.profile(&connection_id).await?;
        let replica_id = self.replica_connection(&profile).await?;
        let query = NewSavedQuery {
            connection_id: replica_id,
            name: name.clone(),
            resource: input.resource,
            class: input.class,
            query: input.query,
            select_fields: join_select(&input.select),
        };
        let on_conflict = if input.overwrite {
            OnNameConflict::Overwrite
        } else {
            OnNameConflict::Fail
        };
        match self
            .store
            .put_saved_query(input.id, &query, on_conflict)
            .await
        {
            Ok(saved) => Ok(saved.into()),
            Err(StoreError::Conflict(_)) => Err(CommandError::new(
                ErrorCode::NameTaken,
                format!(
                    "A saved query named \"{name}\" already exists. Choose another name, or overwrite it."
                ),
            )),
            Err(StoreError::NotFound(_)) => Err(CommandError::new(
                ErrorCode::NotFound,
                "That saved query no longer exists; save it as a new one.",
            )),
            Err(e) => Err(e.into()),
        }
    }

    /// Deletes a saved query of the connection.
    pub async fn saved_query_delete(&self, connection_id: String, id: i64) -> CommandResult<()> {
        let profile = self.profile(&connection_id).await?;
        let replica_id = self.replica_connection(&profile).await?;
        let owned = self
            .store
            .saved_queries(replica_id)
            .await?
            .iter()
            .any(|s| s.id == id);
        if !owned {
            return Err(CommandError::new(
                ErrorCode::NotFound,
                "That saved query no longer exists; the list has been refreshed.",
            ));
        }
        self.store.delete_saved_query(id).await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rets_client::Secret;

    #[test]
    fn names_are_trimmed_and_checked() {
        assert_eq!(valid_name("  Active homes ").unwrap(), "Active homes");
        assert_eq!(valid_name("   ").unwrap_err().code, ErrorCode::InvalidName);
        let long = "x".repeat(MAX_NAME_CHARS + 1);
        assert!(valid_name(&long).unwrap_err().message.contains("101"));
        assert_eq!(valid_name("a\nb").unwrap_err().code, ErrorCode::InvalidName);
        assert!(valid_name(&"é".repeat(MAX_NAME_CHARS)).is_ok());
    }

    #[test]
    fn secrets_are_redacted_from_errors() {
        let credentials = Credentials {
            password: Some(Secret::new("hunter22")),
            ua_password: Some(Secret::new("ua-secret")),
        };
        assert_eq!(
            redact(
                "login to https://me:hunter22@mls/login failed (ua-secret)",
                &credentials
            ),
            "login to https://••••@mls/login failed (••••)",
            "user names in URLs go too"
        );
    }

    #[test]
    fn select_lists_round_trip() {
        let fields = vec!["ListingKey".to_owned(), "City".to_owned()];
        assert_eq!(split_select(join_select(&fields)), fields);
        assert_eq!(join_select(&[]), None);
        assert!(split_select(None).is_empty());
    }
}
