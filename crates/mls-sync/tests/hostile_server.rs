//! Syncs from a hostile server (the simulator's hostile quirks): every one ends
//! in a clear, coded error or a normal sync, with bounded memory and nothing
//! half-written in the replica.

mod common;

use common::*;
use mls_store::{JobStatus, Store};
use mls_sync::{PhotoOptions, RetsSource, ServerLocks, SyncEngine, SyncError, SyncTarget};
use rets_client::{ClientConfig, RetsError, Session};
use rets_sim::{SimConfig, Simulator};
use tokio_util::sync::CancellationToken;

async fn hostile(quirks: &str) -> rets_sim::RunningSim {
    let cfg = SimConfig {
        listings: 50,
        seed: 11,
        quirks: quirks.parse().unwrap(),
        ..SimConfig::default()
    };
    Simulator::start(cfg).await.unwrap()
}

fn config(sim: &rets_sim::RunningSim) -> ClientConfig {
    let mut cfg = ClientConfig::new(sim.login_url().parse().unwrap(), "demo", "demo");
    // Small enough that an endless reply is refused in a moment.
    cfg.max_reply_bytes = 8 << 20;
    cfg.retry.max_retries = 1;
    cfg
}

/// Syncs `target` and returns the error code, checking the replica kept nothing.
async fn failing_sync(sim: &rets_sim::RunningSim, cfg: ClientConfig, photos: bool) -> String {
    let store = Store::open_in_memory().await.unwrap();
    let conn = connection(&store, &sim.login_url()).await;
    let session = Session::new(cfg).unwrap();
    session.login().await.unwrap();
    let engine = SyncEngine::new(store.clone(), ServerLocks::new());
    let mut target = SyncTarget::new(conn, RESOURCE, CLASS);
    let dir = tempfile::tempdir().unwrap();
    if photos {
        target.photos = Some(PhotoOptions {
            dir: dir.path().to_path_buf(),
            object_type: "Photo".into(),
        });
    }
    let err = engine
        .run(
            &RetsSource::new(session),
            &target,
            None,
            &CancellationToken::new(),
        )
        .await
        .unwrap_err();
    let jobs = store.recent_jobs(conn, RESOURCE, CLASS, 1).await.unwrap();
    assert_eq!(jobs[0].status, JobStatus::Failed, "{err}");
    assert!(
        replica_keys(&store, conn).await.is_empty(),
        "nothing half-written"
    );
    assert_eq!(store.integrity_check().await.unwrap(), vec!["ok"]);
    match err {
        SyncError::Source(e) => e.code().to_owned(),
        other => panic!("not a RETS error: {other}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_endless_row_and_a_gzip_bomb_are_refused() {
    for quirk in ["endless-row", "gzip-bomb"] {
        let sim = hostile(quirk).await;
        assert_eq!(
            failing_sync(&sim, config(&sim), false).await,
            "too_large",
            "{quirk}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_endless_photo_is_refused() {
    let sim = hostile("endless-part").await;
    assert_eq!(failing_sync(&sim, config(&sim), true).await, "too_large");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn capabilities_on_another_origin_need_the_switch() {
    let sim = hostile("cross-origin-capabilities").await;
    assert_eq!(
        failing_sync(&sim, config(&sim), false).await,
        "origin_refused"
    );

    let mut allowed = config(&sim);
    allowed.allow_insecure = true;
    let store = Store::open_in_memory().await.unwrap();
    let conn = connection(&store, &sim.login_url()).await;
    let session = Session::connect(allowed).await.unwrap();
    let engine = SyncEngine::new(store.clone(), ServerLocks::new());
    let report = engine
        .run(
            &RetsSource::new(session),
            &SyncTarget::new(conn, RESOURCE, CLASS),
            None,
            &CancellationToken::new(),
        )
        .await
        .unwrap();
    assert!(report.fetched > 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_odd_xml_declaration_is_read_without_a_panic() {
    let sim = hostile("bad-xml-decl").await;
    let session = Session::connect(config(&sim)).await.unwrap();
    let reply = session.login_reply().await.unwrap();
    assert!(reply.capability("Search").is_some());
    let err: Option<RetsError> = session.logout().await.err();
    assert!(err.is_none(), "{err:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sync_through_a_fault_mix_ends_equal_to_the_server() {
    let sim = hostile("faults=0.25").await;
    let store = Store::open_in_memory().await.unwrap();
    let conn = connection(&store, &sim.login_url()).await;
    let engine = SyncEngine::new(store.clone(), ServerLocks::new());
    let mut target = SyncTarget::new(conn, RESOURCE, CLASS);
    target.batch_size = 5;
    let mut runs = 0;
    // A failed run is run again, as a user or a schedule would.
    loop {
        runs += 1;
        assert!(runs <= 20, "no progress through the faults");
        let Ok(session) = Session::connect(config(&sim)).await else {
            continue;
        };
        let run = engine
            .run(
                &RetsSource::new(session),
                &target,
                None,
                &CancellationToken::new(),
            )
            .await;
        if run.is_ok() {
            break;
        }
    }
    assert!(sim.faults_injected() > 0);
    assert_eq!(replica_keys(&store, conn).await, server_keys(&sim));
    assert_eq!(store.integrity_check().await.unwrap(), vec!["ok"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lookup_with_200_000_values_is_read_and_the_class_syncs() {
    let sim = hostile("huge-lookup").await;
    // Past the reply limit the lookup is an error, never silently missing.
    let small = Session::connect(config(&sim)).await.unwrap();
    let err = small.metadata_all().await.unwrap_err();
    assert_eq!(err.code(), "too_large", "{err}");
    let mut roomy = config(&sim);
    roomy.max_reply_bytes = ClientConfig::DEFAULT_MAX_REPLY_BYTES;
    let session = Session::connect(roomy).await.unwrap();
    let md = session.metadata_all().await.unwrap();
    let biggest = md
        .resources
        .iter()
        .flat_map(|r| r.lookups.iter())
        .map(|l| l.values.len())
        .max()
        .unwrap_or(0);
    assert!(biggest > 200_000, "{biggest}");
    let store = Store::open_in_memory().await.unwrap();
    let conn = connection(&store, &sim.login_url()).await;
    let report = SyncEngine::new(store.clone(), ServerLocks::new())
        .run(
            &RetsSource::new(session),
            &SyncTarget::new(conn, RESOURCE, CLASS),
            None,
            &CancellationToken::new(),
        )
        .await
        .unwrap();
    assert_eq!(replica_keys(&store, conn).await, server_keys(&sim));
    assert!(report.fetched > 0);
}
