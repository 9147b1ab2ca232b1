//! The output formats a user can pick (`--format ndjson|csv|xlsx`), parsed
//! from and printed as their lower-case names so CLI flags, settings files and
//! messages all agree.

use std::fmt;
use std::str::FromStr;

use crate::ExportError;

/// An export file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// One JSON object per line, values as exact strings.
    Ndjson,
    /// RFC 4180 comma- (or tab-, pipe-) separated values.
    Csv,
    /// Excel workbook with typed cells.
    Xlsx,
}

impl Format {
    /// The lower-case name, also the usual file extension.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Ndjson => "ndjson",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }
}

impl FromStr for Format {
    type Err = ExportError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "ndjson" => Ok(Format::Ndjson),
            "csv" => Ok(Format::Csv),
            "xlsx" => Ok(Format::Xlsx),
            _ => Err(ExportError::UnknownFormat(s.to_string())),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_every_format() {
        for format in [Format::Ndjson, Format::Csv, Format::Xlsx] {
            assert_eq!(format.to_string().parse::<Format>().unwrap(), format);
        }
        assert_eq!("XLSX".parse::<Format>().unwrap(), Format::Xlsx);
    }

    #[test]
    fn rejects_unknown_format_with_the_choices() {
        let err = "xls".parse::<Format>().unwrap_err();
        assert_eq!(err.code(), "export.unknown_format");
        let text = err.to_string();
        assert!(
            text.contains("\"xls\"") && text.contains("ndjson, csv, xlsx"),
            "{text}"
        );
    }
}
