//! Query history (every count and preview the app runs, recorded here so the UI
//! cannot forget it) and saved queries, per connection.
//!
//! Adapters over [`mls_workbench::portal::history`]: the rules live there.

use mls_workbench::Portal;
use mls_workbench::portal::history::*;
use tauri::State;

use crate::error::CommandResult;

/// The latest `limit` (1..=500) runs of the connection's queries, newest first.
#[tauri::command]
pub async fn query_history_list(
    state: State<'_, Portal>,
    connection_id: String,
    limit: u32,
) -> CommandResult<Vec<QueryRun>> {
    state.query_history_list(connection_id, limit).await
}

/// Deletes the connection's whole query history; returns how many entries went.
#[tauri::command]
pub async fn query_history_clear(
    state: State<'_, Portal>,
    connection_id: String,
) -> CommandResult<u32> {
    state.query_history_clear(connection_id).await
}

/// The connection's saved queries, by name.
#[tauri::command]
pub async fn saved_queries_list(
    state: State<'_, Portal>,
    connection_id: String,
) -> CommandResult<Vec<SavedQueryView>> {
    state.saved_queries_list(connection_id).await
}

/// Saves a query under a name: a new one (`id` null) or changes to an existing
/// one (rename, new text). A name another saved query of the connection already
/// has is refused with `name_taken` unless `overwrite` is set.
#[tauri::command]
pub async fn saved_query_save(
    state: State<'_, Portal>,
    connection_id: String,
    input: SavedQueryInput,
) -> CommandResult<SavedQueryView> {
    state.saved_query_save(connection_id, input).await
}

/// Deletes a saved query of the connection.
#[tauri::command]
pub async fn saved_query_delete(
    state: State<'_, Portal>,
    connection_id: String,
    id: i64,
) -> CommandResult<()> {
    state.saved_query_delete(connection_id, id).await
}
