//! `rets-sim`: runs the Demo MLS RETS server until Ctrl-C.

use std::io::Write;
use std::net::IpAddr;
use std::time::Duration;

use clap::Parser;
use rets_sim::{LiveMode, Quirks, SimConfig, Simulator};

/// RETS 1.7.2 server simulator serving the Demo MLS.
#[derive(Debug, Parser)]
#[command(name = "rets-sim", version)]
struct Args {
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 6103)]
    port: u16,
    /// Number of listings to generate.
    #[arg(long, default_value_t = 50_000)]
    listings: usize,
    /// Data seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Comma-separated quirks, e.g. `gzip,truncate=5`.
    #[arg(long, default_value = "")]
    quirks: Quirks,
    /// Server cap on rows per search reply.
    #[arg(long, default_value_t = 2500)]
    max_rows: usize,
    /// Change the market in the background.
    #[arg(long)]
    live: bool,
    /// Seconds between live changes.
    #[arg(long, default_value_t = 10)]
    live_interval: u64,
    /// Address to bind.
    #[arg(long, default_value = "127.0.0.1")]
    bind: IpAddr,
    /// Login user name.
    #[arg(long, default_value = "demo")]
    username: String,
    /// Login password.
    #[arg(long, default_value = "demo")]
    password: String,
    /// Answer repeated identical Search requests from memory (for benchmarks,
    /// so the server is not the bottleneck; ignored with --live).
    #[arg(long)]
    cache_replies: bool,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let config = SimConfig {
        listings: args.listings,
        seed: args.seed,
        quirks: args.quirks,
        max_rows: args.max_rows,
        username: args.username,
        password: args.password,
        live: args.live.then(|| LiveMode {
            interval: Duration::from_secs(args.live_interval.max(1)),
            ..LiveMode::default()
        }),
        bind: args.bind,
        port: args.port,
        cache_search_replies: args.cache_replies,
        ..SimConfig::default()
    };
    let sim = Simulator::start(config).await?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "listening on {}", sim.login_url())?;
    out.flush()?;
    drop(out);
    tokio::signal::ctrl_c().await?;
    sim.shutdown().await;
    Ok(())
}
