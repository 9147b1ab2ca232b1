//! Exporting the replica: header styles and decoded lookups from the stored
//! metadata snapshot, the grid's filter and sort, photo links, the About
//! sheet, and a cancel that leaves no file.

use std::collections::BTreeMap;

use calamine::{Data, Reader, Xlsx, open_workbook};
use mls_export::{ExportControl, ExportOptions, Format, HeaderStyle, LookupMode};
use mls_export::{ReplicaExport, export_replica};
use mls_store::metadata::{ClassMeta, FieldMeta, LookupMeta, LookupValue, ResourceMeta};
use mls_store::{
    FieldKind, FieldSpec, Filter, FilterOp, IndexHints, ListingRecord, MetadataSnapshot, Photo,
    Sort, Store,
};

fn field(system: &str, long: &str, data_type: &str, lookup: Option<&str>) -> FieldMeta {
    FieldMeta {
        system_name: system.into(),
        long_name: Some(long.into()),
        data_type: data_type.into(),
        lookup_name: lookup.map(Into::into),
        ..FieldMeta::default()
    }
}

async fn replica() -> (Store, i64) {
    let store = Store::open_in_memory().await.unwrap();
    let c = store
        .create_connection(&mls_store::NewConnection {
            name: "Demo MLS".into(),
            login_url: "http://127.0.0.1:1/login".into(),
            username: "u".into(),
            user_agent: "ua".into(),
            rets_version: "RETS/1.7.2".into(),
            http_method: mls_store::HttpMethod::Get,
            vendor_template: None,
            options: serde_json::json!({}),
        })
        .await
        .unwrap();
    let snapshot = MetadataSnapshot {
        version: "1.0".into(),
        resources: vec![ResourceMeta {
            id: "Property".into(),
            key_field: Some("ListingKey".into()),
            classes: vec![ClassMeta {
                name: "RES".into(),
                fields: vec![
                    field("ListingKey", "Listing Key", "Character", None),
                    field("Status", "Status", "Character", Some("STATUS")),
                    field("ListPrice", "List Price", "Int", None),
                ],
                ..ClassMeta::default()
            }],
            lookups: vec![LookupMeta {
                name: "STATUS".into(),
                values: vec![
                    LookupValue {
                        value: "A".into(),
                        long_value: "Active".into(),
                    },
                    LookupValue {
                        value: "S".into(),
                        long_value: "Sold".into(),
                    },
                ],
            }],
        }],
    };
    store.save_metadata_snapshot(c.id, &snapshot).await.unwrap();
    let table = store
        .ensure_listing_table(
            c.id,
            "Property",
            "RES",
            &[
                FieldSpec::new("ListingKey", FieldKind::Text),
                FieldSpec::new("Status", FieldKind::Text),
                FieldSpec::new("ListPrice", FieldKind::Integer),
            ],
            &IndexHints {
                key: Some("ListingKey".into()),
                ..IndexHints::default()
            },
        )
        .await
        .unwrap();
    let records: Vec<ListingRecord> = [
        ("L1", "A", "300000"),
        ("L2", "S", "150000"),
        ("L3", "A", "450000"),
        ("L4", "A", "0099"),
    ]
    .iter()
    .map(|(k, s, p)| ListingRecord {
        key: (*k).into(),
        values: BTreeMap::from([
            ("ListingKey".into(), (*k).into()),
            ("Status".into(), (*s).into()),
            ("ListPrice".into(), (*p).into()),
        ]),
    })
    .collect();
    store.upsert_listings(&table, &records).await.unwrap();
    store
        .upsert_photo(&Photo {
            connection_id: c.id,
            resource: "Property".into(),
            listing_key: "L3".into(),
            object_id: 1,
            path: "/photos/L3-1.jpg".into(),
            content_type: "image/jpeg".into(),
            size: 4,
            fetched_at: "2026-01-01T00:00:00Z".into(),
        })
        .await
        .unwrap();
    (store, c.id)
}

fn request(connection_id: i64, format: Format, path: std::path::PathBuf) -> ReplicaExport {
    ReplicaExport {
        connection_id,
        connection_name: "Demo MLS".into(),
        resource: "Property".into(),
        class: "RES".into(),
        filters: vec![Filter {
            field: "Status".into(),
            op: FilterOp::Eq(serde_json::json!("A")),
        }],
        sort: Some(Sort {
            field: "ListPrice".into(),
            descending: true,
        }),
        format,
        path,
        options: ExportOptions::default(),
        headers: HeaderStyle::LongName,
        lookups: LookupMode::Decoded,
        photos: true,
        fields: None,
    }
}

#[tokio::test]
async fn csv_follows_filter_sort_headers_lookups_and_photos() {
    let (store, id) = replica().await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("active.csv");
    let control = ExportControl::new();
    let report = export_replica(&store, request(id, Format::Csv, path.clone()), &control)
        .await
        .unwrap();
    assert_eq!(report.rows, 3);
    assert_eq!((control.rows(), control.total()), (3, 3));
    assert_eq!(report.bytes, std::fs::metadata(&path).unwrap().len());
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "Listing Key,Status,List Price,Photos\r\n\
         L3,Active,450000,/photos/L3-1.jpg\r\n\
         L1,Active,300000,\r\n\
         L4,Active,0099,\r\n"
    );

    let mut raw = request(id, Format::Csv, path.clone());
    raw.headers = HeaderStyle::SystemName;
    raw.lookups = LookupMode::Raw;
    raw.photos = false;
    raw.filters.clear();
    raw.sort = None;
    export_replica(&store, raw, &ExportControl::new())
        .await
        .unwrap();
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "ListingKey,Status,ListPrice\r\nL1,A,300000\r\nL2,S,150000\r\nL3,A,450000\r\nL4,A,0099\r\n"
    );
}

#[tokio::test]
async fn xlsx_has_typed_cells_and_an_about_sheet() {
    let (store, id) = replica().await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("active.xlsx");
    let report = export_replica(
        &store,
        request(id, Format::Xlsx, path.clone()),
        &ExportControl::new(),
    )
    .await
    .unwrap();
    assert_eq!((report.rows, report.sheets), (3, 1));
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let listings = book.worksheet_range("Listings").unwrap();
    assert_eq!(listings.get_value((1, 0)), Some(&Data::String("L3".into())));
    assert_eq!(listings.get_value((1, 2)), Some(&Data::Float(450000.0)));
    let about = book.worksheet_range("About this export").unwrap();
    let pairs: Vec<(String, String)> = about
        .rows()
        .map(|r| (r[0].to_string(), r[1].to_string()))
        .collect();
    assert!(pairs.contains(&("Connection".into(), "Demo MLS".into())));
    assert!(pairs.contains(&("Resource / class".into(), "Property:RES".into())));
    assert!(pairs.contains(&("Records".into(), "3".into())));
    assert!(
        pairs
            .iter()
            .any(|(k, v)| k == "Filters" && v.contains("Status"))
    );
}

#[tokio::test]
async fn db_names_and_multi_lookups_come_from_the_stored_metadata_document() {
    use rets_client::metadata::{
        Class, Field, Lookup, LookupValue as ClientValue, Metadata, Resource,
    };

    let (store, id) = replica().await;
    let mut md = Metadata::default();
    let mut resource = Resource::default();
    resource.info.resource_id = "Property".into();
    let mut class = Class::default();
    class.info.class_name = "RES".into();
    class.fields.push(Field {
        system_name: "Status".into(),
        db_name: "STAT".into(),
        lookup_name: "STATUS".into(),
        interpretation: "LookupMulti".into(),
        ..Field::default()
    });
    resource.classes.push(class);
    let mut lookup = Lookup::default();
    lookup.info.lookup_name = "STATUS".into();
    for (value, long) in [("A", "Active"), ("S", "Sold")] {
        lookup.values.push(ClientValue {
            value: value.into(),
            long_value: long.into(),
            ..ClientValue::default()
        });
    }
    resource.lookups.push(lookup);
    md.resources.push(resource);
    let snapshot = store.latest_metadata_snapshot(id).await.unwrap().unwrap();
    store
        .save_metadata_with_document(id, &snapshot, &serde_json::to_string(&md).unwrap())
        .await
        .unwrap();
    // A multi-value code list in one listing.
    let table = store
        .listing_table(id, "Property", "RES")
        .await
        .unwrap()
        .unwrap();
    store
        .upsert_listings(
            &table,
            &[ListingRecord {
                key: "L5".into(),
                values: BTreeMap::from([
                    ("ListingKey".into(), "L5".into()),
                    ("Status".into(), "A,S".into()),
                    ("ListPrice".into(), "1".into()),
                ]),
            }],
        )
        .await
        .unwrap();

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.csv");
    let mut req = request(id, Format::Csv, path.clone());
    req.headers = HeaderStyle::DbName;
    req.filters.clear();
    req.sort = None;
    req.photos = false;
    export_replica(&store, req, &ExportControl::new())
        .await
        .unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines = text.lines();
    // DBName where the document has one, SystemName elsewhere.
    assert_eq!(lines.next(), Some("ListingKey,STAT,ListPrice"));
    assert!(text.contains("L5,\"Active,Sold\",1"), "{text}");
}

#[tokio::test]
async fn cancelled_or_unsynced_exports_leave_no_file() {
    let (store, id) = replica().await;
    let dir = tempfile::tempdir().unwrap();
    let control = ExportControl::new();
    control.cancel();
    let err = export_replica(
        &store,
        request(id, Format::Xlsx, dir.path().join("x.xlsx")),
        &control,
    )
    .await
    .unwrap_err();
    assert!(err.is_cancelled(), "{err}");

    let mut other = request(id, Format::Csv, dir.path().join("y.csv"));
    other.class = "LAND".into();
    let err = export_replica(&store, other, &ExportControl::new())
        .await
        .unwrap_err();
    assert!(err.to_string().contains("Property:LAND"), "{err}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}
