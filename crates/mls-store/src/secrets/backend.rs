//! The secret storage the app and the CLI actually use: the OS keychain by
//! default, or — after the user explicitly opted in — the encrypted vault file.
//! The choice is the vault file itself: when `secrets.vault` exists in the data
//! folder the user chose the file, and it must be unlocked with the passphrase
//! before passwords can be read or written.

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use super::{EncryptedFileStore, KeychainStore, SecretError, SecretKey, SecretStore};

/// File name of the vault in the app's data folder.
pub const VAULT_FILE: &str = "secrets.vault";

/// Shortest passphrase accepted for a new vault.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// Which storage holds the passwords.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub enum BackendKind {
    /// The OS keychain (Secret Service, macOS Keychain, Windows Credential Manager).
    Keychain,
    /// The passphrase-encrypted file in the data folder.
    EncryptedFile,
}

/// What the settings screen shows about password storage.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SecretsStatus {
    /// The storage in use.
    pub backend: BackendKind,
    /// For the encrypted file: whether the passphrase was given this session
    /// (always true for the keychain).
    pub unlocked: bool,
    /// Where the encrypted file lives (or would live).
    pub vault_path: PathBuf,
}

enum Active {
    Keychain,
    VaultLocked,
    Vault(Arc<EncryptedFileStore>),
}

/// Password storage with the user's choice of backend. Implements
/// [`SecretStore`]; while the vault is locked every access fails with
/// [`SecretError::VaultLocked`].
pub struct Secrets {
    keychain: Arc<dyn SecretStore>,
    vault_path: PathBuf,
    active: RwLock<Active>,
}

impl std::fmt::Debug for Secrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Secrets")
            .field("vault_path", &self.vault_path)
            .field("status", &self.status())
            .finish()
    }
}

impl Secrets {
    /// Storage for the app whose data folder is `data_dir`, with the OS keychain
    /// under `service` unless the user chose the vault file earlier.
    pub fn new(service: &str, data_dir: &Path) -> Self {
        Self::with_keychain(Arc::new(KeychainStore::new(service)), data_dir)
    }

    /// Like [`Secrets::new`] with any store standing in for the keychain (tests).
    pub fn with_keychain(keychain: Arc<dyn SecretStore>, data_dir: &Path) -> Self {
        let vault_path = data_dir.join(VAULT_FILE);
        let active = if vault_path.exists() {
            Active::VaultLocked
        } else {
            Active::Keychain
        };
        Secrets {
            keychain,
            vault_path,
            active: RwLock::new(active),
        }
    }

    /// The storage in use and whether it is ready.
    pub fn status(&self) -> SecretsStatus {
        let (backend, unlocked) = match &*self.read() {
            Active::Keychain => (BackendKind::Keychain, true),
            Active::VaultLocked => (BackendKind::EncryptedFile, false),
            Active::Vault(_) => (BackendKind::EncryptedFile, true),
        };
        SecretsStatus {
            backend,
            unlocked,
            vault_path: self.vault_path.clone(),
        }
    }

    /// Unlocks the vault the user chose earlier. Fails with
    /// [`SecretError::WrongPassphrase`] on a wrong passphrase.
    pub fn unlock(&self, passphrase: &str) -> Result<(), SecretError> {
        if !self.vault_path.exists() {
            return Err(SecretError::NoVault(self.vault_path.display().to_string()));
        }
        let vault = EncryptedFileStore::open(&self.vault_path, passphrase)?;
        *self.write() = Active::Vault(Arc::new(vault));
        tracing::info!(path = %self.vault_path.display(), "secrets vault unlocked");
        Ok(())
    }

    /// Opts in to the encrypted file: creates the vault under `passphrase`
    /// (or unlocks the existing one) and moves the secrets of `connection_ids`
    /// that the keychain can still give into it. Secrets the keychain cannot
    /// read are left for the user to enter again.
    pub fn use_encrypted_file(
        &self,
        passphrase: &str,
        connection_ids: &[i64],
    ) -> Result<(), SecretError> {
        if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
            return Err(SecretError::WeakPassphrase(MIN_PASSPHRASE_CHARS));
        }
        let was_keychain = matches!(&*self.read(), Active::Keychain);
        let vault = Arc::new(EncryptedFileStore::open(&self.vault_path, passphrase)?);
        if was_keychain {
            for key in keys(connection_ids) {
                // The keychain failing is the usual reason to be here: skip it.
                if let Ok(Some(secret)) = self.keychain.get(&key) {
                    vault.set(&key, &secret)?;
                    let _ = self.keychain.delete(&key);
                }
            }
        }
        *self.write() = Active::Vault(vault);
        tracing::info!(path = %self.vault_path.display(), "passwords now kept in the encrypted file");
        Ok(())
    }

    /// Goes back to the OS keychain: checks that it works, moves the secrets of
    /// `connection_ids` from the (unlocked) vault into it, then deletes the
    /// vault file. Nothing is deleted unless every secret was moved.
    pub fn use_keychain(&self, connection_ids: &[i64]) -> Result<(), SecretError> {
        let vault = match &*self.read() {
            Active::Keychain => return Ok(()),
            Active::VaultLocked => return Err(SecretError::VaultLocked),
            Active::Vault(v) => v.clone(),
        };
        for key in keys(connection_ids) {
            if let Some(secret) = vault.get(&key)? {
                self.keychain.set(&key, &secret)?;
                if self.keychain.get(&key)?.as_deref() != Some(secret.as_str()) {
                    return Err(SecretError::KeychainUnavailable(
                        "the keychain did not return what was stored".into(),
                    ));
                }
            }
        }
        std::fs::remove_file(&self.vault_path)?;
        *self.write() = Active::Keychain;
        tracing::info!("passwords now kept in the OS keychain");
        Ok(())
    }

    fn store(&self) -> Result<Arc<dyn SecretStore>, SecretError> {
        match &*self.read() {
            Active::Keychain => Ok(self.keychain.clone()),
            Active::VaultLocked => Err(SecretError::VaultLocked),
            Active::Vault(v) => Ok(v.clone()),
        }
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Active> {
        self.active.read().unwrap_or_else(|p| p.into_inner())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Active> {
        self.active.write().unwrap_or_else(|p| p.into_inner())
    }
}

/// Every secret that moves between the keychain and the file: the
/// connections' passwords and the team session and key.
fn keys(connection_ids: &[i64]) -> impl Iterator<Item = SecretKey> + '_ {
    connection_ids
        .iter()
        .flat_map(|&id| [SecretKey::password(id), SecretKey::ua_password(id)])
        .chain([SecretKey::team_session(), SecretKey::team_member_key()])
}

impl SecretStore for Secrets {
    fn set(&self, key: &SecretKey, secret: &str) -> Result<(), SecretError> {
        self.store()?.set(key, secret)
    }

    fn get(&self, key: &SecretKey) -> Result<Option<String>, SecretError> {
        self.store()?.get(key)
    }

    fn delete(&self, key: &SecretKey) -> Result<(), SecretError> {
        self.store()?.delete(key)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::sync::Mutex;

    use super::*;

    /// A keychain that works, or fails like a machine without Secret Service.
    #[derive(Default)]
    struct FakeKeychain {
        broken: std::sync::atomic::AtomicBool,
        map: Mutex<HashMap<String, String>>,
    }

    impl FakeKeychain {
        fn check(&self) -> Result<(), SecretError> {
            if self.broken.load(std::sync::atomic::Ordering::SeqCst) {
                Err(SecretError::KeychainUnavailable("no Secret Service".into()))
            } else {
                Ok(())
            }
        }
    }

    impl SecretStore for FakeKeychain {
        fn set(&self, key: &SecretKey, secret: &str) -> Result<(), SecretError> {
            self.check()?;
            self.map
                .lock()
                .unwrap()
                .insert(key.account(), secret.into());
            Ok(())
        }
        fn get(&self, key: &SecretKey) -> Result<Option<String>, SecretError> {
            self.check()?;
            Ok(self.map.lock().unwrap().get(&key.account()).cloned())
        }
        fn delete(&self, key: &SecretKey) -> Result<(), SecretError> {
            self.check()?;
            self.map.lock().unwrap().remove(&key.account());
            Ok(())
        }
    }

    #[test]
    fn keychain_by_default_then_opt_in_moves_secrets_into_the_vault() {
        let dir = tempfile::tempdir().unwrap();
        let keychain = Arc::new(FakeKeychain::default());
        let secrets = Secrets::with_keychain(keychain.clone(), dir.path());
        assert_eq!(secrets.status().backend, BackendKind::Keychain);
        secrets.set(&SecretKey::password(7), "pw-7").unwrap();

        let weak = secrets.use_encrypted_file("short", &[7]).unwrap_err();
        assert!(matches!(weak, SecretError::WeakPassphrase(8)), "{weak}");
        assert_eq!(secrets.status().backend, BackendKind::Keychain);

        secrets.use_encrypted_file("correct horse", &[7]).unwrap();
        let status = secrets.status();
        assert_eq!(status.backend, BackendKind::EncryptedFile);
        assert!(status.unlocked);
        assert!(status.vault_path.exists());
        assert_eq!(
            secrets.get(&SecretKey::password(7)).unwrap().as_deref(),
            Some("pw-7")
        );
        assert!(keychain.map.lock().unwrap().is_empty(), "moved, not copied");
    }

    #[test]
    fn a_restart_finds_the_vault_locked_until_the_passphrase_is_given() {
        let dir = tempfile::tempdir().unwrap();
        let keychain = Arc::new(FakeKeychain::default());
        keychain
            .broken
            .store(true, std::sync::atomic::Ordering::SeqCst);
        let first = Secrets::with_keychain(keychain.clone(), dir.path());
        let e = first.set(&SecretKey::password(1), "pw").unwrap_err();
        assert!(matches!(e, SecretError::KeychainUnavailable(_)), "{e}");
        first.use_encrypted_file("correct horse", &[1]).unwrap();
        first.set(&SecretKey::password(1), "pw").unwrap();

        let again = Secrets::with_keychain(keychain, dir.path());
        assert_eq!(
            again.status(),
            SecretsStatus {
                backend: BackendKind::EncryptedFile,
                unlocked: false,
                vault_path: dir.path().join(VAULT_FILE),
            }
        );
        let locked = again.get(&SecretKey::password(1)).unwrap_err();
        assert!(matches!(locked, SecretError::VaultLocked), "{locked}");
        let wrong = again.unlock("battery staple").unwrap_err();
        assert!(matches!(wrong, SecretError::WrongPassphrase), "{wrong}");
        again.unlock("correct horse").unwrap();
        assert_eq!(
            again.get(&SecretKey::password(1)).unwrap().as_deref(),
            Some("pw")
        );
    }

    #[test]
    fn back_to_the_keychain_moves_secrets_and_removes_the_file_only_when_it_works() {
        let dir = tempfile::tempdir().unwrap();
        let keychain = Arc::new(FakeKeychain::default());
        let secrets = Secrets::with_keychain(keychain.clone(), dir.path());
        secrets.use_encrypted_file("correct horse", &[]).unwrap();
        secrets.set(&SecretKey::password(3), "pw-3").unwrap();
        secrets.set(&SecretKey::ua_password(3), "ua-3").unwrap();

        keychain
            .broken
            .store(true, std::sync::atomic::Ordering::SeqCst);
        let e = secrets.use_keychain(&[3]).unwrap_err();
        assert!(matches!(e, SecretError::KeychainUnavailable(_)), "{e}");
        assert!(
            dir.path().join(VAULT_FILE).exists(),
            "vault kept on failure"
        );
        assert_eq!(
            secrets.get(&SecretKey::password(3)).unwrap().as_deref(),
            Some("pw-3")
        );

        keychain
            .broken
            .store(false, std::sync::atomic::Ordering::SeqCst);
        secrets.use_keychain(&[3]).unwrap();
        assert!(!dir.path().join(VAULT_FILE).exists());
        assert_eq!(secrets.status().backend, BackendKind::Keychain);
        assert_eq!(
            secrets.get(&SecretKey::ua_password(3)).unwrap().as_deref(),
            Some("ua-3")
        );
    }

    #[test]
    fn unlock_without_a_vault_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let secrets = Secrets::with_keychain(Arc::new(FakeKeychain::default()), dir.path());
        let e = secrets.unlock("correct horse").unwrap_err();
        assert!(matches!(e, SecretError::NoVault(_)), "{e}");
    }
}
