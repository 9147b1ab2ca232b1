//! Lookup decoding for `--decode`: codes become LongValues; LookupMulti values
//! (comma separated codes) become their long values joined by commas. Codes the
//! metadata does not know are kept as sent, so nothing is lost.

use std::collections::HashMap;

use rets_client::metadata::Metadata;

/// Per-column decoders for one resource/class.
pub struct Decoder {
    columns: Vec<Option<ColumnLookup>>,
}

struct ColumnLookup {
    multi: bool,
    long_values: HashMap<String, String>,
}

impl Decoder {
    /// Builds decoders for `columns` from the class's fields and the resource's lookups.
    pub fn new(metadata: &Metadata, resource: &str, class: &str, columns: &[String]) -> Self {
        let columns = columns
            .iter()
            .map(|name| {
                let field = metadata.field(resource, class, name)?;
                let lookup = metadata.field_lookup(resource, class, name)?;
                let multi = field.interpretation.eq_ignore_ascii_case("LookupMulti");
                let long_values = lookup
                    .values
                    .iter()
                    .map(|v| (v.value.trim().to_owned(), v.long_value.clone()))
                    .collect();
                Some(ColumnLookup { multi, long_values })
            })
            .collect();
        Decoder { columns }
    }

    /// True when at least one column has a lookup to decode.
    pub fn is_useful(&self) -> bool {
        self.columns.iter().any(Option::is_some)
    }

    /// Decodes a row in place.
    pub fn decode(&self, row: &mut [String]) {
        for (value, column) in row.iter_mut().zip(&self.columns) {
            if let Some(lookup) = column {
                *value = lookup.decode(value);
            }
        }
    }
}

impl ColumnLookup {
    fn decode(&self, raw: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup(multi: bool) -> ColumnLookup {
        ColumnLookup {
            multi,
            long_values: [("A", "Active"), ("P", "Pending"), ("POOL", "Pool")]
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
        }
    }

    #[test]
    fn single_lookup_becomes_long_value_and_unknown_codes_stay() {
        assert_eq!(lookup(false).decode("A"), "Active");
        assert_eq!(lookup(false).decode("Z"), "Z");
        assert_eq!(lookup(false).decode(""), "");
    }

    #[test]
    fn multi_lookup_joins_long_values_with_commas() {
        assert_eq!(lookup(true).decode("A,POOL"), "Active,Pool");
        assert_eq!(lookup(true).decode("A,,P"), "Active,Pending");
        assert_eq!(lookup(true).decode("A,X"), "Active,X");
    }
}
