//! Errors of the workbench, each with a stable code for the UI.

use rets_client::RetsError;

/// What can go wrong while working with a connection.
#[derive(Debug, thiserror::Error)]
pub enum WorkbenchError {
    /// No connection with this id.
    #[error("there is no connection with id {0:?}; pick one from the connection list")]
    UnknownConnection(String),
    /// No saved connection has this name.
    #[error("no saved connection named {name:?}; the app has: {}", known.join(", "))]
    UnknownConnectionName {
        /// The name asked for.
        name: String,
        /// The names there are (the Demo MLS first).
        known: Vec<String>,
    },
    /// The class has never been downloaded into the replica.
    #[error("{0} has not been downloaded yet; sync it first")]
    NotSynced(String),
    /// The data folder cannot be created.
    #[error("cannot create the data folder {}: {reason}", path.display())]
    NoFolder {
        /// The folder.
        path: std::path::PathBuf,
        /// What the system said.
        reason: String,
    },
    /// The desktop app has never run with this data folder.
    #[error("no desktop app data in {} (no {}): save the connection in the app first, or pass the app's data folder", .0.display(), mls_store::APP_DATABASE)]
    NoAppData(std::path::PathBuf),
    /// The password store failed or is locked.
    #[error(transparent)]
    Secret(#[from] mls_store::secrets::SecretError),
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
    Store(#[from] mls_store::StoreError),
    /// Something the workbench itself got wrong.
    #[error("internal error: {0}")]
    Internal(String),
}

impl WorkbenchError {
    /// Stable machine-readable code (the RETS client's codes pass through).
    pub fn code(&self) -> &'static str {
        match self {
            WorkbenchError::UnknownConnection(_) | WorkbenchError::UnknownConnectionName { .. } => {
                "unknown_connection"
            }
            WorkbenchError::NotSynced(_) => "not_synced",
            WorkbenchError::NoFolder { .. } => "no_folder",
            WorkbenchError::NoAppData(_) => "no_app_data",
            WorkbenchError::Secret(e) => secret_code(e),
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

/// The code of a password-store failure.
fn secret_code(err: &mls_store::secrets::SecretError) -> &'static str {
    use mls_store::secrets::SecretError;
    match err {
        SecretError::KeychainUnavailable(_) => "keychain_unavailable",
        SecretError::VaultLocked => "secrets_locked",
        SecretError::WrongPassphrase => "wrong_passphrase",
        SecretError::NoVault(_) => "no_vault",
        SecretError::WeakPassphrase(_) => "invalid_argument",
        _ => "keychain",
    }
}
