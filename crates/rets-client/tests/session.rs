//! Full client sessions against the in-test mock server: digest + cookies + UA auth,
//! paging by Offset and by key, resets, expiry, 405/429 handling, metadata, objects.

mod mock;

use futures_util::StreamExt;
use mock::{PASS, Quirks, UA, UA_PASS, USER, key, start};
use rets_client::{ClientConfig, HttpMethod, RetryPolicy, SearchRequest, Secret, Session};
use std::time::Duration;
use url::Url;

fn config(base: &str) -> ClientConfig {
    let mut c = ClientConfig::new(Url::parse(&format!("{base}/login")).unwrap(), USER, PASS);
    c.retry = RetryPolicy {
        max_retries: 3,
        initial_backoff: Duration::from_millis(10),
        max_backoff: Duration::from_millis(50),
    };
    c
}

fn quirks(rows: usize, page_size: usize) -> Quirks {
    Quirks {
        rows,
        page_size,
        ..Default::default()
    }
}

async fn all_rows(
    session: &Session,
    req: SearchRequest,
) -> (Vec<String>, Option<u64>, Vec<Vec<String>>) {
    let mut s = session.search(req).await.unwrap();
    let cols = s.columns().to_vec();
    let count = s.record_count();
    let mut rows = Vec::new();
    while let Some(r) = s.next().await {
        rows.push(r.unwrap());
    }
    (cols, count, rows)
}

fn keys(rows: &[Vec<String>]) -> Vec<String> {
    rows.iter().map(|r| r[0].clone()).collect()
}

fn expected(n: usize) -> Vec<String> {
    (1..=n).map(key).collect()
}

#[tokio::test]
async fn digest_login_cookies_ua_auth_and_action() {
    let (base, server) = start(Quirks {
        digest: true,
        action_url: true,
        ..quirks(5, 10)
    })
    .await;
    let mut cfg = config(&base);
    cfg.user_agent = UA.into();
    cfg.ua_password = Some(Secret::new(UA_PASS));
    let session = Session::connect(cfg).await.unwrap();
    let login = session.login_reply().await.unwrap();
    assert_eq!(login.member_name(), Some("Test Agent"));
    assert_eq!(
        login.capability("Search").unwrap().as_str(),
        format!("{base}/search")
    );
    assert_eq!(session.rets_session_id().as_deref(), Some("sess1"));
    let (_, _, rows) = all_rows(&session, SearchRequest::new("Property", "RES", "(LN=*)")).await;
    assert_eq!(keys(&rows), expected(5));
    let out = session.logout().await.unwrap();
    assert_eq!(out.message.as_deref(), Some("Goodbye"));

    let log = server.log.lock().unwrap();
    assert_eq!(log.actions, 1, "Action URL fetched once");
    // One challenge, then credentials sent up front with a growing nonce count.
    assert_eq!(
        log.methods.iter().filter(|m| m.ends_with("/login")).count(),
        2
    );
    assert_eq!(log.nc, ["00000001", "00000002", "00000003", "00000004"]);
    // UA auth is recomputed with the session id once the cookie exists.
    assert!(log.ua_ok.iter().all(|ok| *ok), "{:?}", log.ua_ok);
    assert!(log.ua_ok.len() >= 4);
}

#[tokio::test]
async fn ua_auth_with_request_ids() {
    let (base, server) = start(quirks(3, 10)).await;
    let mut cfg = config(&base);
    cfg.user_agent = UA.into();
    cfg.ua_password = Some(Secret::new(UA_PASS));
    cfg.send_request_id = true;
    let session = Session::connect(cfg).await.unwrap();
    let (_, _, rows) = all_rows(&session, SearchRequest::new("Property", "RES", "(LN=*)")).await;
    assert_eq!(rows.len(), 3);
    let log = server.log.lock().unwrap();
    assert_eq!(
        log.ua_ok,
        [true, true],
        "login and search both carry a valid UA digest"
    );
}

#[tokio::test]
async fn wrong_password_is_auth_failed_without_leaking_it() {
    let (base, _server) = start(Quirks {
        digest: true,
        ..quirks(1, 1)
    })
    .await;
    let mut cfg = config(&base);
    cfg.password = Secret::new("totally-wrong-pw");
    let err = Session::connect(cfg.clone()).await.unwrap_err();
    assert_eq!(err.code(), "auth_failed");
    assert!(err.to_string().contains("HTTP 401"), "{err}");
    assert!(!err.to_string().contains("totally-wrong-pw"));
    let session = Session::new(cfg).unwrap();
    assert!(!format!("{session:?}").contains("totally-wrong-pw"));
}

#[tokio::test]
async fn pages_past_maxrows_by_offset() {
    let (base, server) = start(quirks(23, 10)).await;
    let session = Session::connect(config(&base)).await.unwrap();
    let (cols, count, rows) =
        all_rows(&session, SearchRequest::new("Property", "RES", "(LN=*)")).await;
    assert_eq!(cols, ["LN", "Price", "Remarks"]);
    assert_eq!(count, Some(23));
    assert_eq!(keys(&rows), expected(23));
    assert_eq!(rows[0][2], " a & b ", "values are unescaped, never trimmed");
    let log = server.log.lock().unwrap();
    let offsets: Vec<_> = log
        .search_params
        .iter()
        .map(|p| p.get("Offset").cloned().unwrap_or_default())
        .collect();
    assert_eq!(offsets, ["", "11", "21"]);
    assert_eq!(log.search_params[0]["Limit"], "NONE");
    assert_eq!(log.search_params[0]["QueryType"], "DMQL2");
}

#[tokio::test]
async fn limit_and_offset_are_respected() {
    let (base, server) = start(quirks(23, 10)).await;
    let session = Session::connect(config(&base)).await.unwrap();
    let mut req = SearchRequest::new("Property", "RES", "(LN=*)");
    req.limit = Some(15);
    req.offset = Some(3);
    let (_, _, rows) = all_rows(&session, req).await;
    assert_eq!(keys(&rows), (3..=17).map(key).collect::<Vec<_>>());
    let log = server.log.lock().unwrap();
    assert_eq!(log.search_params[0]["Limit"], "15");
    assert_eq!(log.search_params[1]["Limit"], "5");
}

#[tokio::test]
async fn server_ignoring_offset_is_paged_by_key() {
    let (base, server) = start(Quirks {
        ignore_offset: true,
        ..quirks(25, 10)
    })
    .await;
    let session = Session::connect(config(&base)).await.unwrap();
    let (_, _, rows) = all_rows(
        &session,
        SearchRequest::new("Property", "RES", "(Price=0+)"),
    )
    .await;
    assert_eq!(keys(&rows), expected(25), "no row lost or duplicated");
    let log = server.log.lock().unwrap();
    assert!(
        log.metadata_params
            .iter()
            .any(|p| p["Type"] == "METADATA-RESOURCE")
    );
    let last = &log.search_params.last().unwrap()["Query"];
    assert!(last.starts_with("((Price=0+)),(LN=K00"), "{last}");
}

#[tokio::test]
async fn reset_mid_page_is_reread_without_duplicates() {
    let (base, server) = start(Quirks {
        reset_on_search: Some(2),
        ..quirks(30, 10)
    })
    .await;
    let session = Session::connect(config(&base)).await.unwrap();
    let (_, _, rows) = all_rows(&session, SearchRequest::new("Property", "RES", "(LN=*)")).await;
    assert_eq!(keys(&rows), expected(30));
    assert_eq!(server.log.lock().unwrap().searches, 4);
}

#[tokio::test]
async fn truncated_page_is_reread_without_duplicates() {
    let (base, server) = start(Quirks {
        truncate_on_search: Some(1),
        ..quirks(12, 10)
    })
    .await;
    let session = Session::connect(config(&base)).await.unwrap();
    let (_, _, rows) = all_rows(&session, SearchRequest::new("Property", "RES", "(LN=*)")).await;
    assert_eq!(keys(&rows), expected(12));
    assert_eq!(server.log.lock().unwrap().searches, 3);
}

#[tokio::test]
async fn expired_session_logs_in_again() {
    let (base, server) = start(Quirks {
        expire_on_search: Some(2),
        ..quirks(15, 10)
    })
    .await;
    let session = Session::connect(config(&base)).await.unwrap();
    let (_, _, rows) = all_rows(&session, SearchRequest::new("Property", "RES", "(LN=*)")).await;
    assert_eq!(keys(&rows), expected(15));
    assert_eq!(server.log.lock().unwrap().logins, 2);
}

#[tokio::test]
async fn method_not_allowed_switches_to_post_and_busy_is_retried() {
    let (base, server) = start(Quirks {
        get_not_allowed: true,
        busy_on_search: Some(1),
        ..quirks(3, 10)
    })
    .await;
    let mut cfg = config(&base);
    cfg.method = HttpMethod::Get;
    let session = Session::connect(cfg).await.unwrap();
    let (_, _, rows) = all_rows(&session, SearchRequest::new("Property", "RES", "(LN=*)")).await;
    assert_eq!(keys(&rows), expected(3));
    let log = server.log.lock().unwrap();
    assert_eq!(log.methods[0], "GET /login");
    assert!(
        log.methods[1..].iter().all(|m| m.starts_with("POST")),
        "{:?}",
        log.methods
    );
    assert_eq!(log.searches, 2);
}

#[tokio::test]
async fn errors_count_and_empty_results() {
    let (base, _server) = start(quirks(7, 10)).await;
    let session = Session::connect(config(&base)).await.unwrap();
    let req = SearchRequest::new("Property", "RES", "(LN=*)");
    assert_eq!(session.search_count(&req).await.unwrap(), 7);
    let err = session
        .search(SearchRequest::new("Property", "RES", "(BAD)"))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "reply_code");
    assert_eq!(
        err.to_string(),
        "server replied 20206 (Invalid query): near BAD"
    );
    let (cols, count, rows) = all_rows(
        &session,
        SearchRequest::new("Property", "RES", "(LN=K9999+)"),
    )
    .await;
    assert!(cols.is_empty() && rows.is_empty());
    assert_eq!(count, Some(0));
}

#[tokio::test]
async fn standard_xml_search() {
    let (base, server) = start(quirks(2, 10)).await;
    let session = Session::connect(config(&base)).await.unwrap();
    let r = session
        .search_standard_xml(&SearchRequest::new("Property", "RES", "(LN=*)"))
        .await
        .unwrap();
    assert_eq!(r.count, Some(2));
    assert_eq!(r.records.len(), 2);
    assert_eq!(
        r.records[1],
        [
            ("Listing.ListingID".to_owned(), "K0002".to_owned()),
            ("Listing.ListPrice".to_owned(), "2000".to_owned()),
        ]
    );
    assert_eq!(
        server.log.lock().unwrap().search_params[0]["Format"],
        "STANDARD-XML"
    );
}

#[tokio::test]
async fn metadata_all_prefers_star_and_falls_back() {
    for refuse in [false, true] {
        let (base, server) = start(Quirks {
            refuse_metadata_star: refuse,
            ..quirks(1, 1)
        })
        .await;
        let session = Session::connect(config(&base)).await.unwrap();
        let md = session.metadata_all().await.unwrap();
        assert_eq!(md.system.system_id, "MOCK");
        assert_eq!(md.system.comments, "hi");
        assert_eq!(md.resource("Property").unwrap().key_field(), Some("LN"));
        let class = md.class("Property", "RES").unwrap();
        assert_eq!(class.fields.len(), 2);
        assert_eq!(class.table_stamp.version, "7");
        let lookup = md.field_lookup("Property", "RES", "Status").unwrap();
        assert_eq!(lookup.value("A").unwrap().long_value, "Active");
        let login = session.login_reply().await.unwrap();
        assert_eq!(login.metadata_version(), Some("1.2.3"));
        assert!(md.is_current(&login));
        let calls = server.log.lock().unwrap().metadata_params.len();
        assert_eq!(calls, if refuse { 9 } else { 1 }, "refuse={refuse}");
    }
}

#[tokio::test]
async fn objects_stream_with_per_object_errors_and_relogin() {
    let (base, server) = start(Quirks {
        unauthorized_on_object: Some(1),
        ..quirks(1, 1)
    })
    .await;
    let session = Session::connect(config(&base)).await.unwrap();
    let mut s = session
        .get_object("Property", "Photo", "K1:*,K2:1,K3:2", false)
        .await
        .unwrap();
    let mut parts = Vec::new();
    while let Some(p) = s.next().await {
        parts.push(p.unwrap());
    }
    assert_eq!(parts.len(), 3);
    assert_eq!(&parts[0].data[..], b"\xff\xd8JPEG1\xff\xd9");
    assert_eq!(parts[1].error.as_ref().unwrap().code.as_u32(), 20403);
    assert_eq!(parts[2].content_id.as_deref(), Some("K3"));
    assert_eq!(server.log.lock().unwrap().logins, 2);

    let mut s = session
        .get_object("Property", "Photo", "single", false)
        .await
        .unwrap();
    let p = s.next().await.unwrap().unwrap();
    assert_eq!(p.content_id.as_deref(), Some("single"));
    assert_eq!(p.content_type.as_deref(), Some("image/jpeg"));
    assert!(s.next().await.is_none());
}

#[tokio::test]
async fn object_transfer_broken_before_first_part_is_retried() {
    let (base, server) = start(Quirks {
        reset_on_object: Some(1),
        ..quirks(1, 1)
    })
    .await;
    let session = Session::connect(config(&base)).await.unwrap();
    let parts: Vec<_> = session
        .get_object("Property", "Photo", "K1:*", false)
        .await
        .unwrap()
        .collect()
        .await;
    assert_eq!(parts.len(), 3);
    assert!(parts.iter().all(|p| p.is_ok()));
    assert_eq!(server.log.lock().unwrap().objects, 2);
}

/// Server B, on another origin than the login: it must never see a request
/// (and so never a credential) unless the connection allows it.
async fn other_origin() -> (String, std::sync::Arc<mock::Server>) {
    let (base, server) = start(quirks(3, 10)).await;
    // Same machine, other host name and port: another origin.
    (base.replace("127.0.0.1", "localhost"), server)
}

/// The error of a search that must not reach another origin.
async fn refused_search(base: &str) -> rets_client::RetsError {
    let session = Session::connect(config(base)).await.unwrap();
    match session
        .search(SearchRequest::new("Property", "RES", "(LN=*)"))
        .await
    {
        Ok(_) => panic!("the search went to another origin"),
        Err(e) => e,
    }
}

#[tokio::test]
async fn capabilities_on_another_origin_get_no_credentials() {
    let (other, b) = other_origin().await;
    let (base, _a) = start(Quirks {
        digest: true,
        search_url: Some(format!("{other}/search")),
        ..quirks(3, 10)
    })
    .await;
    let err = refused_search(&base).await;
    assert_eq!(err.code(), "origin_refused", "{err}");
    assert!(err.to_string().contains("--allow-insecure"), "{err}");
    assert!(b.log.lock().unwrap().methods.is_empty(), "B was contacted");

    // The connection's switch lets it through.
    let mut cfg = config(&base);
    cfg.allow_insecure = true;
    let session = Session::connect(cfg).await.unwrap();
    let (_, _, rows) = all_rows(&session, SearchRequest::new("Property", "RES", "(LN=*)")).await;
    assert_eq!(keys(&rows), expected(3));
}

#[tokio::test]
async fn redirects_off_the_origin_are_refused_without_retrying() {
    let (other, b) = other_origin().await;
    let (base, a) = start(Quirks {
        redirect_search: Some(format!("{other}/search")),
        ..quirks(3, 10)
    })
    .await;
    let err = refused_search(&base).await;
    assert_eq!(err.code(), "origin_refused", "{err}");
    assert!(b.log.lock().unwrap().methods.is_empty(), "B was contacted");
    let searches = a
        .log
        .lock()
        .unwrap()
        .methods
        .iter()
        .filter(|m| m.ends_with("/search"))
        .count();
    assert_eq!(searches, 1, "a refusal is not retried");
}
