//! Listing tables: one SQLite table per (connection, resource, class) whose typed
//! columns follow the server's field list, plus a side table with the raw values
//! as received, so a type change can always be re-derived and nothing is lost.

mod ident;
mod query;
mod schema;
mod value;
mod write;

use serde::{Deserialize, Serialize};

pub use ident::quote_ident;
pub use query::{Filter, FilterOp, ListingPage, ListingRow, RawListing, Sort};
pub use write::{KeyState, mark_deleted_in, upsert_listings_in};

/// Storage type of a listing column, derived from the RETS DataType.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldKind {
    /// Character data (also the fallback for unknown types).
    Text,
    /// Whole numbers (Int, Small, Tiny, Long).
    Integer,
    /// Decimal numbers.
    Decimal,
    /// Calendar date (`YYYY-MM-DD`).
    Date,
    /// Date and time (`YYYY-MM-DDTHH:MM:SS[.fff]`).
    DateTime,
    /// Boolean, stored as 0/1.
    Boolean,
}

impl FieldKind {
    /// Map a RETS metadata DataType (`Character`, `Int`, `Decimal`, …) to a kind.
    pub fn from_rets_data_type(data_type: &str) -> Self {
        match data_type.to_ascii_lowercase().as_str() {
            "int" | "small" | "tiny" | "long" => Self::Integer,
            "decimal" => Self::Decimal,
            "date" => Self::Date,
            "datetime" => Self::DateTime,
            "boolean" => Self::Boolean,
            _ => Self::Text,
        }
    }

    pub(crate) fn sql_type(self) -> &'static str {
        match self {
            Self::Integer | Self::Boolean => "INTEGER",
            Self::Decimal => "REAL",
            Self::Text | Self::Date | Self::DateTime => "TEXT",
        }
    }
}

/// One column of a listing table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldSpec {
    /// RETS SystemName; used verbatim (quoted) as the column name.
    pub system_name: String,
    /// Storage type.
    pub kind: FieldKind,
}

impl FieldSpec {
    /// Convenience constructor.
    pub fn new(system_name: impl Into<String>, kind: FieldKind) -> Self {
        Self {
            system_name: system_name.into(),
            kind,
        }
    }
}

/// SystemNames of the fields that deserve an index (each optional).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexHints {
    /// The listing key (also stored in the internal `__key` primary key).
    pub key: Option<String>,
    /// ModificationTimestamp (its raw value is also kept in `__modified`).
    pub modified: Option<String>,
    /// Listing status.
    pub status: Option<String>,
    /// List price.
    pub price: Option<String>,
    /// City.
    pub city: Option<String>,
    /// Latitude (indexed together with longitude).
    pub latitude: Option<String>,
    /// Longitude.
    pub longitude: Option<String>,
}

/// A registered listing table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListingTable {
    /// Registry id.
    pub id: i64,
    /// Owning connection.
    pub connection_id: i64,
    /// RETS resource.
    pub resource: String,
    /// RETS class.
    pub class: String,
    /// SQLite table name (`listing_<id>`).
    pub table_name: String,
    /// Columns, including ones the server no longer sends (kept, not dropped).
    pub fields: Vec<FieldSpec>,
    /// Index hints in force.
    pub hints: IndexHints,
}

impl ListingTable {
    /// Name of the side table holding each listing's raw values as JSON. Kept
    /// apart so the typed table stays narrow and grid queries read few pages.
    pub fn raw_table_name(&self) -> String {
        format!("{}_raw", self.table_name)
    }

    /// The spec of column `name`, if the table has it.
    pub fn field(&self, name: &str) -> Option<&FieldSpec> {
        self.fields.iter().find(|f| f.system_name == name)
    }
}

/// One record to write: its key and the values as received (SystemName → text).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingRecord {
    /// Listing key.
    pub key: String,
    /// Raw values by SystemName.
    pub values: std::collections::BTreeMap<String, String>,
}

/// The column holding each listing's key, usable in a [`Filter`] (e.g. `In` a key list).
pub const KEY_COLUMN: &str = col::KEY;

/// Internal column names; field names starting with `__` are refused.
pub(crate) mod col {
    pub const KEY: &str = "__key";
    pub const MODIFIED: &str = "__modified";
    pub const RAW: &str = "__raw";
    pub const DELETED_AT: &str = "__deleted_at";
    pub const SYNCED_AT: &str = "__synced_at";
}
