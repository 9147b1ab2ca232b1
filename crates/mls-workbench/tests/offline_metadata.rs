//! Metadata with the replica's snapshots against the simulator: fetched online
//! and stored, served from the stored copy once the server is gone, and a
//! changed-metadata report when the previous snapshot differs.

use mls_store::metadata::ClassMeta;
use mls_store::{HttpMethod, NewConnection, Store};
use mls_workbench::{ConnectionProfile, Credentials, Endpoint, MetadataSource, Source, Workbench};
use rets_client::Secret;
use rets_sim::{SimConfig, Simulator};

async fn replica_row(store: &Store, name: &str) -> i64 {
    store
        .create_connection(&NewConnection {
            name: name.into(),
            login_url: "http://127.0.0.1/rets/login".into(),
            username: "demo".into(),
            user_agent: String::new(),
            rets_version: String::new(),
            http_method: HttpMethod::Get,
            vendor_template: None,
            options: serde_json::json!({}),
        })
        .await
        .unwrap()
        .id
}

fn profile(id: i64, login_url: String) -> ConnectionProfile {
    ConnectionProfile {
        id: id.to_string(),
        name: "Sim MLS".into(),
        source: Source::Rets(Endpoint {
            login_url,
            username: "demo".into(),
            user_agent: None,
            rets_version: None,
            use_post: false,
            allow_insecure: false,
        }),
    }
}

fn credentials() -> Credentials {
    Credentials {
        password: Some(Secret::new("demo")),
        ua_password: None,
    }
}

fn small_sim() -> SimConfig {
    SimConfig {
        listings: 200,
        max_rows: 100,
        ..SimConfig::default()
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn metadata_is_stored_online_and_served_offline_when_the_server_is_gone() {
    let sim = Simulator::start(small_sim()).await.unwrap();
    let store = Store::open_in_memory().await.unwrap();
    let id = replica_row(&store, "Sim MLS").await;
    let profile = profile(id, sim.login_url());
    let creds = credentials();

    let wb = Workbench::default();
    let (online, status) = wb
        .metadata_with_status(&store, id, &profile, &creds, false)
        .await
        .unwrap();
    assert_eq!(status.source, MetadataSource::Online);
    assert_eq!(
        status.changes, None,
        "the first snapshot has nothing to compare with"
    );
    assert!(online.class("Property", "Residential").is_some());
    let stored = store.latest_stored_metadata(id).await.unwrap().unwrap();
    assert_eq!(stored.fetched_at, status.fetched_at);
    assert_eq!(stored.snapshot.version, online.system_stamp.version);
    assert!(stored.document_json.is_some());

    // Cached: the same copy and status without asking the server.
    let (again, same) = wb
        .metadata_with_status(&store, id, &profile, &creds, false)
        .await
        .unwrap();
    assert!(std::sync::Arc::ptr_eq(&online, &again));
    assert_eq!(same, status);

    // Unchanged metadata fetched again: online, no changes.
    let (_, refreshed) = wb
        .metadata_with_status(&store, id, &profile, &creds, true)
        .await
        .unwrap();
    assert_eq!(refreshed.source, MetadataSource::Online);
    assert_eq!(refreshed.changes, None);

    sim.shutdown().await;

    let (offline, status) = wb
        .metadata_with_status(&store, id, &profile, &creds, true)
        .await
        .unwrap();
    assert_eq!(status.source, MetadataSource::Offline);
    assert_eq!(
        *offline, *online,
        "the stored copy is the complete metadata"
    );
    assert_eq!(status.fetched_at, refreshed.fetched_at);
    assert!(status.offline_code.is_some());
    assert!(
        !status
            .offline_reason
            .as_deref()
            .unwrap_or_default()
            .is_empty(),
        "{status:?}"
    );

    // After a restart (nothing cached) the stored copy is served as well, and
    // query checks work from it.
    let restarted = Workbench::default();
    let (copy, status) = restarted
        .metadata_with_status(&store, id, &profile, &creds, false)
        .await
        .unwrap();
    assert_eq!(status.source, MetadataSource::Offline);
    assert_eq!(*copy, *online);
    let check = restarted
        .check_query(&profile, &creds, "Property", "Residential", "(NoSuch=1)")
        .await
        .unwrap();
    assert_eq!(check.issues[0].field.as_deref(), Some("NoSuch"));
}

#[tokio::test(flavor = "multi_thread")]
async fn without_a_stored_copy_the_connection_error_is_returned() {
    let store = Store::open_in_memory().await.unwrap();
    let id = replica_row(&store, "Down MLS").await;
    let profile = profile(id, "http://127.0.0.1:9/rets/login".into());
    let err = Workbench::default()
        .metadata_with_status(&store, id, &profile, &credentials(), false)
        .await
        .unwrap_err();
    assert!(err.is_server_unavailable(), "{err:?}");
    assert_eq!(err.code(), "http");

    let no_password = Workbench::default()
        .metadata_with_status(&store, id, &profile, &Credentials::default(), false)
        .await
        .unwrap_err();
    assert_eq!(no_password.code(), "missing_password");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_changed_version_is_reported_with_a_summary() {
    let sim = Simulator::start(small_sim()).await.unwrap();
    let store = Store::open_in_memory().await.unwrap();
    let id = replica_row(&store, "Sim MLS").await;
    let profile = profile(id, sim.login_url());
    let creds = credentials();
    let wb = Workbench::default();

    // The previous snapshot (stored by an earlier sync): an older version that
    // lacked one Residential field and still had a class the server dropped.
    let md = wb.metadata(&profile, &creds, false).await.unwrap();
    let mut previous = mls_sync::rets_source::snapshot_of(&md);
    previous.version = "0.9.0".into();
    let property = previous
        .resources
        .iter_mut()
        .find(|r| r.id == "Property")
        .unwrap();
    let residential = property
        .classes
        .iter_mut()
        .find(|c| c.name == "Residential")
        .unwrap();
    let dropped = residential.fields.pop().unwrap().system_name;
    property.classes.push(ClassMeta {
        name: "Retired".into(),
        ..ClassMeta::default()
    });
    store.save_metadata_snapshot(id, &previous).await.unwrap();
    let previous_at = store
        .latest_stored_metadata(id)
        .await
        .unwrap()
        .unwrap()
        .fetched_at;
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;

    let (_, status) = wb
        .metadata_with_status(&store, id, &profile, &creds, false)
        .await
        .unwrap();
    assert_eq!(status.source, MetadataSource::Online);
    let changes = status.changes.expect("a changes report");
    assert_eq!(changes.previous_version, "0.9.0");
    assert_eq!(changes.previous_fetched_at, previous_at);
    assert_eq!(changes.summary, "1 class removed, 1 field added");
    assert_eq!(changes.total, 2);
    let paths: Vec<(&str, &str, &str)> = changes
        .items
        .iter()
        .map(|c| (c.kind.as_str(), c.item.as_str(), c.path.as_str()))
        .collect();
    assert!(
        paths.contains(&(
            "added",
            "field",
            format!("Property/Residential/{dropped}").as_str()
        )),
        "{paths:?}"
    );
    assert!(paths.contains(&("removed", "class", "Property/Retired")));

    // The new version is now the latest snapshot: fetching again reports nothing.
    let (_, next) = wb
        .metadata_with_status(&store, id, &profile, &creds, true)
        .await
        .unwrap();
    assert_eq!(next.changes, None);
    sim.shutdown().await;
}
