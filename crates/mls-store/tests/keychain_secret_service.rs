//! The keychain store against a real Secret Service (gnome-keyring). Runs only
//! when RETS_TEST_SECRET_SERVICE=1; see the crate README for the exact command.

use mls_store::secrets::{KeychainStore, SecretKey, SecretStore, save_connection_secrets};

#[test]
fn round_trip_through_a_real_secret_service() {
    if std::env::var("RETS_TEST_SECRET_SERVICE").as_deref() != Ok("1") {
        eprintln!(
            "skipped: set RETS_TEST_SECRET_SERVICE=1 inside a D-Bus session with gnome-keyring"
        );
        return;
    }
    let store = KeychainStore::new(format!("rets-data-portal-test-{}", std::process::id()));
    store.probe().expect("Secret Service usable");
    save_connection_secrets(&store, 42, Some("real-pw"), Some("real-ua-pw")).unwrap();
    // A second store instance reads what the first wrote: it really is persisted.
    let other = KeychainStore::new(format!("rets-data-portal-test-{}", std::process::id()));
    assert_eq!(
        other.get(&SecretKey::password(42)).unwrap().as_deref(),
        Some("real-pw")
    );
    assert_eq!(
        other.get(&SecretKey::ua_password(42)).unwrap().as_deref(),
        Some("real-ua-pw")
    );
    save_connection_secrets(&store, 42, Some("changed"), None).unwrap();
    assert_eq!(
        other.get(&SecretKey::password(42)).unwrap().as_deref(),
        Some("changed")
    );
    assert_eq!(other.get(&SecretKey::ua_password(42)).unwrap(), None);
    mls_store::secrets::delete_connection_secrets(&store, 42).unwrap();
    assert_eq!(other.get(&SecretKey::password(42)).unwrap(), None);
}

#[test]
fn missing_secret_service_gives_the_opt_in_hint() {
    if std::env::var("RETS_TEST_NO_SECRET_SERVICE").as_deref() != Ok("1") {
        eprintln!("skipped: set RETS_TEST_NO_SECRET_SERVICE=1 where no D-Bus session exists");
        return;
    }
    let err = KeychainStore::default().probe().unwrap_err();
    assert!(
        err.to_string()
            .contains("choose 'store in an encrypted file' to continue"),
        "{err}"
    );
}
