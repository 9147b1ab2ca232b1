//! Listing photos for the detail panel against the simulator: from the server
//! through GetObject, from the files a sync downloaded, limits and bad keys.

use mls_store::{HttpMethod, NewConnection, Photo, Store};
use mls_workbench::{
    ConnectionProfile, Credentials, Endpoint, PhotoLimits, PhotoOrigin, Source, Workbench,
};
use rets_client::{SearchRequest, Secret};
use rets_sim::{SimConfig, Simulator};

const PNG: &[u8] = &[
    0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, b'I', b'H', b'D', b'R',
];

#[tokio::test(flavor = "multi_thread")]
async fn photos_come_from_the_server_or_the_downloaded_files() {
    let sim = Simulator::start(SimConfig {
        listings: 200,
        max_rows: 100,
        ..SimConfig::default()
    })
    .await
    .unwrap();
    let store = Store::open_in_memory().await.unwrap();
    let id = store
        .create_connection(&NewConnection {
            name: "Sim MLS".into(),
            login_url: sim.login_url(),
            username: "demo".into(),
            user_agent: String::new(),
            rets_version: String::new(),
            http_method: HttpMethod::Get,
            vendor_template: None,
            options: serde_json::json!({}),
        })
        .await
        .unwrap()
        .id;
    let profile = ConnectionProfile {
        id: id.to_string(),
        name: "Sim MLS".into(),
        source: Source::Rets(Endpoint {
            login_url: sim.login_url(),
            username: "demo".into(),
            user_agent: None,
            rets_version: None,
            use_post: false,
            allow_insecure: false,
        }),
    };
    let creds = Credentials {
        password: Some(Secret::new("demo")),
        ua_password: None,
    };
    let wb = Workbench::default();

    let md = wb.metadata(&profile, &creds, false).await.unwrap();
    let key_field = md
        .resources
        .iter()
        .find(|r| r.info.resource_id == "Property")
        .unwrap()
        .info
        .key_field
        .clone();
    let mut request = SearchRequest::new("Property", "Residential", format!("({key_field}=0+)"));
    request.select = Some(vec![key_field.clone()]);
    request.limit = Some(30);
    let keys = wb.preview(&profile, &creds, request).await.unwrap().rows;
    let photos_of = |key: String, limits: PhotoLimits| {
        let (wb, store, profile, creds) = (&wb, &store, &profile, &creds);
        async move {
            wb.listing_photos(store, id, profile, creds, "Property", &key, limits)
                .await
                .unwrap()
        }
    };

    // The first listing that has photos, from the server.
    let mut found = None;
    for row in &keys {
        let photos = photos_of(row[0].clone(), PhotoLimits::default()).await;
        assert_eq!(photos.origin, PhotoOrigin::Server);
        if photos.photos.len() >= 3 {
            found = Some((row[0].clone(), photos));
            break;
        }
    }
    let (key, server) = found.expect("a listing with three or more photos");
    let key = key.as_str();
    let n = server.photos.len();
    assert_eq!(server.skipped, 0);
    for (i, p) in server.photos.iter().enumerate() {
        assert_eq!(p.object_id, i as i64 + 1);
        assert_eq!(p.content_type, "image/jpeg");
        assert_eq!(&p.data[..2], &[0xff, 0xd8], "a JPEG");
        // The simulator describes each part as "Photo <n> of <listing key>".
        assert_eq!(
            p.description.as_deref(),
            Some(format!("Photo {} of {key}", i + 1).as_str())
        );
    }

    // Limits: the rest are counted, not sent.
    let limited = photos_of(
        key.to_owned(),
        PhotoLimits {
            max_photos: 2,
            ..PhotoLimits::default()
        },
    )
    .await;
    assert_eq!(limited.photos.len(), 2);
    assert_eq!(limited.skipped, 0);
    assert_eq!(limited.next, Some(2), "the rest is the next page");
    // The next page starts where this one stopped.
    let page2 = photos_of(
        key.to_owned(),
        PhotoLimits {
            max_photos: 2,
            first: 2,
            ..PhotoLimits::default()
        },
    )
    .await;
    assert_eq!(
        page2.photos.iter().map(|p| p.object_id).collect::<Vec<_>>(),
        [3, 4]
            .into_iter()
            .filter(|i| *i <= n as i64)
            .collect::<Vec<_>>()
    );

    // The total crossing to the web view is bounded too.
    let first = server.photos[0].data.len();
    let by_total = photos_of(
        key.to_owned(),
        PhotoLimits {
            max_total_bytes: first,
            ..PhotoLimits::default()
        },
    )
    .await;
    assert!(by_total.photos.iter().map(|p| p.data.len()).sum::<usize>() <= first);
    assert_eq!(by_total.photos.len(), 1);
    assert_eq!(by_total.next, (n > 1).then_some(1));

    // A listing the server does not know has no photos (20403 is not an error).
    let none = photos_of("999999999".to_owned(), PhotoLimits::default()).await;
    assert!(none.photos.is_empty());

    // Downloaded by a sync: the files are used, without asking the server.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("{key}-1.png"));
    std::fs::write(&path, PNG).unwrap();
    store
        .upsert_photo(&Photo {
            connection_id: id,
            resource: "Property".into(),
            listing_key: key.to_owned(),
            object_id: 1,
            path: path.display().to_string(),
            content_type: "image/png".into(),
            size: PNG.len() as i64,
            fetched_at: "2026-11-27T08:00:00.000Z".into(),
        })
        .await
        .unwrap();
    let local = photos_of(key.to_owned(), PhotoLimits::default()).await;
    assert_eq!(local.origin, PhotoOrigin::Local);
    assert_eq!(local.photos.len(), 1);
    assert_eq!(local.photos[0].data, PNG);
    assert_eq!(local.photos[0].content_type, "image/png");

    // A file gone from disk: the server's photos instead.
    std::fs::remove_file(&path).unwrap();
    let fallback = photos_of(key.to_owned(), PhotoLimits::default()).await;
    assert_eq!(fallback.origin, PhotoOrigin::Server);
    assert_eq!(fallback.photos.len(), n);

    let bad = wb
        .listing_photos(
            &store,
            id,
            &profile,
            &creds,
            "Property",
            "1,2",
            PhotoLimits::default(),
        )
        .await
        .unwrap_err();
    assert_eq!(bad.code(), "unknown_target");
    sim.shutdown().await;
}

#[test]
fn only_raster_images_are_handed_to_the_web_view() {
    use mls_workbench::photos::image_type;
    assert_eq!(
        image_type("image/JPEG; charset=binary").as_deref(),
        Some("image/jpeg")
    );
    assert_eq!(image_type("image/png").as_deref(), Some("image/png"));
    assert_eq!(image_type("image/svg+xml"), None);
    assert_eq!(image_type("application/pdf"), None);
    assert_eq!(image_type("text/html"), None);
}
