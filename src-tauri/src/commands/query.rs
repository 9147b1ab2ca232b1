//! Queries: checking DMQL2 against metadata, counting, previewing the first rows.
//!
//! Adapters over [`mls_workbench::portal::query`]: the rules live there.

use mls_workbench::{ClassTarget, Portal};
use mls_workbench::{Preview, QueryCheck};
use tauri::State;

use crate::error::CommandResult;

/// Checks a query against the class's metadata; issues carry UTF-16 positions.
#[tauri::command]
pub async fn query_check(
    state: State<'_, Portal>,
    target: ClassTarget,
    query: String,
) -> CommandResult<QueryCheck> {
    state.query_check(target, query).await
}

/// Number of matching records (no records are downloaded). Recorded in the
/// connection's query history, failures included.
#[tauri::command]
pub async fn query_count(
    state: State<'_, Portal>,
    target: ClassTarget,
    query: String,
) -> CommandResult<f64> {
    state.query_count(target, query).await
}

/// The first `limit` matching records, with the selected fields (all when empty).
/// Recorded in the connection's query history, failures included.
#[tauri::command]
pub async fn query_preview(
    state: State<'_, Portal>,
    target: ClassTarget,
    query: String,
    select: Vec<String>,
    limit: u32,
) -> CommandResult<Preview> {
    state.query_preview(target, query, select, limit).await
}
