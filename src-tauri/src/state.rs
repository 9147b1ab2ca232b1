//! What the app keeps while it runs: one [`Portal`] over the platform's data
//! folder (the application layer owns what it holds and how it resolves
//! connections), opened with the OS keychain.

use std::path::Path;
use std::sync::Arc;

use mls_workbench::{Portal, Workbench};

use crate::error::CommandResult;

/// Keychain service name under which connection secrets are kept.
pub const KEYCHAIN_SERVICE: &str = mls_store::APP_IDENTIFIER;

/// Opens the app's data folder with the OS keychain and the default Demo MLS.
pub async fn open_with_keychain(data_dir: &Path) -> CommandResult<Portal> {
    let keychain = mls_store::secrets::KeychainStore::new(KEYCHAIN_SERVICE);
    Ok(Portal::open(data_dir, Arc::new(keychain), Workbench::default()).await?)
}
