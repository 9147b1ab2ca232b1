//! `rets-portal metadata`: the server's metadata as JSON. The documented core
//! (`resources[].classes[].fields[]`, `resources[].lookups[].values[]`) is a stable
//! contract; extra keys may be added.

use anyhow::Result;
use rets_client::metadata::{Field, Lookup, Metadata, Resource};
use serde::Serialize;

use crate::args::MetadataArgs;
use crate::connect::Connection;

/// Runs the `metadata` subcommand.
pub async fn run(args: MetadataArgs) -> Result<()> {
    let conn = Connection::open(&args.conn).await?;
    let result = conn.session.metadata_all().await;
    conn.close().await;
    let metadata = result?;
    let json = serde_json::to_string_pretty(&MetadataJson::from(&metadata))?;
    crate::output::write_text(args.out.as_deref(), &(json + "\n"))
}

#[derive(Serialize)]
struct MetadataJson<'a> {
    system: SystemJson<'a>,
    resources: Vec<ResourceJson<'a>>,
}

#[derive(Serialize)]
struct SystemJson<'a> {
    id: &'a str,
    description: &'a str,
    version: &'a str,
    date: &'a str,
}

#[derive(Serialize)]
struct ResourceJson<'a> {
    id: &'a str,
    standard_name: &'a str,
    visible_name: &'a str,
    key_field: &'a str,
    classes: Vec<ClassJson<'a>>,
    lookups: Vec<LookupJson<'a>>,
}

#[derive(Serialize)]
struct ClassJson<'a> {
    name: &'a str,
    standard_name: &'a str,
    visible_name: &'a str,
    description: &'a str,
    fields: Vec<FieldJson<'a>>,
}

#[derive(Serialize)]
struct FieldJson<'a> {
    system_name: &'a str,
    standard_name: &'a str,
    long_name: &'a str,
    short_name: &'a str,
    db_name: &'a str,
    data_type: &'a str,
    interpretation: &'a str,
    lookup_name: Option<&'a str>,
    max_length: Option<u32>,
    precision: Option<u32>,
    searchable: bool,
}

#[derive(Serialize)]
struct LookupJson<'a> {
    name: &'a str,
    visible_name: &'a str,
    values: Vec<LookupValueJson<'a>>,
}

#[derive(Serialize)]
struct LookupValueJson<'a> {
    value: &'a str,
    long_value: &'a str,
    short_value: &'a str,
}

impl<'a> From<&'a Metadata> for MetadataJson<'a> {
    fn from(md: &'a Metadata) -> Self {
        MetadataJson {
            system: SystemJson {
                id: &md.system.system_id,
                description: &md.system.description,
                version: &md.system_stamp.version,
                date: &md.system_stamp.date,
            },
            resources: md.resources.iter().map(ResourceJson::from).collect(),
        }
    }
}

impl<'a> From<&'a Resource> for ResourceJson<'a> {
    fn from(r: &'a Resource) -> Self {
        ResourceJson {
            id: &r.info.resource_id,
            standard_name: &r.info.standard_name,
            visible_name: &r.info.visible_name,
            key_field: &r.info.key_field,
            classes: r
                .classes
                .iter()
                .map(|c| ClassJson {
                    name: &c.info.class_name,
                    standard_name: &c.info.standard_name,
                    visible_name: &c.info.visible_name,
                    description: &c.info.description,
                    fields: c.fields.iter().map(FieldJson::from).collect(),
                })
                .collect(),
            lookups: r.lookups.iter().map(LookupJson::from).collect(),
        }
    }
}

impl<'a> From<&'a Field> for FieldJson<'a> {
    fn from(f: &'a Field) -> Self {
        let lookup = f.lookup_name.trim();
        FieldJson {
            system_name: &f.system_name,
            standard_name: &f.standard_name,
            long_name: &f.long_name,
            short_name: &f.short_name,
            db_name: &f.db_name,
            data_type: &f.data_type,
            interpretation: &f.interpretation,
            lookup_name: (!lookup.is_empty()).then_some(lookup),
            max_length: f.max_length,
            precision: f.precision,
            searchable: f.searchable,
        }
    }
}

impl<'a> From<&'a Lookup> for LookupJson<'a> {
    fn from(l: &'a Lookup) -> Self {
        LookupJson {
            name: &l.info.lookup_name,
            visible_name: &l.info.visible_name,
            values: l
                .values
                .iter()
                .map(|v| LookupValueJson {
                    value: &v.value,
                    long_value: &v.long_value,
                    short_value: &v.short_value,
                })
                .collect(),
        }
    }
}
