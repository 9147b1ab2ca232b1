//! Each server quirk, observed over plain HTTP.

mod common;

use std::io::Read;

use common::*;
use rets_sim::{Quirks, SimConfig};

fn with(quirks: &str) -> SimConfig {
    let mut c = config(400);
    c.quirks = quirks.parse::<Quirks>().unwrap();
    c
}

const SEARCH: &str = "search?SearchType=Property&Class=Residential&Query=%28LIST_PRICE%3D1%2B%29&Format=COMPACT&Select=LISTING_KEY,CITY&Limit=3";

#[tokio::test]
async fn relative_urls() {
    let sim = start(with("relative-urls")).await;
    let (_, body) = login(&sim).await;
    assert!(body.contains("\r\nSearch=/rets/search\r\n"), "{body}");
}

#[tokio::test]
async fn post_only() {
    let sim = start(with("post-only")).await;
    let (c, _) = login(&sim).await;
    let r = c
        .get(format!("{}/{SEARCH}", base(&sim)))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 405);
    let form = SEARCH.trim_start_matches("search?");
    let r = c
        .post(format!("{}/search", base(&sim)))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(form.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(rows(&r.text().await.unwrap(), '\t').len(), 3);
}

#[tokio::test]
async fn delimiters() {
    let sim = start(with("pipe-delimiter")).await;
    let (c, _) = login(&sim).await;
    let (_, body) = get(&c, &sim, SEARCH).await;
    assert!(body.contains("<DELIMITER value=\"7C\" />"));
    assert_eq!(columns(&body, '|'), vec!["LISTING_KEY", "CITY"]);
    assert_eq!(rows(&body, '|')[0].len(), 2);

    let sim = start(with("no-delimiter")).await;
    let (c, _) = login(&sim).await;
    let (_, body) = get(&c, &sim, SEARCH).await;
    assert!(!body.contains("<DELIMITER"));
    assert_eq!(rows(&body, '\t').len(), 3);
}

#[tokio::test]
async fn gzip_and_bom() {
    let sim = start(with("gzip,text-plain-bom")).await;
    let (_, _) = login(&sim).await;
    // A client that does not decode, to see the wire.
    let raw = reqwest::Client::builder()
        .cookie_store(true)
        .no_gzip()
        .build()
        .unwrap();
    let first = raw.get(sim.login_url()).send().await.unwrap();
    let ch = first.headers()["www-authenticate"]
        .to_str()
        .unwrap()
        .to_string();
    raw.get(sim.login_url())
        .header(
            "Authorization",
            digest_answer(&ch, "GET", "/rets/login", "demo", "demo"),
        )
        .send()
        .await
        .unwrap();
    let r = raw
        .get(format!("{}/{SEARCH}", base(&sim)))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["content-encoding"], "gzip");
    assert_eq!(r.headers()["content-type"], "text/plain; charset=utf-8");
    let bytes = r.bytes().await.unwrap();
    let mut text = Vec::new();
    flate2::read::GzDecoder::new(&bytes[..])
        .read_to_end(&mut text)
        .unwrap();
    assert!(text.starts_with(b"\xEF\xBB\xBF<?xml"));
    assert_eq!(
        rows(std::str::from_utf8(&text[3..]).unwrap(), '\t').len(),
        3
    );
}

#[tokio::test]
async fn basic_auth_only() {
    let sim = start(with("basic-auth")).await;
    let c = client();
    let r = c.get(sim.login_url()).send().await.unwrap();
    assert!(
        r.headers()["www-authenticate"]
            .to_str()
            .unwrap()
            .starts_with("Basic realm=")
    );
    let r = c
        .get(sim.login_url())
        .basic_auth("demo", Some("demo"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(get(&c, &sim, SEARCH).await.0, 200);
    let r = client()
        .get(sim.login_url())
        .basic_auth("demo", Some("x"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
}

#[tokio::test]
async fn ua_auth() {
    let sim = start(with("ua-auth")).await;
    let ua = rets_sim::UaAuth::default();
    let c = client();
    // No UA header: 20041.
    let r = c.get(sim.login_url()).send().await.unwrap();
    assert_eq!(
        (r.status().as_u16(), reply_code(&r.text().await.unwrap())),
        (401, 20041)
    );
    let ua_header = |sid: &str| {
        format!(
            "Digest {}",
            md5(&format!(
                "{}::{sid}:RETS/1.7.2",
                md5(&format!("{}:{}", ua.user_agent, ua.password))
            ))
        )
    };
    let send = |url: String, sid: String, auth: Option<String>| {
        let mut b = c
            .get(url)
            .header("User-Agent", ua.user_agent.clone())
            .header("RETS-Version", "RETS/1.7.2")
            .header("RETS-UA-Authorization", ua_header(&sid));
        if let Some(a) = auth {
            b = b.header("Authorization", a);
        }
        b.send()
    };
    let r = send(sim.login_url(), String::new(), None).await.unwrap();
    assert_eq!(r.status(), 401, "digest still needed");
    let ch = r.headers()["www-authenticate"]
        .to_str()
        .unwrap()
        .to_string();
    let r = send(
        sim.login_url(),
        String::new(),
        Some(digest_answer(&ch, "GET", "/rets/login", "demo", "demo")),
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 200);
    let sid = r.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(['=', ';'])
        .nth(1)
        .unwrap()
        .to_string();
    let ok = send(format!("{}/{SEARCH}", base(&sim)), sid.clone(), None)
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
    let wrong = send(format!("{}/{SEARCH}", base(&sim)), "OTHER".into(), None)
        .await
        .unwrap();
    assert_eq!(
        (
            wrong.status().as_u16(),
            reply_code(&wrong.text().await.unwrap())
        ),
        (401, 20037)
    );
}

#[tokio::test]
async fn session_expiry() {
    let sim = start(with("session-expiry=3")).await;
    let (c, _) = login(&sim).await;
    for _ in 0..3 {
        assert_eq!(get(&c, &sim, SEARCH).await.0, 200);
    }
    let (status, body) = get(&c, &sim, SEARCH).await;
    assert_eq!((status, reply_code(&body)), (401, 20037));
    login(&sim).await;
}

#[tokio::test]
async fn truncate_every_third() {
    let sim = start(with("truncate=3")).await;
    let (c, _) = login(&sim).await;
    let url = format!("{}/{SEARCH}", base(&sim));
    let mut results = Vec::new();
    for _ in 0..6 {
        let r = c.get(&url).send().await;
        results.push(match r {
            Ok(r) => r.text().await.is_ok(),
            Err(_) => false,
        });
    }
    assert_eq!(results, vec![true, true, false, true, true, false]);
}

#[tokio::test]
async fn errors_5xx_bursts() {
    let sim = start(with("errors-5xx=4")).await;
    let (c, _) = login(&sim).await;
    let mut statuses = Vec::new();
    for _ in 0..9 {
        let r = c
            .get(format!("{}/{SEARCH}", base(&sim)))
            .send()
            .await
            .unwrap();
        if r.status() == 503 {
            assert_eq!(r.headers()["retry-after"], "1");
        }
        statuses.push(r.status().as_u16());
    }
    assert_eq!(statuses, vec![200, 200, 200, 503, 503, 200, 200, 503, 503]);
}

#[tokio::test]
async fn slow() {
    let sim = start(with("slow=150")).await;
    let (c, _) = login(&sim).await;
    let t = std::time::Instant::now();
    get(&c, &sim, SEARCH).await;
    assert!(t.elapsed() >= std::time::Duration::from_millis(150));
}

#[tokio::test]
async fn offset_ignored_and_maxrows_status() {
    let mut cfg = with("offset-ignored,maxrows-status");
    cfg.max_rows = 5;
    let sim = start(cfg).await;
    let (c, _) = login(&sim).await;
    let q = "search?SearchType=Property&Class=Residential&Query=%28LIST_PRICE%3D1%2B%29&Format=COMPACT&Select=LISTING_KEY&Count=1";
    let (_, p1) = get(&c, &sim, &format!("{q}&Offset=1")).await;
    let (_, p2) = get(&c, &sim, &format!("{q}&Offset=6")).await;
    assert_eq!(rows(&p1, '\t'), rows(&p2, '\t'), "offset ignored");
    assert_eq!(reply_code(&p1), 0);
    assert!(p1.contains("<RETS-STATUS ReplyCode=\"20208\""));
    assert_eq!(rows(&p1, '\t').len(), 5);
}
