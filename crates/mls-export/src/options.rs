//! What a caller can tune about an export and where it goes. Defaults suit the
//! desktop app (formula guard on, real Excel dates); the CLI switches the guard
//! off to keep values byte-exact.

use std::fmt;
use std::path::PathBuf;

/// Export settings shared by all formats (each format uses the fields that apply).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportOptions {
    /// CSV field delimiter, an ASCII byte such as `b','`, `b'\t'` or `b'|'`.
    pub csv_delimiter: u8,
    /// Start CSV output with a UTF-8 byte order mark (helps Excel detect UTF-8).
    pub csv_bom: bool,
    /// In CSV, prefix `'` to cells starting with `=`, `+`, `-`, `@`, tab or CR
    /// (OWASP CSV injection guard). XLSX text cells are never formulas, so
    /// XLSX does not need it.
    pub formula_guard: bool,
    /// In XLSX, write Date/DateTime/Boolean columns as real Excel values; when
    /// false they stay text.
    pub excel_dates: bool,
    /// Name of the XLSX data sheet; further sheets get ` (2)`, ` (3)`, ….
    pub sheet_name: String,
    /// Key/value rows for a second XLSX sheet "About this export"; `None` = no sheet.
    pub about: Option<Vec<(String, String)>>,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            csv_delimiter: b',',
            csv_bom: false,
            formula_guard: true,
            excel_dates: true,
            sheet_name: "Listings".to_string(),
            about: None,
        }
    }
}

/// Where export output goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Standard output (XLSX is staged in a temporary file and copied on finish).
    Stdout,
    /// A file, written atomically: temporary file in the same folder, renamed on finish.
    File(PathBuf),
}

impl Target {
    /// The path used in error messages: the file, or `<stdout>`.
    pub fn display_path(&self) -> PathBuf {
        match self {
            Target::Stdout => PathBuf::from("<stdout>"),
            Target::File(path) => path.clone(),
        }
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.display_path().display())
    }
}
