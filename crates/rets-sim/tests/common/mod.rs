//! Plain-HTTP helpers for talking to the simulator in tests: an independent
//! Digest implementation and a cookie-keeping reqwest client.

#![allow(dead_code)]

use md5::{Digest, Md5};
use rets_sim::{RunningSim, SimConfig, Simulator};

pub const ANCHOR: i64 = 1_780_000_000;

pub fn md5(s: &str) -> String {
    hex::encode(Md5::digest(s.as_bytes()))
}

pub fn config(listings: usize) -> SimConfig {
    SimConfig {
        listings,
        seed: 7,
        anchor: chrono::DateTime::from_timestamp(ANCHOR, 0),
        ..SimConfig::default()
    }
}

pub async fn start(cfg: SimConfig) -> RunningSim {
    Simulator::start(cfg).await.expect("simulator starts")
}

/// Parses `Digest k="v", ...` into pairs.
pub fn challenge_params(header: &str) -> Vec<(String, String)> {
    let body = header.trim_start_matches("Digest").trim();
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(eq) = rest.find('=') {
        let key = rest[..eq].trim().trim_start_matches(',').trim().to_string();
        rest = &rest[eq + 1..];
        let (val, next) = if let Some(r) = rest.strip_prefix('"') {
            let end = r.find('"').unwrap();
            (r[..end].to_string(), &r[end + 1..])
        } else {
            let end = rest.find(',').unwrap_or(rest.len());
            (rest[..end].trim().to_string(), &rest[end..])
        };
        out.push((key, val));
        rest = next;
    }
    out
}

pub fn digest_answer(challenge: &str, method: &str, uri: &str, user: &str, pass: &str) -> String {
    let p = challenge_params(challenge);
    let get = |k: &str| {
        p.iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
            .unwrap()
    };
    let (realm, nonce) = (get("realm"), get("nonce"));
    let ha1 = md5(&format!("{user}:{realm}:{pass}"));
    let ha2 = md5(&format!("{method}:{uri}"));
    let cnonce = "0a4f113b";
    let resp = md5(&format!("{ha1}:{nonce}:00000001:{cnonce}:auth:{ha2}"));
    format!(
        "Digest username=\"{user}\", realm=\"{realm}\", nonce=\"{nonce}\", uri=\"{uri}\", qop=auth, nc=00000001, cnonce=\"{cnonce}\", response=\"{resp}\", opaque=\"{}\"",
        get("opaque")
    )
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap()
}

/// Logs in with digest; returns the client (holding the session cookie) and the reply body.
pub async fn login(sim: &RunningSim) -> (reqwest::Client, String) {
    let c = client();
    let url = sim.login_url();
    let first = c.get(&url).send().await.unwrap();
    assert_eq!(first.status(), 401);
    let ch = first.headers()["www-authenticate"]
        .to_str()
        .unwrap()
        .to_string();
    let auth = digest_answer(&ch, "GET", "/rets/login", "demo", "demo");
    let r = c
        .get(&url)
        .header("Authorization", auth)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let body = r.text().await.unwrap();
    (c, body)
}

pub fn base(sim: &RunningSim) -> String {
    sim.login_url().trim_end_matches("/login").to_string()
}

pub async fn get(c: &reqwest::Client, sim: &RunningSim, path_and_query: &str) -> (u16, String) {
    let r = c
        .get(format!("{}/{path_and_query}", base(sim)))
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.text().await.unwrap())
}

pub fn reply_code(body: &str) -> u32 {
    let i = body.find("ReplyCode=\"").expect("ReplyCode") + 11;
    body[i..].split('"').next().unwrap().parse().unwrap()
}

/// Rows of a COMPACT reply split on `delim`.
pub fn rows(body: &str, delim: char) -> Vec<Vec<String>> {
    body.lines()
        .filter_map(|l| {
            l.strip_prefix("<DATA>")
                .and_then(|l| l.strip_suffix("</DATA>"))
        })
        .map(|l| {
            l.trim_matches(delim)
                .split(delim)
                .map(str::to_string)
                .collect()
        })
        .collect()
}

pub fn columns(body: &str, delim: char) -> Vec<String> {
    let l = body
        .lines()
        .find_map(|l| {
            l.strip_prefix("<COLUMNS>")
                .and_then(|l| l.strip_suffix("</COLUMNS>"))
        })
        .unwrap();
    l.trim_matches(delim)
        .split(delim)
        .map(str::to_string)
        .collect()
}

pub fn count(body: &str) -> usize {
    let i = body.find("<COUNT Records=\"").expect("COUNT") + 16;
    body[i..].split('"').next().unwrap().parse().unwrap()
}

pub fn enc(q: &str) -> String {
    url::form_urlencoded::byte_serialize(q.as_bytes()).collect()
}
