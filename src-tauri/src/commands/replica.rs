//! Reading the local replica for the results grid: filtered, sorted pages.
//!
//! Adapters over [`mls_workbench::portal::replica`]: the rules live there.

use mls_workbench::portal::replica::*;
use mls_workbench::{ClassTarget, Portal};
use tauri::State;

use crate::error::CommandResult;

/// A page of the replica of `target` as `view` shows it: `limit` rows from `offset`.
#[tauri::command]
pub async fn replica_query(
    state: State<'_, Portal>,
    target: ClassTarget,
    view: ReplicaView,
    offset: u32,
    limit: u32,
) -> CommandResult<ReplicaPage> {
    state.replica_query(target, view, offset, limit).await
}
