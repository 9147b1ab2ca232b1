//! A full session against a server that replays real FlexMLS captures from the corpus
//! (Digest challenge in the terse IIS style, JSESSIONID cookie, Action URL served as
//! text/plain, three search pages by Offset, STANDARD-XML metadata, a 279 KB multipart).

mod common;

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Method, Uri};
use axum::response::Response;
use common::{Fixture, PHRETS, corpus, load};
use futures_util::StreamExt;
use md5::{Digest, Md5};
use rets_client::{ClientConfig, SearchRequest, Session};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use url::Url;

const CHALLENGE: &str = "Digest realm=\"fake_realm\",nonce=\"dfd74deac03147e1a4fff598679f1a80\",opaque=\"8e5029c6-bb9c-4562-b440-e7c2b8960743\",qop=\"auth\"";

fn md5_hex(s: &str) -> String {
    hex::encode(Md5::digest(s.as_bytes()))
}

fn digest_valid(method: &Method, headers: &HeaderMap) -> bool {
    let Some(h) = headers.get("authorization").and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let p: HashMap<String, String> = h
        .trim_start_matches("Digest ")
        .split(", ")
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.trim_matches('"').to_owned()))
        .collect();
    let g = |k: &str| p.get(k).cloned().unwrap_or_default();
    let ha1 = md5_hex("login:fake_realm:pw");
    let ha2 = md5_hex(&format!("{method}:{}", g("uri")));
    g("opaque") == "8e5029c6-bb9c-4562-b440-e7c2b8960743"
        && g("response")
            == md5_hex(&format!(
                "{ha1}:dfd74deac03147e1a4fff598679f1a80:{}:{}:auth:{ha2}",
                g("nc"),
                g("cnonce")
            ))
}

fn replay(f: &Fixture) -> Response {
    let mut b = Response::builder().status(f.status);
    for (k, v) in &f.headers {
        let skip = [
            "content-encoding",
            "content-length",
            "transfer-encoding",
            "connection",
        ];
        if !skip.iter().any(|s| k.eq_ignore_ascii_case(s)) {
            b = b.header(k, v);
        }
    }
    b.body(Body::from(f.body.clone())).unwrap()
}

struct Replay {
    root: PathBuf,
    seen: Mutex<Vec<String>>,
}

impl Replay {
    fn get(&self, rel: &str) -> Fixture {
        load(
            &self.root,
            &format!("{PHRETS}/get/retsgw.flexmls.com/{rel}"),
        )
    }

    fn handle(&self, method: Method, uri: Uri, headers: HeaderMap, body: Bytes) -> Response {
        let q: HashMap<String, String> =
            url::form_urlencoded::parse(uri.query().unwrap_or("").as_bytes())
                .chain(url::form_urlencoded::parse(&body))
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
        self.seen.lock().unwrap().push(format!(
            "{} {} {}",
            uri.path(),
            q.get("Offset").cloned().unwrap_or_default(),
            q.get("Type").cloned().unwrap_or_default()
        ));
        if !digest_valid(&method, &headers) {
            return Response::builder()
                .status(401)
                .header("WWW-Authenticate", CHALLENGE)
                .body(Body::from(
                    "Unauthorized Request. Digest Session Invalid Reauthenticate",
                ))
                .unwrap();
        }
        let f = match uri.path() {
            "/rets2_1/Login" => {
                self.get("action_rets2_1_Login/03cd0f6cb206f18aed8f4979939a9482.txt")
            }
            "/action/rets2_1/Action" => {
                self.get("action_rets2_1_Action/d5d441322368e5c2ad059621979b0d88.txt")
            }
            "/action/rets2_1/Search" => match q.get("Offset").map(String::as_str) {
                None => self.get("rets2_1_Search/77bebac441fa391975e56cb720f2d7e7.txt"),
                Some("16") => self.get("rets2_1_Search/c0296526b8e1e8954a8001dbb85b01ea.txt"),
                Some("31") => self.get("rets2_1_Search/71fb8c90d106cf1f88c5687044918787.txt"),
                Some(o) => panic!("unexpected Offset {o}"),
            },
            "/action/rets2_1/GetMetadata" => {
                self.get("rets2_1_GetMetadata/b3a4345b713492d24315d1f92665d7a6.txt")
            }
            "/action/rets2_1/GetObject" => {
                self.get("rets2_1_GetObject/204749e19efea78e43edf1f3333ee44b.txt")
            }
            "/action/rets2_1/Logout" => {
                self.get("rets2_1_Logout/18f6b7bfb97630b9cdbfd8af1b817310.txt")
            }
            p => panic!("unexpected path {p}"),
        };
        replay(&f)
    }
}

#[tokio::test]
async fn flexmls_session_replay() {
    let Some(root) = corpus() else { return };
    let server = Arc::new(Replay {
        root,
        seen: Mutex::new(Vec::new()),
    });
    let s2 = server.clone();
    let app = axum::Router::new().fallback(move |m: Method, u: Uri, h: HeaderMap, b: Bytes| {
        let s = s2.clone();
        async move { s.handle(m, u, h, b) }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    let cfg = ClientConfig::new(
        Url::parse(&format!("http://{addr}/rets2_1/Login")).unwrap(),
        "login",
        "pw",
    );
    let session = Session::connect(cfg).await.unwrap();
    let login = session.login_reply().await.unwrap();
    assert_eq!(
        login.capability("Search").unwrap().as_str(),
        format!("http://{addr}/action/rets2_1/Search")
    );
    assert_eq!(
        session.rets_session_id(),
        None,
        "FlexMLS uses JSESSIONID only"
    );

    let mut s = session
        .search(SearchRequest::new(
            "Property",
            "A",
            "(LIST_15=|OV61GOJ13C0)",
        ))
        .await
        .unwrap();
    assert_eq!(s.columns(), ["LIST_1"]);
    assert_eq!(s.record_count(), Some(40));
    let mut keys = Vec::new();
    while let Some(row) = s.next().await {
        keys.push(row.unwrap().remove(0));
    }
    assert_eq!(keys.len(), 40);
    assert_eq!(keys[0], "20140904164308260560000000");
    assert_eq!(keys[15], "20070525160359010580000000");
    let mut unique = keys.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 40);

    let mut objects = session
        .get_object("Property", "Photo", "20140904164308260560000000:*", false)
        .await
        .unwrap();
    let mut n = 0;
    while let Some(p) = objects.next().await {
        let p = p.unwrap();
        assert!(p.data.starts_with(&[0xff, 0xd8]));
        n += 1;
    }
    assert_eq!(n, 22);
    session.logout().await.unwrap();

    let seen = server.seen.lock().unwrap().clone();
    assert!(
        seen.iter().any(|s| s.starts_with("/action/rets2_1/Action")),
        "{seen:?}"
    );
    let pages: Vec<_> = seen
        .iter()
        .filter(|s| s.starts_with("/action/rets2_1/Search"))
        .collect();
    assert_eq!(pages.len(), 3, "{seen:?}");
}
