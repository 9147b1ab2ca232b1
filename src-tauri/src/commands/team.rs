//! Settings → Team: signing in to a team server, sharing connections, the
//! team's templates and saved queries, and the admin's screens.
//!
//! Adapters over [`mls_workbench::portal::team`]: the rules live there.

use mls_workbench::Portal;
use mls_workbench::portal::team::TeamLimits;
use mls_workbench::portal::team::TeamStatus;
use mls_workbench::portal::team::admin::{TeamMember, TeamMemberChange};
use mls_workbench::portal::team::items::{KeepCopy, TeamItemKind, TeamItemView};
use mls_workbench::portal::team::pull::TeamSyncReport;
use mls_workbench::portal::team::sharing::SharedAccess;
use tauri::State;

use crate::error::CommandResult;

/// Where the team stands (no network).
#[tauri::command]
pub async fn team_status(state: State<'_, Portal>) -> CommandResult<TeamStatus> {
    state.team_status().await
}

/// Signs in to a team server and pulls what the team shares.
#[tauri::command]
pub async fn team_sign_in(
    state: State<'_, Portal>,
    server: String,
    email: String,
    password: String,
) -> CommandResult<TeamStatus> {
    state.team_sign_in(server, email, password).await
}

/// Creates a team with me as its admin.
#[tauri::command]
pub async fn team_sign_up(
    state: State<'_, Portal>,
    server: String,
    email: String,
    password: String,
    team_name: String,
) -> CommandResult<TeamStatus> {
    state.team_sign_up(server, email, password, team_name).await
}

/// Signs out; the copies of shared connections leave this desktop.
#[tauri::command]
pub async fn team_sign_out(state: State<'_, Portal>) -> CommandResult<TeamStatus> {
    state.team_sign_out().await
}

/// Pushes offline changes and pulls what the team shares.
#[tauri::command]
pub async fn team_sync(state: State<'_, Portal>) -> CommandResult<TeamSyncReport> {
    state.team_sync().await
}

/// Who may use one of my connections.
#[tauri::command]
pub async fn team_connection_access(
    state: State<'_, Portal>,
    connection_id: String,
) -> CommandResult<SharedAccess> {
    state.team_connection_access(connection_id).await
}

/// Shares my connection with these members (or changes who may use it).
#[tauri::command]
pub async fn team_share(
    state: State<'_, Portal>,
    connection_id: String,
    user_ids: Vec<i64>,
) -> CommandResult<SharedAccess> {
    state.team_share(connection_id, user_ids).await
}

/// Stops sharing my connection.
#[tauri::command]
pub async fn team_unshare(state: State<'_, Portal>, connection_id: String) -> CommandResult<()> {
    state.team_unshare(connection_id).await
}

/// The team's templates or saved queries kept here.
#[tauri::command]
pub async fn team_items(
    state: State<'_, Portal>,
    kind: TeamItemKind,
) -> CommandResult<Vec<TeamItemView>> {
    state.team_items(kind).await
}

/// Creates or changes a team item here; the next sync sends it.
#[tauri::command]
pub async fn team_item_save(
    state: State<'_, Portal>,
    kind: TeamItemKind,
    local_id: Option<i64>,
    name: String,
    body: serde_json::Value,
) -> CommandResult<TeamItemView> {
    state.team_item_save(kind, local_id, name, body).await
}

/// Deletes a team item here; the next sync deletes it on the server.
#[tauri::command]
pub async fn team_item_delete(state: State<'_, Portal>, local_id: i64) -> CommandResult<()> {
    state.team_item_delete(local_id).await
}

/// Settles a conflict by keeping one copy.
#[tauri::command]
pub async fn team_item_resolve(
    state: State<'_, Portal>,
    local_id: i64,
    keep: KeepCopy,
) -> CommandResult<TeamItemView> {
    state.team_item_resolve(local_id, keep).await
}

/// The team's members (admin).
#[tauri::command]
pub async fn team_members(state: State<'_, Portal>) -> CommandResult<Vec<TeamMember>> {
    state.team_members().await
}

/// Adds a member with an initial password and a role (admin).
#[tauri::command]
pub async fn team_member_add(
    state: State<'_, Portal>,
    email: String,
    password: String,
    role: String,
) -> CommandResult<TeamMember> {
    state.team_member_add(email, password, role).await
}

/// Changes a member's role or disables them (admin).
#[tauri::command]
pub async fn team_member_change(
    state: State<'_, Portal>,
    id: i64,
    change: TeamMemberChange,
) -> CommandResult<TeamMember> {
    state.team_member_change(id, change).await
}

/// Removes a member (admin).
#[tauri::command]
pub async fn team_member_remove(state: State<'_, Portal>, id: i64) -> CommandResult<()> {
    state.team_member_remove(id).await
}

/// Every role's query limits (admin).
#[tauri::command]
pub async fn team_role_limits(state: State<'_, Portal>) -> CommandResult<Vec<TeamLimits>> {
    state.team_role_limits().await
}

/// Sets one role's query limits (admin).
#[tauri::command]
pub async fn team_role_limits_set(
    state: State<'_, Portal>,
    limits: TeamLimits,
) -> CommandResult<TeamLimits> {
    state.team_role_limits_set(limits).await
}
