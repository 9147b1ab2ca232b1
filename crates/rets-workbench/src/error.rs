//! Errors of the workbench, each with a stable code for the UI.

use rets_client::RetsError;

/// What can go wrong while working with a connection.
#[derive(Debug, thiserror::Error)]
pub enum WorkbenchError {
    /// No connection with this id.
    #[error("there is no connection with id {0:?}")]
    UnknownConnection(String),
    /// The profile cannot be used as it is.
    #[error("{0}")]
    InvalidProfile(String),
    /// A password is needed and none was given.
    #[error("no password is stored for connection {0:?}; enter it in the connection's settings")]
    MissingPassword(String),
    /// The Demo MLS could not start.
    #[error("the Demo MLS could not start: {0}")]
    Demo(String),
    /// The resource or class is not in the server's metadata.
    #[error("{0}")]
    UnknownTarget(String),
    /// The RETS server or the network failed.
    #[error(transparent)]
    Rets(#[from] RetsError),
    /// The local database failed.
    #[error("the local database failed: {0}")]
    Store(#[from] rets_store::StoreError),
    /// Something the workbench itself got wrong.
    #[error("internal error: {0}")]
    Internal(String),
}

impl WorkbenchError {
    /// Stable machine-readable code (the RETS client's codes pass through).
    pub fn code(&self) -> &'static str {
        match self {
            WorkbenchError::UnknownConnection(_) => "unknown_connection",
            WorkbenchError::InvalidProfile(_) => "invalid_profile",
            WorkbenchError::MissingPassword(_) => "missing_password",
            WorkbenchError::Demo(_) => "demo_failed",
            WorkbenchError::UnknownTarget(_) => "unknown_target",
            WorkbenchError::Rets(e) => e.code(),
            WorkbenchError::Store(_) => "store",
            WorkbenchError::Internal(_) => "internal",
        }
    }

    /// True when the server could not be used (network, login, server errors, no
    /// password, Demo MLS not starting), so a stored copy of its metadata may stand in.
    pub fn is_server_unavailable(&self) -> bool {
        matches!(
            self,
            WorkbenchError::Rets(_) | WorkbenchError::MissingPassword(_) | WorkbenchError::Demo(_)
        )
    }
}
