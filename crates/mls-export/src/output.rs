//! Atomic output. A file target is written to a hidden temporary file in the
//! same folder and renamed over the destination only on `commit`; dropping the
//! output without committing deletes the temporary file, so an error or a
//! cancel never leaves a partial export behind.

use std::fs::File;
use std::io::{self, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::{ExportError, Target};

/// A writable destination that becomes visible only when committed.
pub(crate) enum Output {
    /// Streamed straight to standard output (CSV, NDJSON).
    Stdout(io::Stdout),
    /// A temporary file that will be renamed to `dest`, or copied to stdout when `dest` is `None`.
    Staged {
        temp: NamedTempFile,
        dest: Option<PathBuf>,
    },
}

impl Output {
    /// Opens `target`; with `stage_stdout`, stdout output is first collected in a temp file.
    pub(crate) fn open(target: &Target, stage_stdout: bool) -> Result<Output, ExportError> {
        match target {
            Target::Stdout if !stage_stdout => Ok(Output::Stdout(io::stdout())),
            Target::Stdout => {
                let temp = tempfile::Builder::new()
                    .prefix(".mls-export-")
                    .suffix(".part")
                    .tempfile()
                    .map_err(|source| ExportError::Io {
                        path: target.display_path(),
                        action: "create temporary file",
                        source,
                    })?;
                Ok(Output::Staged { temp, dest: None })
            }
            Target::File(path) => {
                let folder = match path.parent() {
                    Some(parent) if !parent.as_os_str().is_empty() => parent,
                    _ => Path::new("."),
                };
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .ok_or_else(|| ExportError::Io {
                        path: path.clone(),
                        action: "check output path",
                        source: io::Error::new(io::ErrorKind::InvalidInput, "not a file name"),
                    })?;
                let temp = tempfile::Builder::new()
                    .prefix(&format!(".{name}."))
                    .suffix(".part")
                    .tempfile_in(folder)
                    .map_err(|source| ExportError::Io {
                        path: path.clone(),
                        action: "create temporary file",
                        source,
                    })?;
                Ok(Output::Staged {
                    temp,
                    dest: Some(path.clone()),
                })
            }
        }
    }

    /// The temporary file behind a staged output (used by the XLSX writer).
    pub(crate) fn staged_file(&mut self) -> Option<&mut File> {
        match self {
            Output::Stdout(_) => None,
            Output::Staged { temp, .. } => Some(temp.as_file_mut()),
        }
    }

    /// Makes the output visible: rename the temp file over the destination, or
    /// copy it to stdout.
    pub(crate) fn commit(self, path_for_errors: &Path) -> Result<(), ExportError> {
        let io_err = |action: &'static str| {
            move |source: io::Error| ExportError::Io {
                path: path_for_errors.to_path_buf(),
                action,
                source,
            }
        };
        match self {
            Output::Stdout(mut stdout) => stdout.flush().map_err(io_err("flush stdout")),
            Output::Staged { mut temp, dest } => {
                temp.flush().map_err(io_err("flush temporary file"))?;
                match dest {
                    Some(dest) => {
                        temp.as_file()
                            .sync_all()
                            .map_err(io_err("sync temporary file"))?;
                        set_shareable_permissions(temp.as_file())
                            .map_err(io_err("set file permissions"))?;
                        temp.persist(&dest)
                            .map_err(|e| io_err("rename temporary file into place")(e.error))?;
                        Ok(())
                    }
                    None => {
                        let file = temp.as_file_mut();
                        file.seek(SeekFrom::Start(0))
                            .map_err(io_err("rewind temporary file"))?;
                        let mut stdout = io::stdout().lock();
                        io::copy(file, &mut stdout).map_err(io_err("copy to stdout"))?;
                        stdout.flush().map_err(io_err("flush stdout"))
                    }
                }
            }
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Output::Stdout(out) => out.write(buf),
            Output::Staged { temp, .. } => temp.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Output::Stdout(out) => out.write_all(buf),
            Output::Staged { temp, .. } => temp.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Stdout(out) => out.flush(),
            Output::Staged { temp, .. } => temp.flush(),
        }
    }
}

/// Temp files are created owner-only (0600); a finished export should get the
/// usual permissions of a user-created file.
#[cfg(unix)]
fn set_shareable_permissions(file: &File) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn set_shareable_permissions(_file: &File) -> io::Result<()> {
    Ok(())
}
