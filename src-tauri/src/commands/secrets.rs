//! Where passwords are kept: the OS keychain, or — when the user opts in after
//! the keychain failed — a passphrase-encrypted file in the data folder.
//!
//! Adapters over [`mls_workbench::portal::secrets`]: the rules live there.

use mls_workbench::Portal;
use mls_workbench::portal::secrets::*;
use tauri::State;

use crate::error::CommandResult;

/// Where passwords are kept now.
#[tauri::command]
pub async fn secrets_status(state: State<'_, Portal>) -> CommandResult<PasswordStorage> {
    state.secrets_status().await
}

/// Unlocks the encrypted password file with its passphrase.
#[tauri::command]
pub async fn secrets_unlock(
    state: State<'_, Portal>,
    passphrase: String,
) -> CommandResult<PasswordStorage> {
    state.secrets_unlock(passphrase).await
}

/// Keeps passwords in an encrypted file under `passphrase` from now on, moving
/// those the keychain still holds into it.
#[tauri::command]
pub async fn secrets_use_file(
    state: State<'_, Portal>,
    passphrase: String,
) -> CommandResult<PasswordStorage> {
    state.secrets_use_file(passphrase).await
}

/// Goes back to the OS keychain, moving the passwords out of the encrypted file
/// (which is deleted only when every password moved).
#[tauri::command]
pub async fn secrets_use_keychain(state: State<'_, Portal>) -> CommandResult<PasswordStorage> {
    state.secrets_use_keychain().await
}
