//! From metadata to export columns: which name heads each column (SystemName,
//! StandardName, LongName or DBName), whether lookup codes are written raw or
//! decoded to their LongValues, and an optional "Photos" link column. The CLI's
//! `search` and `export` and the desktop app all build their columns here, so a
//! header or a decoded value reads the same wherever the file came from.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::str::FromStr;

use crate::{Column, ColumnKind, ExportError};

/// Which metadata name heads each column.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum HeaderStyle {
    /// The RETS SystemName (always present).
    #[default]
    SystemName,
    /// The RESO StandardName.
    StandardName,
    /// The LongName people read.
    LongName,
    /// The DBName (short database column name).
    DbName,
}

impl HeaderStyle {
    /// The name used on the command line and in settings.
    pub fn as_str(self) -> &'static str {
        match self {
            HeaderStyle::SystemName => "system",
            HeaderStyle::StandardName => "standard",
            HeaderStyle::LongName => "long",
            HeaderStyle::DbName => "dbname",
        }
    }
}

impl FromStr for HeaderStyle {
    type Err = ExportError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "system" | "systemname" => Ok(HeaderStyle::SystemName),
            "standard" | "standardname" => Ok(HeaderStyle::StandardName),
            "long" | "longname" => Ok(HeaderStyle::LongName),
            "dbname" | "db" => Ok(HeaderStyle::DbName),
            _ => Err(ExportError::InvalidOption(format!(
                "header style {s:?} is not one of: system, standard, long, dbname"
            ))),
        }
    }
}

impl fmt::Display for HeaderStyle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether lookup fields are written as the codes stored or as their LongValues.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum LookupMode {
    /// Codes exactly as the server sent them.
    #[default]
    Raw,
    /// Each code replaced by its LongValue (LookupMulti: every code of the list).
    Decoded,
}

impl LookupMode {
    /// The name used on the command line and in settings.
    pub fn as_str(self) -> &'static str {
        match self {
            LookupMode::Raw => "raw",
            LookupMode::Decoded => "decoded",
        }
    }
}

impl FromStr for LookupMode {
    type Err = ExportError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "raw" => Ok(LookupMode::Raw),
            "decoded" | "decode" => Ok(LookupMode::Decoded),
            _ => Err(ExportError::InvalidOption(format!(
                "lookup mode {s:?} is not one of: raw, decoded"
            ))),
        }
    }
}

impl fmt::Display for LookupMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A lookup table as an export needs it: code → LongValue.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lookup {
    /// LookupMulti: values are comma-separated lists of codes.
    pub multi: bool,
    /// LongValue of each code (codes trimmed).
    pub long_values: HashMap<String, String>,
}

impl Lookup {
    /// Decodes one stored value. Unknown codes are kept as they are, so nothing is lost.
    pub fn decode(&self, raw: &str) -> String {
        if raw.is_empty() {
            return String::new();
        }
        let one = |code: &str| {
            self.long_values
                .get(code.trim())
                .cloned()
                .unwrap_or_else(|| code.to_owned())
        };
        if self.multi {
            raw.split(',')
                .filter(|c| !c.trim().is_empty())
                .map(one)
                .collect::<Vec<_>>()
                .join(",")
        } else {
            one(raw)
        }
    }
}

/// One field of a class, with the metadata names and type an export uses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldInfo {
    /// SystemName: the key of the stored values.
    pub system_name: String,
    /// StandardName, if the server gives one.
    pub standard_name: Option<String>,
    /// LongName, if the server gives one.
    pub long_name: Option<String>,
    /// DBName, if the server gives one.
    pub db_name: Option<String>,
    /// RETS DataType (`Character`, `Int`, `Date`, …).
    pub data_type: String,
    /// The field's lookup, when it has one and its values are known.
    pub lookup: Option<Lookup>,
}

impl FieldInfo {
    /// A field known only by name and data type.
    pub fn new(system_name: impl Into<String>, data_type: impl Into<String>) -> FieldInfo {
        FieldInfo {
            system_name: system_name.into(),
            data_type: data_type.into(),
            ..FieldInfo::default()
        }
    }

    /// The header text for `style`, falling back to the SystemName when the
    /// chosen name is missing or blank.
    pub fn header(&self, style: HeaderStyle) -> &str {
        let chosen = match style {
            HeaderStyle::SystemName => None,
            HeaderStyle::StandardName => self.standard_name.as_deref(),
            HeaderStyle::LongName => self.long_name.as_deref(),
            HeaderStyle::DbName => self.db_name.as_deref(),
        };
        chosen
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .unwrap_or(&self.system_name)
    }
}

/// Header of the photo link column added by [`ColumnPlan::with_photos`].
pub const PHOTOS_COLUMN: &str = "Photos";

/// The columns of an export and how stored values become cell values.
#[derive(Debug, Clone)]
pub struct ColumnPlan {
    columns: Vec<Column>,
    system_names: Vec<String>,
    decoders: Vec<Option<Lookup>>,
    photos: bool,
}

impl ColumnPlan {
    /// Columns for `fields`, headed per `style`; with [`LookupMode::Decoded`]
    /// lookup fields hold LongValues (and are text whatever the code's type).
    /// Header names are made unique: a repeated name gets ` (SystemName)`.
    pub fn new(fields: &[FieldInfo], style: HeaderStyle, lookups: LookupMode) -> ColumnPlan {
        let mut seen = HashSet::new();
        let mut columns = Vec::with_capacity(fields.len());
        let mut decoders = Vec::with_capacity(fields.len());
        for field in fields {
            let decoder = match lookups {
                LookupMode::Decoded => field.lookup.clone(),
                LookupMode::Raw => None,
            };
            let kind = if decoder.is_some() {
                ColumnKind::Text
            } else {
                ColumnKind::from_rets_data_type(&field.data_type)
            };
            let mut name = field.header(style).to_owned();
            if !seen.insert(name.clone()) {
                name = format!("{name} ({})", field.system_name);
                seen.insert(name.clone());
            }
            columns.push(Column::new(name, kind));
            decoders.push(decoder);
        }
        ColumnPlan {
            columns,
            system_names: fields.iter().map(|f| f.system_name.clone()).collect(),
            decoders,
            photos: false,
        }
    }

    /// Adds a last column, [`PHOTOS_COLUMN`], holding the path of each
    /// listing's first downloaded photo (an XLSX hyperlink, a path in CSV).
    pub fn with_photos(mut self) -> ColumnPlan {
        let mut name = PHOTOS_COLUMN.to_owned();
        while self.columns.iter().any(|c| c.name == name) {
            name.push_str(" (file)");
        }
        self.columns.push(Column::new(name, ColumnKind::Link));
        self.photos = true;
        self
    }

    /// The header columns, in order.
    pub fn columns(&self) -> &[Column] {
        &self.columns
    }

    /// Whether a photo column was added.
    pub fn has_photos(&self) -> bool {
        self.photos
    }

    /// True when at least one column will be decoded.
    pub fn decodes_anything(&self) -> bool {
        self.decoders.iter().any(Option::is_some)
    }

    /// Fills `row` with the cell values of one record: `value(system_name)`
    /// gives the stored value (missing = empty), decoded where asked, then the
    /// photo path when the plan has a photo column.
    pub fn fill_row<'a>(
        &self,
        value: impl Fn(&str) -> Option<&'a str>,
        photo: Option<&str>,
        row: &mut Vec<String>,
    ) {
        row.clear();
        for (name, decoder) in self.system_names.iter().zip(&self.decoders) {
            let raw = value(name).unwrap_or("");
            row.push(match decoder {
                Some(lookup) => lookup.decode(raw),
                None => raw.to_owned(),
            });
        }
        if self.photos {
            row.push(photo.unwrap_or("").to_owned());
        }
    }

    /// Decodes a row already in field order (without the photo column) in place.
    pub fn decode_in_place(&self, row: &mut [String]) {
        for (value, decoder) in row.iter_mut().zip(&self.decoders) {
            if let Some(lookup) = decoder {
                *value = lookup.decode(value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup(multi: bool) -> Lookup {
        Lookup {
            multi,
            long_values: [("A", "Active"), ("P", "Pending"), ("POOL", "Pool")]
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
        }
    }

    fn fields() -> Vec<FieldInfo> {
        vec![
            FieldInfo {
                system_name: "L_Status".into(),
                standard_name: Some("StandardStatus".into()),
                long_name: Some("Status".into()),
                db_name: Some("STAT".into()),
                data_type: "Character".into(),
                lookup: Some(lookup(false)),
            },
            FieldInfo {
                system_name: "L_Price".into(),
                standard_name: Some("  ".into()),
                long_name: Some("List Price".into()),
                db_name: None,
                data_type: "Int".into(),
                lookup: None,
            },
            FieldInfo {
                system_name: "L_Features".into(),
                long_name: Some("Status".into()),
                data_type: "Character".into(),
                lookup: Some(lookup(true)),
                ..FieldInfo::default()
            },
        ]
    }

    #[test]
    fn single_lookup_becomes_long_value_and_unknown_codes_stay() {
        assert_eq!(lookup(false).decode("A"), "Active");
        assert_eq!(lookup(false).decode("Z"), "Z");
        assert_eq!(lookup(false).decode(""), "");
    }

    #[test]
    fn multi_lookup_decodes_each_code() {
        assert_eq!(lookup(true).decode("A,POOL"), "Active,Pool");
        assert_eq!(lookup(true).decode("A,,P"), "Active,Pending");
        assert_eq!(lookup(true).decode("A,X"), "Active,X");
    }

    #[test]
    fn headers_follow_the_style_and_fall_back_to_system_name() {
        let names = |style| {
            ColumnPlan::new(&fields(), style, LookupMode::Raw)
                .columns()
                .iter()
                .map(|c| c.name.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names(HeaderStyle::SystemName),
            ["L_Status", "L_Price", "L_Features"]
        );
        assert_eq!(
            names(HeaderStyle::StandardName),
            ["StandardStatus", "L_Price", "L_Features"]
        );
        // A repeated LongName is told apart by its SystemName.
        assert_eq!(
            names(HeaderStyle::LongName),
            ["Status", "List Price", "Status (L_Features)"]
        );
        assert_eq!(
            names(HeaderStyle::DbName),
            ["STAT", "L_Price", "L_Features"]
        );
    }

    #[test]
    fn decoded_lookups_are_text_and_raw_keep_the_data_type() {
        let raw = ColumnPlan::new(&fields(), HeaderStyle::SystemName, LookupMode::Raw);
        assert!(!raw.decodes_anything());
        let decoded = ColumnPlan::new(&fields(), HeaderStyle::SystemName, LookupMode::Decoded);
        assert!(decoded.decodes_anything());
        assert_eq!(decoded.columns()[1].kind, ColumnKind::Integer);

        let record: HashMap<&str, &str> = [
            ("L_Status", "P"),
            ("L_Price", "450000"),
            ("L_Features", "POOL,A"),
        ]
        .into_iter()
        .collect();
        let mut row = Vec::new();
        raw.fill_row(|n| record.get(n).copied(), None, &mut row);
        assert_eq!(row, ["P", "450000", "POOL,A"]);
        decoded.fill_row(|n| record.get(n).copied(), None, &mut row);
        assert_eq!(row, ["Pending", "450000", "Pool,Active"]);

        let mut in_place = vec!["A".to_owned(), "1".to_owned(), "P".to_owned()];
        decoded.decode_in_place(&mut in_place);
        assert_eq!(in_place, ["Active", "1", "Pending"]);
    }

    #[test]
    fn photo_column_comes_last_with_a_unique_name() {
        let mut with_clash = fields();
        with_clash.push(FieldInfo::new("Photos", "Int"));
        let plan =
            ColumnPlan::new(&with_clash, HeaderStyle::SystemName, LookupMode::Raw).with_photos();
        let last = plan.columns().last().unwrap();
        assert_eq!(
            (last.name.as_str(), last.kind),
            ("Photos (file)", ColumnKind::Link)
        );
        let mut row = Vec::new();
        plan.fill_row(|_| None, Some("/photos/L1-1.jpg"), &mut row);
        assert_eq!(row.len(), 5);
        assert_eq!(row[4], "/photos/L1-1.jpg");
        plan.fill_row(|_| None, None, &mut row);
        assert_eq!(row[4], "");
    }

    #[test]
    fn styles_and_modes_parse_and_print() {
        for style in [
            HeaderStyle::SystemName,
            HeaderStyle::StandardName,
            HeaderStyle::LongName,
            HeaderStyle::DbName,
        ] {
            assert_eq!(style.to_string().parse::<HeaderStyle>().unwrap(), style);
        }
        for mode in [LookupMode::Raw, LookupMode::Decoded] {
            assert_eq!(mode.to_string().parse::<LookupMode>().unwrap(), mode);
        }
        let err = "short".parse::<HeaderStyle>().unwrap_err();
        assert_eq!(err.code(), "export.invalid_option");
        assert!(err.to_string().contains("system, standard, long, dbname"));
    }
}
