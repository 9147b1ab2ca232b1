//! RETS metadata: typed records, the `Metadata` aggregate and the parser that reads
//! both COMPACT and STANDARD-XML GetMetadata replies into it.

mod catalog;
mod model;
mod parse;
mod record;

pub use catalog::ClassCatalog;
pub use model::*;
pub use parse::{MetadataReply, MetadataTable, Row, parse_metadata};
pub use record::*;

/// Metadata reply formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum MetadataFormat {
    /// `COMPACT` (the default, smallest).
    #[default]
    Compact,
    /// `STANDARD-XML`.
    StandardXml,
}

impl MetadataFormat {
    /// The value of the Format parameter.
    pub fn as_param(self) -> &'static str {
        match self {
            MetadataFormat::Compact => "COMPACT",
            MetadataFormat::StandardXml => "STANDARD-XML",
        }
    }
}
