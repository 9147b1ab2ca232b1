//! Incremental runs against the simulator: live-mode changes (new, changed and
//! deleted listings), a metadata change between runs, cancellation, photos.

mod common;

use std::collections::BTreeMap;

use common::*;
use mls_store::metadata::ChangeKind;
use mls_store::{JobKind, JobStatus, MetadataSnapshot, Store};
use mls_sync::{
    KeyStamp, ListingSource, PhotoObject, PhotoOptions, Progress, Selection, ServerLocks,
    SyncEngine, SyncError, SyncTarget,
};
use tokio_util::sync::CancellationToken;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn incremental_after_live_changes() {
    let sim = sim(800, None).await;
    let store = Store::open_in_memory().await.unwrap();
    let conn = connection(&store, &sim.login_url()).await;
    let src = source(&sim).await;
    let engine = SyncEngine::new(store.clone(), ServerLocks::new());
    let target = SyncTarget::new(conn, RESOURCE, CLASS);
    let cancel = CancellationToken::new();

    let first = engine.run(&src, &target, None, &cancel).await.unwrap();
    assert_eq!(first.kind, JobKind::Full);
    assert_eq!(first.fetched as usize, server_keys(&sim).len());
    assert!(first.metadata_diff.is_none(), "no earlier snapshot");
    assert_eq!(replica_keys(&store, conn).await, server_keys(&sim));

    let before = server_keys(&sim);
    sim.advance(400);
    let after = server_keys(&sim);
    let gone = before.difference(&after).count() as u64;
    let added = after.difference(&before).count();
    assert!(
        gone > 0 && added > 0,
        "the simulator deleted and added listings"
    );

    let (tx, rx) = tokio::sync::watch::channel(Progress::default());
    let second = engine.run(&src, &target, Some(tx), &cancel).await.unwrap();
    assert_eq!(second.kind, JobKind::Incremental);
    assert!(!second.resumed);
    assert_eq!(second.deleted, gone);
    assert!(second.fetched as usize >= added, "new listings fetched");
    assert!(
        (second.fetched as usize) < after.len(),
        "only changes fetched"
    );
    assert_eq!(
        second.unchanged as usize + second.fetched as usize,
        after.len()
    );
    assert!(second.metadata_diff.as_ref().unwrap().is_empty());
    assert_eq!(replica_keys(&store, conn).await, after);
    let p = rx.borrow().clone();
    assert_eq!((p.records_done, p.deleted), (second.fetched, gone));
    assert!(p.bytes > 0);

    // A changed listing carries the server's current price.
    let table = store
        .listing_table(conn, RESOURCE, CLASS)
        .await
        .unwrap()
        .unwrap();
    let (key, price) = {
        let ds = sim.dataset();
        let l = ds
            .listings()
            .iter()
            .filter(|l| l.class == rets_sim::PropClass::Residential && !l.deleted)
            .max_by_key(|l| l.modified)
            .unwrap();
        (l.key.to_string(), l.list_price.to_string())
    };
    let raw = store.listing_raw(&table, &key).await.unwrap().unwrap();
    assert_eq!(raw["LIST_PRICE"], price);

    let third = engine.run(&src, &target, None, &cancel).await.unwrap();
    assert_eq!((third.fetched, third.deleted), (0, 0), "nothing left to do");
    let job = store.job(third.job_id).await.unwrap();
    assert_eq!(job.status, JobStatus::Completed);
}

/// Delegates to the simulator but serves an older metadata shape (and hides the
/// field it removed from records), like a server before a metadata update.
struct OldMetadata<S>(S);

const DROPPED: &str = "LIST_PRICE";

impl<S: ListingSource> ListingSource for OldMetadata<S> {
    fn server_id(&self) -> String {
        self.0.server_id()
    }
    async fn metadata(&self) -> Result<MetadataSnapshot, SyncError> {
        let mut md = self.0.metadata().await?;
        md.version = "0.9.0".into();
        for r in &mut md.resources {
            for c in &mut r.classes {
                c.fields.retain(|f| f.system_name != DROPPED);
                for f in &mut c.fields {
                    if f.system_name == "BEDROOMS" {
                        f.data_type = "Character".into();
                    }
                }
            }
        }
        Ok(md)
    }
    async fn key_stamps(
        &self,
        r: &str,
        c: &str,
        q: &Selection,
        k: &str,
        m: &str,
    ) -> Result<Vec<KeyStamp>, SyncError> {
        self.0.key_stamps(r, c, q, k, m).await
    }
    async fn records(
        &self,
        r: &str,
        c: &str,
        k: &str,
        keys: &[String],
    ) -> Result<Vec<BTreeMap<String, String>>, SyncError> {
        let mut rows = self.0.records(r, c, k, keys).await?;
        for row in &mut rows {
            row.remove(DROPPED);
        }
        Ok(rows)
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
async fn metadata_change_between_runs_is_reported_and_applied() {
    let sim = sim(300, None).await;
    let store = Store::open_in_memory().await.unwrap();
    let conn = connection(&store, &sim.login_url()).await;
    let engine = SyncEngine::new(store.clone(), ServerLocks::new());
    let target = SyncTarget::new(conn, RESOURCE, CLASS);
    let cancel = CancellationToken::new();

    let old = OldMetadata(source(&sim).await);
    engine.run(&old, &target, None, &cancel).await.unwrap();
    let table = store
        .listing_table(conn, RESOURCE, CLASS)
        .await
        .unwrap()
        .unwrap();
    assert!(table.field(DROPPED).is_none());

    sim.advance(50);
    let report = engine
        .run(&source(&sim).await, &target, None, &cancel)
        .await
        .unwrap();
    let diff = report.metadata_diff.unwrap();
    let text = diff.to_string();
    assert!(text.contains("metadata changed from 0.9.0 to"), "{text}");
    let path = format!("{RESOURCE}/{CLASS}/{DROPPED}");
    assert!(
        diff.changes
            .iter()
            .any(|c| c.kind == ChangeKind::Added && c.path == path),
        "{text}"
    );
    let beds = format!("{RESOURCE}/{CLASS}/BEDROOMS");
    let beds_change = diff
        .changes
        .iter()
        .find(|c| c.path == beds)
        .expect("BEDROOMS changed");
    assert!(
        beds_change.detail.starts_with("type Character → "),
        "{text}"
    );

    // The table gained the field, and every listing was fetched again to fill it.
    assert_eq!(report.fetched as usize, server_keys(&sim).len());
    let table = store
        .listing_table(conn, RESOURCE, CLASS)
        .await
        .unwrap()
        .unwrap();
    assert!(table.field(DROPPED).is_some());
    assert_ne!(
        table.field("BEDROOMS").unwrap().kind,
        mls_store::FieldKind::Text
    );
    let filter = mls_store::Filter {
        field: DROPPED.into(),
        op: mls_store::FilterOp::NotNull,
    };
    let page = store
        .query_listings(&table, &[filter], None, 0, 1)
        .await
        .unwrap();
    assert_eq!(page.total as u64, report.fetched);
    assert_eq!(store.integrity_check().await.unwrap(), vec!["ok"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancel_keeps_committed_batches_and_next_run_finishes() {
    let sim = sim(600, Some(5)).await;
    let store = Store::open_in_memory().await.unwrap();
    let conn = connection(&store, &sim.login_url()).await;
    let src = source(&sim).await;
    let engine = SyncEngine::new(store.clone(), ServerLocks::new());
    let mut target = SyncTarget::new(conn, RESOURCE, CLASS);
    target.batch_size = 10;

    let cancel = CancellationToken::new();
    let (tx, mut rx) = tokio::sync::watch::channel(Progress::default());
    let stopper = {
        let cancel = cancel.clone();
        tokio::spawn(async move {
            while rx.changed().await.is_ok() {
                if rx.borrow().records_done >= 20 {
                    cancel.cancel();
                    break;
                }
            }
        })
    };
    let err = engine
        .run(&src, &target, Some(tx), &cancel)
        .await
        .unwrap_err();
    stopper.await.unwrap();
    assert!(matches!(err, SyncError::Cancelled), "{err}");
    let job = store
        .last_completed_job(conn, RESOURCE, CLASS)
        .await
        .unwrap();
    assert!(job.is_none());
    let partial = replica_keys(&store, conn).await.len();
    assert!(
        partial >= 20 && partial < server_keys(&sim).len(),
        "{partial}"
    );

    let report = engine
        .run(&src, &target, None, &CancellationToken::new())
        .await
        .unwrap();
    assert_eq!(report.fetched as usize + partial, server_keys(&sim).len());
    assert_eq!(replica_keys(&store, conn).await, server_keys(&sim));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn photos_are_saved_with_listing_names() {
    let sim = sim(40, None).await;
    let store = Store::open_in_memory().await.unwrap();
    let conn = connection(&store, &sim.login_url()).await;
    let src = source(&sim).await;
    let dir = tempfile::tempdir().unwrap();
    let engine = SyncEngine::new(store.clone(), ServerLocks::new());
    let mut target = SyncTarget::new(conn, RESOURCE, CLASS);
    target.photos = Some(PhotoOptions {
        dir: dir.path().to_path_buf(),
        object_type: "Photo".into(),
    });
    let report = engine
        .run(&src, &target, None, &CancellationToken::new())
        .await
        .unwrap();

    let expected: u64 = sim
        .dataset()
        .listings()
        .iter()
        .filter(|l| l.class == rets_sim::PropClass::Residential && !l.deleted)
        .map(|l| u64::from(l.photo_count))
        .sum();
    assert!(expected > 0);
    assert_eq!(report.photos, expected);
    let key = server_keys(&sim).into_iter().next().unwrap();
    let photos = store.photos(conn, RESOURCE, &key).await.unwrap();
    for p in &photos {
        let bytes = std::fs::read(&p.path).unwrap();
        assert_eq!(bytes.len() as i64, p.size);
        assert!(
            p.path.ends_with(&format!("{key}-{}.jpg", p.object_id)),
            "{}",
            p.path
        );
        assert_eq!(&bytes[..2], &[0xFF, 0xD8], "a JPEG");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refetch_for_new_fields_survives_a_cancelled_run() {
    let sim = sim(300, Some(5)).await;
    let store = Store::open_in_memory().await.unwrap();
    let conn = connection(&store, &sim.login_url()).await;
    let engine = SyncEngine::new(store.clone(), ServerLocks::new());
    let mut target = SyncTarget::new(conn, RESOURCE, CLASS);
    target.batch_size = 10;
    let old = OldMetadata(source(&sim).await);
    engine
        .run(&old, &target, None, &CancellationToken::new())
        .await
        .unwrap();

    let src = source(&sim).await;
    let cancel = CancellationToken::new();
    let (tx, mut rx) = tokio::sync::watch::channel(Progress::default());
    let stopper = {
        let cancel = cancel.clone();
        tokio::spawn(async move {
            while rx.changed().await.is_ok() {
                if rx.borrow().records_done >= 20 {
                    cancel.cancel();
                    break;
                }
            }
        })
    };
    let err = engine.run(&src, &target, Some(tx), &cancel).await;
    stopper.await.unwrap();
    assert!(matches!(err, Err(SyncError::Cancelled)), "{err:?}");

    // No metadata change is visible any more, yet the refetch continues.
    let report = engine
        .run(&src, &target, None, &CancellationToken::new())
        .await
        .unwrap();
    assert!(report.metadata_diff.unwrap().is_empty());
    let all = server_keys(&sim).len();
    let n = report.fetched as usize;
    assert!(
        n > 0 && n <= all - 20,
        "rows of the cancelled run are not fetched again: {n}"
    );
    let table = store
        .listing_table(conn, RESOURCE, CLASS)
        .await
        .unwrap()
        .unwrap();
    let filter = mls_store::Filter {
        field: DROPPED.into(),
        op: mls_store::FilterOp::NotNull,
    };
    let page = store
        .query_listings(&table, &[filter], None, 0, 1)
        .await
        .unwrap();
    assert_eq!(page.total as usize, all, "every row has the new field");
}
