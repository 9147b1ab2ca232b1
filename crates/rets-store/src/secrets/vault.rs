//! The opt-in fallback: all secrets in one file, encrypted with XChaCha20-Poly1305
//! under a key derived from the user's passphrase with Argon2id. Layout:
//! `RDPVAULT1` | salt (16) | nonce (24) | ciphertext of a JSON map account → secret.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;

use super::{SecretError, SecretKey, SecretStore};

const MAGIC: &[u8] = b"RDPVAULT1";
const SALT_LEN: usize = 16;
const NONCE_LEN: usize = 24;

/// Secrets in a passphrase-encrypted file. Use only when the user chose it.
pub struct EncryptedFileStore {
    path: PathBuf,
    salt: [u8; SALT_LEN],
    key: [u8; 32],
    lock: Mutex<()>,
}

impl std::fmt::Debug for EncryptedFileStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EncryptedFileStore")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl EncryptedFileStore {
    /// Open the vault at `path`, creating an empty one if absent. An existing
    /// vault is decrypted once to check the passphrase.
    pub fn open(path: &Path, passphrase: &str) -> Result<Self, SecretError> {
        if path.exists() {
            let bytes = std::fs::read(path)?;
            let salt = parse_header(path, &bytes)?.0;
            let store = Self::with_salt(path, passphrase, salt)?;
            store.decrypt(&bytes)?;
            Ok(store)
        } else {
            let mut salt = [0u8; SALT_LEN];
            rand::rngs::OsRng.fill_bytes(&mut salt);
            let store = Self::with_salt(path, passphrase, salt)?;
            store.write(&BTreeMap::new())?;
            Ok(store)
        }
    }

    fn with_salt(path: &Path, passphrase: &str, salt: [u8; SALT_LEN]) -> Result<Self, SecretError> {
        let mut key = [0u8; 32];
        argon2::Argon2::default()
            .hash_password_into(passphrase.as_bytes(), &salt, &mut key)
            .map_err(|e| SecretError::Crypto(e.to_string()))?;
        Ok(Self {
            path: path.to_path_buf(),
            salt,
            key,
            lock: Mutex::new(()),
        })
    }

    fn decrypt(&self, bytes: &[u8]) -> Result<BTreeMap<String, String>, SecretError> {
        let (_, nonce, ciphertext) = parse_header(&self.path, bytes)?;
        let cipher = XChaCha20Poly1305::new((&self.key).into());
        let plain = cipher
            .decrypt(XNonce::from_slice(nonce), ciphertext)
            .map_err(|_| SecretError::WrongPassphrase)?;
        serde_json::from_slice(&plain).map_err(|_| SecretError::WrongPassphrase)
    }

    fn read(&self) -> Result<BTreeMap<String, String>, SecretError> {
        self.decrypt(&std::fs::read(&self.path)?)
    }

    fn write(&self, map: &BTreeMap<String, String>) -> Result<(), SecretError> {
        let plain = serde_json::to_vec(map).map_err(|e| SecretError::Crypto(e.to_string()))?;
        let mut nonce = [0u8; NONCE_LEN];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let cipher = XChaCha20Poly1305::new((&self.key).into());
        let ciphertext = cipher
            .encrypt(XNonce::from_slice(&nonce), plain.as_slice())
            .map_err(|e| SecretError::Crypto(e.to_string()))?;
        let mut out = Vec::with_capacity(MAGIC.len() + SALT_LEN + NONCE_LEN + ciphertext.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.salt);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&ciphertext);
        // Write beside, then rename: a crash never leaves a half-written vault.
        let tmp = self.path.with_extension("tmp");
        std::fs::write(&tmp, &out)?;
        std::fs::rename(&tmp, &self.path)?;
        Ok(())
    }

    fn update(&self, f: impl FnOnce(&mut BTreeMap<String, String>)) -> Result<(), SecretError> {
        let _guard = self.lock.lock().unwrap_or_else(|p| p.into_inner());
        let mut map = self.read()?;
        f(&mut map);
        self.write(&map)
    }
}

/// Salt, nonce and ciphertext of a vault file.
type Parts<'a> = ([u8; SALT_LEN], &'a [u8], &'a [u8]);

fn parse_header<'a>(path: &Path, bytes: &'a [u8]) -> Result<Parts<'a>, SecretError> {
    let rest = bytes
        .strip_prefix(MAGIC)
        .filter(|r| r.len() > SALT_LEN + NONCE_LEN)
        .ok_or_else(|| SecretError::NotAVault(path.display().to_string()))?;
    let (salt, rest) = rest.split_at(SALT_LEN);
    let (nonce, ciphertext) = rest.split_at(NONCE_LEN);
    let mut s = [0u8; SALT_LEN];
    s.copy_from_slice(salt);
    Ok((s, nonce, ciphertext))
}

impl SecretStore for EncryptedFileStore {
    fn set(&self, key: &SecretKey, secret: &str) -> Result<(), SecretError> {
        self.update(|m| {
            m.insert(key.account(), secret.to_string());
        })
    }

    fn get(&self, key: &SecretKey) -> Result<Option<String>, SecretError> {
        let _guard = self.lock.lock().unwrap_or_else(|p| p.into_inner());
        Ok(self.read()?.remove(&key.account()))
    }

    fn delete(&self, key: &SecretKey) -> Result<(), SecretError> {
        self.update(|m| {
            m.remove(&key.account());
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_wrong_passphrase() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secrets.vault");
        let store = EncryptedFileStore::open(&path, "correct horse").unwrap();
        store.set(&SecretKey::password(1), "s3cret-pw").unwrap();
        store.set(&SecretKey::ua_password(1), "ua-pw").unwrap();
        store.delete(&SecretKey::ua_password(1)).unwrap();

        let bytes = std::fs::read(&path).unwrap();
        assert!(bytes.starts_with(MAGIC));
        assert!(!bytes.windows(9).any(|w| w == b"s3cret-pw"));

        let again = EncryptedFileStore::open(&path, "correct horse").unwrap();
        assert_eq!(
            again.get(&SecretKey::password(1)).unwrap().as_deref(),
            Some("s3cret-pw")
        );
        assert_eq!(again.get(&SecretKey::ua_password(1)).unwrap(), None);
        let wrong = EncryptedFileStore::open(&path, "battery staple").unwrap_err();
        assert!(matches!(wrong, SecretError::WrongPassphrase), "{wrong}");
    }

    #[test]
    fn refuses_foreign_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("not-a-vault");
        std::fs::write(&path, b"hello world, this is not a vault at all....").unwrap();
        let e = EncryptedFileStore::open(&path, "x").unwrap_err();
        assert!(matches!(e, SecretError::NotAVault(_)), "{e}");
    }
}
