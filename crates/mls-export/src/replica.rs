//! Exporting the local replica: the listings of one class (with the grid's
//! filters and sort) streamed from SQLite into an XLSX/CSV/NDJSON file. Rows
//! are read by one async query and written on a blocking thread, so neither
//! side holds more than a few batches; progress and cancel go through an
//! [`ExportControl`]. The CLI's `export` and the desktop app both call
//! [`export_replica`], so the same options give the same file.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::{
    ColumnPlan, ExportControl, ExportError, ExportOptions, ExportPhase, FieldInfo, Format,
    HeaderStyle, Lookup, LookupMode, Target,
};
use mls_store::listings::{FieldKind, Filter, RawListing, Sort};
use mls_store::{MetadataSnapshot, Store, StoreError};

/// Rows per batch handed from the reader to the writer.
const BATCH: usize = 500;
/// Batches in flight between reader and writer.
const IN_FLIGHT: usize = 4;

/// What to export and how.
#[derive(Debug, Clone)]
pub struct ReplicaExport {
    /// Replica connection id.
    pub connection_id: i64,
    /// Name shown on the "About this export" sheet.
    pub connection_name: String,
    /// RETS resource.
    pub resource: String,
    /// RETS class.
    pub class: String,
    /// Keep only listings matching all of these.
    pub filters: Vec<Filter>,
    /// Order of the rows (then key); `None` = by key.
    pub sort: Option<Sort>,
    /// File format.
    pub format: Format,
    /// Destination file (written atomically).
    pub path: PathBuf,
    /// Sink options (delimiter, BOM, guard, Excel dates). `about` is filled in here.
    pub options: ExportOptions,
    /// Which metadata name heads each column.
    pub headers: HeaderStyle,
    /// Lookup codes raw or decoded.
    pub lookups: LookupMode,
    /// Add a "Photos" column linking each listing's first downloaded photo.
    pub photos: bool,
    /// Field metadata to use; `None` = what the replica stored: the latest
    /// snapshot, with DBName and LookupMulti from the complete metadata
    /// document when one was kept (the app keeps it when metadata is browsed).
    pub fields: Option<Vec<FieldInfo>>,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplicaExportReport {
    /// Data rows written.
    pub rows: u64,
    /// Worksheets holding data (XLSX).
    pub sheets: u32,
    /// Size of the file in bytes.
    pub bytes: u64,
    /// Where it went.
    pub path: PathBuf,
    /// Things the user should know (truncated cells, values left as text, …).
    pub warnings: Vec<String>,
}

/// Why an export of the replica failed.
#[derive(Debug, thiserror::Error)]
pub enum ReplicaExportError {
    /// The class was never downloaded into the replica.
    #[error("{resource}:{class} has not been downloaded yet; sync it first")]
    NotSynced {
        /// Resource asked for.
        resource: String,
        /// Class asked for.
        class: String,
    },
    /// Reading the replica failed.
    #[error("replica: {0}")]
    Store(#[from] StoreError),
    /// Writing the file failed (or it was cancelled: [`ExportError::Cancelled`]).
    #[error(transparent)]
    Export(#[from] ExportError),
}

impl ReplicaExportError {
    /// True when the export stopped because it was cancelled.
    pub fn is_cancelled(&self) -> bool {
        matches!(
            self,
            ReplicaExportError::Export(ExportError::Cancelled { .. })
        )
    }
}

/// Export fields of `resource:class` from a stored metadata snapshot (no
/// DBName or LookupMulti there: LongNames, StandardNames, types and lookups).
pub fn fields_from_snapshot(
    snapshot: &MetadataSnapshot,
    resource: &str,
    class: &str,
) -> Option<Vec<FieldInfo>> {
    let res = snapshot.resources.iter().find(|r| r.id == resource)?;
    let cls = res.classes.iter().find(|c| c.name == class)?;
    let lookups: HashMap<&str, Lookup> = res
        .lookups
        .iter()
        .map(|l| {
            let long_values = l
                .values
                .iter()
                .map(|v| (v.value.trim().to_owned(), v.long_value.clone()))
                .collect();
            (
                l.name.as_str(),
                Lookup {
                    multi: false,
                    long_values,
                },
            )
        })
        .collect();
    Some(
        cls.fields
            .iter()
            .map(|f| FieldInfo {
                system_name: f.system_name.clone(),
                standard_name: f.standard_name.clone(),
                long_name: f.long_name.clone(),
                db_name: None,
                data_type: f.data_type.clone(),
                lookup: f
                    .lookup_name
                    .as_deref()
                    .and_then(|n| lookups.get(n).cloned()),
            })
            .collect(),
    )
}

/// Export fields of `resource:class` from a server's full metadata.
pub fn fields_from_metadata(
    metadata: &rets_client::metadata::Metadata,
    resource: &str,
    class: &str,
) -> Option<Vec<FieldInfo>> {
    let cls = metadata.class(resource, class)?;
    let non_empty = |s: &str| (!s.trim().is_empty()).then(|| s.to_owned());
    Some(
        cls.fields
            .iter()
            .map(|f| FieldInfo {
                system_name: f.system_name.clone(),
                standard_name: non_empty(&f.standard_name),
                long_name: non_empty(&f.long_name),
                db_name: non_empty(&f.db_name),
                data_type: f.data_type.clone(),
                lookup: metadata
                    .field_lookup(resource, class, &f.system_name)
                    .map(|l| Lookup {
                        multi: f.interpretation.eq_ignore_ascii_case("LookupMulti"),
                        long_values: l
                            .values
                            .iter()
                            .map(|v| (v.value.trim().to_owned(), v.long_value.clone()))
                            .collect(),
                    }),
            })
            .collect(),
    )
}

/// The replica's idea of the class's fields: the latest snapshot (what the last
/// sync or metadata fetch saw), completed with DBName and LookupMulti from the
/// newest stored complete metadata document, which may be older.
async fn stored_fields(
    store: &Store,
    connection_id: i64,
    resource: &str,
    class: &str,
) -> Result<Vec<FieldInfo>, StoreError> {
    let document = store
        .latest_metadata_document(connection_id)
        .await?
        .and_then(|stored| stored.document_json)
        .and_then(|json| serde_json::from_str::<rets_client::metadata::Metadata>(&json).ok())
        .and_then(|md| fields_from_metadata(&md, resource, class));
    let snapshot = store
        .latest_metadata_snapshot(connection_id)
        .await?
        .and_then(|s| fields_from_snapshot(&s, resource, class));
    Ok(match (snapshot, document) {
        (Some(mut fields), Some(document)) => {
            for field in &mut fields {
                if let Some(full) = document.iter().find(|f| f.system_name == field.system_name) {
                    field.db_name.clone_from(&full.db_name);
                    if let (Some(lookup), Some(full_lookup)) = (&mut field.lookup, &full.lookup) {
                        lookup.multi = full_lookup.multi;
                    }
                }
            }
            fields
        }
        (Some(fields), None) | (None, Some(fields)) => fields,
        (None, None) => Vec::new(),
    })
}

fn data_type_of(kind: FieldKind) -> &'static str {
    match kind {
        FieldKind::Text => "Character",
        FieldKind::Integer => "Int",
        FieldKind::Decimal => "Decimal",
        FieldKind::Date => "Date",
        FieldKind::DateTime => "DateTime",
        FieldKind::Boolean => "Boolean",
    }
}

fn describe_filters(filters: &[Filter]) -> String {
    if filters.is_empty() {
        return "none".to_owned();
    }
    filters
        .iter()
        .map(|f| format!("{} {:?}", f.field, f.op))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Writes the replica's listings of `req.resource:req.class` to `req.path`.
/// `control` reports rows (of `control.total()`), the finishing phase and
/// bytes, and cancels: a cancelled or failed export leaves no file behind.
pub async fn export_replica(
    store: &Store,
    req: ReplicaExport,
    control: &ExportControl,
) -> Result<ReplicaExportReport, ReplicaExportError> {
    let table = store
        .listing_table(req.connection_id, &req.resource, &req.class)
        .await?
        .ok_or_else(|| ReplicaExportError::NotSynced {
            resource: req.resource.clone(),
            class: req.class.clone(),
        })?;
    let known = match req.fields {
        Some(fields) => fields,
        None => stored_fields(store, req.connection_id, &req.resource, &req.class).await?,
    };
    // The replica's columns, in its order (fields the server dropped are kept).
    let fields: Vec<FieldInfo> = table
        .fields
        .iter()
        .map(|spec| {
            known
                .iter()
                .find(|f| f.system_name == spec.system_name)
                .cloned()
                .unwrap_or_else(|| FieldInfo::new(&spec.system_name, data_type_of(spec.kind)))
        })
        .collect();
    let mut plan = ColumnPlan::new(&fields, req.headers, req.lookups);
    if req.photos {
        plan = plan.with_photos();
    }
    let total = store
        .query_listings(&table, &req.filters, None, 0, 1)
        .await?
        .total
        .max(0) as u64;
    control.set_total(total);
    control.set_phase(ExportPhase::Writing);

    let mut options = req.options.clone();
    options.about = Some(vec![
        ("Connection".into(), req.connection_name.clone()),
        (
            "Resource / class".into(),
            format!("{}:{}", req.resource, req.class),
        ),
        ("Filters".into(), describe_filters(&req.filters)),
        (
            "Sort".into(),
            req.sort
                .as_ref()
                .map(|s| {
                    format!(
                        "{} {}",
                        s.field,
                        if s.descending {
                            "descending"
                        } else {
                            "ascending"
                        }
                    )
                })
                .unwrap_or_else(|| "listing key".into()),
        ),
        ("Header names".into(), req.headers.to_string()),
        ("Lookups".into(), req.lookups.to_string()),
        ("Records".into(), total.to_string()),
        (
            "Exported at".into(),
            chrono::Utc::now()
                .format("%Y-%m-%d %H:%M:%S UTC")
                .to_string(),
        ),
    ]);

    let (tx, mut rx) = tokio::sync::mpsc::channel::<Vec<RawListing>>(IN_FLIGHT);
    let complete = Arc::new(AtomicBool::new(false));
    let writer = {
        let complete = complete.clone();
        let control = control.clone();
        let path = req.path.clone();
        let format = req.format;
        tokio::task::spawn_blocking(move || -> Result<_, ExportError> {
            let mut sink = crate::open_sink(format, Target::File(path.clone()), options)?;
            sink.write_header(plan.columns())?;
            let mut row = Vec::with_capacity(plan.columns().len());
            while let Some(batch) = rx.blocking_recv() {
                if control.is_cancelled() {
                    return Err(ExportError::Cancelled { path });
                }
                for listing in &batch {
                    plan.fill_row(
                        |name| listing.values.get(name).map(String::as_str),
                        listing.first_photo.as_deref(),
                        &mut row,
                    );
                    sink.write_row(&row)?;
                }
                control.add_rows(batch.len() as u64);
            }
            if control.is_cancelled() {
                return Err(ExportError::Cancelled { path });
            }
            if !complete.load(Ordering::Acquire) {
                // The reader failed; its error is the one reported. Dropping
                // the sink removes the temporary file.
                return Ok(None);
            }
            control.set_phase(ExportPhase::Finishing);
            let summary = sink.finish_controlled(&control)?;
            control.set_phase(ExportPhase::Done);
            Ok(Some(summary))
        })
    };
    let read = store
        .send_raw_listings(
            &table,
            &req.filters,
            req.sort.as_ref(),
            req.photos,
            BATCH,
            &tx,
        )
        .await;
    if read.is_ok() {
        complete.store(true, Ordering::Release);
    }
    drop(tx);
    let written = writer.await.map_err(|e| ExportError::Io {
        path: req.path.clone(),
        action: "run the export writer",
        source: std::io::Error::other(e.to_string()),
    })?;
    read?;
    let summary = written?.ok_or_else(|| ExportError::Cancelled {
        path: req.path.clone(),
    })?;
    let bytes = std::fs::metadata(&req.path).map(|m| m.len()).unwrap_or(0);
    Ok(ReplicaExportReport {
        rows: summary.rows,
        sheets: summary.sheets,
        bytes,
        path: req.path,
        warnings: summary.warnings,
    })
}
