//! What the app keeps while it runs: the workbench (sessions, metadata, the
//! Demo MLS) and the connection profiles.

use rets_workbench::{ConnectionProfile, Credentials, Workbench};

use crate::error::{CommandError, CommandResult};

/// Managed state shared by the commands.
#[derive(Default)]
pub struct AppState {
    /// Sessions, cached metadata and the built-in Demo MLS.
    pub workbench: Workbench,
}

impl AppState {
    /// The connections the user can pick: the built-in Demo MLS.
    pub fn profiles(&self) -> Vec<ConnectionProfile> {
        vec![ConnectionProfile::demo()]
    }

    /// The profile with this id.
    pub fn profile(&self, id: &str) -> CommandResult<ConnectionProfile> {
        self.profiles()
            .into_iter()
            .find(|p| p.id == id)
            .ok_or_else(|| {
                CommandError::new(
                    "unknown_connection",
                    format!("There is no connection with id \"{id}\"; pick one from the connection list."),
                )
            })
    }

    /// The secrets of a connection (the Demo MLS needs none).
    pub fn credentials(&self, _profile: &ConnectionProfile) -> CommandResult<Credentials> {
        Ok(Credentials::default())
    }
}
