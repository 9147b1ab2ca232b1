//! Every operation in the OpenAPI document, probed as an outsider would:
//! without a token, with forged tokens (`alg: none`, a changed signature,
//! expired, signed with another key) and with a role below the requirement,
//! whatever the body. The document's `x-required-role` must be what the
//! server enforces.

mod common;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use common::{SECRET, Server, databases, start, token};
use jsonwebtoken::{EncodingKey, Header};
use serde_json::{Value, json};

const ROLES: [&str; 5] = ["public", "authenticated", "basic", "power", "admin"];

fn forge(claims: &Value, secret: &str) -> String {
    jsonwebtoken::encode(
        &Header::default(),
        claims,
        &EncodingKey::from_secret(secret.as_bytes()).unwrap(),
    )
    .unwrap()
}

#[tokio::test]
async fn every_operation_enforces_its_documented_role() {
    for kind in databases() {
        probe(&start(kind, &[])).await;
    }
}

async fn probe(s: &Server) {
    let admin_tokens = s.signup("admin@example.com", "Probe Team").await;
    let admin = token(&admin_tokens);
    let (status, _) = s
        .call("POST", "/v1/users", Some(&admin), Some(json!({"email": "basic@example.com", "password": "basic password", "role": "basic"})))
        .await;
    assert_eq!(status, 201);
    let (_, basic) = s.login("basic@example.com", "basic password").await;
    let basic = token(&basic);

    // Forged tokens for the admin (user 1 of team 1).
    let (_, me) = s.call("GET", "/v1/me", Some(&admin), None).await;
    let (uid, tid) = (
        me["id"].as_i64().unwrap(),
        me["team"]["id"].as_i64().unwrap(),
    );
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let sid = {
        let payload = admin.split('.').nth(1).unwrap();
        let claims: Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap();
        claims["sid"].clone()
    };
    let claims = |exp: i64| json!({"sub": uid.to_string(), "team": tid, "iat": now, "exp": exp, "iat_ms": now * 1000, "sid": sid});
    assert_eq!(
        s.call(
            "GET",
            "/v1/me",
            Some(&forge(&claims(now + 600), SECRET)),
            None
        )
        .await
        .0,
        200,
        "the forging itself works"
    );
    let none = format!(
        "{}.{}.",
        URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#),
        URL_SAFE_NO_PAD.encode(claims(now + 600).to_string())
    );
    let mut tampered = admin.clone();
    let last = tampered.pop().unwrap();
    tampered.push(if last == 'A' { 'B' } else { 'A' });
    let bad_tokens = [
        ("alg none", none),
        ("changed signature", tampered),
        ("expired", forge(&claims(now - 10), SECRET)),
        (
            "another key",
            forge(&claims(now + 600), "some-other-secret-of-at-least-32-chars"),
        ),
        ("garbage", "not.a.token".to_owned()),
    ];

    let (status, doc) = s.call("GET", "/v1/openapi.json", None, None).await;
    assert_eq!(status, 200);
    assert!(
        doc["openapi"].as_str().unwrap().starts_with("3.1"),
        "{}",
        doc["openapi"]
    );
    let mut probed = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let role = op["x-required-role"]
                .as_str()
                .unwrap_or_else(|| panic!("{method} {path} has no x-required-role"));
            assert!(ROLES.contains(&role), "{method} {path}: {role}");
            let concrete = path.replace("{id}", "1").replace("{role}", "basic");
            let method = method.to_uppercase();
            let junk = Some(json!({"junk": [1, 2, 3]}));
            probed += 1;
            if role == "public" {
                continue;
            }
            let (status, body) = s.call(&method, &concrete, None, junk.clone()).await;
            assert_eq!(status, 401, "{method} {path} without a token: {body}");
            assert!(body["code"].is_string() && body["message"].is_string());
            for (what, bad) in &bad_tokens {
                let (status, _) = s.call(&method, &concrete, Some(bad), junk.clone()).await;
                assert_eq!(status, 401, "{method} {path} with a token that is {what}");
            }
            if role == "admin" || role == "power" {
                let (status, body) = s.call(&method, &concrete, Some(&basic), junk.clone()).await;
                assert_eq!(
                    (status, body["code"].as_str()),
                    (403, Some("forbidden")),
                    "{method} {path} as basic"
                );
            } else {
                // A fresh session each time: the probe of logout ends the one it uses.
                let (_, fresh) = s.login("basic@example.com", "basic password").await;
                let (status, _) = s
                    .call(&method, &concrete, Some(&token(&fresh)), junk.clone())
                    .await;
                assert_ne!(status, 401, "{method} {path} as basic");
                assert_ne!(status, 403, "{method} {path} as basic");
            }
        }
    }
    assert!(probed >= 12, "{probed} operations");

    // Unknown routes and methods answer in the same error shape.
    let (status, body) = s.call("GET", "/v1/nothing-here", None, None).await;
    assert_eq!((status, body["code"].as_str()), (404, Some("not_found")));
    let (status, body) = s.call("PUT", "/v1/me", Some(&admin), None).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (405, Some("method_not_allowed"))
    );
}
