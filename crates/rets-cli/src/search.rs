//! `rets-portal search`: checks the query against metadata, streams every
//! matching record (the client pages past server caps) into the chosen format.

use anyhow::{Context, Result, bail};
use mls_export::{ColumnPlan, ExportOptions, FieldInfo, Format, HeaderStyle, LookupMode, Target};
use rets_client::metadata::{Metadata, MetadataFormat};
use rets_client::session::{CountMode, SearchRequest};

use mls_workbench::query::FieldPlace;

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
    let keys = crate::keys::read_keys(&args.keys)?;
    let metadata = class_metadata(conn, args, keys.is_some()).await;
    if let Some(md) = &metadata {
        check_query(md, args)?;
    }
    let (queries, key_field) = match &keys {
        None => (
            vec![args.query.clone().context("--query is required")?],
            None,
        ),
        Some(keys) => {
            let field = key_field(metadata.as_ref(), args)?;
            (
                key_queries(&field, keys, args.query.as_deref())?,
                Some(field),
            )
        }
    };

    if args.count_only {
        let mut count = 0;
        for query in &queries {
            let mut request = request(args, query);
            request.count = CountMode::CountOnly;
            count += conn.session.search_count(&request).await?;
        }
        if let Some(limit) = args.limit {
            count = count.min(limit);
        }
        return crate::output::write_text(args.out.as_deref(), &format!("{count}\n"));
    }

    let format = args.format.context("--format is required")?;
    // The sink is opened once, with the first reply's columns (or, when nothing
    // matched, with the columns the result would have had).
    let open = |plan: &ColumnPlan| -> Result<Box<dyn mls_export::RowSink>> {
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
        let mut sink = mls_export::open_sink(export_format(format), target, options)?;
        sink.write_header(plan.columns())?;
        Ok(sink)
    };
    let mut output: Option<Output> = None;
    // Key lists run as several queries over disjoint keys; a record is still
    // written once even if a server returns it twice.
    let mut written_keys = std::collections::HashSet::new();
    let mut remaining = args.limit;
    for query in &queries {
        if remaining == Some(0) {
            break;
        }
        let mut request = request(args, query);
        request.limit = remaining;
        let mut stream = conn.session.search(request).await?;
        // A reply without columns is an empty result (20201 No Records Found): it has
        // nothing to write, and the output is opened by a later reply or after the loop.
        if stream.columns().is_empty() {
            continue;
        }
        if output.is_none() {
            let columns = stream.columns().to_vec();
            let plan = column_plan(metadata.as_ref(), args, &columns);
            if args.decode && !plan.decodes_anything() {
                eprintln!(
                    "warning: no lookup metadata for these columns; values are written as sent"
                );
            }
            let decode = args.decode && plan.decodes_anything();
            let sink = open(&plan)?;
            output = Some(Output {
                columns,
                plan,
                decode,
                sink,
            });
        }
        let Output {
            columns,
            plan,
            decode,
            sink,
        } = output.as_mut().expect("opened above");
        if stream.columns() != columns.as_slice() {
            bail!(
                "the server answered the key-list queries with different columns ({} then {})",
                columns.join(","),
                stream.columns().join(",")
            );
        }
        let key_index = key_field
            .as_ref()
            .and_then(|f| columns.iter().position(|c| c.eq_ignore_ascii_case(f)));
        // Rows arrive in batches and are written straight from the batch's buffer; only
        // --decode needs owned values (one reused row, so no allocation per value).
        let mut row = Vec::with_capacity(columns.len());
        while let Some(batch) = stream.next_batch().await {
            let batch = batch?;
            let mut values: Vec<&str> = Vec::with_capacity(columns.len());
            for (i, r) in batch.rows().enumerate() {
                if let Some(k) = key_index
                    && !written_keys.insert(r.get(k).unwrap_or_default().to_owned())
                {
                    continue;
                }
                if remaining == Some(0) {
                    break;
                }
                if let Some(n) = remaining.as_mut() {
                    *n -= 1;
                }
                if *decode {
                    batch.fill_row(i, &mut row);
                    row.resize(columns.len(), String::new());
                    plan.decode_in_place(&mut row);
                    sink.write_row(&row)?;
                } else {
                    values.clear();
                    values.extend(r.iter());
                    values.resize(columns.len(), "");
                    sink.write_row_str(&values)?;
                }
            }
        }
    }
    let sink = match output {
        Some(Output { sink, .. }) => sink,
        None => {
            // Nothing matched: an empty file, with the header the columns would have had.
            let columns = empty_result_columns(metadata.as_ref(), args);
            open(&column_plan(metadata.as_ref(), args, &columns))?
        }
    };
    let summary = sink.finish()?;
    for warning in summary.warnings {
        eprintln!("warning: {warning}");
    }
    Ok(())
}

/// The sink and column plan, opened with the first reply's columns.
struct Output {
    columns: Vec<String>,
    plan: ColumnPlan,
    decode: bool,
    sink: Box<dyn mls_export::RowSink>,
}

fn request(args: &SearchArgs, query: &str) -> SearchRequest {
    let mut request = SearchRequest::new(&args.resource, &args.class, query);
    if !args.select.is_empty() {
        request.select = Some(args.select.clone());
    }
    request.limit = args.limit;
    request
}

/// The field `--keys-from` keys are matched against: `--key-field`, else the
/// resource's KeyField; it must be a field of the class when metadata lists fields.
fn key_field(metadata: Option<&Metadata>, args: &SearchArgs) -> Result<String> {
    let field = match &args.key_field {
        Some(f) => f.clone(),
        None => metadata
            .and_then(|md| md.resource(&args.resource))
            .and_then(|r| r.key_field())
            .map(str::to_owned)
            .with_context(|| {
                format!(
                    "the server's metadata names no KeyField for {}; name the field with --key-field",
                    args.resource
                )
            })?,
    };
    if let Some(class) = metadata
        .and_then(|md| md.class(&args.resource, &args.class))
        .filter(|c| !c.fields.is_empty())
        && class.field(&field).is_none()
    {
        bail!(
            "--key-field: {}:{} has no field {field:?}",
            args.resource,
            args.class
        );
    }
    Ok(field)
}

/// DMQL queries holding every key once, each AND-ed with `query` and short
/// enough for servers that cap the query length.
fn key_queries(field: &str, keys: &[String], query: Option<&str>) -> Result<Vec<String>> {
    let extra = query.map_or(0, |q| q.len() + 3);
    let max_len = mls_export::DEFAULT_MAX_QUERY_LEN
        .saturating_sub(extra)
        .max(64);
    let chunks = mls_export::keys_to_dmql(field, keys.iter().map(String::as_str), max_len)?;
    Ok(chunks
        .into_iter()
        .map(|chunk| match query {
            Some(q) => format!("{chunk},({q})"),
            None => chunk,
        })
        .collect())
}

/// Fields (and, for `--decode`, lookups) of the class. Metadata is advisory:
/// when the server will not give it, the search still runs.
async fn class_metadata(conn: &Connection, args: &SearchArgs, resources: bool) -> Option<Metadata> {
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
    if resources {
        // The resource's KeyField, for --keys-from without --key-field.
        match session
            .get_metadata("RESOURCE", "0", MetadataFormat::Compact)
            .await
        {
            Ok(reply) => tables.extend(reply.tables),
            Err(err) => eprintln!("warning: no resource metadata ({err})"),
        }
    }
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

/// Refuses what the application layer refuses before sending (see
/// [`mls_workbench::query::unknown_fields`]).
fn check_query(metadata: &Metadata, args: &SearchArgs) -> Result<()> {
    let unknown = mls_workbench::query::unknown_fields(
        metadata,
        &args.resource,
        &args.class,
        &args.select,
        args.query.as_deref(),
    );
    if let Some((place, fields)) = unknown {
        let place = match place {
            FieldPlace::Select => "--select",
            FieldPlace::Query => "query",
        };
        bail!(
            "unknown field{} in {place} for {}:{}: {}",
            if fields.len() > 1 { "s" } else { "" },
            args.resource,
            args.class,
            fields.join(", ")
        );
    }
    Ok(())
}

/// The columns an empty result would have had: `--select`, else the class's
/// fields from metadata (none when the server gives no metadata either).
fn empty_result_columns(metadata: Option<&Metadata>, args: &SearchArgs) -> Vec<String> {
    if !args.select.is_empty() {
        return args.select.clone();
    }
    metadata
        .and_then(|md| mls_export::replica::fields_from_metadata(md, &args.resource, &args.class))
        .map(|fields| fields.into_iter().map(|f| f.system_name).collect())
        .unwrap_or_default()
}

/// Columns of the reply, typed from the class's metadata (text when a field is
/// unknown); with `--decode`, lookup fields decode to LongValues and are text.
fn column_plan(metadata: Option<&Metadata>, args: &SearchArgs, columns: &[String]) -> ColumnPlan {
    let known = metadata
        .and_then(|md| mls_export::replica::fields_from_metadata(md, &args.resource, &args.class))
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
