//! The class's fields as a DMQL field catalogue, so a query is checked against
//! metadata before anything is sent.

use rets_client::metadata::{Class, Metadata, Resource};
use rets_dmql::{DataType, FieldCatalog, FieldInfo, LookupKind};

/// Fields and lookups of one resource/class.
pub struct ClassCatalog<'a> {
    resource: &'a Resource,
    class: &'a Class,
}

impl<'a> ClassCatalog<'a> {
    /// The catalogue of `resource`/`class`, when the metadata describes its fields.
    pub fn new(metadata: &'a Metadata, resource: &str, class: &str) -> Option<Self> {
        let resource = metadata.resource(resource)?;
        let class = resource.class(class)?;
        (!class.fields.is_empty()).then_some(ClassCatalog { resource, class })
    }

    /// Whether the class has a field with this SystemName.
    pub fn has_field(&self, name: &str) -> bool {
        self.class.field(name).is_some()
    }
}

impl FieldCatalog for ClassCatalog<'_> {
    fn field(&self, system_name: &str) -> Option<FieldInfo> {
        let field = self.class.field(system_name)?;
        let lookup = if field.lookup_name.trim().is_empty() {
            None
        } else {
            Some(
                field
                    .interpretation
                    .parse::<LookupKind>()
                    .unwrap_or(LookupKind::Lookup),
            )
        };
        Some(FieldInfo {
            data_type: field.data_type.parse().unwrap_or(DataType::Character),
            lookup,
            searchable: field.searchable,
        })
    }

    fn lookup_contains(&self, field: &str, value: &str) -> Option<bool> {
        let field = self.class.field(field)?;
        let lookup = self.resource.lookup(&field.lookup_name)?;
        if lookup.values.is_empty() {
            return None;
        }
        Some(lookup.value(value).is_some())
    }
}
