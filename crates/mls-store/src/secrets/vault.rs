//! The opt-in fallback: all secrets in one file, encrypted with XChaCha20-Poly1305
//! under a key derived from the user's passphrase with Argon2id. Layout (v2):
//! `RDPVAULT2` | Argon2id memory KiB, iterations, lanes (u32 LE each) | salt (16)
//! | nonce (24) | ciphertext of a JSON map account → secret, with everything
//! before the nonce as associated data. The KDF parameters travel with the
//! file, so a later version can raise them without locking anyone out; a v1
//! file (`RDPVAULT1`, argon2's default parameters, not stored) is read and
//! rewritten as v2 on the next change. The file is written 0600 and fsynced
//! before it replaces the old one.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;

use super::{SecretError, SecretKey, SecretStore};

const MAGIC: &[u8] = b"RDPVAULT2";
const MAGIC_V1: &[u8] = b"RDPVAULT1";
const SALT_LEN: usize = 16;
const NONCE_LEN: usize = 24;

/// Argon2id cost of new vaults: OWASP's recommended minimum (19 MiB, 2 passes).
const KDF: Kdf = Kdf {
    memory_kib: 19 * 1024,
    iterations: 2,
    lanes: 1,
};

/// Argon2id parameters, as stored in the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Kdf {
    memory_kib: u32,
    iterations: u32,
    lanes: u32,
}

impl Kdf {
    /// What v1 files used: argon2 0.5's defaults (fixed here: raising [`KDF`]
    /// must not change how old files are read).
    const V1: Kdf = Kdf {
        memory_kib: 19 * 1024,
        iterations: 2,
        lanes: 1,
    };

    fn header(&self, salt: &[u8; SALT_LEN]) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        for v in [self.memory_kib, self.iterations, self.lanes] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(salt);
        out
    }
}

/// Secrets in a passphrase-encrypted file. Use only when the user chose it.
pub struct EncryptedFileStore {
    path: PathBuf,
    kdf: Kdf,
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
            let parts = parse_header(path, &bytes)?;
            let store = Self::derive(path, passphrase, parts.kdf, parts.salt)?;
            store.decrypt(&bytes)?;
            Ok(store)
        } else {
            let mut salt = [0u8; SALT_LEN];
            rand::rngs::OsRng.fill_bytes(&mut salt);
            let store = Self::derive(path, passphrase, KDF, salt)?;
            store.write(&BTreeMap::new())?;
            Ok(store)
        }
    }

    fn derive(
        path: &Path,
        passphrase: &str,
        kdf: Kdf,
        salt: [u8; SALT_LEN],
    ) -> Result<Self, SecretError> {
        let crypto = |e: argon2::Error| SecretError::Crypto(e.to_string());
        let params = argon2::Params::new(kdf.memory_kib, kdf.iterations, kdf.lanes, Some(32))
            .map_err(crypto)?;
        let mut key = [0u8; 32];
        argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
            .hash_password_into(passphrase.as_bytes(), &salt, &mut key)
            .map_err(crypto)?;
        Ok(Self {
            path: path.to_path_buf(),
            kdf,
            salt,
            key,
            lock: Mutex::new(()),
        })
    }

    fn decrypt(&self, bytes: &[u8]) -> Result<BTreeMap<String, String>, SecretError> {
        let parts = parse_header(&self.path, bytes)?;
        let cipher = XChaCha20Poly1305::new((&self.key).into());
        let payload = chacha20poly1305::aead::Payload {
            msg: parts.ciphertext,
            aad: parts.aad,
        };
        let plain = cipher
            .decrypt(XNonce::from_slice(parts.nonce), payload)
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
        let mut out = self.kdf.header(&self.salt);
        let payload = chacha20poly1305::aead::Payload {
            msg: plain.as_slice(),
            aad: &out,
        };
        let ciphertext = cipher
            .encrypt(XNonce::from_slice(&nonce), payload)
            .map_err(|e| SecretError::Crypto(e.to_string()))?;
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&ciphertext);
        // Write beside (owner-only), flush to disk, then rename: a crash never
        // leaves a half-written vault, and no other user can read it.
        let tmp = self.path.with_extension("tmp");
        {
            use std::io::Write;
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create(true).truncate(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let mut file = options.open(&tmp)?;
            #[cfg(unix)]
            file.set_permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600))?;
            file.write_all(&out)?;
            file.sync_all()?;
        }
        std::fs::rename(&tmp, &self.path)?;
        #[cfg(unix)]
        if let Some(dir) = self.path.parent() {
            // The rename itself is durable only once the directory is.
            std::fs::File::open(dir)?.sync_all()?;
        }
        Ok(())
    }

    fn update(&self, f: impl FnOnce(&mut BTreeMap<String, String>)) -> Result<(), SecretError> {
        let _guard = self.lock.lock().unwrap_or_else(|p| p.into_inner());
        let mut map = self.read()?;
        f(&mut map);
        self.write(&map)
    }
}

/// The pieces of a vault file.
struct Parts<'a> {
    kdf: Kdf,
    salt: [u8; SALT_LEN],
    /// Authenticated with the ciphertext (empty in v1 files).
    aad: &'a [u8],
    nonce: &'a [u8],
    ciphertext: &'a [u8],
}

fn parse_header<'a>(path: &Path, bytes: &'a [u8]) -> Result<Parts<'a>, SecretError> {
    let not_a_vault = || SecretError::NotAVault(path.display().to_string());
    let (kdf, rest, aad_len) = if let Some(rest) = bytes.strip_prefix(MAGIC) {
        let u32_at = |i: usize| -> Option<u32> {
            Some(u32::from_le_bytes(
                rest.get(i * 4..i * 4 + 4)?.try_into().ok()?,
            ))
        };
        let kdf = Kdf {
            memory_kib: u32_at(0).ok_or_else(not_a_vault)?,
            iterations: u32_at(1).ok_or_else(not_a_vault)?,
            lanes: u32_at(2).ok_or_else(not_a_vault)?,
        };
        (kdf, &rest[12..], MAGIC.len() + 12 + SALT_LEN)
    } else if let Some(rest) = bytes.strip_prefix(MAGIC_V1) {
        (Kdf::V1, rest, 0)
    } else {
        return Err(not_a_vault());
    };
    if rest.len() <= SALT_LEN + NONCE_LEN {
        return Err(not_a_vault());
    }
    let (salt, rest) = rest.split_at(SALT_LEN);
    let (nonce, ciphertext) = rest.split_at(NONCE_LEN);
    let mut s = [0u8; SALT_LEN];
    s.copy_from_slice(salt);
    Ok(Parts {
        kdf,
        salt: s,
        aad: &bytes[..aad_len],
        nonce,
        ciphertext,
    })
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
    fn the_header_carries_the_kdf_and_the_file_is_private() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secrets.vault");
        let store = EncryptedFileStore::open(&path, "correct horse").unwrap();
        store.set(&SecretKey::password(1), "pw").unwrap();
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(&bytes[..MAGIC.len()], MAGIC);
        let parts = parse_header(&path, &bytes).unwrap();
        assert_eq!(parts.kdf, KDF);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{mode:o}");
        }
        // Tampering with the stored parameters is detected, not silently used.
        let mut tampered = bytes.clone();
        tampered[MAGIC.len()] ^= 1;
        std::fs::write(&path, &tampered).unwrap();
        assert!(EncryptedFileStore::open(&path, "correct horse").is_err());
    }

    #[test]
    fn version_1_files_open_and_are_rewritten_as_version_2() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secrets.vault");
        // A v1 file as the previous release wrote it.
        let salt = [7u8; SALT_LEN];
        let mut key = [0u8; 32];
        argon2::Argon2::default()
            .hash_password_into(b"old passphrase", &salt, &mut key)
            .unwrap();
        let nonce = [9u8; NONCE_LEN];
        let plain = serde_json::to_vec(&BTreeMap::from([(
            SecretKey::password(4).account(),
            "kept".to_owned(),
        )]))
        .unwrap();
        let ciphertext = XChaCha20Poly1305::new((&key).into())
            .encrypt(XNonce::from_slice(&nonce), plain.as_slice())
            .unwrap();
        let v1 = [MAGIC_V1, &salt, &nonce, &ciphertext].concat();
        std::fs::write(&path, v1).unwrap();

        let store = EncryptedFileStore::open(&path, "old passphrase").unwrap();
        assert_eq!(
            store.get(&SecretKey::password(4)).unwrap().as_deref(),
            Some("kept")
        );
        store.set(&SecretKey::password(5), "new").unwrap();
        assert!(std::fs::read(&path).unwrap().starts_with(MAGIC));
        let again = EncryptedFileStore::open(&path, "old passphrase").unwrap();
        assert_eq!(
            again.get(&SecretKey::password(4)).unwrap().as_deref(),
            Some("kept")
        );
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
