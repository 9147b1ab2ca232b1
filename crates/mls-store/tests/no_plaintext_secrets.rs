//! Passwords go through the public API and must not appear in the database file,
//! its WAL, or the logs (captured at TRACE level).

use std::io::Write;
use std::sync::{Arc, Mutex};

use mls_store::secrets::{EncryptedFileStore, SecretKey, SecretStore, save_connection_secrets};
use mls_store::{HttpMethod, NewConnection, Store};

#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[tokio::test]
async fn passwords_never_reach_sqlite_wal_or_logs() {
    let logs = Capture::default();
    let sink = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || sink.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    const PASSWORD: &str = "Pw-7f3a9c-do-not-leak";
    const UA_PASSWORD: &str = "Ua-51be02-do-not-leak";
    const USERNAME: &str = "agent-visible-username";

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("replica.db");
    let store = Store::open(&db).await.unwrap();
    let conn = store
        .create_connection(&NewConnection {
            name: "Leak check".into(),
            login_url: "http://127.0.0.1:1/login".into(),
            username: USERNAME.into(),
            user_agent: "RETSDataPortal/0.1".into(),
            rets_version: "RETS/1.7.2".into(),
            http_method: HttpMethod::Post,
            vendor_template: None,
            options: serde_json::json!({}),
        })
        .await
        .unwrap();
    let vault = EncryptedFileStore::open(&dir.path().join("secrets.vault"), "passphrase").unwrap();
    save_connection_secrets(&vault, conn.id, Some(PASSWORD), Some(UA_PASSWORD)).unwrap();
    assert_eq!(
        vault.get(&SecretKey::password(conn.id)).unwrap().as_deref(),
        Some(PASSWORD)
    );
    assert_eq!(
        vault
            .get(&SecretKey::ua_password(conn.id))
            .unwrap()
            .as_deref(),
        Some(UA_PASSWORD)
    );

    // Read the files while the pool is open (WAL not yet checkpointed) and after closing.
    let wal = dir.path().join("replica.db-wal");
    let mut open_bytes = std::fs::read(&db).unwrap();
    open_bytes.extend(std::fs::read(&wal).unwrap_or_default());
    store.close().await;
    let mut closed_bytes = std::fs::read(&db).unwrap();
    closed_bytes.extend(std::fs::read(&wal).unwrap_or_default());
    let vault_bytes = std::fs::read(dir.path().join("secrets.vault")).unwrap();
    let log_bytes = logs.0.lock().unwrap().clone();

    // The grep works: the non-secret username is found in the database.
    assert!(contains(&open_bytes, USERNAME) || contains(&closed_bytes, USERNAME));
    assert!(
        contains(&log_bytes, "connection secret saved"),
        "logging was captured"
    );
    for secret in [PASSWORD, UA_PASSWORD] {
        assert!(!contains(&open_bytes, secret), "secret in database/WAL");
        assert!(!contains(&closed_bytes, secret), "secret in database file");
        assert!(!contains(&vault_bytes, secret), "secret in vault in clear");
        assert!(!contains(&log_bytes, secret), "secret in logs");
    }
}
