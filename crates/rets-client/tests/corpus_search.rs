//! Replays every captured search, login, logout and envelope reply of the corpus
//! through the pure parsers and checks their content.

mod common;

use common::{LIBRETS, LIBRETS_NET, PHRETS, corpus, load};
use rets_client::compact::parse_compact;
use rets_client::login::{parse_login, parse_logout};
use rets_client::reply::parse_envelope;
use rets_client::text::TextDecoder;
use url::Url;

fn dec(f: &common::Fixture) -> TextDecoder {
    TextDecoder::from_content_type(f.header("Content-Type"))
}

#[test]
fn flexmls_search_pages() {
    let Some(root) = corpus() else { return };
    let s = format!("{PHRETS}/get/retsgw.flexmls.com/rets2_1_Search");
    // (file, count, rows, maxrows)
    let cases = [
        ("1aa3b4454404b11492369cc3f2b95e8f", Some(40), 15, true),
        ("5836410b43446216e8b33c787d798441", None, 15, true),
        ("71fb8c90d106cf1f88c5687044918787", Some(40), 10, false),
        ("7580aa7ffcd519406def9899f7efbb41", Some(9057), 3, true),
        ("772dbb6548885978fd7b656175e0b817", Some(9057), 3, true),
        ("77bebac441fa391975e56cb720f2d7e7", Some(40), 15, true),
        ("90471d12722b9f16e7568920b861cf1f", Some(40), 15, true),
        ("c0296526b8e1e8954a8001dbb85b01ea", Some(40), 15, true),
        ("e9f250f06854ab0e94b017681e91c7bd", None, 15, true),
        ("f07c8bc25411e40b67847cef66883ab5", Some(40), 15, true),
        ("f32d4206aad8af73adadb03e5b066e0e", None, 10, false),
    ];
    for (file, count, rows, maxrows) in cases {
        let f = load(&root, &format!("{s}/{file}.txt"));
        let r = parse_compact(&f.body, dec(&f)).unwrap();
        assert!(r.status.as_ref().unwrap().code.is_success(), "{file}");
        assert_eq!(r.count, count, "{file}");
        assert_eq!(r.rows.len(), rows, "{file}");
        assert_eq!(r.max_rows, maxrows, "{file}");
        assert_eq!(r.delimiter, '\t', "{file}");
        assert!(r.complete, "{file}");
        for row in &r.rows {
            assert_eq!(row.len(), r.columns.len(), "{file}");
        }
    }
    // No <DELIMITER> at all: TAB is assumed, values intact.
    let f = load(&root, &format!("{s}/1aa3b4454404b11492369cc3f2b95e8f.txt"));
    let r = parse_compact(&f.body, dec(&f)).unwrap();
    assert_eq!(r.columns, ["LIST_1"]);
    assert_eq!(r.rows[0], ["20140904164308260560000000"]);
    assert_eq!(r.rows[14], ["20071008190307954690000000"]);
}

#[test]
fn flexmls_post_searches() {
    let Some(root) = corpus() else { return };
    let s = format!("{PHRETS}/post/retsgw.flexmls.com/rets2_1_Search");
    for (file, count) in [
        ("1a8858c3dc1b01aff879cb7fcb2ca735", 9092),
        ("49cf00533b92c63d4bd49e662ce6373f", 1763),
        ("a269afc17b7b356d4f9179dd107e14a7", 9092),
    ] {
        let f = load(&root, &format!("{s}/{file}.txt"));
        let r = parse_compact(&f.body, dec(&f)).unwrap();
        assert_eq!(r.count, Some(count), "{file}");
        assert_eq!(r.rows.len(), 1, "{file}");
        assert!(r.max_rows, "{file}");
    }
}

#[test]
fn flexmls_20203_multiline_text() {
    let Some(root) = corpus() else { return };
    let f = load(
        &root,
        &format!(
            "{PHRETS}/get/retsgw.flexmls.com/rets2_1_Search/f065035031b4ce43d3e5374517306e20.txt"
        ),
    );
    let env = parse_envelope(&f.body, &dec(&f)).unwrap();
    assert_eq!(env.status.code.as_u32(), 20203);
    assert!(env.status.text.contains("Specified Class (Z) is not valid"));
    assert!(env.text.contains("Valid Classes are:"));
    assert!(env.text.contains("\tI"));
    let err = env.check().unwrap_err();
    assert!(
        err.to_string()
            .contains("Valid Classes are: A B C E F G H I"),
        "{err}"
    );
    let r = parse_compact(&f.body, dec(&f)).unwrap();
    assert!(r.rows.is_empty());
    assert!(r.detail.contains("\tH\n"));
}

#[test]
fn librets_search_fixtures() {
    let Some(root) = corpus() else { return };
    let p = |n: &str| load(&root, &format!("{LIBRETS}/{n}"));
    let f = p("raw-search");
    let r = parse_compact(&f.body, dec(&f)).unwrap();
    assert_eq!(r.count, Some(160));
    assert_eq!(r.rows.len(), 160);
    assert_eq!(r.columns, ["ListingID", "ListPrice", "Beds", "City"]);
    assert_eq!(r.rows[0], ["LN000000", "250000", "3", "Chicago"]);

    for name in [
        "search-response-no-leading-tab.xml",
        "search-response-no-final-tab.xml",
    ] {
        let f = p(name);
        let r = parse_compact(&f.body, dec(&f)).unwrap();
        assert_eq!(
            r.columns,
            ["ListingID", "ListPrice", "City", "ListDate"],
            "{name}"
        );
        assert_eq!(r.rows.len(), 2, "{name}");
        assert_eq!(r.rows[1][2], "Buffalo Grove", "{name}");
    }

    let f = p("search-response-pipe.xml");
    let r = parse_compact(&f.body, dec(&f)).unwrap();
    assert_eq!(r.delimiter, '|');
    assert_eq!(r.rows.len(), 1);
    assert_eq!(r.rows[0].len(), r.columns.len());

    let f = p("search-response-extended-char.xml");
    let r = parse_compact(&f.body, dec(&f)).unwrap();
    assert_eq!(r.rows[0], ["AG000001", "Carlos", "N\u{153}\u{2013}ez"]);

    let f = p("search-response-extended-utf8.xml");
    let r = parse_compact(&f.body, dec(&f)).unwrap();
    assert!(r.rows[0].iter().any(|v| !v.is_ascii()));
    assert!(r.rows[0].iter().all(|v| !v.contains('\u{fffd}')));

    let f = p("search-response-no-records.xml");
    let r = parse_compact(&f.body, dec(&f)).unwrap();
    assert!(r.status.unwrap().code.is_empty_result());
    assert!(r.rows.is_empty());

    let f = p("search-response-no-count.xml");
    let r = parse_compact(&f.body, dec(&f)).unwrap();
    assert_eq!(r.count, None);
    assert_eq!(r.rows.len(), 2);

    let f = p("search-response-single-column.xml");
    let r = parse_compact(&f.body, dec(&f)).unwrap();
    assert_eq!(r.columns.len(), 1);
    assert_eq!(r.rows.len(), 3);

    let f = p("search-response.xml");
    let r = parse_compact(&f.body, dec(&f)).unwrap();
    assert_eq!(r.count, Some(2));
    assert!(r.max_rows);

    for name in [
        "search-response-error.xml",
        "search-response-error-extended.xml",
    ] {
        let f = p(name);
        let env = parse_envelope(&f.body, &dec(&f)).unwrap();
        assert_eq!(env.status.code.as_u32(), 20205, "{name}");
        assert_eq!(env.check().unwrap_err().code(), "reply_code");
    }
}

#[test]
fn librets_network_searches() {
    let Some(root) = corpus() else { return };
    let p = |n: &str| load(&root, &format!("{LIBRETS_NET}/{n}"));
    let f = p("search.1");
    let r = parse_compact(&f.body, dec(&f)).unwrap();
    assert_eq!((r.count, r.rows.len()), (Some(160), 160));
    let f = p("search.2");
    let r = parse_compact(&f.body, dec(&f)).unwrap();
    assert_eq!((r.count, r.rows.len()), (Some(30), 30));
    // One-digit hex delimiter, MAXROWS plus RETS-STATUS 20208 inside a 0 reply, chunked.
    let f = p("search.3");
    let r = parse_compact(&f.body, dec(&f)).unwrap();
    assert_eq!(r.delimiter, '\t');
    assert_eq!(r.count, Some(42));
    assert_eq!(r.columns, ["City"]);
    assert_eq!(r.rows, [vec!["Zanesville".to_owned()]]);
    assert!(r.max_rows);
    assert_eq!(r.inner_status.unwrap().code.as_u32(), 20208);
    assert!(r.complete);
}

#[test]
fn flexmls_logins() {
    let Some(root) = corpus() else { return };
    let base = Url::parse("http://retsgw.flexmls.com/rets2_1/Login").unwrap();
    let dir = format!("{PHRETS}/get/retsgw.flexmls.com");
    let f = load(
        &root,
        &format!("{dir}/rets2_1_Login/ac1f434b220d1920fa87a27d582bc877.txt"),
    );
    let r = parse_login(&f.body, &dec(&f), &base).unwrap();
    assert_eq!(
        r.capability("Search").unwrap().as_str(),
        "http://retsgw.flexmls.com/rets2_1/Search"
    );
    assert_eq!(
        r.capability("Logout").unwrap().as_str(),
        "http://retsgw.flexmls.com/rets2_1/Logout"
    );
    assert_eq!(r.metadata_version(), Some("01.03.28598"));
    assert_eq!(r.metadata_timestamp(), Some("2014-07-08T20:10:20Z"));
    assert_eq!(r.member_name(), Some("UNKNOWN"));
    assert_eq!(r.get("X-SupportSite"), Some("http://flexmls.com/rets/"));
    assert_eq!(
        r.user(),
        Some("demomls,MASTER,4,20000426143505724628000000")
    );

    let f = load(
        &root,
        &format!("{dir}/action_rets2_1_Login/03cd0f6cb206f18aed8f4979939a9482.txt"),
    );
    let r = parse_login(&f.body, &dec(&f), &base).unwrap();
    assert!(r.capability("Action").is_some());

    let f = load(
        &root,
        &format!("{dir}/limited_rets2_1_Login/d848b86daf1f828cdf637404afc72626.txt"),
    );
    let r = parse_login(&f.body, &dec(&f), &base).unwrap();
    assert!(r.capability("GetMetadata").is_none());
    assert!(r.capability("Search").is_some());

    for rel in [
        "get/retsgw.flexmls.com/rets2_1_Login/aaae3d614d1660701f3d7508efb11004.txt",
        "get/retsgw.flexmls.com/rets2_1_Login/e053c8fc90ca621443437db0a2f963d1.txt",
        "get/retsgw.flexmls.com/rets2_1_Login/e5df43b61e717bc8e3d4759aad894e2f.txt",
        "get/retsgw.flexmls.com/lookup_rets2_1_Login/e057db12dc3a7f37caa2203ecc2fe13e.txt",
        "post/retsgw.flexmls.com/rets2_1_Login/57b9c3a515cb43d1141653c3f1395981.txt",
        "post/retsgw.flexmls.com/rets2_1_Login/792a904f04a03923cc0a54d8c0cd232c.txt",
    ] {
        let f = load(&root, &format!("{PHRETS}/{rel}"));
        let r = parse_login(&f.body, &dec(&f), &base).unwrap();
        assert!(r.capability("Search").is_some(), "{rel}");
        assert!(r.metadata_version().is_some(), "{rel}");
    }
    let f = load(
        &root,
        &format!("{dir}/rets2_1_Login/e053c8fc90ca621443437db0a2f963d1.txt"),
    );
    let r = parse_login(&f.body, &dec(&f), &base).unwrap();
    assert!(r.min_metadata_version().is_some());
    assert!(r.get("X-ApiAccessSettings").is_some());
}

#[test]
fn librets_logins() {
    let Some(root) = corpus() else { return };
    let base = Url::parse("http://example.com:6103/rets/login").unwrap();
    let p = |n: &str| load(&root, &format!("{LIBRETS}/{n}"));

    let f = p("login-valid15.xml");
    let r = parse_login(&f.body, &dec(&f), &base).unwrap();
    assert_eq!(r.broker(), Some(""));
    assert_eq!(r.member_name(), Some("Joe Schmoe"));
    assert_eq!(r.balance(), Some("3,197.35"));
    assert_eq!(r.timeout_seconds(), Some(1800));
    assert_eq!(
        r.capability("Search").unwrap().as_str(),
        "http://example.com:6103/rets/search"
    );
    assert_eq!(
        r.capability("Action").unwrap().as_str(),
        "http://example.com:6103/rets/action"
    );
    assert_eq!(r.get("X-Field"), Some("Value"));

    let f = p("login-valid10.xml");
    let r = parse_login(&f.body, &dec(&f), &base).unwrap();
    assert_eq!(r.member_name(), Some("Elizabeth A Davis"));
    assert_eq!(r.timeout_seconds(), Some(1800));
    assert_eq!(
        r.capability("GetMetadata").unwrap().as_str(),
        "http://cornerstone.mris.com:6103/platinum/getmetadata"
    );
    assert_eq!(r.metadata_version(), Some("1.2.200"));

    let f = p("login-valid18.xml");
    let r = parse_login(&f.body, &dec(&f), &base).unwrap();
    assert_eq!(r.info_tokens["MEMBERNAME"].value, "Joe Schmoe");
    assert_eq!(r.info_tokens["USERLEVEL"].data_type, "Int");
    assert_eq!(r.metadata_version(), Some("1.0.000"));
    assert_eq!(r.timeout_seconds(), Some(123));
    assert_eq!(
        r.capability("GetPayloadList").unwrap().as_str(),
        "http://example.com:6103/rets/getPayloadList"
    );

    let f = p("login-cris.xml");
    let r = parse_login(&f.body, &dec(&f), &base).unwrap();
    assert_eq!(r.timeout_seconds(), Some(900));
    assert_eq!(r.broker(), Some("9999999"));
    assert!(
        r.capability("GetObject")
            .unwrap()
            .as_str()
            .ends_with("/getObject")
    );

    let f = p("login-invalid.xml");
    let e = parse_login(&f.body, &dec(&f), &base).unwrap_err();
    assert_eq!(e.code(), "auth_failed");
    assert!(e.to_string().contains("20036"));

    let f = load(&root, &format!("{LIBRETS_NET}/login"));
    let r = parse_login(&f.body, &dec(&f), &base).unwrap();
    assert!(r.capability("Search").is_some());
}

#[test]
fn logouts() {
    let Some(root) = corpus() else { return };
    let f = load(
        &root,
        &format!(
            "{PHRETS}/get/retsgw.flexmls.com/rets2_1_Logout/18f6b7bfb97630b9cdbfd8af1b817310.txt"
        ),
    );
    let env = parse_envelope(&f.body, &dec(&f)).unwrap();
    assert!(env.status.code.is_success());
    let r = parse_logout(&f.body, &dec(&f)).unwrap();
    assert!(r.message.is_some());

    let f = load(&root, &format!("{LIBRETS}/logout-tarasoft.xml"));
    let r = parse_logout(&f.body, &dec(&f)).unwrap();
    assert_eq!(r.message.as_deref(), Some("Connection Closed"));

    for n in ["logout-cris.xml", "logout-valid15.xml"] {
        let f = load(&root, &format!("{LIBRETS}/{n}"));
        parse_logout(&f.body, &dec(&f)).unwrap();
    }
    let f = load(&root, &format!("{LIBRETS_NET}/logout"));
    parse_logout(&f.body, &dec(&f)).unwrap();
}
