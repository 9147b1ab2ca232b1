//! Column descriptions: a name for the header and a kind derived from the RETS
//! metadata DataType, which decides how XLSX cells are typed. CSV and NDJSON
//! write the exact strings (CSV only uses the kind to leave plain numbers
//! alone under the formula guard).

/// How a column's values should be typed in a spreadsheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ColumnKind {
    /// Free text (RETS `Character` and anything unknown); always a text cell.
    Text,
    /// Whole numbers (RETS `Int`, `Small`, `Tiny`, `Long`).
    Integer,
    /// Decimal numbers (RETS `Decimal`).
    Decimal,
    /// Calendar date, RETS `YYYY-MM-DD`.
    Date,
    /// Date and time, RETS `YYYY-MM-DDThh:mm:ss[.sss][Z]`.
    DateTime,
    /// Time of day, RETS `hh:mm:ss`.
    Time,
    /// `1/0`, `Y/N`, `true/false`.
    Boolean,
    /// A local file path or URL; an XLSX hyperlink (up to Excel's per-sheet limit).
    Link,
}

impl ColumnKind {
    /// Maps a RETS METADATA-TABLE `DataType` (case-insensitive) to a column kind.
    pub fn from_rets_data_type(data_type: &str) -> ColumnKind {
        match data_type.trim().to_ascii_lowercase().as_str() {
            "int" | "small" | "tiny" | "long" => ColumnKind::Integer,
            "decimal" => ColumnKind::Decimal,
            "date" => ColumnKind::Date,
            "datetime" => ColumnKind::DateTime,
            "time" => ColumnKind::Time,
            "boolean" => ColumnKind::Boolean,
            _ => ColumnKind::Text,
        }
    }
}

/// One output column: its header name and its kind.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Column {
    /// Header text (SystemName, StandardName, LongName or DBName, as the caller chose).
    pub name: String,
    /// How values in this column are typed in XLSX.
    pub kind: ColumnKind,
}

impl Column {
    /// A column with the given name and kind.
    pub fn new(name: impl Into<String>, kind: ColumnKind) -> Column {
        Column {
            name: name.into(),
            kind,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_rets_data_types() {
        let cases = [
            ("Int", ColumnKind::Integer),
            ("SMALL", ColumnKind::Integer),
            ("tiny", ColumnKind::Integer),
            ("Long", ColumnKind::Integer),
            ("Decimal", ColumnKind::Decimal),
            ("Date", ColumnKind::Date),
            ("DateTime", ColumnKind::DateTime),
            ("datetime", ColumnKind::DateTime),
            ("Time", ColumnKind::Time),
            ("Boolean", ColumnKind::Boolean),
            ("Character", ColumnKind::Text),
            ("Blob", ColumnKind::Text),
            ("", ColumnKind::Text),
        ];
        for (data_type, kind) in cases {
            assert_eq!(
                ColumnKind::from_rets_data_type(data_type),
                kind,
                "{data_type}"
            );
        }
    }
}
