//! Metadata for the metadata browser and the query builder, shaped for the UI.

use serde::Serialize;
use ts_rs::TS;

use crate::MetadataStatus;
use rets_client::Metadata;
use rets_client::metadata::{Field, Lookup, Resource};

use crate::CommandResult;
use crate::Portal;

/// What a server describes about itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct MetadataView {
    /// SystemID.
    pub system_id: String,
    /// SystemDescription.
    pub system_description: String,
    /// Metadata version, for change detection.
    pub version: String,
    /// Metadata date as the server sent it.
    pub date: String,
    /// Resources with their classes and lookups.
    pub resources: Vec<ResourceView>,
    /// From the server or the stored copy (offline), and what changed.
    pub status: MetadataStatus,
}

/// A resource (Property, Agent, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct ResourceView {
    /// ResourceID.
    pub id: String,
    /// VisibleName (or the id).
    pub visible_name: String,
    /// StandardName.
    pub standard_name: String,
    /// Description.
    pub description: String,
    /// KeyField.
    pub key_field: String,
    /// Classes.
    pub classes: Vec<ClassView>,
    /// Lookups with their values.
    pub lookups: Vec<LookupView>,
}

/// A class and its fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct ClassView {
    /// ClassName.
    pub name: String,
    /// VisibleName (or the name).
    pub visible_name: String,
    /// StandardName.
    pub standard_name: String,
    /// Description.
    pub description: String,
    /// Fields.
    pub fields: Vec<FieldView>,
}

/// A field of a class.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct FieldView {
    /// SystemName (what queries use).
    pub system_name: String,
    /// StandardName.
    pub standard_name: String,
    /// LongName.
    pub long_name: String,
    /// ShortName.
    pub short_name: String,
    /// DataType (Character, Int, Decimal, Date, DateTime, …).
    pub data_type: String,
    /// Interpretation (Lookup, LookupMulti, Currency, …).
    pub interpretation: String,
    /// LookupName, when the field takes lookup values.
    pub lookup_name: Option<String>,
    /// MaximumLength.
    pub max_length: Option<u32>,
    /// Precision (decimal places).
    pub precision: Option<u32>,
    /// Whether the field can be used in queries.
    pub searchable: bool,
}

/// A lookup and its values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct LookupView {
    /// LookupName.
    pub name: String,
    /// VisibleName.
    pub visible_name: String,
    /// Values.
    pub values: Vec<LookupValueView>,
}

/// One allowed lookup value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct LookupValueView {
    /// Value (what appears in data and queries).
    pub value: String,
    /// LongValue.
    pub long_value: String,
    /// ShortValue.
    pub short_value: String,
}

fn or(preferred: &str, fallback: &str) -> String {
    if preferred.trim().is_empty() {
        fallback
    } else {
        preferred
    }
    .to_owned()
}

impl MetadataView {
    /// The view of `md`, which came from where `status` says.
    pub fn new(md: &Metadata, status: MetadataStatus) -> Self {
        MetadataView {
            system_id: md.system.system_id.clone(),
            system_description: md.system.description.clone(),
            version: md.system_stamp.version.clone(),
            date: md.system_stamp.date.clone(),
            resources: md.resources.iter().map(ResourceView::from).collect(),
            status,
        }
    }
}

impl From<&Resource> for ResourceView {
    fn from(r: &Resource) -> Self {
        let id = &r.info.resource_id;
        ResourceView {
            id: id.clone(),
            visible_name: or(&r.info.visible_name, id),
            standard_name: r.info.standard_name.clone(),
            description: r.info.description.clone(),
            key_field: r.info.key_field.clone(),
            classes: r
                .classes
                .iter()
                .map(|c| ClassView {
                    name: c.info.class_name.clone(),
                    visible_name: or(&c.info.visible_name, &c.info.class_name),
                    standard_name: c.info.standard_name.clone(),
                    description: c.info.description.clone(),
                    fields: c.fields.iter().map(FieldView::from).collect(),
                })
                .collect(),
            lookups: r.lookups.iter().map(LookupView::from).collect(),
        }
    }
}

impl From<&Field> for FieldView {
    fn from(f: &Field) -> Self {
        let lookup = f.lookup_name.trim();
        FieldView {
            system_name: f.system_name.clone(),
            standard_name: f.standard_name.clone(),
            long_name: f.long_name.clone(),
            short_name: f.short_name.clone(),
            data_type: f.data_type.clone(),
            interpretation: f.interpretation.clone(),
            lookup_name: (!lookup.is_empty()).then(|| lookup.to_owned()),
            max_length: f.max_length,
            precision: f.precision,
            searchable: f.searchable,
        }
    }
}

impl From<&Lookup> for LookupView {
    fn from(l: &Lookup) -> Self {
        LookupView {
            name: l.info.lookup_name.clone(),
            visible_name: or(&l.info.visible_name, &l.info.lookup_name),
            values: l
                .values
                .iter()
                .map(|v| LookupValueView {
                    value: v.value.clone(),
                    long_value: v.long_value.clone(),
                    short_value: v.short_value.clone(),
                })
                .collect(),
        }
    }
}

impl Portal {
    /// The connection's metadata (cached after the first load unless `refresh`).
    /// Each fetch is stored as a snapshot in the replica and reports what changed
    /// since the previous one; when the server cannot be reached the newest stored
    /// copy is returned, marked offline with the reason.
    pub async fn metadata_get(
        &self,
        connection_id: String,
        refresh: bool,
    ) -> CommandResult<MetadataView> {
        let profile = self.profile(&connection_id).await?;
        let replica_id = self.replica_connection(&profile).await?;
        let credentials = self.credentials(&profile).await?;
        let (md, status) = self
            .workbench
            .metadata_with_status(&self.store, replica_id, &profile, &credentials, refresh)
            .await?;
        Ok(MetadataView::new(md.as_ref(), status))
    }
}
