//! Reading the local replica for the results grid: filtered, sorted pages.
//!
//! Adapters over [`mls_workbench::portal::replica`]: the rules live there.

use mls_workbench::Portal;
use mls_workbench::portal::replica::*;
use tauri::State;

use crate::error::CommandResult;

/// A page of the replica of `resource`/`class`: rows matching every filter,
/// sorted by `sort_field` (then key), `limit` rows from `offset`.
#[tauri::command]
#[allow(clippy::too_many_arguments)]
pub async fn replica_query(
    state: State<'_, Portal>,
    connection_id: String,
    resource: String,
    class: String,
    filters: Vec<ReplicaFilter>,
    sort_field: Option<String>,
    descending: bool,
    offset: u32,
    limit: u32,
) -> CommandResult<ReplicaPage> {
    state
        .replica_query(
            connection_id,
            resource,
            class,
            filters,
            sort_field,
            descending,
            offset,
            limit,
        )
        .await
}
