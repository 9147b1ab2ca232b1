//! Connection passwords and User-Agent passwords. They never touch SQLite, logs or
//! exports: the OS keychain holds them, or — only when the user explicitly opts in
//! after the keychain failed — a passphrase-encrypted vault file.

mod backend;
mod keychain;
mod vault;

pub use backend::{BackendKind, MIN_PASSPHRASE_CHARS, Secrets, SecretsStatus, VAULT_FILE};
pub use keychain::{KeychainStore, MemoryStore};
pub use vault::EncryptedFileStore;

/// Which secret of a connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SecretKind {
    /// The RETS login password.
    Password,
    /// The User-Agent password (RETS-UA-Authorization).
    UaPassword,
    /// The team session's refresh token (not tied to a connection).
    TeamSession,
    /// The private half of my team member key (not tied to a connection).
    TeamMemberKey,
}

/// Identifies one secret: a connection id and the kind of secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SecretKey {
    /// Connection row id.
    pub connection_id: i64,
    /// Which secret.
    pub kind: SecretKind,
}

impl SecretKey {
    /// The login password of `connection_id`.
    pub fn password(connection_id: i64) -> Self {
        Self {
            connection_id,
            kind: SecretKind::Password,
        }
    }

    /// The User-Agent password of `connection_id`.
    pub fn ua_password(connection_id: i64) -> Self {
        Self {
            connection_id,
            kind: SecretKind::UaPassword,
        }
    }

    /// The team session's refresh token.
    pub fn team_session() -> Self {
        Self {
            connection_id: 0,
            kind: SecretKind::TeamSession,
        }
    }

    /// My team member key.
    pub fn team_member_key() -> Self {
        Self {
            connection_id: 0,
            kind: SecretKind::TeamMemberKey,
        }
    }

    /// Account name used in the keychain and the vault.
    pub fn account(&self) -> String {
        let kind = match self.kind {
            SecretKind::Password => "password",
            SecretKind::UaPassword => "ua-password",
            SecretKind::TeamSession => return "team/session".to_owned(),
            SecretKind::TeamMemberKey => return "team/member-key".to_owned(),
        };
        format!("connection-{}/{kind}", self.connection_id)
    }
}

/// Errors from secret storage. Messages never include the secret itself.
#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    /// No usable OS keychain (no Secret Service, locked, denied…).
    #[error("no keychain available: {0}; choose 'store in an encrypted file' to continue")]
    KeychainUnavailable(String),
    /// The user chose the encrypted file and has not given its passphrase yet.
    #[error("the encrypted password file is locked; unlock it with its passphrase")]
    VaultLocked,
    /// Unlock was asked for but there is no vault file.
    #[error("there is no encrypted password file at {0}")]
    NoVault(String),
    /// A new vault's passphrase is too short.
    #[error("the passphrase must have at least {0} characters")]
    WeakPassphrase(usize),
    /// Any other keychain failure.
    #[error("keychain error: {0}")]
    Keychain(String),
    /// The vault passphrase is wrong, or the file was tampered with.
    #[error("wrong passphrase for the encrypted secrets file (or the file is damaged)")]
    WrongPassphrase,
    /// The vault file is not a secrets file of this app.
    #[error("{0} is not a RETS Data Portal secrets file")]
    NotAVault(String),
    /// Reading or writing the vault failed.
    #[error("secrets file I/O: {0}")]
    Io(#[from] std::io::Error),
    /// Key derivation or encryption failed.
    #[error("secrets encryption failed: {0}")]
    Crypto(String),
}

/// Where secrets are kept. Implementations are blocking; call them from
/// `spawn_blocking` in async code if the backend may be slow.
pub trait SecretStore: Send + Sync {
    /// Store (or replace) a secret.
    fn set(&self, key: &SecretKey, secret: &str) -> Result<(), SecretError>;
    /// Read a secret; `None` when none is stored.
    fn get(&self, key: &SecretKey) -> Result<Option<String>, SecretError>;
    /// Remove a secret (no error when absent).
    fn delete(&self, key: &SecretKey) -> Result<(), SecretError>;
}

/// Store both secrets of a connection: `Some("")` or `None` removes a secret.
pub fn save_connection_secrets(
    store: &dyn SecretStore,
    connection_id: i64,
    password: Option<&str>,
    ua_password: Option<&str>,
) -> Result<(), SecretError> {
    for (key, value) in [
        (SecretKey::password(connection_id), password),
        (SecretKey::ua_password(connection_id), ua_password),
    ] {
        match value.filter(|v| !v.is_empty()) {
            Some(v) => store.set(&key, v)?,
            None => store.delete(&key)?,
        }
        tracing::debug!(account = %key.account(), stored = value.is_some(), "connection secret saved");
    }
    Ok(())
}

/// Remove both secrets of a connection (when the connection is deleted).
pub fn delete_connection_secrets(
    store: &dyn SecretStore,
    connection_id: i64,
) -> Result<(), SecretError> {
    store.delete(&SecretKey::password(connection_id))?;
    store.delete(&SecretKey::ua_password(connection_id))
}
