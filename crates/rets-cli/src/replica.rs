//! `rets-portal sync` and `rets-portal export`: a local SQLite replica of a class,
//! kept in step incrementally, and exports from it in the same formats as `search`.

use std::io::IsTerminal;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use rets_export::{Column, ColumnKind, ExportOptions, Target};
use rets_store::listings::{Filter, FilterOp, ListingTable};
use rets_store::{HttpMethod, NewConnection, Store};
use rets_sync::{
    PhotoOptions, Progress, RetsSource, ServerLocks, SyncEngine, SyncError, SyncTarget,
};
use tokio::sync::watch;
use tokio_util::sync::CancellationToken;

use crate::args::{ExportArgs, SyncArgs};
use crate::connect::Connection;

/// Marks the Demo MLS's connection row (its port changes from run to run).
pub(crate) const DEMO_TEMPLATE: &str = "demo";

/// Runs `sync`.
pub async fn sync(args: SyncArgs) -> Result<()> {
    let store = open_store(&args.db).await?;
    let conn = Connection::open(&args.conn).await?;
    let connection_id = connection_row(&store, &conn).await?;

    let mut target = SyncTarget::new(connection_id, &args.resource, &args.class);
    target.query = args.query.clone();
    target.photos = args.photos.clone().map(|dir| PhotoOptions {
        dir,
        object_type: "Photo".to_owned(),
    });

    let cancel = CancellationToken::new();
    let on_ctrl_c = cancel.clone();
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            on_ctrl_c.cancel();
        }
    });
    let (tx, rx) = watch::channel(Progress::default());
    let reporter = std::io::stderr()
        .is_terminal()
        .then(|| tokio::spawn(report(rx)));

    let engine = SyncEngine::new(store.clone(), ServerLocks::new());
    let source = RetsSource::new(conn.session.clone());
    let result = engine.run(&source, &target, Some(tx), &cancel).await;
    if let Some(task) = reporter {
        task.abort();
        eprintln!();
    }
    conn.close().await;
    store.close().await;
    let report = match result {
        Ok(report) => report,
        Err(SyncError::Cancelled) => {
            bail!("sync cancelled; run the same command again to resume where it stopped")
        }
        Err(err) => return Err(err.into()),
    };
    if let Some(diff) = report.metadata_diff.as_ref().filter(|d| !d.is_empty()) {
        println!("metadata changed since the last sync:\n{diff}");
    }
    println!(
        "{}:{} {}: {} on the server, {} downloaded, {} unchanged, {} marked deleted{}",
        args.resource,
        args.class,
        if report.resumed {
            "(resumed)"
        } else {
            "synced"
        },
        report.server_keys,
        report.fetched,
        report.unchanged,
        report.deleted,
        if args.photos.is_some() {
            format!(", {} photos", report.photos)
        } else {
            String::new()
        }
    );
    Ok(())
}

async fn report(mut rx: watch::Receiver<Progress>) {
    loop {
        tokio::time::sleep(Duration::from_millis(500)).await;
        if rx.has_changed().is_err() {
            return;
        }
        let p = rx.borrow_and_update().clone();
        let eta = p
            .eta_secs
            .map(|s| format!(", ETA {}s", s.round()))
            .unwrap_or_default();
        eprint!(
            "\r{:?}: {}/{} records, {:.0}/s{eta}        ",
            p.phase, p.records_done, p.records_total, p.rate
        );
    }
}

async fn open_store(db: &std::path::Path) -> Result<Store> {
    Store::open(db)
        .await
        .with_context(|| format!("cannot open the replica {}", db.display()))
}

/// The replica's connection row for these arguments, created on first use.
async fn connection_row(store: &Store, conn: &Connection) -> Result<i64> {
    let config = conn.session.config();
    let login_url = config.login_url.to_string();
    let existing = store.connections().await?;
    let found = existing.iter().find(|c| {
        if conn.is_demo() {
            c.fields.vendor_template.as_deref() == Some(DEMO_TEMPLATE)
        } else {
            c.fields.login_url == login_url && c.fields.username == config.username
        }
    });
    if let Some(c) = found {
        return Ok(c.id);
    }
    let name = if conn.is_demo() {
        "Demo MLS".to_owned()
    } else {
        let host = config.login_url.host_str().unwrap_or("server");
        format!("{host} ({})", config.username)
    };
    let created = store
        .create_connection(&NewConnection {
            name,
            login_url,
            username: config.username.clone(),
            user_agent: config.user_agent.clone(),
            rets_version: config.rets_version.clone(),
            http_method: HttpMethod::Get,
            vendor_template: conn.is_demo().then(|| DEMO_TEMPLATE.to_owned()),
            options: serde_json::json!({}),
        })
        .await?;
    Ok(created.id)
}

/// Runs `export`.
pub async fn export(args: ExportArgs) -> Result<()> {
    if !args.db.exists() {
        bail!(
            "the replica {} does not exist; run `rets-portal sync --db …` first",
            args.db.display()
        );
    }
    let store = open_store(&args.db).await?;
    let result = export_from(&store, &args).await;
    store.close().await;
    let rows = result?;
    eprintln!("{rows} listings written to {}", args.out.display());
    Ok(())
}

async fn export_from(store: &Store, args: &ExportArgs) -> Result<u64> {
    let table = find_table(store, args).await?;
    let filters = parse_filters(&table, &args.filters)?;
    let columns: Vec<Column> = table
        .fields
        .iter()
        .map(|f| Column::new(f.system_name.clone(), kind_of(f.kind)))
        .collect();
    let options = ExportOptions {
        formula_guard: false,
        excel_dates: false,
        ..ExportOptions::default()
    };
    let mut sink = rets_export::open_sink(
        crate::search::export_format(args.format),
        Target::File(args.out.clone()),
        options,
    )?;
    sink.write_header(&columns)?;
    let mut after: Option<String> = None;
    let mut rows = 0u64;
    loop {
        let page = store
            .raw_listings_after(&table, &filters, after.as_deref(), 5000)
            .await?;
        let Some((last, _)) = page.last() else { break };
        after = Some(last.clone());
        for (_, raw) in &page {
            let values: Vec<String> = columns
                .iter()
                .map(|c| raw.get(&c.name).cloned().unwrap_or_default())
                .collect();
            sink.write_row(&values)?;
            rows += 1;
        }
    }
    let summary = sink.finish()?;
    for warning in summary.warnings {
        eprintln!("warning: {warning}");
    }
    Ok(rows)
}

async fn find_table(store: &Store, args: &ExportArgs) -> Result<ListingTable> {
    let mut candidates = Vec::new();
    for c in store.connections().await? {
        if args
            .connection
            .as_ref()
            .is_some_and(|n| *n != c.fields.name)
        {
            continue;
        }
        if let Some(t) = store
            .listing_table(c.id, &args.resource, &args.class)
            .await?
        {
            candidates.push((c.fields.name.clone(), t));
        }
    }
    match candidates.len() {
        0 => bail!(
            "the replica {} holds no {}:{}{}; sync it first",
            args.db.display(),
            args.resource,
            args.class,
            args.connection
                .as_ref()
                .map(|n| format!(" for connection {n:?}"))
                .unwrap_or_default()
        ),
        1 => Ok(candidates.remove(0).1),
        _ => bail!(
            "{}:{} is replicated for several connections ({}); choose one with --connection NAME",
            args.resource,
            args.class,
            candidates
                .iter()
                .map(|(n, _)| format!("{n:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn parse_filters(table: &ListingTable, raw: &[String]) -> Result<Vec<Filter>> {
    raw.iter()
        .map(|f| {
            let (field, value) = f
                .split_once('=')
                .with_context(|| format!("--where {f:?} must look like FIELD=VALUE"))?;
            let spec = table.field(field.trim()).with_context(|| {
                format!(
                    "--where: {}:{} has no field {:?}",
                    table.resource,
                    table.class,
                    field.trim()
                )
            })?;
            let value = typed_value(spec.kind, value).with_context(|| {
                format!(
                    "--where {f:?}: {value:?} is not a valid {:?} value",
                    spec.kind
                )
            })?;
            Ok(Filter {
                field: spec.system_name.clone(),
                op: FilterOp::Eq(value),
            })
        })
        .collect()
}

fn typed_value(kind: rets_store::listings::FieldKind, value: &str) -> Option<serde_json::Value> {
    use rets_store::listings::FieldKind;
    Some(match kind {
        FieldKind::Integer => value.trim().parse::<i64>().ok()?.into(),
        FieldKind::Decimal => value.trim().parse::<f64>().ok()?.into(),
        FieldKind::Boolean => match value.trim().to_ascii_lowercase().as_str() {
            "1" | "y" | "yes" | "true" => true.into(),
            "0" | "n" | "no" | "false" => false.into(),
            _ => return None,
        },
        FieldKind::Text | FieldKind::Date | FieldKind::DateTime => value.into(),
    })
}

fn kind_of(kind: rets_store::listings::FieldKind) -> ColumnKind {
    use rets_store::listings::FieldKind;
    match kind {
        FieldKind::Text => ColumnKind::Text,
        FieldKind::Integer => ColumnKind::Integer,
        FieldKind::Decimal => ColumnKind::Decimal,
        FieldKind::Date => ColumnKind::Date,
        FieldKind::DateTime => ColumnKind::DateTime,
        FieldKind::Boolean => ColumnKind::Boolean,
    }
}
