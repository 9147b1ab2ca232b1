//! The `Metadata` aggregate: system → resources → classes → fields, with lookups,
//! objects and the other per-resource tables attached where they belong, and the
//! Version/Date of every level kept for cache validation.

use super::parse::MetadataTable;
use super::record::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Version and Date attributes of a `METADATA-XXX` block (for caching).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    /// Version attribute (trimmed).
    pub version: String,
    /// Date attribute as sent (formats vary by server).
    pub date: String,
}

impl Stamp {
    fn of(table: &MetadataTable) -> Self {
        Stamp {
            version: table.attr("Version").unwrap_or_default().to_owned(),
            date: table.attr("Date").unwrap_or_default().to_owned(),
        }
    }
}

/// Everything a server describes about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    /// METADATA-SYSTEM.
    pub system: SystemInfo,
    /// Version/Date of METADATA-SYSTEM.
    pub system_stamp: Stamp,
    /// Version/Date of METADATA-RESOURCE.
    pub resource_stamp: Stamp,
    /// Resources in server order.
    pub resources: Vec<Resource>,
    /// METADATA-FOREIGNKEYS rows.
    pub foreign_keys: Vec<ForeignKey>,
    /// Tables of types this model does not know (COLUMN_GROUP*, vendor types…), verbatim.
    pub other: Vec<MetadataTable>,
}

/// A resource with everything that hangs below it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resource {
    /// The METADATA-RESOURCE row.
    pub info: ResourceInfo,
    /// Classes (METADATA-CLASS) with their fields.
    pub classes: Vec<Class>,
    /// Version/Date of METADATA-CLASS.
    pub class_stamp: Stamp,
    /// Lookups (METADATA-LOOKUP) with their values.
    pub lookups: Vec<Lookup>,
    /// Version/Date of METADATA-LOOKUP.
    pub lookup_stamp: Stamp,
    /// Object types (METADATA-OBJECT).
    pub objects: Vec<ObjectInfo>,
    /// METADATA-SEARCH_HELP rows.
    pub search_help: Vec<SearchHelp>,
    /// METADATA-EDITMASK rows.
    pub edit_masks: Vec<EditMask>,
    /// METADATA-UPDATE_HELP rows.
    pub update_help: Vec<UpdateHelp>,
    /// METADATA-VALIDATION_EXPRESSION rows.
    pub validation_expressions: Vec<ValidationExpression>,
    /// METADATA-VALIDATION_LOOKUP with their types.
    pub validation_lookups: Vec<ValidationLookup>,
    /// METADATA-VALIDATION_EXTERNAL with their types.
    pub validation_externals: Vec<ValidationExternal>,
    /// Version/Date of the other per-resource tables, keyed by type (e.g. "OBJECT").
    pub stamps: BTreeMap<String, Stamp>,
}

/// A class with its fields and update types.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Class {
    /// The METADATA-CLASS row.
    pub info: ClassInfo,
    /// Fields (METADATA-TABLE).
    pub fields: Vec<Field>,
    /// Version/Date of METADATA-TABLE.
    pub table_stamp: Stamp,
    /// METADATA-UPDATE with their types.
    pub updates: Vec<Update>,
}

/// A lookup and its allowed values.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lookup {
    /// The METADATA-LOOKUP row.
    pub info: LookupInfo,
    /// Values (METADATA-LOOKUP_TYPE).
    pub values: Vec<LookupValue>,
    /// Version/Date of METADATA-LOOKUP_TYPE.
    pub values_stamp: Stamp,
}

/// An update transaction and its fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Update {
    /// The METADATA-UPDATE row.
    pub info: UpdateInfo,
    /// METADATA-UPDATE_TYPE rows.
    pub types: Vec<UpdateType>,
}

/// A validation lookup and its rows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidationLookup {
    /// The METADATA-VALIDATION_LOOKUP row.
    pub info: ValidationLookupInfo,
    /// METADATA-VALIDATION_LOOKUP_TYPE rows.
    pub types: Vec<ValidationLookupType>,
}

/// A validation external and its rows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidationExternal {
    /// The METADATA-VALIDATION_EXTERNAL row.
    pub info: ValidationExternalInfo,
    /// METADATA-VALIDATION_EXTERNAL_TYPE rows.
    pub types: Vec<ValidationExternalType>,
}

fn priority(kind: &str) -> u8 {
    match kind {
        "SYSTEM" => 0,
        "RESOURCE" => 1,
        "CLASS" => 2,
        "TABLE" => 3,
        "UPDATE" => 4,
        "UPDATE_TYPE" => 5,
        "LOOKUP" => 6,
        "LOOKUP_TYPE" => 7,
        "VALIDATION_LOOKUP" => 8,
        "VALIDATION_LOOKUP_TYPE" => 9,
        "VALIDATION_EXTERNAL" => 10,
        "VALIDATION_EXTERNAL_TYPE" => 11,
        _ => 12,
    }
}

fn eq(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

impl Metadata {
    /// Builds the aggregate from parsed tables (any order, any subset; tables for
    /// resources/classes not described yet create placeholder entries).
    pub fn from_tables(tables: impl IntoIterator<Item = MetadataTable>) -> Self {
        let mut md = Metadata::default();
        md.merge(tables);
        md
    }

    /// Adds more tables (e.g. from per-type GetMetadata calls) to this aggregate.
    pub fn merge(&mut self, tables: impl IntoIterator<Item = MetadataTable>) {
        let mut tables: Vec<MetadataTable> = tables.into_iter().collect();
        tables.sort_by_key(|t| priority(&t.kind));
        for t in tables {
            self.add(t);
        }
    }

    fn add(&mut self, t: MetadataTable) {
        let res_id = t.attr("Resource").unwrap_or_default().to_owned();
        let class_id = t.attr("Class").unwrap_or_default().to_owned();
        let stamp = Stamp::of(&t);
        match t.kind.as_str() {
            "SYSTEM" => {
                if let Some(row) = t.rows.first() {
                    self.system = SystemInfo::from_row(row);
                }
                self.system_stamp = stamp;
            }
            "RESOURCE" => {
                self.resource_stamp = stamp;
                for row in &t.rows {
                    let info = ResourceInfo::from_row(row);
                    let id = info.resource_id.clone();
                    self.resource_mut(&id).info = info;
                }
            }
            "FOREIGNKEYS" | "FOREIGN_KEYS" => self
                .foreign_keys
                .extend(t.rows.iter().map(ForeignKey::from_row)),
            "CLASS" => {
                let r = self.resource_mut(&res_id);
                r.class_stamp = stamp;
                for row in &t.rows {
                    let info = ClassInfo::from_row(row);
                    let name = info.class_name.clone();
                    class_mut(r, &name).info = info;
                }
            }
            "TABLE" => {
                let c = class_mut(self.resource_mut(&res_id), &class_id);
                c.table_stamp = stamp;
                c.fields = t.rows.iter().map(Field::from_row).collect();
            }
            "UPDATE" => {
                let c = class_mut(self.resource_mut(&res_id), &class_id);
                c.updates.extend(t.rows.iter().map(|r| Update {
                    info: UpdateInfo::from_row(r),
                    types: Vec::new(),
                }));
            }
            "UPDATE_TYPE" => {
                let name = t.attr("Update").unwrap_or_default().to_owned();
                let c = class_mut(self.resource_mut(&res_id), &class_id);
                let pos = match c
                    .updates
                    .iter()
                    .position(|u| eq(&u.info.update_name, &name))
                {
                    Some(p) => p,
                    None => {
                        c.updates.push(Update {
                            info: UpdateInfo {
                                update_name: name,
                                ..Default::default()
                            },
                            types: Vec::new(),
                        });
                        c.updates.len() - 1
                    }
                };
                c.updates[pos].types = t.rows.iter().map(UpdateType::from_row).collect();
            }
            "LOOKUP" => {
                let r = self.resource_mut(&res_id);
                r.lookup_stamp = stamp;
                for row in &t.rows {
                    let info = LookupInfo::from_row(row);
                    let name = info.lookup_name.clone();
                    lookup_mut(r, &name).info = info;
                }
            }
            "LOOKUP_TYPE" => {
                let name = t.attr("Lookup").unwrap_or_default().to_owned();
                let l = lookup_mut(self.resource_mut(&res_id), &name);
                l.values_stamp = stamp;
                l.values = t.rows.iter().map(LookupValue::from_row).collect();
            }
            "VALIDATION_LOOKUP" => {
                let r = self.resource_mut(&res_id);
                r.stamps.insert(t.kind.clone(), stamp);
                r.validation_lookups
                    .extend(t.rows.iter().map(|row| ValidationLookup {
                        info: ValidationLookupInfo::from_row(row),
                        types: Vec::new(),
                    }));
            }
            "VALIDATION_LOOKUP_TYPE" => {
                let name = t.attr("ValidationLookup").unwrap_or_default().to_owned();
                let r = self.resource_mut(&res_id);
                let types = t.rows.iter().map(ValidationLookupType::from_row).collect();
                match r
                    .validation_lookups
                    .iter_mut()
                    .find(|v| eq(&v.info.name, &name))
                {
                    Some(v) => v.types = types,
                    None => r.validation_lookups.push(ValidationLookup {
                        info: ValidationLookupInfo {
                            name,
                            ..Default::default()
                        },
                        types,
                    }),
                }
            }
            "VALIDATION_EXTERNAL" => {
                let r = self.resource_mut(&res_id);
                r.stamps.insert(t.kind.clone(), stamp);
                r.validation_externals
                    .extend(t.rows.iter().map(|row| ValidationExternal {
                        info: ValidationExternalInfo::from_row(row),
                        types: Vec::new(),
                    }));
            }
            "VALIDATION_EXTERNAL_TYPE" => {
                let name = t.attr("ValidationExternal").unwrap_or_default().to_owned();
                let r = self.resource_mut(&res_id);
                let types = t
                    .rows
                    .iter()
                    .map(ValidationExternalType::from_row)
                    .collect();
                match r
                    .validation_externals
                    .iter_mut()
                    .find(|v| eq(&v.info.name, &name))
                {
                    Some(v) => v.types = types,
                    None => r.validation_externals.push(ValidationExternal {
                        info: ValidationExternalInfo {
                            name,
                            ..Default::default()
                        },
                        types,
                    }),
                }
            }
            "OBJECT" | "SEARCH_HELP" | "EDITMASK" | "UPDATE_HELP" | "VALIDATION_EXPRESSION"
                if !res_id.is_empty() =>
            {
                let r = self.resource_mut(&res_id);
                r.stamps.insert(t.kind.clone(), stamp);
                match t.kind.as_str() {
                    "OBJECT" => r.objects.extend(t.rows.iter().map(ObjectInfo::from_row)),
                    "SEARCH_HELP" => r
                        .search_help
                        .extend(t.rows.iter().map(SearchHelp::from_row)),
                    "EDITMASK" => r.edit_masks.extend(t.rows.iter().map(EditMask::from_row)),
                    "UPDATE_HELP" => r
                        .update_help
                        .extend(t.rows.iter().map(UpdateHelp::from_row)),
                    _ => r
                        .validation_expressions
                        .extend(t.rows.iter().map(ValidationExpression::from_row)),
                }
            }
            _ => self.other.push(t),
        }
    }

    fn resource_mut(&mut self, id: &str) -> &mut Resource {
        let pos = match self
            .resources
            .iter()
            .position(|r| eq(&r.info.resource_id, id))
        {
            Some(p) => p,
            None => {
                self.resources.push(Resource {
                    info: ResourceInfo {
                        resource_id: id.to_owned(),
                        ..Default::default()
                    },
                    ..Default::default()
                });
                self.resources.len() - 1
            }
        };
        &mut self.resources[pos]
    }

    /// A resource by ID (case-insensitive).
    pub fn resource(&self, id: &str) -> Option<&Resource> {
        self.resources.iter().find(|r| eq(&r.info.resource_id, id))
    }

    /// A class of a resource.
    pub fn class(&self, resource: &str, class: &str) -> Option<&Class> {
        self.resource(resource)?.class(class)
    }

    /// A field by SystemName (or StandardName) in a class.
    pub fn field(&self, resource: &str, class: &str, name: &str) -> Option<&Field> {
        self.class(resource, class)?.field(name)
    }

    /// The lookup values of a field, resolved through the field's LookupName.
    pub fn field_lookup(&self, resource: &str, class: &str, field: &str) -> Option<&Lookup> {
        let f = self.field(resource, class, field)?;
        if f.lookup_name.is_empty() {
            return None;
        }
        self.resource(resource)?.lookup(&f.lookup_name)
    }

    /// True when this metadata matches the MetadataVersion (and, when both are known,
    /// MetadataTimestamp) announced by a login, i.e. a cached copy is still current.
    pub fn is_current(&self, login: &crate::login::LoginReply) -> bool {
        let Some(v) = login.metadata_version() else {
            return false;
        };
        if v.trim() != self.system_stamp.version.trim() {
            return false;
        }
        match login.metadata_timestamp() {
            Some(t) if !self.system_stamp.date.is_empty() => {
                t.trim() == self.system_stamp.date.trim()
            }
            _ => true,
        }
    }

    /// Total number of fields over all classes (handy for summaries).
    pub fn field_count(&self) -> usize {
        self.resources
            .iter()
            .flat_map(|r| &r.classes)
            .map(|c| c.fields.len())
            .sum()
    }
}

fn class_mut<'a>(r: &'a mut Resource, name: &str) -> &'a mut Class {
    let pos = match r.classes.iter().position(|c| eq(&c.info.class_name, name)) {
        Some(p) => p,
        None => {
            r.classes.push(Class {
                info: ClassInfo {
                    class_name: name.to_owned(),
                    ..Default::default()
                },
                ..Default::default()
            });
            r.classes.len() - 1
        }
    };
    &mut r.classes[pos]
}

fn lookup_mut<'a>(r: &'a mut Resource, name: &str) -> &'a mut Lookup {
    let pos = match r.lookups.iter().position(|l| eq(&l.info.lookup_name, name)) {
        Some(p) => p,
        None => {
            r.lookups.push(Lookup {
                info: LookupInfo {
                    lookup_name: name.to_owned(),
                    ..Default::default()
                },
                ..Default::default()
            });
            r.lookups.len() - 1
        }
    };
    &mut r.lookups[pos]
}

impl Resource {
    /// A class by name (case-insensitive).
    pub fn class(&self, name: &str) -> Option<&Class> {
        self.classes.iter().find(|c| eq(&c.info.class_name, name))
    }

    /// A lookup by LookupName (case-insensitive).
    pub fn lookup(&self, name: &str) -> Option<&Lookup> {
        self.lookups.iter().find(|l| eq(&l.info.lookup_name, name))
    }

    /// The KeyField, when the server declared one.
    pub fn key_field(&self) -> Option<&str> {
        Some(self.info.key_field.as_str()).filter(|k| !k.is_empty())
    }
}

impl Class {
    /// A field by SystemName, falling back to StandardName (case-insensitive).
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields
            .iter()
            .find(|f| eq(&f.system_name, name))
            .or_else(|| {
                self.fields
                    .iter()
                    .find(|f| !f.standard_name.is_empty() && eq(&f.standard_name, name))
            })
    }
}

impl Lookup {
    /// The entry for a data value.
    pub fn value(&self, value: &str) -> Option<&LookupValue> {
        self.values.iter().find(|v| v.value == value)
    }
}
