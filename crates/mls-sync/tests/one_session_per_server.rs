//! Two jobs on the same server never talk to it at the same time; the second
//! waits in `Phase::Queued` until the first is done.

mod common;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::*;
use mls_store::{MetadataSnapshot, Store};
use mls_sync::{
    KeyStamp, ListingSource, PhotoObject, Selection, ServerLocks, SyncEngine, SyncError, SyncTarget,
};
use tokio_util::sync::CancellationToken;

/// Counts requests in flight, remembering the highest concurrency seen.
struct Counting<S> {
    inner: S,
    active: Arc<AtomicUsize>,
    peak: Arc<AtomicUsize>,
}

impl<S> Counting<S> {
    async fn track<T>(&self, f: impl Future<Output = T>) -> T {
        let now = self.active.fetch_add(1, Ordering::SeqCst) + 1;
        self.peak.fetch_max(now, Ordering::SeqCst);
        // Widen the window in which an overlapping job would be caught.
        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
        let out = f.await;
        self.active.fetch_sub(1, Ordering::SeqCst);
        out
    }
}

impl<S: ListingSource> ListingSource for Counting<S> {
    fn server_id(&self) -> String {
        self.inner.server_id()
    }
    async fn metadata(&self) -> Result<MetadataSnapshot, SyncError> {
        self.track(self.inner.metadata()).await
    }
    async fn key_stamps(
        &self,
        r: &str,
        c: &str,
        q: &Selection,
        k: &str,
        m: &str,
    ) -> Result<Vec<KeyStamp>, SyncError> {
        self.track(self.inner.key_stamps(r, c, q, k, m)).await
    }
    async fn records(
        &self,
        r: &str,
        c: &str,
        k: &str,
        keys: &[String],
    ) -> Result<Vec<BTreeMap<String, String>>, SyncError> {
        self.track(self.inner.records(r, c, k, keys)).await
    }
    async fn photos(
        &self,
        r: &str,
        t: &str,
        keys: &[String],
    ) -> Result<Vec<PhotoObject>, SyncError> {
        self.track(self.inner.photos(r, t, keys)).await
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn jobs_on_one_server_run_one_at_a_time() {
    let sim = sim(300, None).await;
    let store = Store::open_in_memory().await.unwrap();
    let conn = connection(&store, &sim.login_url()).await;
    let active = Arc::new(AtomicUsize::new(0));
    let peak = Arc::new(AtomicUsize::new(0));
    let make = |inner| Counting {
        inner,
        active: active.clone(),
        peak: peak.clone(),
    };
    let (a, b) = (make(source(&sim).await), make(source(&sim).await));
    let engine = SyncEngine::new(store.clone(), ServerLocks::new());
    let mut residential = SyncTarget::new(conn, RESOURCE, CLASS);
    residential.batch_size = 10;
    let mut condo = SyncTarget::new(conn, RESOURCE, "Condo");
    condo.batch_size = 10;
    let cancel = CancellationToken::new();

    let (ra, rb) = tokio::join!(
        engine.run(&a, &residential, None, &cancel),
        engine.run(&b, &condo, None, &cancel)
    );
    assert!(ra.unwrap().fetched > 0);
    assert!(rb.unwrap().fetched > 0);
    assert_eq!(peak.load(Ordering::SeqCst), 1, "requests never overlapped");
}
