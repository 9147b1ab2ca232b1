//! Metadata snapshots that keep the complete metadata document (offline
//! browsing), their fetch times, and the diff summary.

use mls_store::metadata::{ClassMeta, FieldMeta, ResourceMeta, diff};
use mls_store::{HttpMethod, MetadataSnapshot, NewConnection, Store};

fn connection() -> NewConnection {
    NewConnection {
        name: "Offline MLS".into(),
        login_url: "http://127.0.0.1:1/rets/login".into(),
        username: "agent".into(),
        user_agent: String::new(),
        rets_version: String::new(),
        http_method: HttpMethod::Get,
        vendor_template: None,
        options: serde_json::json!({}),
    }
}

fn snapshot(version: &str, classes: &[(&str, &[&str])]) -> MetadataSnapshot {
    MetadataSnapshot {
        version: version.into(),
        resources: vec![ResourceMeta {
            id: "Property".into(),
            key_field: Some("ListingKey".into()),
            classes: classes
                .iter()
                .map(|(name, fields)| ClassMeta {
                    name: (*name).into(),
                    fields: fields
                        .iter()
                        .map(|f| FieldMeta {
                            system_name: (*f).into(),
                            data_type: "Character".into(),
                            ..Default::default()
                        })
                        .collect(),
                    ..Default::default()
                })
                .collect(),
            lookups: Vec::new(),
        }],
    }
}

#[tokio::test]
async fn the_newest_snapshot_with_a_document_is_the_offline_copy() {
    let store = Store::open_in_memory().await.unwrap();
    let c = store.create_connection(&connection()).await.unwrap();
    assert!(store.latest_stored_metadata(c.id).await.unwrap().is_none());
    assert!(
        store
            .latest_metadata_document(c.id)
            .await
            .unwrap()
            .is_none()
    );

    let v1 = snapshot("1.0", &[("RES", &["ListingKey", "ListPrice"])]);
    let at = store
        .save_metadata_with_document(c.id, &v1, r#"{"doc":1}"#)
        .await
        .unwrap();
    let stored = store.latest_stored_metadata(c.id).await.unwrap().unwrap();
    assert_eq!(stored.snapshot, v1);
    assert_eq!(stored.fetched_at, at);
    assert_eq!(stored.document_json.as_deref(), Some(r#"{"doc":1}"#));

    // A sync stores a newer version without a document: it is the latest
    // snapshot, but the offline copy stays the one with a document.
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    let v2 = snapshot("2.0", &[("RES", &["ListingKey"])]);
    store.save_metadata_snapshot(c.id, &v2).await.unwrap();
    let latest = store.latest_stored_metadata(c.id).await.unwrap().unwrap();
    assert_eq!(latest.snapshot.version, "2.0");
    assert_eq!(latest.document_json, None);
    let offline = store.latest_metadata_document(c.id).await.unwrap().unwrap();
    assert_eq!(offline.snapshot.version, "1.0");
    assert_eq!(offline.document_json.as_deref(), Some(r#"{"doc":1}"#));

    // A sync re-storing a version keeps the document stored with it.
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    store.save_metadata_snapshot(c.id, &v1).await.unwrap();
    let again = store.latest_stored_metadata(c.id).await.unwrap().unwrap();
    assert_eq!(again.snapshot.version, "1.0");
    assert_eq!(again.document_json.as_deref(), Some(r#"{"doc":1}"#));
}

#[test]
fn the_diff_summary_counts_changes_by_item() {
    let old = snapshot("1.0", &[("RES", &["A", "B", "C"]), ("LAND", &["A"])]);
    let new = snapshot(
        "1.1",
        &[("RES", &["A", "D"]), ("CONDO", &["A"]), ("RENT", &["A"])],
    );
    let d = diff(&old, &new);
    assert_eq!(
        d.summary(),
        "2 classes added, 1 class removed, 1 field added, 2 fields removed"
    );
    assert_eq!(diff(&old, &old).summary(), "no changes");
}
