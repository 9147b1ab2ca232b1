//! Keys a server sends that cannot go back into a query (a comma, a bracket, a
//! colon) are set aside and counted, instead of breaking their batch on every
//! sync; photos of keys that differ only in such characters never share a file.

mod common;

use std::collections::BTreeMap;

use common::*;
use mls_store::{MetadataSnapshot, Store};
use mls_sync::{
    KeyStamp, ListingSource, PhotoObject, Selection, ServerLocks, SyncEngine, SyncError, SyncTarget,
};
use tokio_util::sync::CancellationToken;

/// The simulator, plus keys no DMQL list can hold.
struct OddKeys<S>(S);

impl<S: ListingSource> ListingSource for OddKeys<S> {
    fn server_id(&self) -> String {
        self.0.server_id()
    }
    async fn metadata(&self) -> Result<MetadataSnapshot, SyncError> {
        self.0.metadata().await
    }
    fn unusable_key(&self, key: &str) -> Option<&'static str> {
        self.0.unusable_key(key)
    }
    async fn key_stamps(
        &self,
        r: &str,
        c: &str,
        q: &Selection,
        k: &str,
        m: &str,
    ) -> Result<Vec<KeyStamp>, SyncError> {
        let mut stamps = self.0.key_stamps(r, c, q, k, m).await?;
        for key in ["BAD,KEY", "A)B", "K:1", "two words"] {
            stamps.push(KeyStamp {
                key: key.into(),
                modified: "2026-01-01T00:00:00".into(),
            });
        }
        Ok(stamps)
    }
    async fn records(
        &self,
        r: &str,
        c: &str,
        k: &str,
        keys: &[String],
    ) -> Result<Vec<BTreeMap<String, String>>, SyncError> {
        assert!(
            keys.iter().all(|k| rets_dmql::unusable_key(k).is_none()),
            "an unusable key reached a query: {keys:?}"
        );
        self.0.records(r, c, k, keys).await
    }
    async fn photos(
        &self,
        r: &str,
        t: &str,
        keys: &[String],
    ) -> Result<Vec<PhotoObject>, SyncError> {
        self.0.photos(r, t, keys).await
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unusable_keys_are_counted_not_fetched_forever() {
    let sim = sim(200, None).await;
    let store = Store::open_in_memory().await.unwrap();
    let conn = connection(&store, &sim.login_url()).await;
    let engine = SyncEngine::new(store.clone(), ServerLocks::new());
    let mut target = SyncTarget::new(conn, RESOURCE, CLASS);
    let photo_dir = tempfile::tempdir().unwrap();
    target.photos = Some(mls_sync::PhotoOptions {
        dir: photo_dir.path().to_path_buf(),
        object_type: "Photo".into(),
    });
    let cancel = CancellationToken::new();
    let source = OddKeys(source(&sim).await);
    let first = engine.run(&source, &target, None, &cancel).await.unwrap();
    assert_eq!(first.skipped_keys, 4);
    assert!(first.photos > 0, "photos come a few listings at a time");
    assert_eq!(first.server_keys as usize, server_keys(&sim).len() + 4);
    assert_eq!(replica_keys(&store, conn).await, server_keys(&sim));
    // The next sync has nothing to fetch: the odd keys are not retried.
    let second = engine.run(&source, &target, None, &cancel).await.unwrap();
    assert_eq!(second.fetched, 0);
    assert_eq!(second.skipped_keys, 4);
}
