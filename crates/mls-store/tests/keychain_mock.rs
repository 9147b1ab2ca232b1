//! The keychain store against keyring's mock credential builder (no OS keychain
//! needed). The mock does not share credentials between entries, so this checks
//! the write path, the probe round trip and deletes of absent entries.

use mls_store::secrets::{KeychainStore, SecretKey, SecretStore, delete_connection_secrets};

#[test]
fn keychain_store_with_mock_credentials() {
    keyring::set_default_credential_builder(keyring::mock::default_credential_builder());
    let store = KeychainStore::new("rets-data-portal-test");
    store.probe().unwrap();
    store.set(&SecretKey::password(1), "pw").unwrap();
    // A fresh mock entry has no credential: absent reads as None, not an error.
    assert_eq!(store.get(&SecretKey::ua_password(1)).unwrap(), None);
    delete_connection_secrets(&store, 1).unwrap();
}
