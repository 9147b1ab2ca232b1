//! Full RETS sessions of the client against the simulator: every quirk switch,
//! UA authentication, session expiry, metadata in both formats, objects.

use std::collections::BTreeSet;

use futures_util::StreamExt;
use integration_tests::{all_rows, config, residential_keys, small, start, start_with};
use rets_client::{CountMode, MetadataFormat, RetsError, SearchRequest, Session};
use rets_sim::{SimConfig, UaAuth};

fn residential() -> SearchRequest {
    let mut request = SearchRequest::new("Property", "Residential", "(LIST_PRICE=0+)");
    request.select = Some(vec!["LISTING_KEY".into(), "LIST_PRICE".into()]);
    request
}

/// Downloads every Residential key and checks it equals the server's key set exactly.
async fn assert_complete_download(quirks: &str) {
    let sim = start(quirks).await;
    let session = Session::connect(config(&sim))
        .await
        .unwrap_or_else(|e| panic!("{quirks}: login: {e}"));
    let rows = all_rows(&session, residential())
        .await
        .unwrap_or_else(|e| panic!("{quirks}: search: {e}"));
    let mut keys: Vec<String> = rows.iter().map(|r| r[0].clone()).collect();
    let downloaded = keys.len();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), downloaded, "{quirks}: no duplicated rows");
    assert_eq!(
        keys,
        residential_keys(&sim),
        "{quirks}: exactly the server's records"
    );
    assert!(
        rows.iter().all(|r| r[1].parse::<u64>().is_ok()),
        "{quirks}: prices intact"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn plain_server() {
    assert_complete_download("").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn relative_capability_urls() {
    assert_complete_download("relative-urls").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn post_only_server_answering_405_to_get() {
    assert_complete_download("post-only").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn pipe_delimiter() {
    assert_complete_download("pipe-delimiter").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn missing_delimiter_means_tab() {
    assert_complete_download("no-delimiter").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn gzip_bodies() {
    assert_complete_download("gzip").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn text_plain_xml_with_bom() {
    assert_complete_download("text-plain-bom").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn basic_auth_only() {
    assert_complete_download("basic-auth").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn server_ignoring_offset_is_paged_by_key() {
    assert_complete_download("offset-ignored").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn maxrows_signalled_as_status_inside_a_zero_reply() {
    assert_complete_download("maxrows-status").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn session_expiring_every_few_requests_logs_in_again() {
    assert_complete_download("session-expiry=3").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn truncated_replies_are_retried_without_loss_or_duplicates() {
    assert_complete_download("truncate=2").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn bursts_of_503_honour_retry_after() {
    assert_complete_download("errors-5xx=4").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn slow_server() {
    assert_complete_download("slow=20").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn every_quirk_at_once() {
    assert_complete_download(
        "relative-urls,post-only,pipe-delimiter,gzip,text-plain-bom,offset-ignored,maxrows-status,session-expiry=5,truncate=4",
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn user_agent_authentication() {
    let ua = UaAuth {
        user_agent: "PortalTest/2.0".into(),
        password: "ua-secret".into(),
    };
    let sim = start_with(SimConfig {
        ua: Some(ua.clone()),
        ..small()
    })
    .await;

    // Without the UA password the server refuses the login.
    let mut cfg = config(&sim);
    cfg.user_agent = ua.user_agent.clone();
    let err = Session::connect(cfg.clone()).await.unwrap_err();
    assert!(
        matches!(
            err,
            RetsError::AuthFailed(_) | RetsError::Reply { .. } | RetsError::HttpStatus { .. }
        ),
        "{err}"
    );
    assert!(!err.to_string().contains("ua-secret"));

    cfg.ua_password = Some(ua.password.clone().into());
    let session = Session::connect(cfg).await.expect("UA-authenticated login");
    assert!(
        session.rets_session_id().is_some(),
        "session cookie arrived"
    );
    let rows = all_rows(&session, residential()).await.unwrap();
    assert_eq!(rows.len(), residential_keys(&sim).len());
}

#[tokio::test(flavor = "multi_thread")]
async fn wrong_password_is_an_auth_error_without_the_password() {
    let sim = start("").await;
    let mut cfg = config(&sim);
    cfg.password = "not-the-password".into();
    let err = Session::connect(cfg).await.unwrap_err();
    assert_eq!(err.code(), "auth_failed", "{err}");
    assert!(!err.to_string().contains("not-the-password"));
    assert!(!format!("{err:?}").contains("not-the-password"));
}

#[tokio::test(flavor = "multi_thread")]
async fn metadata_is_the_same_in_compact_and_standard_xml() {
    let sim = start("").await;
    let session = Session::connect(config(&sim)).await.unwrap();
    let all = session.metadata_all().await.unwrap();
    let residential = all
        .class("Property", "Residential")
        .expect("Residential class");
    assert!(residential.fields.len() >= 90, "about 100 fields");
    let status = all.field("Property", "Residential", "STATUS").unwrap();
    let lookup = all
        .field_lookup("Property", "Residential", "STATUS")
        .unwrap();
    assert_eq!(lookup.info.lookup_name, status.lookup_name);
    assert_eq!(
        lookup.value("A").map(|v| v.long_value.as_str()),
        Some("Active")
    );

    for format in [MetadataFormat::Compact, MetadataFormat::StandardXml] {
        let reply = session
            .get_metadata("TABLE", "Property:Residential", format)
            .await
            .unwrap_or_else(|e| panic!("{format:?}: {e}"));
        let md = rets_client::Metadata::from_tables(reply.tables);
        let class = md
            .class("Property", "Residential")
            .unwrap_or_else(|| panic!("{format:?}: class"));
        let names: BTreeSet<&str> = class
            .fields
            .iter()
            .map(|f| f.system_name.as_str())
            .collect();
        let expected: BTreeSet<&str> = residential
            .fields
            .iter()
            .map(|f| f.system_name.as_str())
            .collect();
        assert_eq!(names, expected, "{format:?}: same fields");
        let price = class.field("LIST_PRICE").unwrap();
        assert_eq!(price.standard_name, "ListPrice", "{format:?}");
        assert_eq!(price.data_type, "Int", "{format:?}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn count_only_limit_and_empty_results() {
    let sim = start("").await;
    let session = Session::connect(config(&sim)).await.unwrap();
    let total = residential_keys(&sim).len() as u64;

    let mut count = residential();
    count.count = CountMode::CountOnly;
    assert_eq!(session.search_count(&count).await.unwrap(), total);

    let mut limited = residential();
    limited.limit = Some(MAX_LIMIT);
    let rows = all_rows(&session, limited).await.unwrap();
    assert_eq!(rows.len() as u64, MAX_LIMIT, "limit spans pages");

    let none = SearchRequest::new("Property", "Residential", "(LIST_PRICE=999999999+)");
    let rows = all_rows(&session, none)
        .await
        .expect("20201 is an empty result, not an error");
    assert!(rows.is_empty());

    let err = all_rows(
        &session,
        SearchRequest::new("Property", "Nope", "(LIST_PRICE=0+)"),
    )
    .await
    .unwrap_err();
    assert_eq!(err.reply_code().map(|c| c.as_u32()), Some(20203), "{err}");
}

const MAX_LIMIT: u64 = 321;

#[tokio::test(flavor = "multi_thread")]
async fn objects_stream_with_per_object_errors_and_locations() {
    let sim = start("").await;
    let session = Session::connect(config(&sim)).await.unwrap();
    let key = residential_keys(&sim)[0].clone();
    let photos = sim
        .dataset()
        .listing_by_key(key.parse().unwrap())
        .unwrap()
        .photo_count as usize;
    assert!(photos > 1);

    let ids = format!("{key}:*,999999999:1");
    let mut parts = session
        .get_object("Property", "Photo", &ids, false)
        .await
        .unwrap();
    let (mut images, mut missing) = (Vec::new(), 0);
    while let Some(part) = parts.next().await {
        let part = part.unwrap();
        if part.error().is_some() {
            missing += 1;
        } else {
            assert_eq!(part.content_id.as_deref(), Some(key.as_str()));
            assert_eq!(&part.data[..3], &[0xFF, 0xD8, 0xFF], "JPEG bytes");
            images.push(part.data.clone());
        }
    }
    assert_eq!(images.len(), photos);
    assert_eq!(
        missing, 1,
        "the unknown listing is reported, the rest delivered"
    );
    images.dedup();
    assert_eq!(images.len(), photos, "distinct photos");

    let mut located = session
        .get_object("Property", "Photo", &format!("{key}:1"), true)
        .await
        .unwrap();
    let part = located.next().await.unwrap().unwrap();
    assert!(
        part.location
            .as_deref()
            .is_some_and(|l| l.starts_with("http")),
        "{part:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn logout_ends_the_session() {
    let sim = start("").await;
    let session = Session::connect(config(&sim)).await.unwrap();
    session.logout().await.expect("logout accepted");
    let err = all_rows(&session, residential()).await.unwrap_err();
    assert_eq!(err.code(), "not_logged_in", "{err}");
    session.login().await.expect("a new login after logout");
    let rows = all_rows(&session, residential()).await.unwrap();
    assert_eq!(rows.len(), residential_keys(&sim).len());
}
