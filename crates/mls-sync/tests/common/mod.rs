//! Shared helpers: a simulator, a replica with a connection row, a logged-in source.

#![allow(dead_code)]

use std::collections::BTreeSet;

use mls_store::{HttpMethod, NewConnection, Store};
use mls_sync::RetsSource;
use rets_client::{ClientConfig, Session};
use rets_sim::{PropClass, RunningSim, SimConfig, Simulator};

pub const RESOURCE: &str = "Property";
pub const CLASS: &str = "Residential";

pub async fn sim(listings: usize, slow_ms: Option<u64>) -> RunningSim {
    let mut cfg = SimConfig {
        listings,
        seed: 11,
        ..SimConfig::default()
    };
    cfg.quirks.slow = slow_ms;
    Simulator::start(cfg).await.expect("simulator starts")
}

pub async fn connection(store: &Store, login_url: &str) -> i64 {
    store
        .create_connection(&NewConnection {
            name: "sim".into(),
            login_url: login_url.into(),
            username: "demo".into(),
            user_agent: ClientConfig::DEFAULT_USER_AGENT.into(),
            rets_version: ClientConfig::DEFAULT_VERSION.into(),
            http_method: HttpMethod::Get,
            vendor_template: None,
            options: serde_json::json!({}),
        })
        .await
        .unwrap()
        .id
}

pub async fn source(sim: &RunningSim) -> RetsSource {
    let cfg = ClientConfig::new(sim.login_url().parse().unwrap(), "demo", "demo");
    let session = Session::new(cfg).unwrap();
    session.login().await.unwrap();
    RetsSource::new(session)
}

/// Keys of live Residential listings on the simulator.
pub fn server_keys(sim: &RunningSim) -> BTreeSet<String> {
    sim.dataset()
        .listings()
        .iter()
        .filter(|l| l.class == PropClass::Residential && !l.deleted)
        .map(|l| l.key.to_string())
        .collect()
}

/// Keys of listings in the replica that are not marked deleted.
pub async fn replica_keys(store: &Store, conn: i64) -> BTreeSet<String> {
    let table = store
        .listing_table(conn, RESOURCE, CLASS)
        .await
        .unwrap()
        .unwrap();
    store
        .listing_key_states(&table)
        .await
        .unwrap()
        .into_iter()
        .filter(|(_, s)| !s.deleted)
        .map(|(k, _)| k)
        .collect()
}
