//! A connection lost mid-download fails the job; the next run fetches only what
//! is still missing and the replica ends up equal to the server.

mod common;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::*;
use mls_store::{JobStatus, MetadataSnapshot, Store};
use mls_sync::{
    KeyStamp, ListingSource, PhotoObject, Selection, ServerLocks, SyncEngine, SyncError, SyncTarget,
};
use tokio_util::sync::CancellationToken;

/// Serves `ok_batches` record batches, then fails like a dropped connection.
struct DropsAfter<S> {
    inner: S,
    ok_batches: AtomicUsize,
}

impl<S: ListingSource> ListingSource for DropsAfter<S> {
    fn server_id(&self) -> String {
        self.inner.server_id()
    }
    fn redact(&self, text: &str) -> String {
        self.inner.redact(text)
    }
    async fn metadata(&self) -> Result<MetadataSnapshot, SyncError> {
        self.inner.metadata().await
    }
    async fn key_stamps(
        &self,
        r: &str,
        c: &str,
        q: &Selection,
        k: &str,
        m: &str,
    ) -> Result<Vec<KeyStamp>, SyncError> {
        self.inner.key_stamps(r, c, q, k, m).await
    }
    async fn records(
        &self,
        r: &str,
        c: &str,
        k: &str,
        keys: &[String],
    ) -> Result<Vec<BTreeMap<String, String>>, SyncError> {
        let left = self.ok_batches.load(Ordering::SeqCst);
        if left == 0 {
            // A server or proxy may echo the login URL with its password.
            return Err(SyncError::Other(
                "connection reset by peer at http://demo:demo@mls.example/rets".into(),
            ));
        }
        self.ok_batches.store(left - 1, Ordering::SeqCst);
        self.inner.records(r, c, k, keys).await
    }
    async fn photos(
        &self,
        r: &str,
        t: &str,
        keys: &[String],
    ) -> Result<Vec<PhotoObject>, SyncError> {
        self.inner.photos(r, t, keys).await
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lost_connection_then_resume() {
    let sim = sim(500, None).await;
    let store = Store::open_in_memory().await.unwrap();
    let conn = connection(&store, &sim.login_url()).await;
    let engine = SyncEngine::new(store.clone(), ServerLocks::new());
    let mut target = SyncTarget::new(conn, RESOURCE, CLASS);
    target.batch_size = 10;
    let cancel = CancellationToken::new();

    let flaky = DropsAfter {
        inner: source(&sim).await,
        ok_batches: AtomicUsize::new(3),
    };
    let err = engine
        .run(&flaky, &target, None, &cancel)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("connection reset"), "{err}");
    let failed = store.recent_jobs(conn, RESOURCE, CLASS, 1).await.unwrap();
    assert_eq!(failed[0].status, JobStatus::Failed);
    let stored = failed[0].error.as_deref().unwrap_or_default();
    assert!(
        stored.contains("connection reset") && !stored.contains("demo"),
        "the job row keeps the error without the password: {stored}"
    );
    assert_eq!(failed[0].records, 30, "three committed batches");
    assert_eq!(replica_keys(&store, conn).await.len(), 30);

    let report = engine
        .run(&source(&sim).await, &target, None, &cancel)
        .await
        .unwrap();
    let all = server_keys(&sim);
    assert_eq!(report.fetched as usize, all.len() - 30, "only the rest");
    assert_eq!(report.unchanged, 30);
    assert_eq!(replica_keys(&store, conn).await, all);
    assert_eq!(store.integrity_check().await.unwrap(), vec!["ok"]);
}
