//! Bridges the metadata model to the DMQL validator of `rets-dmql`: a class of a
//! resource, seen as a `FieldCatalog`, so queries can be checked before they are sent.

use super::model::{Class, Metadata, Resource};
use crate::error::RetsError;
use rets_dmql::{DataType, FieldCatalog, FieldInfo, LookupKind};

/// The fields and lookups of one class, for query validation.
#[derive(Debug, Clone, Copy)]
pub struct ClassCatalog<'a> {
    resource: &'a Resource,
    class: &'a Class,
}

impl Metadata {
    /// A validator catalog for `resource`/`class`, when both exist.
    pub fn catalog(&self, resource: &str, class: &str) -> Option<ClassCatalog<'_>> {
        let resource = self.resource(resource)?;
        let class = resource.class(class)?;
        Some(ClassCatalog { resource, class })
    }
}

impl Metadata {
    /// Checks that every name of a Select list is a field of the class; the first
    /// unknown name is reported as [`RetsError::UnknownField`].
    pub fn check_select<S: AsRef<str>>(
        &self,
        resource: &str,
        class: &str,
        fields: &[S],
    ) -> Result<(), RetsError> {
        let unknown = |field: &str| RetsError::UnknownField {
            resource: resource.to_owned(),
            class: class.to_owned(),
            field: field.to_owned(),
        };
        let Some(c) = self.class(resource, class) else {
            return match fields.first() {
                Some(f) => Err(unknown(f.as_ref())),
                None => Ok(()),
            };
        };
        match fields.iter().find(|f| c.field(f.as_ref()).is_none()) {
            Some(f) => Err(unknown(f.as_ref())),
            None => Ok(()),
        }
    }
}

impl FieldCatalog for ClassCatalog<'_> {
    fn field(&self, system_name: &str) -> Option<FieldInfo> {
        let f = self.class.field(system_name)?;
        // Unknown DataType spellings are validated as free text rather than rejected.
        let data_type = f.data_type.parse().unwrap_or(DataType::Character);
        let lookup = match f.interpretation.parse::<LookupKind>() {
            Ok(kind) => Some(kind),
            Err(_) if !f.lookup_name.is_empty() => Some(LookupKind::Lookup),
            Err(_) => None,
        };
        Some(FieldInfo {
            data_type,
            lookup,
            searchable: f.searchable,
        })
    }

    fn lookup_contains(&self, field: &str, value: &str) -> Option<bool> {
        let f = self.class.field(field)?;
        let lookup = self.resource.lookup(&f.lookup_name)?;
        if lookup.values.is_empty() {
            return None;
        }
        Some(lookup.values.iter().any(|v| v.value == value))
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse::MetadataTable;
    use super::*;

    fn table(kind: &str, attrs: &[(&str, &str)], rows: &[&[(&str, &str)]]) -> MetadataTable {
        MetadataTable {
            kind: kind.into(),
            attributes: attrs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            rows: rows
                .iter()
                .map(|r| {
                    r.iter()
                        .map(|(k, v)| (k.to_string(), v.to_string()))
                        .collect()
                })
                .collect(),
        }
    }

    #[test]
    fn catalog_answers_from_metadata() {
        let md = Metadata::from_tables([
            table(
                "TABLE",
                &[("Resource", "Property"), ("Class", "RES")],
                &[
                    &[
                        ("SystemName", "ListPrice"),
                        ("DataType", "Decimal"),
                        ("Searchable", "1"),
                    ],
                    &[
                        ("SystemName", "Status"),
                        ("DataType", "Character"),
                        ("Interpretation", "Lookup"),
                        ("LookupName", "ST"),
                        ("Searchable", "1"),
                    ],
                    &[
                        ("SystemName", "Secret"),
                        ("DataType", "Weird"),
                        ("Searchable", "0"),
                    ],
                ],
            ),
            table(
                "LOOKUP_TYPE",
                &[("Resource", "Property"), ("Lookup", "ST")],
                &[&[("Value", "A"), ("LongValue", "Active")]],
            ),
        ]);
        let c = md.catalog("property", "RES").unwrap();
        let price = c.field("ListPrice").unwrap();
        assert_eq!(price.data_type, DataType::Decimal);
        assert!(price.searchable && price.lookup.is_none());
        assert_eq!(c.field("Status").unwrap().lookup, Some(LookupKind::Lookup));
        let secret = c.field("Secret").unwrap();
        assert_eq!(secret.data_type, DataType::Character);
        assert!(!secret.searchable);
        assert!(c.field("Nope").is_none());
        assert_eq!(c.lookup_contains("Status", "A"), Some(true));
        assert_eq!(c.lookup_contains("Status", "Z"), Some(false));
        assert_eq!(c.lookup_contains("ListPrice", "1"), None);
        assert!(md.catalog("Property", "NOPE").is_none());
        assert!(
            md.check_select("Property", "RES", &["ListPrice", "status"])
                .is_ok()
        );
        let e = md
            .check_select("Property", "RES", &["ListPrice", "Bogus"])
            .unwrap_err();
        assert_eq!(e.code(), "unknown_field");
        assert_eq!(e.to_string(), "unknown field Bogus in Property:RES");
    }
}
