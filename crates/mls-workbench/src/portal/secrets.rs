//! Where passwords are kept: the OS keychain, or — when the user opts in after
//! the keychain failed — a passphrase-encrypted file in the data folder.

use std::sync::Arc;

use mls_store::secrets::{BackendKind, Secrets};
use serde::Serialize;
use ts_rs::TS;

use crate::Portal;
use crate::{CommandError, CommandResult};

/// Password storage as the Settings screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct PasswordStorage {
    /// `keychain` or `encryptedFile`.
    pub backend: PasswordBackend,
    /// False while the encrypted file waits for its passphrase.
    pub unlocked: bool,
    /// Path of the encrypted file (used, or used if chosen).
    pub vault_path: String,
    /// Shortest passphrase accepted for a new encrypted file.
    pub min_passphrase_chars: u32,
}

/// Which storage holds the passwords.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub enum PasswordBackend {
    /// The OS keychain.
    Keychain,
    /// The passphrase-encrypted file.
    EncryptedFile,
}

fn storage(secrets: &Secrets) -> PasswordStorage {
    let status = secrets.status();
    PasswordStorage {
        backend: match status.backend {
            BackendKind::Keychain => PasswordBackend::Keychain,
            BackendKind::EncryptedFile => PasswordBackend::EncryptedFile,
        },
        unlocked: status.unlocked,
        vault_path: status.vault_path.display().to_string(),
        min_passphrase_chars: mls_store::secrets::MIN_PASSPHRASE_CHARS as u32,
    }
}

/// Runs blocking secret-store work (Argon2, D-Bus) off the async runtime.
pub(crate) async fn blocking<T: Send + 'static>(
    secrets: Arc<Secrets>,
    f: impl FnOnce(&Secrets) -> Result<T, mls_store::secrets::SecretError> + Send + 'static,
) -> CommandResult<T> {
    tokio::task::spawn_blocking(move || f(&secrets))
        .await
        .map_err(|e| CommandError::internal(e.to_string()))?
        .map_err(CommandError::from)
}

impl Portal {
    /// Where passwords are kept now.
    pub async fn secrets_status(&self) -> CommandResult<PasswordStorage> {
        Ok(storage(&self.secrets))
    }

    /// Unlocks the encrypted password file with its passphrase.
    pub async fn secrets_unlock(&self, passphrase: String) -> CommandResult<PasswordStorage> {
        blocking(self.secrets.clone(), move |s| s.unlock(&passphrase)).await?;
        Ok(storage(&self.secrets))
    }

    /// Keeps passwords in an encrypted file under `passphrase` from now on, moving
    /// those the keychain still holds into it.
    pub async fn secrets_use_file(&self, passphrase: String) -> CommandResult<PasswordStorage> {
        let ids = self.saved_connection_ids().await?;
        blocking(self.secrets.clone(), move |s| {
            s.use_encrypted_file(&passphrase, &ids)
        })
        .await?;
        Ok(storage(&self.secrets))
    }

    /// Goes back to the OS keychain, moving the passwords out of the encrypted file
    /// (which is deleted only when every password moved).
    pub async fn secrets_use_keychain(&self) -> CommandResult<PasswordStorage> {
        let ids = self.saved_connection_ids().await?;
        blocking(self.secrets.clone(), move |s| s.use_keychain(&ids)).await?;
        Ok(storage(&self.secrets))
    }
}
