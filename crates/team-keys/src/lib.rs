//! Keys for connections a team shares, so that the team server stores only
//! ciphertext and can never read an MLS password. Each member has an X25519
//! key pair (age); the private half stays on the member's desktop (in the OS
//! keychain), the public half goes to the server. Each shared connection has
//! its own random key: the secrets are sealed with it (XChaCha20-Poly1305) and
//! it is wrapped (age) for each member allowed to use it, one wrap per member,
//! so access is a matter of cryptography, not only of the server's say-so.
//! Removing a member means a new connection key, wrapped for the others.

use std::io::{Read, Write};
use std::str::FromStr;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;
use sha2::{Digest, Sha256};

/// What can go wrong with keys.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("{0:?} is not a member's public key (an age X25519 recipient, age1…)")]
    BadPublicKey(String),
    #[error("the stored private key is damaged")]
    BadPrivateKey,
    #[error("this connection key is not wrapped for this member, or the wrap is damaged")]
    CannotUnwrap,
    #[error("the sealed secrets do not open with this key (another key version, or damaged)")]
    CannotOpen,
    #[error("encryption failed: {0}")]
    Encrypt(String),
}

/// A member's key pair.
pub struct MemberKey(age::x25519::Identity);

impl MemberKey {
    /// A new key pair.
    pub fn generate() -> MemberKey {
        MemberKey(age::x25519::Identity::generate())
    }

    /// The private key as text, for the OS keychain (`AGE-SECRET-KEY-1…`).
    pub fn to_secret(&self) -> String {
        use age::secrecy::ExposeSecret;
        self.0.to_string().expose_secret().to_owned()
    }

    /// A key pair from its private text.
    pub fn from_secret(secret: &str) -> Result<MemberKey, KeyError> {
        age::x25519::Identity::from_str(secret.trim())
            .map(MemberKey)
            .map_err(|_| KeyError::BadPrivateKey)
    }

    /// The public key (`age1…`), for the server.
    pub fn public(&self) -> String {
        self.0.to_public().to_string()
    }
}

/// Checks a public key; the normalized text.
pub fn parse_public(public: &str) -> Result<String, KeyError> {
    age::x25519::Recipient::from_str(public.trim())
        .map(|r| r.to_string())
        .map_err(|_| KeyError::BadPublicKey(public.chars().take(80).collect()))
}

/// A short fingerprint of a public key to compare by eye or phone
/// (`3f2a 91c0 7be4 05d1`): the first 8 bytes of its SHA-256.
pub fn fingerprint(public: &str) -> String {
    let digest = Sha256::digest(public.trim().as_bytes());
    digest[..8]
        .chunks(2)
        .map(|pair| format!("{:02x}{:02x}", pair[0], pair[1]))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A connection's key.
#[derive(Clone, PartialEq, Eq)]
pub struct ConnectionKey([u8; 32]);

impl std::fmt::Debug for ConnectionKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ConnectionKey(…)")
    }
}

impl ConnectionKey {
    /// A new random key.
    pub fn generate() -> ConnectionKey {
        let mut key = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut key);
        ConnectionKey(key)
    }

    /// The key wrapped for the member with `public` key (base64 of an age file).
    pub fn wrap_for(&self, public: &str) -> Result<String, KeyError> {
        let recipient = age::x25519::Recipient::from_str(public.trim())
            .map_err(|_| KeyError::BadPublicKey(public.chars().take(80).collect()))?;
        let encryptor =
            age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
                .map_err(|e| KeyError::Encrypt(e.to_string()))?;
        let mut out = Vec::new();
        let mut writer = encryptor
            .wrap_output(&mut out)
            .map_err(|e| KeyError::Encrypt(e.to_string()))?;
        writer
            .write_all(&self.0)
            .map_err(|e| KeyError::Encrypt(e.to_string()))?;
        writer
            .finish()
            .map_err(|e| KeyError::Encrypt(e.to_string()))?;
        Ok(STANDARD.encode(out))
    }

    /// The key from a wrap made for `member`.
    pub fn unwrap(wrapped: &str, member: &MemberKey) -> Result<ConnectionKey, KeyError> {
        let bytes = STANDARD
            .decode(wrapped.trim())
            .map_err(|_| KeyError::CannotUnwrap)?;
        let decryptor = age::Decryptor::new(&bytes[..]).map_err(|_| KeyError::CannotUnwrap)?;
        let mut reader = decryptor
            .decrypt(std::iter::once(&member.0 as &dyn age::Identity))
            .map_err(|_| KeyError::CannotUnwrap)?;
        let mut key = Vec::new();
        reader
            .read_to_end(&mut key)
            .map_err(|_| KeyError::CannotUnwrap)?;
        key.try_into()
            .map(ConnectionKey)
            .map_err(|_| KeyError::CannotUnwrap)
    }

    /// `plain` sealed with this key: base64 of a random 24-byte nonce and the ciphertext.
    pub fn seal(&self, plain: &[u8]) -> Result<String, KeyError> {
        let cipher = XChaCha20Poly1305::new(&self.0.into());
        let mut nonce = [0u8; 24];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let sealed = cipher
            .encrypt(XNonce::from_slice(&nonce), plain)
            .map_err(|e| KeyError::Encrypt(e.to_string()))?;
        Ok(STANDARD.encode([nonce.as_slice(), &sealed].concat()))
    }

    /// What [`ConnectionKey::seal`] sealed.
    pub fn open(&self, sealed: &str) -> Result<Vec<u8>, KeyError> {
        let bytes = STANDARD
            .decode(sealed.trim())
            .map_err(|_| KeyError::CannotOpen)?;
        if bytes.len() < 24 {
            return Err(KeyError::CannotOpen);
        }
        let (nonce, body) = bytes.split_at(24);
        XChaCha20Poly1305::new(&self.0.into())
            .decrypt(XNonce::from_slice(nonce), body)
            .map_err(|_| KeyError::CannotOpen)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_members_a_key_is_wrapped_for_can_open_the_secrets() {
        let (ana, bea, cy) = (
            MemberKey::generate(),
            MemberKey::generate(),
            MemberKey::generate(),
        );
        assert!(ana.public().starts_with("age1"));
        assert_eq!(parse_public(&ana.public()).unwrap(), ana.public());
        assert!(parse_public("age1notakey").is_err());
        let again = MemberKey::from_secret(&ana.to_secret()).unwrap();
        assert_eq!(again.public(), ana.public());
        assert_eq!(fingerprint(&ana.public()).len(), 19);
        assert_ne!(fingerprint(&ana.public()), fingerprint(&bea.public()));

        let key = ConnectionKey::generate();
        let sealed = key.seal(br#"{"password":"mls-pw"}"#).unwrap();
        assert!(!sealed.contains("mls-pw"));
        assert_ne!(
            sealed,
            key.seal(br#"{"password":"mls-pw"}"#).unwrap(),
            "a fresh nonce each time"
        );
        let for_bea = key.wrap_for(&bea.public()).unwrap();
        let bea_key = ConnectionKey::unwrap(&for_bea, &bea).unwrap();
        assert_eq!(bea_key.open(&sealed).unwrap(), br#"{"password":"mls-pw"}"#);
        assert!(matches!(
            ConnectionKey::unwrap(&for_bea, &cy),
            Err(KeyError::CannotUnwrap)
        ));

        // Rotation: the new key opens the new seal; the old key does not.
        let rotated = ConnectionKey::generate();
        let resealed = rotated.seal(br#"{"password":"mls-pw"}"#).unwrap();
        assert!(matches!(bea_key.open(&resealed), Err(KeyError::CannotOpen)));
        let mut tampered = STANDARD.decode(&sealed).unwrap();
        *tampered.last_mut().unwrap() ^= 1;
        assert!(matches!(
            key.open(&STANDARD.encode(tampered)),
            Err(KeyError::CannotOpen)
        ));
    }
}
