//! Replies compared with captures of real RETS servers (the shared corpus) and
//! digest nonce expiry; corpus checks are skipped when the corpus is absent.

mod common;

use std::path::PathBuf;

use common::*;

fn corpus() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/rets-corpus");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("corpus not found at {}; skipping", dir.display());
        None
    }
}

const FLEX: &str = "troydavisson_PHRETS/tests/Integration/Fixtures/Http/get/retsgw.flexmls.com";

/// Body of a GuzzleRecorder capture (after the blank line ending the headers).
fn capture_body(path: &PathBuf) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let i = text
        .find("\r\n\r\n")
        .map(|i| i + 4)
        .or_else(|| text.find("\n\n").map(|i| i + 2))
        .unwrap();
    text[i..].to_string()
}

/// Top-level element names in order, runs of `DATA` collapsed.
fn shape(body: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in body.lines().map(str::trim) {
        let Some(rest) = line.strip_prefix('<') else {
            continue;
        };
        if rest.starts_with('?') || rest.starts_with('/') {
            continue;
        }
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        if out.last() != Some(&name) {
            out.push(name);
        }
    }
    out
}

#[tokio::test]
async fn search_reply_has_the_shape_of_a_real_one() {
    let Some(dir) = corpus() else { return };
    let real = capture_body(
        &dir.join(FLEX)
            .join("rets2_1_Search/7580aa7ffcd519406def9899f7efbb41.txt"),
    );
    let mut cfg = config(300);
    cfg.max_rows = 3;
    let sim = start(cfg).await;
    let (c, _) = login(&sim).await;
    let (_, ours) = get(&c, &sim, "search?SearchType=Property&Class=Residential&Query=%28LIST_PRICE%3D1%2B%29&Format=COMPACT&Count=1&Select=LISTING_KEY,LIST_PRICE").await;
    assert_eq!(shape(&ours), shape(&real), "ours:\n{ours}\nreal:\n{real}");
    assert_eq!(
        shape(&ours),
        ["RETS", "COUNT", "DELIMITER", "COLUMNS", "DATA", "MAXROWS"]
    );
}

#[tokio::test]
async fn login_reply_has_the_keys_of_a_real_one() {
    let Some(dir) = corpus() else { return };
    let real = capture_body(
        &dir.join(FLEX)
            .join("rets2_1_Login/ac1f434b220d1920fa87a27d582bc877.txt"),
    );
    let sim = start(config(100)).await;
    let (_, ours) = login(&sim).await;
    let keys = |b: &str| -> Vec<String> {
        b.lines()
            .filter_map(|l| l.split_once('='))
            .map(|(k, _)| k.trim().to_string())
            .filter(|k| !k.contains(' ') && !k.starts_with('<'))
            .collect()
    };
    let ours_keys = keys(&ours);
    for k in keys(&real).into_iter().filter(|k| !k.starts_with("X-")) {
        assert!(ours_keys.contains(&k), "login reply lacks {k}: {ours}");
    }
}

#[tokio::test]
async fn stale_nonce_is_rechallenged() {
    let mut cfg = config(100);
    cfg.nonce_lifetime = std::time::Duration::from_secs(1);
    let sim = start(cfg).await;
    let c = client();
    let first = c.get(sim.login_url()).send().await.unwrap();
    let ch = first.headers()["www-authenticate"]
        .to_str()
        .unwrap()
        .to_string();
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    let r = c
        .get(sim.login_url())
        .header(
            "Authorization",
            digest_answer(&ch, "GET", "/rets/login", "demo", "demo"),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let fresh = r.headers()["www-authenticate"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(fresh.contains("stale=true"), "{fresh}");
    let r = c
        .get(sim.login_url())
        .header(
            "Authorization",
            digest_answer(&fresh, "GET", "/rets/login", "demo", "demo"),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}
