//! Exporting the local replica to XLSX or CSV: a job with progress (rows, then
//! the "finishing" phase while XLSX compresses) over a channel, cancellable
//! with `cancel_task`; a cancelled or failed export leaves no file behind.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use mls_export::{
    ExportControl, ExportError, ExportOptions, ExportPhase, Format, HeaderStyle, LookupMode,
};
use mls_export::{ReplicaExport, ReplicaExportError, export_replica};

use crate::Portal;
use crate::portal::replica::ReplicaView;
use crate::{ClassTarget, ErrorCode};
use crate::{CommandError, CommandResult};
use crate::{TaskPhase, TaskSink, TaskSummary, Tasks};

/// The formats the window offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub enum ExportFormat {
    /// An Excel workbook.
    Xlsx,
    /// Comma (or tab, or pipe) separated text.
    Csv,
}

impl ExportFormat {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Xlsx => "xlsx",
            ExportFormat::Csv => "csv",
        }
    }
}

/// Which metadata name heads each column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub enum ExportHeaders {
    /// SystemName (what queries use).
    System,
    /// StandardName (RESO), else SystemName.
    Standard,
    /// LongName (what people read).
    Long,
    /// DBName.
    Dbname,
}

/// How lookup fields are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub enum ExportLookups {
    /// The codes as stored.
    Raw,
    /// Their long values.
    Decoded,
}

/// The character between CSV fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub enum CsvDelimiter {
    /// `,`
    Comma,
    /// A tab.
    Tab,
    /// `|`
    Pipe,
}

/// How the user wants the file written.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct ExportSettings {
    /// The file format.
    pub format: ExportFormat,
    /// Which metadata name heads each column.
    pub headers: ExportHeaders,
    /// Lookup codes as stored, or their long values.
    pub lookups: ExportLookups,
    /// CSV delimiter.
    pub delimiter: CsvDelimiter,
    /// Start a CSV with a UTF-8 byte order mark (for Excel).
    pub bom: bool,
    /// Prefix `'` to CSV cells a spreadsheet would run as formulas.
    pub formula_guard: bool,
    /// Add a Photos column linking each listing's first downloaded photo.
    pub photos: bool,
}

/// Where an export goes unless the user picks another place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct ExportDefaults {
    /// Suggested folder (Downloads, else Documents, else the app's exports folder).
    pub folder: String,
    /// Suggested file name: class and date, with the format's extension.
    pub file_name: String,
    /// Folder and file name joined.
    pub path: String,
}

fn invalid(message: String) -> CommandError {
    CommandError::new(ErrorCode::InvalidArgument, message)
}

fn parse_settings(settings: &ExportSettings) -> CommandResult<(Format, ExportOptions)> {
    let format = match settings.format {
        ExportFormat::Xlsx => Format::Xlsx,
        ExportFormat::Csv => Format::Csv,
    };
    let csv_delimiter = match settings.delimiter {
        CsvDelimiter::Comma => b',',
        CsvDelimiter::Tab => b'\t',
        CsvDelimiter::Pipe => b'|',
    };
    Ok((
        format,
        ExportOptions {
            csv_delimiter,
            csv_bom: settings.bom,
            formula_guard: settings.formula_guard,
            ..ExportOptions::default()
        },
    ))
}

/// Checks the destination before any work: absolute, a file name, an existing
/// writable folder, and the extension of the format.
fn check_destination(path: &str, format: Format) -> CommandResult<PathBuf> {
    let path = PathBuf::from(path.trim());
    if path.as_os_str().is_empty() || !path.is_absolute() {
        return Err(invalid(
            "Enter the full path of the file to write, e.g. /home/me/Downloads/listings.xlsx."
                .to_owned(),
        ));
    }
    if path.is_dir() {
        return Err(invalid(format!(
            "{} is a folder; add a file name such as listings.{format}.",
            path.display()
        )));
    }
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    if !extension.eq_ignore_ascii_case(format.as_str()) {
        return Err(invalid(format!(
            "The file name should end in .{format} for a {} export.",
            format.as_str().to_uppercase()
        )));
    }
    let folder = path.parent().unwrap_or(Path::new("/"));
    if !folder.is_dir() {
        return Err(CommandError::new(
            ErrorCode::FolderMissing,
            format!(
                "The folder {} does not exist. Create it or choose another folder.",
                folder.display()
            ),
        ));
    }
    Ok(path)
}

fn export_error(err: ReplicaExportError) -> CommandError {
    match &err {
        ReplicaExportError::NotSynced { .. } => {
            CommandError::new(ErrorCode::NotSynced, format!("{err}."))
        }
        ReplicaExportError::Export(ExportError::Io { source, .. })
            if source.kind() == std::io::ErrorKind::PermissionDenied =>
        {
            CommandError::new(
                ErrorCode::FolderNotWritable,
                format!("{err}. Choose a folder you can write to, such as Downloads or Documents."),
            )
        }
        ReplicaExportError::Export(ExportError::Io { .. }) => CommandError::new(
            ErrorCode::ExportIo,
            format!(
                "{err}. Check that the disk has room and the folder is writable, then try again."
            ),
        ),
        ReplicaExportError::Export(ExportError::Cancelled { .. }) => CommandError::new(
            ErrorCode::Cancelled,
            "The export was cancelled; no file was written.",
        ),
        ReplicaExportError::Export(e) => {
            CommandError::new(ErrorCode::of(e.code()), err.to_string())
        }
        ReplicaExportError::Store(_) => CommandError::new(ErrorCode::Store, err.to_string()),
    }
}

/// Human size: bytes, KB, MB or GB.
fn size_text(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["bytes", "KB", "MB", "GB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} bytes")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

fn progress_text(control: &ExportControl, started: Instant) -> String {
    match control.phase() {
        ExportPhase::Writing => {
            let secs = started.elapsed().as_secs_f64().max(0.001);
            format!(
                "Writing rows: {} of {}, {:.0} rows/s",
                control.rows(),
                control.total(),
                control.rows() as f64 / secs
            )
        }
        ExportPhase::Finishing => format!(
            "Finishing the file: {} written",
            size_text(control.finish_bytes())
        ),
        ExportPhase::Done => "Done".to_owned(),
    }
}

/// Cancels the export when the job's work is dropped (`cancel_task`), so the
/// writer thread stops and deletes its temporary file.
struct CancelOnDrop(ExportControl);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        if self.0.phase() != ExportPhase::Done {
            self.0.cancel();
        }
    }
}

impl Portal {
    /// The folder and file name an export of `class` in `format` is offered by default.
    pub fn export_default_path(
        &self,
        class: String,
        format: ExportFormat,
    ) -> CommandResult<ExportDefaults> {
        let folder = dirs::download_dir()
            .filter(|d| d.is_dir())
            .or_else(|| dirs::document_dir().filter(|d| d.is_dir()))
            .unwrap_or_else(|| self.data_dir.join("exports"));
        // The app's own exports folder is made on first use, so the suggestion works as is.
        if !folder.is_dir() {
            std::fs::create_dir_all(&folder).map_err(|e| {
                CommandError::new(
                    ErrorCode::FolderNotWritable,
                    format!(
                        "Cannot create the exports folder {}: {e}.",
                        folder.display()
                    ),
                )
            })?;
        }
        let safe: String = class
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let ext = format.extension();
        let today = chrono::Local::now().format("%Y-%m-%d");
        let file_name = format!("{safe}-{today}.{ext}");
        Ok(ExportDefaults {
            path: folder.join(&file_name).to_string_lossy().into_owned(),
            folder: folder.to_string_lossy().into_owned(),
            file_name,
        })
    }

    /// Exports the replica of `target` as `view` shows it (the grid's rows in
    /// the grid's order) to `path`. Progress (rows, then bytes while finishing)
    /// streams to `sink`; cancelling the task stops it and no file is left.
    pub async fn export_start(
        &self,
        tasks: &Tasks,
        target: ClassTarget,
        view: ReplicaView,
        path: String,
        settings: ExportSettings,
        sink: TaskSink,
    ) -> CommandResult<()> {
        let (format, options) = parse_settings(&settings)?;
        let headers = match settings.headers {
            ExportHeaders::System => HeaderStyle::SystemName,
            ExportHeaders::Standard => HeaderStyle::StandardName,
            ExportHeaders::Long => HeaderStyle::LongName,
            ExportHeaders::Dbname => HeaderStyle::DbName,
        };
        let lookups = match settings.lookups {
            ExportLookups::Raw => LookupMode::Raw,
            ExportLookups::Decoded => LookupMode::Decoded,
        };
        let path = check_destination(&path, format)?;
        let (filters, sort) = view.into_store()?;
        let ClassTarget {
            connection_id,
            resource,
            class,
        } = target;
        let profile = self.profile(&connection_id).await?;
        let task = tasks.start();
        task.run(sink, |progress| async move {
            let replica_id = self.replica_connection(&profile).await?;
            let request = ReplicaExport {
                connection_id: replica_id,
                connection_name: profile.name.clone(),
                resource: resource.clone(),
                class: class.clone(),
                filters,
                sort,
                format,
                path: path.clone(),
                options,
                headers,
                lookups,
                photos: settings.photos,
                fields: None,
            };
            let control = ExportControl::new();
            let guard = CancelOnDrop(control.clone());
            let started = Instant::now();
            let watcher = control.clone();
            let reporter = tokio::spawn(async move {
                loop {
                    tokio::time::sleep(Duration::from_millis(250)).await;
                    let total = watcher.total();
                    progress.report(
                        match watcher.phase() {
                            ExportPhase::Writing => TaskPhase::Write,
                            ExportPhase::Finishing => TaskPhase::Finish,
                            ExportPhase::Done => TaskPhase::Done,
                        },
                        watcher.rows(),
                        (total > 0).then_some(total),
                        progress_text(&watcher, started),
                    );
                }
            });
            let result = export_replica(&self.store, request, &control).await;
            reporter.abort();
            drop(guard);
            let report = result.map_err(export_error)?;
            let mut message = format!(
                "Wrote {} rows ({}) to {}",
                report.rows,
                size_text(report.bytes),
                report.path.display()
            );
            if report.sheets > 1 {
                message.push_str(&format!(" over {} sheets", report.sheets));
            }
            message.push('.');
            Ok(TaskSummary {
                summary: message,
                warnings: report.warnings,
                notes: Vec::new(),
            })
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(format: &str, delimiter: &str) -> serde_json::Result<ExportSettings> {
        serde_json::from_value(serde_json::json!({
            "format": format, "headers": "long", "lookups": "decoded",
            "delimiter": delimiter, "bom": true, "formulaGuard": true, "photos": false,
        }))
    }

    #[test]
    fn settings_map_to_export_options_and_reject_unknown_values() {
        let (format, options) = parse_settings(&settings("csv", "pipe").unwrap()).unwrap();
        assert_eq!(format, Format::Csv);
        assert_eq!(options.csv_delimiter, b'|');
        assert!(options.csv_bom && options.formula_guard);
        assert!(settings("xls", "comma").is_err());
        assert!(settings("csv", "semicolon").is_err());
    }

    #[test]
    fn destination_must_be_a_full_file_path_in_an_existing_folder() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("land.xlsx");
        assert_eq!(
            check_destination(good.to_str().unwrap(), Format::Xlsx).unwrap(),
            good
        );
        assert_eq!(
            check_destination("land.xlsx", Format::Xlsx)
                .unwrap_err()
                .code,
            ErrorCode::InvalidArgument,
        );
        assert!(
            check_destination(dir.path().to_str().unwrap(), Format::Xlsx)
                .unwrap_err()
                .message
                .contains("is a folder")
        );
        assert!(
            check_destination(good.to_str().unwrap(), Format::Csv)
                .unwrap_err()
                .message
                .contains(".csv")
        );
        let missing = dir.path().join("nope").join("land.csv");
        assert_eq!(
            check_destination(missing.to_str().unwrap(), Format::Csv)
                .unwrap_err()
                .code,
            ErrorCode::FolderMissing,
        );
    }

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(size_text(512), "512 bytes");
        assert_eq!(size_text(2_500), "2.5 KB");
        assert_eq!(size_text(3_200_000), "3.2 MB");
    }
}
