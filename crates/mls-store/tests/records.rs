//! Connections, saved queries, history, jobs/checkpoints, photos and metadata snapshots.

use mls_store::metadata::{
    ChangeKind, ClassMeta, FieldMeta, LookupMeta, LookupValue, ResourceMeta, diff,
};
use mls_store::{
    HistoryStatus, HttpMethod, JobKind, JobStatus, MetadataSnapshot, NewConnection,
    NewHistoryEntry, NewSavedQuery, OnNameConflict, Photo, QueryKind, Store, StoreError,
};

fn demo_connection(name: &str) -> NewConnection {
    NewConnection {
        name: name.into(),
        login_url: "http://127.0.0.1:1/rets/login".into(),
        username: "agent".into(),
        user_agent: "RETSDataPortal/0.1".into(),
        rets_version: "RETS/1.7.2".into(),
        http_method: HttpMethod::Post,
        vendor_template: Some("generic".into()),
        options: serde_json::json!({"timeout_secs": 30}),
    }
}

#[tokio::test]
async fn connection_crud() {
    let store = Store::open_in_memory().await.unwrap();
    let c = store
        .create_connection(&demo_connection("Demo"))
        .await
        .unwrap();
    assert_eq!(c.fields, demo_connection("Demo"));
    let mut changed = demo_connection("Demo 2");
    changed.http_method = HttpMethod::Get;
    let u = store.update_connection(c.id, &changed).await.unwrap();
    assert_eq!(u.fields.http_method, HttpMethod::Get);
    assert_eq!(store.connections().await.unwrap().len(), 1);
    let dup = store.create_connection(&demo_connection("Demo 2")).await;
    assert!(dup.is_err(), "names are unique");
    store.delete_connection(c.id).await.unwrap();
    assert!(matches!(
        store.connection(c.id).await,
        Err(StoreError::NotFound(_))
    ));
}

#[tokio::test]
async fn saved_queries_and_history() {
    let store = Store::open_in_memory().await.unwrap();
    let c = store
        .create_connection(&demo_connection("Demo"))
        .await
        .unwrap();
    let mut q = NewSavedQuery {
        connection_id: c.id,
        name: "active".into(),
        resource: "Property".into(),
        class: "RES".into(),
        query: "(Status=|A)".into(),
        select_fields: None,
    };
    store.save_query(&q).await.unwrap();
    q.query = "(Status=|A,P)".into();
    let saved = store.save_query(&q).await.unwrap();
    assert_eq!(saved.fields.query, "(Status=|A,P)");
    assert_eq!(store.saved_queries(c.id).await.unwrap().len(), 1);

    for (i, status) in [HistoryStatus::Ok, HistoryStatus::Error]
        .into_iter()
        .enumerate()
    {
        store
            .record_query(&NewHistoryEntry {
                connection_id: c.id,
                resource: "Property".into(),
                class: "RES".into(),
                query: "(Status=|A)".into(),
                kind: QueryKind::Count,
                select_fields: None,
                started_at: format!("2026-01-0{}T00:00:00Z", i + 1),
                duration_ms: 120,
                record_count: (status == HistoryStatus::Ok).then_some(42),
                status,
                error: (status == HistoryStatus::Error).then(|| "20203 Misc search error".into()),
            })
            .await
            .unwrap();
    }
    let h = store.query_history(c.id, 10).await.unwrap();
    assert_eq!(h.len(), 2);
    assert_eq!(h[0].fields.status, HistoryStatus::Error, "newest first");
    assert_eq!(h[1].fields.record_count, Some(42));
}

#[tokio::test]
async fn saved_query_names_conflict_unless_overwritten() {
    let store = Store::open_in_memory().await.unwrap();
    let c = store
        .create_connection(&demo_connection("Demo"))
        .await
        .unwrap();
    let query = |name: &str, text: &str| NewSavedQuery {
        connection_id: c.id,
        name: name.into(),
        resource: "Property".into(),
        class: "RES".into(),
        query: text.into(),
        select_fields: Some("ListingKey,ListPrice".into()),
    };
    let fail = OnNameConflict::Fail;
    let a = store
        .put_saved_query(None, &query("Active", "(Status=|A)"), fail)
        .await
        .unwrap();
    let b = store
        .put_saved_query(None, &query("Pending", "(Status=|P)"), fail)
        .await
        .unwrap();
    let taken = store
        .put_saved_query(None, &query("Active", "(Status=|S)"), fail)
        .await;
    assert!(matches!(taken, Err(StoreError::Conflict(_))), "{taken:?}");
    let rename = store
        .put_saved_query(Some(b.id), &query("Active", "(Status=|P)"), fail)
        .await;
    assert!(matches!(rename, Err(StoreError::Conflict(_))), "{rename:?}");
    assert_eq!(
        store.saved_queries(c.id).await.unwrap()[0].fields.query,
        "(Status=|A)"
    );

    // Renaming to a free name keeps the row; saving it again under its own name is no conflict.
    let renamed = store
        .put_saved_query(Some(b.id), &query("Pending 2", "(Status=|P)"), fail)
        .await
        .unwrap();
    assert_eq!(renamed.id, b.id);
    store
        .put_saved_query(Some(b.id), &query("Pending 2", "(Status=|P,A)"), fail)
        .await
        .unwrap();

    // Overwriting a new query into a taken name replaces the holder in place.
    let over = store
        .put_saved_query(
            None,
            &query("Active", "(Status=|S)"),
            OnNameConflict::Overwrite,
        )
        .await
        .unwrap();
    assert_eq!(over.id, a.id);
    assert_eq!(over.fields.query, "(Status=|S)");
    // Renaming onto a taken name with overwrite drops the other one.
    store
        .put_saved_query(
            Some(b.id),
            &query("Active", "(Status=|P)"),
            OnNameConflict::Overwrite,
        )
        .await
        .unwrap();
    let all = store.saved_queries(c.id).await.unwrap();
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(
        (all[0].id, all[0].fields.query.as_str()),
        (b.id, "(Status=|P)")
    );

    let other = store
        .create_connection(&demo_connection("Other"))
        .await
        .unwrap();
    let foreign = store
        .put_saved_query(
            Some(b.id),
            &NewSavedQuery {
                connection_id: other.id,
                ..query("X", "(A=1)")
            },
            fail,
        )
        .await;
    assert!(
        matches!(foreign, Err(StoreError::NotFound(_))),
        "{foreign:?}"
    );
}

#[tokio::test]
async fn history_coalesces_repeats_keeps_select_and_clears() {
    let store = Store::open_in_memory().await.unwrap();
    let c = store
        .create_connection(&demo_connection("Demo"))
        .await
        .unwrap();
    let run = |kind, query: &str, at: &str, count| NewHistoryEntry {
        connection_id: c.id,
        resource: "Property".into(),
        class: "RES".into(),
        query: query.into(),
        kind,
        select_fields: (kind == QueryKind::Preview).then(|| "ListingKey,City".into()),
        started_at: at.into(),
        duration_ms: 5,
        record_count: Some(count),
        status: HistoryStatus::Ok,
        error: None,
    };
    let first = store
        .record_query(&run(
            QueryKind::Count,
            "(A=1)",
            "2026-01-01T00:00:00.000Z",
            3,
        ))
        .await
        .unwrap();
    let again = store
        .record_query(&run(
            QueryKind::Count,
            "(A=1)",
            "2026-01-01T00:00:05.000Z",
            4,
        ))
        .await
        .unwrap();
    assert_eq!(
        first, again,
        "an identical repeat refreshes the newest entry"
    );
    store
        .record_query(&run(
            QueryKind::Preview,
            "(A=1)",
            "2026-01-01T00:00:06.000Z",
            3,
        ))
        .await
        .unwrap();
    store
        .record_query(&run(
            QueryKind::Count,
            "(A=1)",
            "2026-01-01T00:00:07.000Z",
            4,
        ))
        .await
        .unwrap();
    let h = store.query_history(c.id, 10).await.unwrap();
    let kinds: Vec<_> = h
        .iter()
        .map(|e| (e.fields.kind, e.fields.record_count))
        .collect();
    assert_eq!(
        kinds,
        [
            (QueryKind::Count, Some(4)),
            (QueryKind::Preview, Some(3)),
            (QueryKind::Count, Some(4))
        ]
    );
    assert_eq!(
        h[1].fields.select_fields.as_deref(),
        Some("ListingKey,City")
    );
    assert_eq!(store.clear_query_history(c.id).await.unwrap(), 3);
    assert!(store.query_history(c.id, 10).await.unwrap().is_empty());
}

#[tokio::test]
async fn jobs_and_checkpoints() {
    let store = Store::open_in_memory().await.unwrap();
    let c = store
        .create_connection(&demo_connection("Demo"))
        .await
        .unwrap();
    let job = store
        .start_job(c.id, "Property", "RES", JobKind::Full)
        .await
        .unwrap();
    assert_eq!(job.status, JobStatus::Running);
    assert_eq!(store.checkpoint(job.id).await.unwrap(), None);
    let state = serde_json::json!({"batch": 3});
    store
        .save_checkpoint(job.id, "fetch", &state, 250)
        .await
        .unwrap();
    store
        .save_checkpoint(job.id, "fetch", &serde_json::json!({"batch": 4}), 250)
        .await
        .unwrap();
    let cp = store.checkpoint(job.id).await.unwrap().unwrap();
    assert_eq!(
        (cp.phase.as_str(), cp.state["batch"].as_i64()),
        ("fetch", Some(4))
    );
    let running = store
        .running_job(c.id, "Property", "RES")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(running.records, 500);
    store
        .finish_job(job.id, JobStatus::Completed, None)
        .await
        .unwrap();
    assert!(
        store
            .running_job(c.id, "Property", "RES")
            .await
            .unwrap()
            .is_none()
    );
    let done = store
        .last_completed_job(c.id, "Property", "RES")
        .await
        .unwrap()
        .unwrap();
    assert!(done.finished_at.is_some());
    let second = store
        .start_job(c.id, "Property", "RES", JobKind::Incremental)
        .await
        .unwrap();
    let recent = store.recent_jobs(c.id, "Property", "RES", 5).await.unwrap();
    let ids: Vec<i64> = recent.iter().map(|j| j.id).collect();
    assert_eq!(ids, vec![second.id, job.id]);
}

#[tokio::test]
async fn photos_index() {
    let store = Store::open_in_memory().await.unwrap();
    let c = store
        .create_connection(&demo_connection("Demo"))
        .await
        .unwrap();
    let mut p = Photo {
        connection_id: c.id,
        resource: "Property".into(),
        listing_key: "L1".into(),
        object_id: 2,
        path: "/photos/L1-2.jpg".into(),
        content_type: "image/jpeg".into(),
        size: 1000,
        fetched_at: "2026-01-01T00:00:00Z".into(),
    };
    store.upsert_photo(&p).await.unwrap();
    p.size = 2000;
    store.upsert_photo(&p).await.unwrap();
    p.object_id = 1;
    store.upsert_photo(&p).await.unwrap();
    let got = store.photos(c.id, "Property", "L1").await.unwrap();
    assert_eq!(
        got.iter()
            .map(|p| (p.object_id, p.size))
            .collect::<Vec<_>>(),
        vec![(1, 2000), (2, 2000)]
    );
}

fn snapshot(
    version: &str,
    price_type: &str,
    extra_field: bool,
    extra_value: bool,
) -> MetadataSnapshot {
    let mut fields = vec![
        FieldMeta {
            system_name: "ListingKey".into(),
            data_type: "Character".into(),
            ..Default::default()
        },
        FieldMeta {
            system_name: "ListPrice".into(),
            data_type: price_type.into(),
            ..Default::default()
        },
        FieldMeta {
            system_name: "Status".into(),
            data_type: "Character".into(),
            lookup_name: Some("Status".into()),
            ..Default::default()
        },
    ];
    if extra_field {
        fields.push(FieldMeta {
            system_name: "PoolYN".into(),
            data_type: "Boolean".into(),
            ..Default::default()
        });
    }
    let mut values = vec![LookupValue {
        value: "A".into(),
        long_value: "Active".into(),
    }];
    if extra_value {
        values.push(LookupValue {
            value: "P".into(),
            long_value: "Pending".into(),
        });
    }
    MetadataSnapshot {
        version: version.into(),
        resources: vec![ResourceMeta {
            id: "Property".into(),
            key_field: Some("ListingKey".into()),
            classes: vec![ClassMeta {
                name: "RES".into(),
                description: None,
                time_stamp_field: None,
                fields,
            }],
            lookups: vec![LookupMeta {
                name: "Status".into(),
                values,
            }],
        }],
    }
}

#[tokio::test]
async fn metadata_snapshots_and_readable_diff() {
    let store = Store::open_in_memory().await.unwrap();
    let c = store
        .create_connection(&demo_connection("Demo"))
        .await
        .unwrap();
    let v1 = snapshot("1.0.0", "Int", false, false);
    let v2 = snapshot("1.0.1", "Decimal", true, true);
    store.save_metadata_snapshot(c.id, &v1).await.unwrap();
    store.save_metadata_snapshot(c.id, &v2).await.unwrap();
    assert_eq!(
        store.latest_metadata_snapshot(c.id).await.unwrap().unwrap(),
        v2
    );
    assert_eq!(
        store
            .metadata_snapshot(c.id, "1.0.0")
            .await
            .unwrap()
            .unwrap(),
        v1
    );

    assert!(diff(&v1, &v1).is_empty());
    let d = diff(&v1, &v2);
    let kinds: Vec<(ChangeKind, &str, &str)> = d
        .changes
        .iter()
        .map(|c| (c.kind, c.item.as_str(), c.path.as_str()))
        .collect();
    assert_eq!(
        kinds,
        vec![
            (ChangeKind::Changed, "field", "Property/RES/ListPrice"),
            (ChangeKind::Added, "field", "Property/RES/PoolYN"),
            (
                ChangeKind::Added,
                "lookup value",
                "Property/lookup:Status/P"
            ),
        ]
    );
    let report = d.to_string();
    assert!(
        report.contains("metadata changed from 1.0.0 to 1.0.1: 3 change(s)"),
        "{report}"
    );
    assert!(
        report.contains("~ field Property/RES/ListPrice: type Int → Decimal"),
        "{report}"
    );
    assert!(
        report.contains("+ lookup value Property/lookup:Status/P: \"Pending\""),
        "{report}"
    );
    let back = diff(&v2, &v1);
    assert!(
        back.changes
            .iter()
            .any(|c| c.kind == ChangeKind::Removed && c.path == "Property/RES/PoolYN")
    );
}
