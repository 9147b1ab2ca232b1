//! End-to-end RETS transactions over plain HTTP against a running simulator.

mod common;

use common::*;
use rets_sim::{PropClass, Status};

#[tokio::test]
async fn login_session_and_logout() {
    let sim = start(config(300)).await;
    let c = client();
    let r = c.get(sim.login_url()).send().await.unwrap();
    assert_eq!(r.status(), 401);
    let ch = r.headers()["www-authenticate"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(ch.starts_with("Digest ") && ch.contains("qop=\"auth\"") && ch.contains("nonce="));
    let wrong = digest_answer(&ch, "GET", "/rets/login", "demo", "nope");
    assert_eq!(
        c.get(sim.login_url())
            .header("Authorization", wrong)
            .send()
            .await
            .unwrap()
            .status(),
        401
    );

    let ok = digest_answer(&ch, "GET", "/rets/login", "demo", "demo");
    let r = c
        .get(sim.login_url())
        .header("Authorization", ok)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["rets-version"], "RETS/1.7.2");
    assert!(
        r.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .starts_with("RETS-Session-ID=")
    );
    let body = r.text().await.unwrap();
    assert_eq!(reply_code(&body), 0);
    assert!(
        body.contains(&format!("Search={}/search", base(&sim))),
        "{body}"
    );
    assert!(body.contains("MetadataVersion=") && body.contains("TimeoutSeconds=1800"));

    // Without the cookie: 401 with 20037.
    let anon = client()
        .get(format!(
            "{}/getmetadata?Type=METADATA-SYSTEM&ID=0",
            base(&sim)
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(anon.status(), 401);
    assert_eq!(reply_code(&anon.text().await.unwrap()), 20037);

    let (status, body) = get(&c, &sim, "logout").await;
    assert_eq!((status, reply_code(&body)), (200, 0));
    assert!(body.contains("SignOffMessage="));
    let (status, _) = get(&c, &sim, "getmetadata?Type=METADATA-SYSTEM&ID=0").await;
    assert_eq!(status, 401, "session ended by logout");
}

#[tokio::test]
async fn metadata_formats() {
    let sim = start(config(200)).await;
    let (c, _) = login(&sim).await;
    let (_, all) = get(
        &c,
        &sim,
        "getmetadata?Type=METADATA-SYSTEM&ID=*&Format=COMPACT",
    )
    .await;
    assert!(all.contains("<METADATA-TABLE Resource=\"Property\" Class=\"Residential\""));
    assert!(all.contains("<METADATA-LOOKUP_TYPE Resource=\"Property\" Lookup=\"City\""));
    let (_, xml) = get(
        &c,
        &sim,
        "getmetadata?Type=METADATA-TABLE&ID=Property:Condo&Format=STANDARD-XML",
    )
    .await;
    assert!(
        xml.contains("<METADATA-TABLE Resource=\"Property\" Class=\"Condo\"")
            && xml.contains("<SystemName>UNIT_NUMBER</SystemName>")
    );
    let (_, bad) = get(
        &c,
        &sim,
        "getmetadata?Type=METADATA-TABLE&ID=Nope:Nope&Format=COMPACT",
    )
    .await;
    assert_eq!(reply_code(&bad), 20502);
}

fn expected_keys(
    sim: &rets_sim::RunningSim,
    pred: impl Fn(&rets_sim::data::Listing) -> bool,
) -> Vec<String> {
    let ds = sim.dataset();
    ds.listings()
        .iter()
        .filter(|l| !l.deleted && pred(l))
        .map(|l| l.key.to_string())
        .collect()
}

#[tokio::test]
async fn the_reply_cache_answers_repeated_searches_with_the_same_bytes() {
    let mut cfg = config(600);
    cfg.max_rows = 50;
    cfg.cache_search_replies = true;
    let sim = start(cfg).await;
    let (c, _) = login(&sim).await;
    let q = enc("(LIST_PRICE=0+)");
    let page = |offset: u32| {
        format!(
            "search?SearchType=Property&Class=Residential&QueryType=DMQL2&Query={q}&Format=COMPACT&Select=LISTING_KEY,LIST_PRICE&Offset={offset}"
        )
    };
    let (status, first) = get(&c, &sim, &page(1)).await;
    assert_eq!(status, 200);
    assert_eq!(count_rows(&first), 50);
    assert_eq!(sim.cached_replies(), 1);
    let (_, again) = get(&c, &sim, &page(1)).await;
    assert_eq!(again, first);
    assert_eq!(sim.cached_replies(), 1, "served from the cache");
    let (_, next) = get(&c, &sim, &page(51)).await;
    assert_ne!(next, first);
    assert_eq!(sim.cached_replies(), 2);
    // A RETS error is a reply like any other (HTTP 200), and just as repeatable.
    let (_, bad) = get(
        &c,
        &sim,
        "search?SearchType=Property&Class=Nope&Query=(X=1)",
    )
    .await;
    assert!(bad.contains("ReplyCode=\"2"), "{bad}");
    let (_, bad_again) = get(
        &c,
        &sim,
        "search?SearchType=Property&Class=Nope&Query=(X=1)",
    )
    .await;
    assert_eq!(bad_again, bad);
    assert_eq!(sim.cached_replies(), 3);
}

fn count_rows(body: &str) -> usize {
    body.matches("<DATA>").count()
}

#[tokio::test]
async fn search_matches_the_data_and_pages() {
    let mut cfg = config(3000);
    cfg.max_rows = 100;
    let sim = start(cfg).await;
    let (c, _) = login(&sim).await;
    let want = expected_keys(&sim, |l| {
        l.class == PropClass::Residential
            && l.status == Status::Active
            && (200_000..=450_000).contains(&l.list_price)
    });
    assert!(want.len() > 10, "enough data: {}", want.len());
    let q = enc("(STATUS=|A),(LIST_PRICE=200000-450000)");
    let (_, body) = get(&c, &sim, &format!("search?SearchType=Property&Class=Residential&QueryType=DMQL2&Query={q}&Count=2&Format=COMPACT")).await;
    assert_eq!(count(&body), want.len());
    assert!(!body.contains("<DATA>"));

    // Same via StandardNames.
    let q2 = enc("(ListingStatus=|A),(ListPrice=200000-450000)");
    let (_, body) = get(&c, &sim, &format!("search?SearchType=Property&Class=Residential&StandardNames=1&Query={q2}&Count=1&Format=COMPACT&Select=ListingKey,ListPrice&Limit=5")).await;
    assert_eq!(count(&body), want.len());
    assert_eq!(columns(&body, '\t'), vec!["ListingKey", "ListPrice"]);
    assert_eq!(rows(&body, '\t').len(), 5);

    // Limit=0 with Count=1: the count alone.
    let (_, body) = get(
        &c,
        &sim,
        &format!(
            "search?SearchType=Property&Class=Residential&Query={q}&Count=1&Limit=0&Format=COMPACT"
        ),
    )
    .await;
    assert_eq!(
        (reply_code(&body), count(&body), rows(&body, '\t').len()),
        (0, want.len(), 0)
    );

    // Page through everything Residential past MAXROWS with Offset.
    let all = expected_keys(&sim, |l| l.class == PropClass::Residential);
    let q3 = enc("(LISTING_KEY=*)");
    let mut got = Vec::new();
    let mut saw_maxrows = false;
    loop {
        let (_, body) = get(
            &c,
            &sim,
            &format!("search?SearchType=Property&Class=Residential&Query={q3}&Format=COMPACT&Select=LISTING_KEY&Count=1&Limit=NONE&Offset={}", got.len() + 1),
        )
        .await;
        if reply_code(&body) == 20201 {
            break;
        }
        saw_maxrows |= body.contains("<MAXROWS />");
        let page = rows(&body, '\t');
        assert!(page.len() <= 100);
        got.extend(page.into_iter().map(|r| r[0].clone()));
        if got.len() >= count(&body) {
            break;
        }
    }
    assert!(saw_maxrows);
    assert_eq!(got, all);
}

#[tokio::test]
async fn dmql_operators() {
    let sim = start(config(2000)).await;
    let (c, _) = login(&sim).await;
    let n = |q: &'static str, class: &'static str| {
        let c = c.clone();
        let url = format!(
            "search?SearchType=Property&Class={class}&Query={}&Count=2&Format=COMPACT",
            enc(q)
        );
        let sim = &sim;
        async move {
            let (_, body) = get(&c, sim, &url).await;
            match reply_code(&body) {
                0 => count(&body),
                20201 => 0,
                other => panic!("{q}: {other} {body}"),
            }
        }
    };
    let total = expected_keys(&sim, |l| l.class == PropClass::Residential).len();
    let sold = expected_keys(&sim, |l| {
        l.class == PropClass::Residential && l.status == Status::Closed
    })
    .len();
    assert_eq!(n("(STATUS=|S)", "Residential").await, sold);
    assert_eq!(n("(STATUS=~S)", "Residential").await, total - sold);
    assert_eq!(n("~(STATUS=S)", "Residential").await, total - sold);
    assert_eq!(
        n("(STATUS=|A,S)|(STATUS=|P)", "Residential").await,
        n("(STATUS=|A,S,P)", "Residential").await
    );
    assert_eq!(
        n("(CLOSE_PRICE=.EMPTY.)", "Residential").await,
        total - sold
    );
    assert_eq!(n("(STATUS=.ANY.)", "Residential").await, total);
    let closed_recent = expected_keys(&sim, |l| {
        l.class == PropClass::Residential
            && l.close_date != 0
            && i64::from(l.close_date) >= (ANCHOR / 86_400) - 365
    });
    let since = chrono::DateTime::from_timestamp(ANCHOR - 365 * 86_400, 0)
        .unwrap()
        .format("%Y-%m-%d")
        .to_string();
    let q = format!("(CLOSE_DATE={since}+)");
    let url = format!(
        "search?SearchType=Property&Class=Residential&Query={}&Count=2&Format=COMPACT",
        enc(&q)
    );
    let (_, body) = get(&c, &sim, &url).await;
    assert_eq!(count(&body), closed_recent.len());
    assert_eq!(n("(LIST_DATE=TODAY-)", "Residential").await, total);
    assert_eq!(n("(MODIFIED=NOW-)", "Residential").await, total);
    let places = sim.dataset().places().clone();
    let austin = expected_keys(&sim, |l| {
        l.class == PropClass::Residential && places.places[l.place as usize].city == "Austin"
    });
    assert_eq!(n("(CITY=|AUSTIN)", "Residential").await, austin.len());
    assert_eq!(n("(CITY=AUSTIN)", "Residential").await, austin.len());
    // Multi-value lookups: all-of is a subset of any-of.
    let any = n("(HEATING=|CEN,FA)", "Residential").await;
    let all = n("(HEATING=+CEN,FA)", "Residential").await;
    assert!(all > 0 && all < any && any < total);
    // Wildcards on text, case-insensitive.
    assert_eq!(
        n("(STREET_NAME=oak*)", "Residential").await,
        expected_keys(&sim, |l| l.class == PropClass::Residential
            && rets_sim::data::people::STREETS[l.street as usize] == "Oak St")
        .len()
    );
    assert!(n("(REMARKS=*bedroom*)", "Residential").await == total);
    // Reply codes.
    for (q, class, code) in [
        ("(NOPE=1)", "Residential", 20200),
        ("(LIST_PRICE=abc)", "Residential", 20206),
        ("(LIST_PRICE=1", "Residential", 20206),
        ("(STATUS=|Q)", "Residential", 20206),
        ("(LIST_PRICE=1-2)", "Residential", 20201),
        ("(LIST_PRICE=1+)", "Bogus", 20203),
        ("(UNIT_NUMBER=1)", "Residential", 20200),
    ] {
        let (_, body) = get(
            &c,
            &sim,
            &format!(
                "search?SearchType=Property&Class={class}&Query={}&Format=COMPACT",
                enc(q)
            ),
        )
        .await;
        assert_eq!(reply_code(&body), code, "{q}");
    }
    let (_, body) = get(
        &c,
        &sim,
        &format!(
            "search?SearchType=Property&Class=Residential&Query={}&Select=NOPE",
            enc("(LIST_PRICE=1+)")
        ),
    )
    .await;
    assert_eq!(reply_code(&body), 20202);
}

#[tokio::test]
async fn formats_and_roster_resources() {
    let sim = start(config(500)).await;
    let (c, _) = login(&sim).await;
    let key = sim
        .dataset()
        .listings()
        .iter()
        .find(|l| l.class == PropClass::Residential)
        .unwrap()
        .key;
    let q = enc(&format!("(LISTING_KEY={key})"));
    let base_q = format!(
        "search?SearchType=Property&Class=Residential&Query={q}&Select=LISTING_KEY,STATUS,CITY,HEATING,LATITUDE"
    );
    let (_, compact) = get(&c, &sim, &format!("{base_q}&Format=COMPACT")).await;
    let (_, decoded) = get(&c, &sim, &format!("{base_q}&Format=COMPACT-DECODED")).await;
    let (_, xml) = get(&c, &sim, &format!("{base_q}&Format=STANDARD-XML")).await;
    let (r1, r2) = (&rows(&compact, '\t')[0], &rows(&decoded, '\t')[0]);
    assert_eq!(r1[0], key.to_string());
    assert!(["A", "P", "S", "X", "W"].contains(&r1[1].as_str()));
    assert!(["Active", "Pending", "Sold", "Expired", "Withdrawn"].contains(&r2[1].as_str()));
    assert!(r1[4].contains('.') && r1[4].split('.').nth(1).unwrap().len() == 6);
    assert!(compact.contains("<DELIMITER value=\"09\" />"));
    assert!(xml.contains(&format!("<LISTING_KEY>{key}</LISTING_KEY>")) && xml.contains("<REData>"));

    let agent_key = sim.dataset().agents()[0].key;
    let (_, body) = get(
        &c,
        &sim,
        &format!(
            "search?SearchType=Agent&Class=Agent&Query={}&Format=COMPACT&Count=1",
            enc(&format!("(MEMBER_KEY={agent_key})"))
        ),
    )
    .await;
    assert_eq!(count(&body), 1);
    let oh = sim.dataset().open_houses().len();
    let (_, body) = get(
        &c,
        &sim,
        &format!(
            "search?SearchType=OpenHouse&Query={}&Format=COMPACT&Count=2",
            enc("(OPEN_HOUSE_KEY=*)")
        ),
    )
    .await;
    assert_eq!(count(&body), oh);
    let offices = sim.dataset().offices().len();
    let (_, body) = get(
        &c,
        &sim,
        &format!(
            "search?SearchType=Office&Class=Office&Query={}&Format=COMPACT&Count=2",
            enc("(OFFICE_STATUS=|A)")
        ),
    )
    .await;
    assert_eq!(count(&body), offices);
}

#[tokio::test]
async fn get_object_single_multipart_location_and_missing() {
    let sim = start(config(300)).await;
    let (c, _) = login(&sim).await;
    let (key, photos) = {
        let ds = sim.dataset();
        let l = ds.listings().iter().find(|l| l.photo_count >= 3).unwrap();
        (l.key, u32::from(l.photo_count))
    };
    let url = |q: &str| format!("{}/getobject?{q}", base(&sim));
    let r = c
        .get(url(&format!("Resource=Property&Type=Photo&ID={key}:2")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["content-type"], "image/jpeg");
    assert_eq!(r.headers()["object-id"], "2");
    assert_eq!(r.headers()["content-id"], key.to_string().as_str());
    let img = r.bytes().await.unwrap();
    assert_eq!(&img[..2], &[0xFF, 0xD8]);

    let r = c
        .get(url(&format!("Resource=Property&Type=Photo&ID={key}:*")))
        .send()
        .await
        .unwrap();
    let ct = r.headers()["content-type"].to_str().unwrap().to_string();
    assert!(ct.starts_with("multipart/parallel; boundary=\""), "{ct}");
    let boundary = ct
        .split("boundary=\"")
        .nth(1)
        .unwrap()
        .trim_end_matches('"')
        .to_string();
    let body = r.bytes().await.unwrap();
    let text = String::from_utf8_lossy(&body);
    assert_eq!(
        text.matches(&format!("--{boundary}\r\n")).count(),
        photos as usize
    );
    assert!(text.ends_with(&format!("--{boundary}--\r\n")));
    for i in 1..=photos {
        assert!(text.contains(&format!("Object-ID: {i}\r\n")));
    }

    let r = c
        .get(url(&format!(
            "Resource=Property&Type=Photo&ID={key}:1:{}",
            photos + 5
        )))
        .send()
        .await
        .unwrap();
    let text = r.text().await.unwrap();
    assert!(text.contains("ReplyCode=\"20403\"") && text.contains("Content-Type: image/jpeg"));

    let r = c
        .get(url(&format!(
            "Resource=Property&Type=Photo&ID={key}:1&Location=1"
        )))
        .send()
        .await
        .unwrap();
    let loc = r.headers()["location"].to_str().unwrap().to_string();
    let img = c.get(&loc).send().await.unwrap().bytes().await.unwrap();
    assert_eq!(&img[..2], &[0xFF, 0xD8]);

    let r = c
        .get(url(&format!(
            "Resource=Property&Type=Thumbnail&ID={key}:1,{key}:2&Location=1"
        )))
        .send()
        .await
        .unwrap();
    let text = r.text().await.unwrap();
    assert_eq!(text.matches("Location: http://").count(), 2);

    let (_, body) = get(&c, &sim, "getobject?Resource=Property&Type=Photo&ID=1:1").await;
    assert_eq!(reply_code(&body), 20403);
    let (_, body) = get(&c, &sim, "getobject?Resource=Nope&Type=Photo&ID=1:1").await;
    assert_eq!(reply_code(&body), 20400);
    let (_, body) = get(
        &c,
        &sim,
        &format!("getobject?Resource=Property&Type=Video&ID={key}:1"),
    )
    .await;
    assert_eq!(reply_code(&body), 20401);
}

#[tokio::test]
async fn advance_shows_up_in_incremental_search() {
    let sim = start(config(500)).await;
    let (c, _) = login(&sim).await;
    let since = chrono::DateTime::from_timestamp(ANCHOR, 0)
        .unwrap()
        .format("%Y-%m-%dT%H:%M:%S")
        .to_string();
    let q = enc(&format!("(MODIFIED={since}+)"));
    let url =
        format!("search?SearchType=Property&Class=Residential&Query={q}&Count=2&Format=COMPACT");
    let before = get(&c, &sim, &url).await.1;
    let before = if reply_code(&before) == 20201 {
        0
    } else {
        count(&before)
    };
    sim.advance(300);
    let after = count(&get(&c, &sim, &url).await.1);
    let changed = expected_keys(&sim, |l| {
        l.class == PropClass::Residential && l.modified >= ANCHOR
    })
    .len();
    assert!(after > before);
    assert_eq!(after, changed);
}

#[tokio::test]
async fn live_mode_changes_data_in_the_background() {
    let mut cfg = config(200);
    cfg.live = Some(rets_sim::LiveMode {
        interval: std::time::Duration::from_millis(50),
        changes_per_tick: 10,
    });
    let sim = start(cfg).await;
    let (c, _) = login(&sim).await;
    let r = c
        .get(format!(
            "{}/getmetadata?Type=METADATA-SYSTEM&ID=0",
            base(&sim)
        ))
        .header("RETS-Version", "RETS/1.8")
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["rets-version"], "RETS/1.8");
    for _ in 0..100 {
        if sim.dataset().changes() >= 20 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(sim.dataset().changes() >= 20, "live task applied changes");
    sim.shutdown().await;
}

#[tokio::test]
async fn digest_on_each_request_works_without_a_cookie() {
    let sim = start(config(100)).await;
    let c = reqwest::Client::new();
    let url = format!("{}/getmetadata?Type=METADATA-SYSTEM&ID=0", base(&sim));
    let r = c.get(&url).send().await.unwrap();
    assert_eq!(r.status(), 401);
    let ch = r.headers()["www-authenticate"]
        .to_str()
        .unwrap()
        .to_string();
    let auth = digest_answer(
        &ch,
        "GET",
        "/rets/getmetadata?Type=METADATA-SYSTEM&ID=0",
        "demo",
        "demo",
    );
    let r = c
        .get(&url)
        .header("Authorization", auth)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains("<METADATA-SYSTEM"));
    let bad = digest_answer(
        &ch,
        "GET",
        "/rets/getmetadata?Type=METADATA-SYSTEM&ID=0",
        "demo",
        "wrong",
    );
    assert_eq!(
        c.get(&url)
            .header("Authorization", bad)
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
}
