//! `rets-portal sync` and `rets-portal export`: a local SQLite replica of a class,
//! kept in step incrementally, and exports from it in the same formats as `search`.

use std::io::IsTerminal;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use mls_export::{ExportControl, ExportOptions, HeaderStyle, LookupMode};
use mls_store::Store;
use mls_store::listings::{Filter, FilterOp, ListingTable};
use mls_sync::{
    PhotoOptions, Progress, RetsSource, Selection, ServerLocks, SyncEngine, SyncError, SyncTarget,
};
use tokio::sync::watch;
use tokio_util::sync::CancellationToken;

use crate::args::{ExportArgs, HeaderNames, LookupValues, SyncArgs};
use crate::connect::Connection;

/// Runs `sync`.
pub async fn sync(args: SyncArgs) -> Result<()> {
    let store = open_store(&args.db).await?;
    let conn = Connection::open(&args.conn).await?;
    let connection_id = connection_row(&store, &conn).await?;

    let mut target = SyncTarget::new(connection_id, &args.resource, &args.class);
    if let Some(query) = &args.query {
        target.selection = Selection::Dmql(query.clone());
    }
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
    if report.skipped_keys > 0 {
        eprintln!(
            "warning: {} listings skipped: their keys hold characters a RETS query cannot carry",
            report.skipped_keys
        );
    }
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
    Ok(if conn.is_demo() {
        mls_workbench::portal::demo_row(store).await?
    } else {
        mls_workbench::portal::login_row(store, conn.session.config()).await?
    })
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
    let (connection_name, table) = find_table(store, args).await?;
    let mut filters = parse_filters(&table, &args.filters)?;
    if let Some(keys) = crate::keys::read_keys(&args.keys)? {
        // The replica's key column holds each listing's KeyField value.
        filters.push(Filter {
            field: mls_store::listings::KEY_COLUMN.to_owned(),
            op: FilterOp::In(keys.into_iter().map(serde_json::Value::from).collect()),
        });
    }
    let request = mls_export::ReplicaExport {
        connection_id: table.connection_id,
        connection_name,
        resource: table.resource.clone(),
        class: table.class.clone(),
        filters,
        sort: None,
        format: crate::search::export_format(args.format),
        path: args.out.clone(),
        // The CLI promises values exactly as stored: no formula guard, no date conversion.
        options: ExportOptions {
            formula_guard: false,
            excel_dates: false,
            ..ExportOptions::default()
        },
        headers: match args.headers {
            HeaderNames::System => HeaderStyle::SystemName,
            HeaderNames::Standard => HeaderStyle::StandardName,
            HeaderNames::Long => HeaderStyle::LongName,
            HeaderNames::Dbname => HeaderStyle::DbName,
        },
        lookups: match args.lookups {
            LookupValues::Raw => LookupMode::Raw,
            LookupValues::Decoded => LookupMode::Decoded,
        },
        photos: args.photos_column,
        fields: None,
    };
    let report = mls_export::export_replica(store, request, &ExportControl::new()).await?;
    for warning in report.warnings {
        eprintln!("warning: {warning}");
    }
    Ok(report.rows)
}

/// The replicated table of the class and the name of its connection.
async fn find_table(store: &Store, args: &ExportArgs) -> Result<(String, ListingTable)> {
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
        1 => Ok(candidates.remove(0)),
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

fn typed_value(kind: mls_store::listings::FieldKind, value: &str) -> Option<serde_json::Value> {
    use mls_store::listings::FieldKind;
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
