//! Opening, pragmas and the guard against databases from a newer app version.

use mls_store::{SUPPORTED_SCHEMA_VERSION, Store, StoreError};

#[tokio::test]
async fn fresh_database_is_migrated_in_wal_mode() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("replica.db")).await.unwrap();
    assert_eq!(
        store.schema_version().await.unwrap(),
        SUPPORTED_SCHEMA_VERSION
    );
    let (mode,): (String,) = sqlx::query_as("PRAGMA journal_mode")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(mode, "wal");
    let (fk,): (i64,) = sqlx::query_as("PRAGMA foreign_keys")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(fk, 1);
    assert_eq!(
        store.integrity_check().await.unwrap(),
        vec!["ok".to_string()]
    );
}

#[tokio::test]
async fn reopening_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("replica.db");
    Store::open(&path).await.unwrap().close().await;
    let store = Store::open(&path).await.unwrap();
    assert_eq!(
        store.schema_version().await.unwrap(),
        SUPPORTED_SCHEMA_VERSION
    );
}

#[tokio::test]
async fn newer_database_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("replica.db");
    let store = Store::open(&path).await.unwrap();
    let future = SUPPORTED_SCHEMA_VERSION + 1;
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, installed_on, success, checksum, execution_time)
         VALUES (?, 'from the future', CURRENT_TIMESTAMP, 1, x'00', 0)",
    )
    .bind(future)
    .execute(store.pool())
    .await
    .unwrap();
    store.close().await;

    let err = Store::open(&path).await.unwrap_err();
    assert!(
        matches!(err, StoreError::NewerSchema { found, supported } if found == future && supported == SUPPORTED_SCHEMA_VERSION),
        "{err:?}"
    );
    let msg = err.to_string();
    assert!(
        msg.starts_with(&format!(
            "this database was written by a newer version of RETS Data Portal (schema {future}); update the app"
        )),
        "{msg}"
    );
}
