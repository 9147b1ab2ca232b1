//! Listing tables: typed columns, upserts, deletion marks, grid queries, schema
//! evolution without data loss, and hostile field names.

use std::collections::BTreeMap;

use mls_store::{
    FieldKind, FieldSpec, Filter, FilterOp, IndexHints, ListingRecord, Sort, Store, StoreError,
};
use serde_json::json;

fn fields() -> Vec<FieldSpec> {
    vec![
        FieldSpec::new("ListingKey", FieldKind::Text),
        FieldSpec::new("ModificationTimestamp", FieldKind::DateTime),
        FieldSpec::new("Status", FieldKind::Text),
        FieldSpec::new("ListPrice", FieldKind::Integer),
        FieldSpec::new("City", FieldKind::Text),
        FieldSpec::new("Latitude", FieldKind::Decimal),
        FieldSpec::new("Longitude", FieldKind::Decimal),
    ]
}

fn hints() -> IndexHints {
    IndexHints {
        key: Some("ListingKey".into()),
        modified: Some("ModificationTimestamp".into()),
        status: Some("Status".into()),
        price: Some("ListPrice".into()),
        city: Some("City".into()),
        latitude: Some("Latitude".into()),
        longitude: Some("Longitude".into()),
    }
}

fn record(key: &str, pairs: &[(&str, &str)]) -> ListingRecord {
    let mut values: BTreeMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    values.insert("ListingKey".into(), key.into());
    ListingRecord {
        key: key.into(),
        values,
    }
}

async fn connection(store: &Store) -> mls_store::Connection {
    store
        .create_connection(&mls_store::NewConnection {
            name: "Demo".into(),
            login_url: "http://127.0.0.1:1/login".into(),
            username: "u".into(),
            user_agent: "ua".into(),
            rets_version: "RETS/1.7.2".into(),
            http_method: mls_store::HttpMethod::Get,
            vendor_template: None,
            options: json!({}),
        })
        .await
        .unwrap()
}

async fn seeded() -> (Store, mls_store::ListingTable) {
    let store = Store::open_in_memory().await.unwrap();
    let c = connection(&store).await;
    let t = store
        .ensure_listing_table(c.id, "Property", "RES", &fields(), &hints())
        .await
        .unwrap();
    let recs = vec![
        record(
            "A1",
            &[
                ("Status", "Active"),
                ("ListPrice", "300,000"),
                ("City", "Springfield"),
                ("ModificationTimestamp", "2026-01-01T10:00:00"),
            ],
        ),
        record(
            "A2",
            &[
                ("Status", "Pending"),
                ("ListPrice", "150000"),
                ("City", "Shelbyville"),
                ("ModificationTimestamp", "2026-01-02T10:00:00"),
            ],
        ),
        record(
            "A3",
            &[
                ("Status", "Active"),
                ("ListPrice", "450000"),
                ("City", "Springfield"),
                ("Latitude", "39.78"),
                ("Longitude", "-89.65"),
            ],
        ),
        record(
            "A4",
            &[
                ("Status", "Active"),
                ("ListPrice", "n/a"),
                ("City", "Capital_City"),
            ],
        ),
    ];
    assert_eq!(store.upsert_listings(&t, &recs).await.unwrap(), 4);
    (store, t)
}

#[tokio::test]
async fn creates_indexes_from_hints() {
    let (store, t) = seeded().await;
    let names: Vec<(String,)> = sqlx::query_as(
        "SELECT name FROM sqlite_master WHERE type='index' AND tbl_name = ? ORDER BY name",
    )
    .bind(&t.table_name)
    .fetch_all(store.pool())
    .await
    .unwrap();
    let names: Vec<String> = names
        .into_iter()
        .map(|n| n.0.replace(&t.table_name, "T"))
        .collect();
    for want in [
        "T_ix_key_0",
        "T_ix_modified_1",
        "T_ix_status_2_1",
        "T_ix_status_2_3",
        "T_ix_price_3",
        "T_ix_city_4_3",
        "T_ix_coords_5_6",
    ] {
        assert!(
            names.contains(&want.to_string()),
            "{want} missing from {names:?}"
        );
    }
    let plan: Vec<(i64, i64, i64, String)> = sqlx::query_as(&format!(
        "EXPLAIN QUERY PLAN SELECT COUNT(*) FROM {} WHERE \"City\" = 'Springfield' AND \"__deleted_at\" IS NULL",
        t.table_name
    ))
    .fetch_all(store.pool())
    .await
    .unwrap();
    assert!(
        plan.iter().any(|p| p.3.contains("USING COVERING INDEX")),
        "counts come from the partial index alone: {plan:?}"
    );
}

#[tokio::test]
async fn query_filters_sorts_pages_and_counts() {
    let (store, t) = seeded().await;
    let active = Filter {
        field: "Status".into(),
        op: FilterOp::Eq(json!("Active")),
    };
    let by_price = Sort {
        field: "ListPrice".into(),
        descending: true,
    };
    let page = store
        .query_listings(&t, std::slice::from_ref(&active), Some(&by_price), 0, 2)
        .await
        .unwrap();
    assert_eq!(page.total, 3);
    assert_eq!(
        page.rows.iter().map(|r| r.key.as_str()).collect::<Vec<_>>(),
        vec!["A3", "A1"]
    );
    let price_col = page.columns.iter().position(|c| c == "ListPrice").unwrap();
    assert_eq!(
        page.rows[1].values[price_col],
        json!(300000),
        "text converted to integer"
    );
    let lat_col = page.columns.iter().position(|c| c == "Latitude").unwrap();
    assert_eq!(page.rows[0].values[lat_col], json!(39.78));

    let next = store
        .query_listings(&t, &[active], Some(&by_price), 2, 2)
        .await
        .unwrap();
    assert_eq!(next.rows.len(), 1);
    assert_eq!(next.rows[0].key, "A4");
    assert_eq!(
        next.rows[0].values[price_col],
        json!(null),
        "unparseable → NULL"
    );
    assert_eq!(
        store.listing_raw(&t, "A4").await.unwrap().unwrap()["ListPrice"],
        "n/a",
        "raw kept"
    );

    let range = Filter {
        field: "ListPrice".into(),
        op: FilterOp::Between(json!(100000), json!(320000)),
    };
    let p = store
        .query_listings(&t, &[range], None, 0, 10)
        .await
        .unwrap();
    assert_eq!(
        p.rows.iter().map(|r| r.key.as_str()).collect::<Vec<_>>(),
        vec!["A1", "A2"]
    );

    // LIKE wildcards in user input are literal.
    let like = Filter {
        field: "City".into(),
        op: FilterOp::Contains("_".into()),
    };
    let p = store
        .query_listings(&t, &[like], None, 0, 10)
        .await
        .unwrap();
    assert_eq!(p.total, 1);
    let starts = Filter {
        field: "City".into(),
        op: FilterOp::StartsWith("spr".into()),
    };
    assert_eq!(
        store
            .query_listings(&t, &[starts], None, 0, 10)
            .await
            .unwrap()
            .total,
        2
    );
    let inn = Filter {
        field: "Status".into(),
        op: FilterOp::In(vec![json!("Pending"), json!("Sold")]),
    };
    assert_eq!(
        store
            .query_listings(&t, &[inn], None, 0, 10)
            .await
            .unwrap()
            .total,
        1
    );

    // A key list (a spreadsheet import) filters the key column, in the grid
    // query and in the export reads that join the raw table.
    let keys = Filter {
        field: mls_store::listings::KEY_COLUMN.into(),
        op: FilterOp::In(vec![json!("A2"), json!("A1"), json!("NOPE")]),
    };
    let p = store
        .query_listings(&t, std::slice::from_ref(&keys), None, 0, 10)
        .await
        .unwrap();
    assert_eq!(
        p.rows.iter().map(|r| r.key.as_str()).collect::<Vec<_>>(),
        vec!["A1", "A2"]
    );
    let raw = store
        .raw_listings_after(&t, std::slice::from_ref(&keys), None, 10)
        .await
        .unwrap();
    assert_eq!(
        raw.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(),
        vec!["A1", "A2"]
    );
    let (tx, mut rx) = tokio::sync::mpsc::channel(4);
    let sent = store
        .send_raw_listings(&t, std::slice::from_ref(&keys), None, true, 10, &tx)
        .await
        .unwrap();
    assert_eq!(sent, 2);
    assert_eq!(rx.recv().await.unwrap().len(), 2);

    let mut cities = Vec::new();
    let visited = store
        .for_each_listing_text(&t, "City", |k, v| cities.push((k.to_owned(), v.to_owned())))
        .await
        .unwrap();
    assert_eq!(visited, cities.len() as u64);
    let all = store.query_listings(&t, &[], None, 0, 100).await.unwrap();
    let city_col = all.columns.iter().position(|c| c == "City").unwrap();
    let expected: Vec<(String, String)> = all
        .rows
        .iter()
        .filter_map(|r| Some((r.key.clone(), r.values[city_col].as_str()?.to_owned())))
        .collect();
    cities.sort();
    assert_eq!(cities, expected);
    assert!(!cities.is_empty());
    assert!(
        store
            .for_each_listing_text(&t, "Nope", |_, _| {})
            .await
            .is_err()
    );
    // Sorting by the key column still works in the joined export read.
    let by_key = Sort {
        field: mls_store::listings::KEY_COLUMN.into(),
        descending: true,
    };
    let (tx, mut rx) = tokio::sync::mpsc::channel(4);
    store
        .send_raw_listings(&t, &[], Some(&by_key), false, 100, &tx)
        .await
        .unwrap();
    let first = rx.recv().await.unwrap();
    let mut sorted: Vec<String> = first.iter().map(|l| l.key.clone()).collect();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(
        first.iter().map(|l| l.key.clone()).collect::<Vec<_>>(),
        sorted
    );

    let unknown = Filter {
        field: "Nope".into(),
        op: FilterOp::IsNull,
    };
    assert!(matches!(
        store.query_listings(&t, &[unknown], None, 0, 10).await,
        Err(StoreError::Invalid(_))
    ));
}

#[tokio::test]
async fn deletions_are_marked_not_dropped() {
    let (store, t) = seeded().await;
    assert_eq!(
        store
            .mark_deleted(&t, &["A2".into(), "ZZ".into()])
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        store
            .query_listings(&t, &[], None, 0, 10)
            .await
            .unwrap()
            .total,
        3
    );
    let deleted = Filter {
        field: "__deleted_at".into(),
        op: FilterOp::NotNull,
    };
    let p = store
        .query_listings(&t, &[deleted], None, 0, 10)
        .await
        .unwrap();
    assert_eq!(p.rows.len(), 1);
    assert!(p.rows[0].deleted_at.is_some());
    let states = store.listing_key_states(&t).await.unwrap();
    assert!(states["A2"].deleted && !states["A1"].deleted);
    assert_eq!(
        states["A1"].modified.as_deref(),
        Some("2026-01-01T10:00:00")
    );

    // Coming back undeletes.
    store
        .upsert_listings(&t, &[record("A2", &[("Status", "Active")])])
        .await
        .unwrap();
    assert!(!store.listing_key_states(&t).await.unwrap()["A2"].deleted);
}

#[tokio::test]
async fn upsert_replaces_without_duplicates() {
    let (store, t) = seeded().await;
    store
        .upsert_listings(
            &t,
            &[record("A1", &[("Status", "Sold"), ("ListPrice", "310000")])],
        )
        .await
        .unwrap();
    let p = store.query_listings(&t, &[], None, 0, 10).await.unwrap();
    assert_eq!(p.total, 4);
    let status = p.columns.iter().position(|c| c == "Status").unwrap();
    assert_eq!(p.rows[0].values[status], json!("Sold"));
}

#[tokio::test]
async fn schema_follows_metadata_without_losing_data() {
    let (store, t) = seeded().await;
    // ListPrice becomes Decimal, PoolYN appears, City is no longer sent.
    let mut f2: Vec<FieldSpec> = fields()
        .into_iter()
        .filter(|f| f.system_name != "City")
        .collect();
    f2.iter_mut()
        .find(|f| f.system_name == "ListPrice")
        .unwrap()
        .kind = FieldKind::Decimal;
    f2.push(FieldSpec::new("PoolYN", FieldKind::Boolean));
    let t2 = store
        .ensure_listing_table(t.connection_id, "Property", "RES", &f2, &hints())
        .await
        .unwrap();
    assert_eq!(t2.table_name, t.table_name);
    assert_eq!(t2.field("ListPrice").unwrap().kind, FieldKind::Decimal);
    assert!(
        t2.field("City").is_some(),
        "dropped fields keep their column"
    );

    store
        .upsert_listings(
            &t2,
            &[record(
                "A5",
                &[
                    ("ListPrice", "99999.5"),
                    ("PoolYN", "Y"),
                    ("Status", "Active"),
                ],
            )],
        )
        .await
        .unwrap();
    let p = store
        .query_listings(
            &t2,
            &[],
            Some(&Sort {
                field: "ListPrice".into(),
                descending: false,
            }),
            0,
            10,
        )
        .await
        .unwrap();
    assert_eq!(p.total, 5);
    let col = |n: &str| p.columns.iter().position(|c| c == n).unwrap();
    let row = |k: &str| p.rows.iter().find(|r| r.key == k).unwrap();
    assert_eq!(
        row("A1").values[col("ListPrice")],
        json!(300000.0),
        "rebuilt from raw"
    );
    assert_eq!(row("A5").values[col("ListPrice")], json!(99999.5));
    assert_eq!(row("A5").values[col("PoolYN")], json!(true));
    assert_eq!(
        row("A1").values[col("City")],
        json!("Springfield"),
        "old column kept"
    );
    assert_eq!(p.rows[0].key, "A4", "empty values first when ascending");
    assert_eq!(p.rows[1].key, "A5", "then sorted numerically");

    // The price index was rebuilt on the new column.
    let idx: Vec<(String,)> =
        sqlx::query_as("SELECT name FROM sqlite_master WHERE type='index' AND name LIKE '%price%'")
            .fetch_all(store.pool())
            .await
            .unwrap();
    assert_eq!(idx.len(), 1);
    assert_eq!(store.integrity_check().await.unwrap(), vec!["ok"]);

    // Reopening the registry gives the same evolved table.
    let again = store
        .listing_table(t.connection_id, "Property", "RES")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(again, t2);
}

#[tokio::test]
async fn evil_field_names_are_quoted_or_refused() {
    let (store, t) = seeded().await;
    let evil = "x\"; DROP TABLE connections; --";
    let mut f = fields();
    f.push(FieldSpec::new(evil, FieldKind::Text));
    let t2 = store
        .ensure_listing_table(t.connection_id, "Property", "RES", &f, &hints())
        .await
        .unwrap();
    store
        .upsert_listings(&t2, &[record("E1", &[(evil, "boom")])])
        .await
        .unwrap();
    let filter = Filter {
        field: evil.into(),
        op: FilterOp::Eq(json!("boom")),
    };
    let p = store
        .query_listings(
            &t2,
            &[filter],
            Some(&Sort {
                field: evil.into(),
                descending: true,
            }),
            0,
            10,
        )
        .await
        .unwrap();
    assert_eq!(p.rows.len(), 1);
    assert_eq!(
        store.connections().await.unwrap().len(),
        1,
        "connections table intact"
    );

    for bad in ["", "__key", "a\u{0}b", "line\nbreak"] {
        let mut f = fields();
        f.push(FieldSpec::new(bad, FieldKind::Text));
        let e = store
            .ensure_listing_table(t.connection_id, "Property", "RES", &f, &hints())
            .await;
        assert!(
            matches!(e, Err(StoreError::InvalidIdentifier(..))),
            "{bad:?}: {e:?}"
        );
    }
    let mut dup = fields();
    dup.push(FieldSpec::new("city", FieldKind::Text));
    let e = store
        .ensure_listing_table(t.connection_id, "Property", "RES", &dup, &hints())
        .await;
    assert!(matches!(e, Err(StoreError::InvalidIdentifier(..))), "{e:?}");
}

#[tokio::test]
async fn large_batches_and_repeated_keys() {
    let (store, t) = seeded().await;
    let mut recs: Vec<ListingRecord> = (0..150)
        .map(|i| record(&format!("B{i:03}"), &[("ListPrice", &i.to_string())]))
        .collect();
    recs.push(record("B007", &[("ListPrice", "7777")]));
    assert_eq!(store.upsert_listings(&t, &recs).await.unwrap(), 151);
    let p = store
        .query_listings(
            &t,
            &[Filter {
                field: "ListingKey".into(),
                op: FilterOp::StartsWith("B".into()),
            }],
            None,
            0,
            1000,
        )
        .await
        .unwrap();
    assert_eq!(p.total, 150);
    let price = p.columns.iter().position(|c| c == "ListPrice").unwrap();
    assert_eq!(
        p.rows[7].values[price],
        json!(7777),
        "last record for a key wins"
    );
    assert_eq!(p.rows[149].values[price], json!(149));
    store.analyze().await.unwrap();
}

#[tokio::test]
async fn deleting_a_connection_drops_its_listing_tables() {
    let (store, t) = seeded().await;
    store.delete_connection(t.connection_id).await.unwrap();
    let left: Vec<(String,)> =
        sqlx::query_as("SELECT name FROM sqlite_master WHERE name LIKE 'listing\\_%' ESCAPE '\\' AND name <> 'listing_tables'")
            .fetch_all(store.pool())
            .await
            .unwrap();
    assert!(left.is_empty(), "{left:?}");
    assert!(
        store
            .listing_table(t.connection_id, "Property", "RES")
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn streams_raw_values_in_sort_order_with_first_photos() {
    let (store, t) = seeded().await;
    for (object_id, key) in [(2, "A1"), (1, "A1"), (1, "B1")] {
        store
            .upsert_photo(&mls_store::Photo {
                connection_id: t.connection_id,
                resource: "Property".into(),
                listing_key: key.into(),
                object_id,
                path: format!("/photos/{key}-{object_id}.jpg"),
                content_type: "image/jpeg".into(),
                size: 10,
                fetched_at: "2026-01-01T00:00:00Z".into(),
            })
            .await
            .unwrap();
    }
    let everything = store
        .query_listings(&t, &[], None, 0, 100)
        .await
        .unwrap()
        .total as usize;
    let sort = Sort {
        field: "ListPrice".into(),
        descending: true,
    };
    let (tx, mut rx) = tokio::sync::mpsc::channel(4);
    let sent = store
        .send_raw_listings(&t, &[], Some(&sort), true, 2, &tx)
        .await
        .unwrap();
    drop(tx);
    let mut rows = Vec::new();
    while let Some(batch) = rx.recv().await {
        assert!(batch.len() <= 2);
        rows.extend(batch);
    }
    assert_eq!(sent as usize, everything);
    assert_eq!(rows.len(), everything);
    // Same order as the grid's query.
    let grid = store
        .query_listings(&t, &[], Some(&sort), 0, 100)
        .await
        .unwrap();
    let keys: Vec<&str> = rows.iter().map(|r| r.key.as_str()).collect();
    let grid_keys: Vec<&str> = grid.rows.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(keys, grid_keys);
    let a1 = rows.iter().find(|r| r.key == "A1").unwrap();
    // Raw values exactly as received, not the typed ones.
    assert_eq!(a1.values["ListPrice"], "300,000");
    assert_eq!(a1.first_photo.as_deref(), Some("/photos/A1-1.jpg"));
    assert!(
        rows.iter()
            .filter(|r| r.key != "A1" && r.key != "B1")
            .all(|r| r.first_photo.is_none())
    );

    // Filters apply, and without photos none are looked up.
    let active = [Filter {
        field: "Status".into(),
        op: FilterOp::Eq(json!("Active")),
    }];
    let (tx, mut rx) = tokio::sync::mpsc::channel(4);
    store
        .send_raw_listings(&t, &active, None, false, 100, &tx)
        .await
        .unwrap();
    drop(tx);
    let batch = rx.recv().await.unwrap();
    assert!(!batch.is_empty());
    assert!(batch.iter().all(|r| r.values["Status"] == "Active"));
    assert!(batch.iter().all(|r| r.first_photo.is_none()));

    // A dropped receiver ends the stream early without an error.
    let (tx, rx) = tokio::sync::mpsc::channel(1);
    drop(rx);
    let sent = store
        .send_raw_listings(&t, &[], None, false, 1, &tx)
        .await
        .unwrap();
    assert_eq!(sent, 1);
}

#[tokio::test]
async fn data_version_moves_with_every_change_and_only_then() {
    let (store, t) = seeded().await;
    let v0 = store.listing_data_version(t.id).await.unwrap();
    assert!(v0 > 0, "a new table starts from the clock");
    // Nothing deleted, nothing written: same version.
    store.mark_deleted(&t, &["ZZ".into()]).await.unwrap();
    store.upsert_listings(&t, &[]).await.unwrap();
    assert_eq!(store.listing_data_version(t.id).await.unwrap(), v0);
    store.mark_deleted(&t, &["A2".into()]).await.unwrap();
    let v1 = store.listing_data_version(t.id).await.unwrap();
    assert!(v1 > v0);
    store
        .upsert_listings(&t, &[record("A2", &[("Status", "Active")])])
        .await
        .unwrap();
    let v2 = store.listing_data_version(t.id).await.unwrap();
    assert!(v2 > v1);
    // A changed field type rebuilds a column from the raw values: a change.
    let mut changed = fields();
    changed[3] = FieldSpec::new("ListPrice", FieldKind::Text);
    store
        .ensure_listing_table(t.connection_id, "Property", "RES", &changed, &hints())
        .await
        .unwrap();
    assert!(store.listing_data_version(t.id).await.unwrap() > v2);
}

#[tokio::test]
async fn fields_named_like_the_row_id_keep_every_value_in_place() {
    let store = Store::open_in_memory().await.unwrap();
    let c = connection(&store).await;
    let odd = vec![
        FieldSpec::new("ListingKey", FieldKind::Text),
        FieldSpec::new("rowid", FieldKind::Text),
        FieldSpec::new("OID", FieldKind::Integer),
        FieldSpec::new("_rowid_", FieldKind::Integer),
    ];
    let t = store
        .ensure_listing_table(c.id, "Property", "RES", &odd, &IndexHints::default())
        .await
        .unwrap();
    let recs: Vec<ListingRecord> = (1..=5)
        .map(|i| {
            record(
                &format!("K{i}"),
                &[
                    ("rowid", &format!("text-{i}")),
                    ("OID", &format!("{}", 6 - i)),
                    ("_rowid_", &format!("{}", 100 + i)),
                    ("Extra", &format!("e{i}")),
                ],
            )
        })
        .collect();
    store.upsert_listings(&t, &recs).await.unwrap();
    // A new field is backfilled from the raw values, row by row.
    let mut more = odd.clone();
    more.push(FieldSpec::new("Extra", FieldKind::Text));
    let t2 = store
        .ensure_listing_table(c.id, "Property", "RES", &more, &IndexHints::default())
        .await
        .unwrap();
    let p = store.query_listings(&t2, &[], None, 0, 10).await.unwrap();
    let col = |name: &str| p.columns.iter().position(|c| c == name).unwrap();
    for row in &p.rows {
        let i: i64 = row.key[1..].parse().unwrap();
        assert_eq!(row.values[col("Extra")], json!(format!("e{i}")), "{row:?}");
        assert_eq!(row.values[col("rowid")], json!(format!("text-{i}")));
        assert_eq!(row.values[col("OID")], json!(6 - i));
    }
    // And the class keeps syncing.
    store.upsert_listings(&t2, &recs).await.unwrap();
}

#[tokio::test]
async fn a_field_whose_name_changes_case_keeps_its_column() {
    let (store, t) = seeded().await;
    let mut upper = fields();
    upper
        .iter_mut()
        .find(|f| f.system_name == "City")
        .unwrap()
        .system_name = "CITY".into();
    let t2 = store
        .ensure_listing_table(t.connection_id, "Property", "RES", &upper, &hints())
        .await
        .expect("a case change is not a new column");
    assert!(t2.field("CITY").is_some());
    store
        .upsert_listings(&t2, &[record("A9", &[("CITY", "Ogdenville")])])
        .await
        .unwrap();
    // The next sync with the same metadata changes nothing.
    store
        .ensure_listing_table(t.connection_id, "Property", "RES", &upper, &hints())
        .await
        .unwrap();
    let p = store.query_listings(&t2, &[], None, 0, 10).await.unwrap();
    let city = p
        .columns
        .iter()
        .position(|c| c.eq_ignore_ascii_case("CITY"))
        .unwrap();
    let a9 = p.rows.iter().find(|r| r.key == "A9").unwrap();
    assert_eq!(a9.values[city], json!("Ogdenville"));
    let a1 = p.rows.iter().find(|r| r.key == "A1").unwrap();
    assert_eq!(a1.values[city], json!("Springfield"), "old values stay");
}
