//! Shared helpers for the cross-crate integration tests: start the simulator
//! with a small, fast data set and log the client in to it.

use futures_util::StreamExt;
use rets_client::{ClientConfig, RetsError, SearchRequest, Session};
use rets_sim::{Quirks, RunningSim, SimConfig, Simulator};

/// Listings generated for test runs: several MAXROWS pages, still quick.
pub const LISTINGS: usize = 1200;
/// The server's row cap in tests, so paging is always exercised.
pub const MAX_ROWS: usize = 150;

/// Starts a simulator with the given quirks (a `--quirks` list).
pub async fn start(quirks: &str) -> RunningSim {
    start_with(SimConfig {
        quirks: quirks.parse::<Quirks>().expect("known quirks"),
        ..small()
    })
    .await
}

/// The small test configuration.
pub fn small() -> SimConfig {
    SimConfig {
        listings: LISTINGS,
        max_rows: MAX_ROWS,
        ..SimConfig::default()
    }
}

/// Starts a simulator with a full configuration.
pub async fn start_with(config: SimConfig) -> RunningSim {
    Simulator::start(config).await.expect("simulator starts")
}

/// Client configuration for the simulator's default account.
pub fn config(sim: &RunningSim) -> ClientConfig {
    let url = url::Url::parse(&sim.login_url()).unwrap();
    ClientConfig::new(url, "demo", "demo")
}

/// Runs a search to the end and returns its rows.
pub async fn all_rows(
    session: &Session,
    request: SearchRequest,
) -> Result<Vec<Vec<String>>, RetsError> {
    let mut stream = session.search(request).await?;
    let mut rows = Vec::new();
    while let Some(row) = stream.next().await {
        rows.push(row?);
    }
    Ok(rows)
}

/// Keys of the Residential listings the server holds (not deleted).
pub fn residential_keys(sim: &RunningSim) -> Vec<String> {
    let data = sim.dataset();
    let mut keys: Vec<String> = data
        .listings()
        .iter()
        .filter(|l| !l.deleted && l.class == rets_sim::PropClass::Residential)
        .map(|l| l.key.to_string())
        .collect();
    keys.sort();
    keys
}
