//! `rets-portal search`: checks the query against metadata, streams every
//! matching record (the client pages past server caps) into the chosen format.

use anyhow::{Context, Result, bail};
use rets_client::metadata::{Metadata, MetadataFormat};
use rets_client::session::{CountMode, SearchRequest};
use rets_dmql::{IssueKind, QueryError};
use rets_export::{ColumnPlan, ExportOptions, FieldInfo, Format, HeaderStyle, LookupMode, Target};

use crate::args::{SearchArgs, SearchFormat};
use crate::connect::Connection;

/// Runs the `search` subcommand.
pub async fn run(args: SearchArgs) -> Result<()> {
    let conn = Connection::open(&args.conn).await?;
    let result = search(&conn, &args).await;
    conn.close().await;
    result
}

async fn search(conn: &Connection, args: &SearchArgs) -> Result<()> {
    let metadata = class_metadata(conn, args).await;
    if let Some(md) = &metadata {
        check_query(md, args)?;
    }

    let mut request = SearchRequest::new(&args.resource, &args.class, &args.query);
    if !args.select.is_empty() {
        request.select = Some(args.select.clone());
    }
    request.limit = args.limit;

    if args.count_only {
        request.count = CountMode::CountOnly;
        let count = conn.session.search_count(&request).await?;
        return crate::output::write_text(args.out.as_deref(), &format!("{count}\n"));
    }

    let format = args.format.context("--format is required")?;
    let mut stream = conn.session.search(request).await?;
    let columns = stream.columns().to_vec();
    let plan = column_plan(metadata.as_ref(), args, &columns);
    if args.decode && !plan.decodes_anything() {
        eprintln!("warning: no lookup metadata for these columns; values are written as sent");
    }
    let decode = args.decode && plan.decodes_anything();
    let target = match &args.out {
        Some(path) => Target::File(path.clone()),
        None => Target::Stdout,
    };
    let options = ExportOptions {
        // The CLI promises values exactly as the server sent them.
        formula_guard: false,
        excel_dates: false,
        ..ExportOptions::default()
    };
    let mut sink = rets_export::open_sink(export_format(format), target, options)?;
    sink.write_header(plan.columns())?;
    // Rows arrive in batches and are written straight from the batch's buffer; only
    // --decode needs owned values (one reused row, so no allocation per value).
    let mut row = Vec::with_capacity(columns.len());
    while let Some(batch) = stream.next_batch().await {
        let batch = batch?;
        if decode {
            for i in 0..batch.len() {
                batch.fill_row(i, &mut row);
                row.resize(columns.len(), String::new());
                plan.decode_in_place(&mut row);
                sink.write_row(&row)?;
            }
        } else {
            let mut values: Vec<&str> = Vec::with_capacity(columns.len());
            for r in batch.rows() {
                values.clear();
                values.extend(r.iter());
                values.resize(columns.len(), "");
                sink.write_row_str(&values)?;
            }
        }
    }
    let summary = sink.finish()?;
    for warning in summary.warnings {
        eprintln!("warning: {warning}");
    }
    Ok(())
}

/// Fields (and, for `--decode`, lookups) of the class. Metadata is advisory:
/// when the server will not give it, the search still runs.
async fn class_metadata(conn: &Connection, args: &SearchArgs) -> Option<Metadata> {
    let session = &conn.session;
    let id = format!("{}:{}", args.resource, args.class);
    let mut tables = match session
        .get_metadata("TABLE", &id, MetadataFormat::Compact)
        .await
    {
        Ok(reply) => reply.tables,
        // Not fatal, and not reported: if the class is wrong the search itself
        // fails with the server's own reply code, which is the clearer message.
        Err(_) => return None,
    };
    if args.decode {
        let lookups = format!("{}:*", args.resource);
        match session
            .get_metadata("LOOKUP_TYPE", &lookups, MetadataFormat::Compact)
            .await
        {
            Ok(reply) => tables.extend(reply.tables),
            Err(err) => eprintln!("warning: no lookup metadata for {lookups} ({err})"),
        }
    }
    Some(Metadata::from_tables(tables))
}

/// Refuses queries and selects naming fields the class does not have, before
/// anything is sent. Anything subtler is left to the server, whose word is final.
fn check_query(metadata: &Metadata, args: &SearchArgs) -> Result<()> {
    let Some(catalog) = metadata.catalog(&args.resource, &args.class) else {
        return Ok(());
    };
    if metadata
        .class(&args.resource, &args.class)
        .is_none_or(|c| c.fields.is_empty())
    {
        return Ok(());
    }
    let unknown: Vec<&str> = args
        .select
        .iter()
        .map(String::as_str)
        .filter(|f| metadata.field(&args.resource, &args.class, f).is_none())
        .collect();
    if !unknown.is_empty() {
        bail!(
            "unknown field{} in --select for {}:{}: {}",
            if unknown.len() > 1 { "s" } else { "" },
            args.resource,
            args.class,
            unknown.join(", ")
        );
    }
    match rets_dmql::validate_text(&args.query, &catalog) {
        Err(QueryError::Invalid(issues)) => {
            let unknown: Vec<String> = issues
                .iter()
                .filter(|i| i.kind == IssueKind::UnknownField)
                .map(|i| i.field.clone())
                .collect();
            if !unknown.is_empty() {
                bail!(
                    "unknown field{} in query for {}:{}: {}",
                    if unknown.len() > 1 { "s" } else { "" },
                    args.resource,
                    args.class,
                    unknown.join(", ")
                );
            }
            Ok(())
        }
        // Syntax the local parser rejects goes to the server: some servers accept
        // more than DMQL2 allows, and a server error names the problem itself.
        Err(QueryError::Parse(_)) | Ok(_) => Ok(()),
    }
}

/// Columns of the reply, typed from the class's metadata (text when a field is
/// unknown); with `--decode`, lookup fields decode to LongValues and are text.
fn column_plan(metadata: Option<&Metadata>, args: &SearchArgs, columns: &[String]) -> ColumnPlan {
    let known = metadata
        .and_then(|md| rets_sync::export::fields_from_metadata(md, &args.resource, &args.class))
        .unwrap_or_default();
    let fields: Vec<FieldInfo> = columns
        .iter()
        .map(|name| {
            known
                .iter()
                .find(|f| &f.system_name == name)
                .cloned()
                .unwrap_or_else(|| FieldInfo::new(name.clone(), "Character"))
        })
        .collect();
    let lookups = if args.decode {
        LookupMode::Decoded
    } else {
        LookupMode::Raw
    };
    ColumnPlan::new(&fields, HeaderStyle::SystemName, lookups)
}

pub fn export_format(format: SearchFormat) -> Format {
    match format {
        SearchFormat::Ndjson => Format::Ndjson,
        SearchFormat::Csv => Format::Csv,
        SearchFormat::Xlsx => Format::Xlsx,
    }
}
