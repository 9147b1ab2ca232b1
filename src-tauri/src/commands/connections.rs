//! Connections: the list the user picks from, and "Test connection".
//!
//! Adapters over [`mls_workbench::portal::connections`]: the rules live there.

use mls_workbench::Diagnosis;
use mls_workbench::Portal;
use mls_workbench::portal::connections::*;
use tauri::State;

use crate::error::CommandResult;

/// All connections, the built-in Demo MLS first.
#[tauri::command]
pub async fn connections_list(state: State<'_, Portal>) -> CommandResult<Vec<ConnectionSummary>> {
    state.connections_list().await
}

/// Creates or updates a RETS connection; passwords go to the keychain.
#[tauri::command]
pub async fn connection_save(
    state: State<'_, Portal>,
    input: ConnectionInput,
) -> CommandResult<ConnectionSummary> {
    state.connection_save(input).await
}

/// Deletes a saved connection, its passwords and its session. The built-in Demo
/// MLS cannot be deleted.
#[tauri::command]
pub async fn connection_delete(
    state: State<'_, Portal>,
    connection_id: String,
) -> CommandResult<()> {
    state.connection_delete(connection_id).await
}

/// Tests a connection step by step: reachability, authentication, capabilities,
/// metadata, logout. Failures are steps of the diagnosis, not errors.
#[tauri::command]
pub async fn connection_test(
    state: State<'_, Portal>,
    connection_id: String,
) -> CommandResult<Diagnosis> {
    state.connection_test(connection_id).await
}
