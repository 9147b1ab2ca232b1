//! Metadata for the metadata browser and the query builder, shaped for the UI.
//!
//! Adapters over [`mls_workbench::portal::metadata`]: the rules live there.

use mls_workbench::Portal;
use mls_workbench::portal::metadata::*;
use tauri::State;

use crate::error::CommandResult;

/// The connection's metadata (cached after the first load unless `refresh`).
/// Each fetch is stored as a snapshot in the replica and reports what changed
/// since the previous one; when the server cannot be reached the newest stored
/// copy is returned, marked offline with the reason.
#[tauri::command]
pub async fn metadata_get(
    state: State<'_, Portal>,
    connection_id: String,
    refresh: bool,
) -> CommandResult<MetadataView> {
    state.metadata_get(connection_id, refresh).await
}
