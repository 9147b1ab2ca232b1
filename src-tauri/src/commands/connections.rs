//! Connections: the list the user picks from, and "Test connection".

use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use rets_workbench::{ConnectionProfile, Diagnosis, Source};

use crate::error::CommandResult;
use crate::state::AppState;

/// A connection as the connection list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionSummary {
    /// Stable id, passed to every other command.
    pub id: String,
    /// Name shown to the user.
    pub name: String,
    /// `demo` for the built-in Demo MLS, `rets` for a RETS server.
    pub kind: String,
    /// Login URL (None for the Demo MLS until it runs).
    pub login_url: Option<String>,
    /// User name.
    pub username: Option<String>,
}

impl ConnectionSummary {
    fn of(profile: &ConnectionProfile, demo_url: Option<String>) -> Self {
        let (kind, login_url, username) = match &profile.source {
            Source::Demo => ("demo", demo_url, Some("demo".to_owned())),
            Source::Rets(e) => ("rets", Some(e.login_url.clone()), Some(e.username.clone())),
        };
        ConnectionSummary {
            id: profile.id.clone(),
            name: profile.name.clone(),
            kind: kind.to_owned(),
            login_url,
            username,
        }
    }
}

/// All connections, the built-in Demo MLS first.
#[tauri::command]
pub fn connections_list(state: State<'_, AppState>) -> CommandResult<Vec<ConnectionSummary>> {
    let demo_url = state.workbench.demo().login_url();
    Ok(state
        .profiles()
        .iter()
        .map(|p| ConnectionSummary::of(p, demo_url.clone()))
        .collect())
}

/// Tests a connection step by step: reachability, authentication, capabilities,
/// metadata, logout. Failures are steps of the diagnosis, not errors.
#[tauri::command]
pub async fn connection_test(
    state: State<'_, AppState>,
    connection_id: String,
) -> CommandResult<Diagnosis> {
    let profile = state.profile(&connection_id)?;
    let credentials = state.credentials(&profile)?;
    Ok(state
        .workbench
        .diagnose(&profile, &credentials, |step| {
            log::info!(
                "connection test {}: {} — {}",
                profile.name,
                step.title,
                step.detail
            )
        })
        .await?)
}
