//! Runs one sync from a RETS server into a replica file and prints progress lines;
//! used by the kill-and-resume test and handy for trying the engine by hand.
//!
//! `mls-sync-demo <replica.db> <login url> <user> <password> <resource> <class> [batch]`

use mls_store::{HttpMethod, NewConnection, Store};
use mls_sync::{Progress, RetsSource, ServerLocks, SyncEngine, SyncTarget};
use rets_client::{ClientConfig, Session};
use tokio_util::sync::CancellationToken;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [db, url, user, password, resource, class, rest @ ..] = args.as_slice() else {
        eprintln!(
            "usage: mls-sync-demo <replica.db> <login url> <user> <password> <resource> <class> [batch]"
        );
        std::process::exit(2);
    };
    let batch: usize = rest.first().map(|b| b.parse()).transpose()?.unwrap_or(100);

    let store = Store::open(std::path::Path::new(db)).await?;
    let conn = match store
        .connections()
        .await?
        .into_iter()
        .find(|c| c.fields.login_url == *url)
    {
        Some(c) => c,
        None => {
            store
                .create_connection(&NewConnection {
                    name: url.clone(),
                    login_url: url.clone(),
                    username: user.clone(),
                    user_agent: ClientConfig::DEFAULT_USER_AGENT.into(),
                    rets_version: ClientConfig::DEFAULT_VERSION.into(),
                    http_method: HttpMethod::Get,
                    vendor_template: None,
                    options: serde_json::json!({}),
                })
                .await?
        }
    };
    let session = Session::new(ClientConfig::new(
        url.parse()?,
        user.clone(),
        password.clone(),
    ))?;
    session.login().await?;
    let source = RetsSource::new(session);

    let (tx, mut rx) = tokio::sync::watch::channel(Progress::default());
    let printer = tokio::spawn(async move {
        while rx.changed().await.is_ok() {
            let p = rx.borrow_and_update().clone();
            println!(
                "progress {:?} {} {} bytes={} rate={:.0}/s",
                p.phase, p.records_done, p.records_total, p.bytes, p.rate
            );
        }
    });
    let mut target = SyncTarget::new(conn.id, resource.clone(), class.clone());
    target.batch_size = batch;
    let engine = SyncEngine::new(store.clone(), ServerLocks::new());
    let report = engine
        .run(&source, &target, Some(tx), &CancellationToken::new())
        .await?;
    let _ = printer.await;
    if let Some(d) = report.metadata_diff.as_ref().filter(|d| !d.is_empty()) {
        print!("{d}");
    }
    println!(
        "done job={} kind={:?} resumed={} server_keys={} fetched={} unchanged={} deleted={}",
        report.job_id,
        report.kind,
        report.resumed,
        report.server_keys,
        report.fetched,
        report.unchanged,
        report.deleted
    );
    store.close().await;
    Ok(())
}
