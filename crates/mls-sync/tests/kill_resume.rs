//! Crash safety: a sync in a child process is killed with SIGKILL several times
//! mid-download; each restart continues (less left to fetch), and the final
//! replica matches the server exactly with an intact database.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use common::*;
use mls_store::Store;

fn demo(db: &std::path::Path, url: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_mls-sync-demo"));
    c.arg(db)
        .args([url, "demo", "demo", RESOURCE, CLASS, "10"])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    c
}

/// Parse `progress Fetch <done> <total> ...`.
fn fetch_progress(line: &str) -> Option<(u64, u64)> {
    let mut parts = line.split_whitespace();
    (parts.next()? == "progress" && parts.next()? == "Fetch").then_some(())?;
    Some((parts.next()?.parse().ok()?, parts.next()?.parse().ok()?))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_nine_mid_sync_then_resume() {
    let sim = sim(1200, Some(15)).await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("replica.db");
    let url = sim.login_url();

    let mut totals = Vec::new();
    for round in 0..3 {
        let mut child = demo(&db, &url).spawn().unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        let mut killed = false;
        for line in stdout.lines() {
            let line = line.unwrap();
            if let Some((done, total)) = fetch_progress(&line)
                && done > 0
            {
                totals.push(total);
                child.kill().unwrap(); // SIGKILL on Unix
                killed = true;
                break;
            }
        }
        child.wait().unwrap();
        assert!(
            killed,
            "round {round}: sync finished before it could be killed"
        );
    }
    assert!(
        totals.windows(2).all(|w| w[1] < w[0]),
        "each restart resumes with less to fetch: {totals:?}"
    );

    let out = demo(&db, &url).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    let done = stdout.lines().find(|l| l.starts_with("done ")).unwrap();
    assert!(done.contains("resumed=true"), "{done}");
    assert!(done.contains("deleted=0"), "{done}");

    let store = Store::open(&db).await.unwrap();
    let conn = store.connections().await.unwrap()[0].id;
    assert_eq!(replica_keys(&store, conn).await, server_keys(&sim));
    assert_eq!(store.integrity_check().await.unwrap(), vec!["ok"]);
    let (rows,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM listing_1")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(rows as usize, server_keys(&sim).len(), "no duplicate rows");
}
