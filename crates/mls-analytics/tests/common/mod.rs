//! A replica built in a temporary folder from rows given by the test.
#![allow(dead_code)]

use std::collections::BTreeMap;

use mls_store::listings::{FieldKind, FieldSpec, IndexHints, ListingRecord, ListingTable};
use mls_store::metadata::{ClassMeta, FieldMeta, LookupMeta, LookupValue, ResourceMeta};
use mls_store::{HttpMethod, MetadataSnapshot, NewConnection, Store};

pub struct Replica {
    pub store: Store,
    pub dir: tempfile::TempDir,
}

/// A class `Property:RES` with `fields` (SystemName, StandardName, kind) and `rows`.
pub async fn replica(fields: &[(&str, &str, FieldKind)], rows: &[Vec<(&str, String)>]) -> Replica {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("replica.db")).await.unwrap();
    let conn = store
        .create_connection(&NewConnection {
            name: "Test MLS".into(),
            login_url: "http://127.0.0.1:1/rets/login".into(),
            username: "u".into(),
            user_agent: "t/1.0".into(),
            rets_version: "RETS/1.7.2".into(),
            http_method: HttpMethod::Get,
            vendor_template: None,
            options: serde_json::json!({}),
        })
        .await
        .unwrap();
    let data_type = |k: FieldKind| match k {
        FieldKind::Integer => "Int",
        FieldKind::Decimal => "Decimal",
        FieldKind::Date => "Date",
        FieldKind::DateTime => "DateTime",
        FieldKind::Boolean => "Boolean",
        FieldKind::Text => "Character",
    };
    let snapshot = MetadataSnapshot {
        version: "1.0".into(),
        resources: vec![ResourceMeta {
            id: "Property".into(),
            key_field: Some("KEY".into()),
            classes: vec![ClassMeta {
                name: "RES".into(),
                fields: fields
                    .iter()
                    .map(|(name, std, kind)| FieldMeta {
                        system_name: (*name).into(),
                        standard_name: (!std.is_empty()).then(|| (*std).into()),
                        long_name: Some((*name).into()),
                        data_type: data_type(*kind).into(),
                        lookup_name: (*name == "STATUS").then(|| "Status".into()),
                        ..Default::default()
                    })
                    .collect(),
                ..Default::default()
            }],
            lookups: vec![LookupMeta {
                name: "Status".into(),
                values: [
                    ("A", "Active"),
                    ("P", "Pending"),
                    ("S", "Closed"),
                    ("X", "Expired"),
                ]
                .iter()
                .map(|(v, l)| LookupValue {
                    value: (*v).into(),
                    long_value: (*l).into(),
                })
                .collect(),
            }],
        }],
    };
    store
        .save_metadata_snapshot(conn.id, &snapshot)
        .await
        .unwrap();
    let specs: Vec<FieldSpec> = fields
        .iter()
        .map(|(n, _, k)| FieldSpec::new(*n, *k))
        .collect();
    let table = store
        .ensure_listing_table(conn.id, "Property", "RES", &specs, &IndexHints::default())
        .await
        .unwrap();
    let records: Vec<ListingRecord> = rows.iter().map(|row| record(row)).collect();
    for chunk in records.chunks(5000) {
        store.upsert_listings(&table, chunk).await.unwrap();
    }
    Replica { store, dir }
}

/// The listing of `row` (its key is the `KEY` field).
pub fn record(row: &[(&str, String)]) -> ListingRecord {
    ListingRecord {
        key: row
            .iter()
            .find(|(n, _)| *n == "KEY")
            .map(|(_, v)| v.clone())
            .unwrap(),
        values: row
            .iter()
            .map(|(n, v)| ((*n).to_owned(), v.clone()))
            .collect::<BTreeMap<_, _>>(),
    }
}

/// What a sync does when a listing changed: `row` stored again with `field` set to `value`.
pub async fn rewrite(
    store: &Store,
    table: &ListingTable,
    row: &[(&str, String)],
    field: &str,
    value: &str,
) {
    let mut changed = row.to_vec();
    for (name, v) in &mut changed {
        if *name == field {
            *v = value.to_owned();
        }
    }
    store
        .upsert_listings(table, &[record(&changed)])
        .await
        .unwrap();
}
