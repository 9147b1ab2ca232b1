//! The OS keychain through the `keyring` crate (v3 with its native backends:
//! macOS Keychain, Windows Credential Manager, Linux Secret Service over D-Bus).

use super::{SecretError, SecretKey, SecretStore};

/// Secrets in the OS keychain under one service name.
#[derive(Debug, Clone)]
pub struct KeychainStore {
    service: String,
}

impl Default for KeychainStore {
    fn default() -> Self {
        Self::new("rets-data-portal")
    }
}

impl KeychainStore {
    /// A store using `service` as the keychain service name.
    pub fn new(service: impl Into<String>) -> Self {
        Self {
            service: service.into(),
        }
    }

    /// Check that the keychain works (write, read back, delete a probe entry).
    /// Fails with [`SecretError::KeychainUnavailable`] when there is none.
    pub fn probe(&self) -> Result<(), SecretError> {
        let entry = self.entry_for("probe")?;
        entry.set_password("probe").map_err(map_err)?;
        let back = entry.get_password().map_err(map_err)?;
        entry.delete_credential().map_err(map_err)?;
        if back != "probe" {
            return Err(SecretError::KeychainUnavailable(
                "the keychain did not return what was stored".into(),
            ));
        }
        Ok(())
    }

    fn entry_for(&self, account: &str) -> Result<keyring::Entry, SecretError> {
        keyring::Entry::new(&self.service, account).map_err(map_err)
    }
}

fn map_err(e: keyring::Error) -> SecretError {
    match e {
        keyring::Error::NoStorageAccess(inner) | keyring::Error::PlatformFailure(inner) => {
            SecretError::KeychainUnavailable(inner.to_string())
        }
        other => SecretError::Keychain(other.to_string()),
    }
}

impl SecretStore for KeychainStore {
    fn set(&self, key: &SecretKey, secret: &str) -> Result<(), SecretError> {
        self.entry_for(&key.account())?
            .set_password(secret)
            .map_err(map_err)
    }

    fn get(&self, key: &SecretKey) -> Result<Option<String>, SecretError> {
        match self.entry_for(&key.account())?.get_password() {
            Ok(s) => Ok(Some(s)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(map_err(e)),
        }
    }

    fn delete(&self, key: &SecretKey) -> Result<(), SecretError> {
        match self.entry_for(&key.account())?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(map_err(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unavailable_keychain_error_tells_the_user_what_to_do() {
        let e = map_err(keyring::Error::NoStorageAccess(
            "org.freedesktop.secrets not provided".into(),
        ));
        let msg = e.to_string();
        assert!(
            msg.starts_with("no keychain available: org.freedesktop.secrets"),
            "{msg}"
        );
        assert!(
            msg.contains("choose 'store in an encrypted file' to continue"),
            "{msg}"
        );
    }

    #[test]
    fn account_names_separate_kinds_and_connections() {
        assert_eq!(SecretKey::password(7).account(), "connection-7/password");
        assert_eq!(
            SecretKey::ua_password(7).account(),
            "connection-7/ua-password"
        );
    }
}

/// Secrets held in this process's memory only: for tests, and for front doors
/// that must never touch the machine's keychain.
#[derive(Debug, Default)]
pub struct MemoryStore(std::sync::Mutex<std::collections::HashMap<String, String>>);

impl MemoryStore {
    fn map(&self) -> std::sync::MutexGuard<'_, std::collections::HashMap<String, String>> {
        // A panic while holding the lock cannot leave the map half-written.
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl SecretStore for MemoryStore {
    fn set(&self, key: &SecretKey, secret: &str) -> Result<(), SecretError> {
        self.map().insert(key.account(), secret.to_owned());
        Ok(())
    }
    fn get(&self, key: &SecretKey) -> Result<Option<String>, SecretError> {
        Ok(self.map().get(&key.account()).cloned())
    }
    fn delete(&self, key: &SecretKey) -> Result<(), SecretError> {
        self.map().remove(&key.account());
        Ok(())
    }
}
