//! Password hashes: argon2id in PHC strings (salt and parameters inside).

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

use crate::TeamError;

/// Shortest password accepted.
pub const MIN_LENGTH: usize = 10;

/// Checks `password` against the rules; the message says what to change.
pub fn check(password: &str) -> Result<(), TeamError> {
    if password.chars().count() < MIN_LENGTH {
        return Err(TeamError::InvalidArgument(format!(
            "A password needs at least {MIN_LENGTH} characters."
        )));
    }
    if password.len() > 1024 {
        return Err(TeamError::InvalidArgument(
            "A password is at most 1024 bytes.".into(),
        ));
    }
    Ok(())
}

/// The argon2id hash of `password`.
pub fn hash(password: &str) -> Result<String, TeamError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| TeamError::Internal(format!("cannot hash a password: {e}")))
}

/// Whether `password` matches `stored` (a PHC string); a damaged hash never matches.
pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

/// One argon2id computation per core at a time: more in parallel only share
/// the cores and memory (200 concurrent sign-ins ran at a third of the rate).
fn cores() -> &'static tokio::sync::Semaphore {
    static CORES: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    CORES.get_or_init(|| {
        tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get()))
    })
}

/// [`hash`] on a blocking thread: argon2id takes tens of milliseconds of CPU,
/// which must not stall the server's other requests.
pub async fn hash_off_thread(password: &str) -> Result<String, TeamError> {
    let password = password.to_owned();
    let _core = cores()
        .acquire()
        .await
        .map_err(|e| TeamError::Internal(e.to_string()))?;
    tokio::task::spawn_blocking(move || hash(&password))
        .await
        .map_err(|e| TeamError::Internal(format!("password hashing stopped: {e}")))?
}

/// [`verify`] on a blocking thread.
pub async fn verify_off_thread(password: &str, stored: &str) -> bool {
    let (password, stored) = (password.to_owned(), stored.to_owned());
    let Ok(_core) = cores().acquire().await else {
        return false;
    };
    tokio::task::spawn_blocking(move || verify(&password, &stored))
        .await
        .unwrap_or(false)
}

/// A hash to verify against when the account does not exist, so a wrong email
/// takes as long as a wrong password.
pub fn decoy() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash("not a real password, only for timing").unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_are_salted() {
        let a = hash("correct horse battery").unwrap();
        let b = hash("correct horse battery").unwrap();
        assert!(a.starts_with("$argon2id$"));
        assert_ne!(a, b, "salted");
        assert!(verify("correct horse battery", &a));
        assert!(!verify("correct horse batterx", &a));
        assert!(!verify("anything", "not a hash"));
        assert!(check("short").is_err());
        assert!(check("long enough!").is_ok());
    }
}
