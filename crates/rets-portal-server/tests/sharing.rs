//! Shared connections end to end, as two desktops would use them: members
//! publish public keys, a Power member shares a connection whose password is
//! sealed on the desktop, a Basic member opens it with their own key, and
//! removing a member rotates the key so their old copy opens nothing new.
//! The server's files and log never hold the password.

mod common;

use common::{Server, databases, start, token};
use serde_json::{Value, json};
use team_keys::{ConnectionKey, MemberKey, fingerprint};

const PASSWORD: &str = "mls-secret-pw-123";

async fn member(s: &Server, admin: &str, email: &str, role: &str) -> (String, i64, MemberKey) {
    let (status, user) = s
        .call(
            "POST",
            "/v1/users",
            Some(admin),
            Some(json!({"email": email, "password": "member password", "role": role})),
        )
        .await;
    assert_eq!(status, 201, "{user}");
    let t = token(&s.login(email, "member password").await.1);
    let key = MemberKey::generate();
    let (status, published) = s
        .call(
            "PUT",
            "/v1/me/key",
            Some(&t),
            Some(json!({"public_key": key.public()})),
        )
        .await;
    assert_eq!(status, 200, "{published}");
    assert_eq!(published["fingerprint"], fingerprint(&key.public()));
    (t, user["id"].as_i64().unwrap(), key)
}

fn open(connection: &Value, key: &MemberKey) -> String {
    let wrapped = connection["my_wrapped_key"]
        .as_str()
        .expect("a key wrapped for me");
    let ck = ConnectionKey::unwrap(wrapped, key).unwrap();
    let secrets: Value = serde_json::from_slice(
        &ck.open(connection["sealed_secrets"].as_str().unwrap())
            .unwrap(),
    )
    .unwrap();
    secrets["password"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_shared_password_opens_only_for_its_members_and_never_on_the_server() {
    for kind in databases() {
        let s = start(kind, &[]);
        let ana = token(&s.signup("ana@example.com", "Sharing Team").await);
        let ana_key = MemberKey::generate();
        s.call(
            "PUT",
            "/v1/me/key",
            Some(&ana),
            Some(json!({"public_key": ana_key.public()})),
        )
        .await;
        let (paul, paul_id, paul_key) = member(&s, &ana, "paul@example.com", "power").await;
        let (bea, bea_id, bea_key) = member(&s, &ana, "bea@example.com", "basic").await;
        let (status, body) = s
            .call(
                "PUT",
                "/v1/me/key",
                Some(&bea),
                Some(json!({"public_key": "age1notakey"})),
            )
            .await;
        assert_eq!(
            (status, body["code"].as_str()),
            (422, Some("invalid_argument"))
        );

        // Paul checks Bea's fingerprint, seals the password and wraps the key for both.
        let (_, keys) = s.call("GET", "/v1/keys", Some(&paul), None).await;
        let bea_public = keys["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|k| k["id"] == bea_id)
            .unwrap()["public_key"]
            .as_str()
            .unwrap()
            .to_owned();
        assert_eq!(bea_public, bea_key.public());
        assert_eq!(s.call("GET", "/v1/keys", Some(&bea), None).await.0, 403);
        let key = ConnectionKey::generate();
        let share = json!({
            "name": "Big MLS",
            "template": {"login_url": "https://rets.example.com/login", "username": "office7", "rets_version": "RETS/1.7.2"},
            "sealed_secrets": key.seal(json!({"password": PASSWORD}).to_string().as_bytes()).unwrap(),
            "grants": [
                {"user_id": paul_id, "wrapped_key": key.wrap_for(&paul_key.public()).unwrap()},
                {"user_id": bea_id, "wrapped_key": key.wrap_for(&bea_public).unwrap()},
            ],
        });
        assert_eq!(
            s.call("POST", "/v1/connections", Some(&bea), Some(share.clone()))
                .await
                .0,
            403
        );
        let (status, shared) = s
            .call("POST", "/v1/connections", Some(&paul), Some(share))
            .await;
        assert_eq!(status, 201, "{shared}");
        let id = shared["id"].as_i64().unwrap();

        // Bea's desktop opens it with her own key.
        let (_, mine) = s.call("GET", "/v1/connections", Some(&bea), None).await;
        assert_eq!(mine["items"].as_array().unwrap().len(), 1);
        assert_eq!(mine["items"][0]["template"]["username"], "office7");
        assert_eq!(open(&mine["items"][0], &bea_key), PASSWORD);
        let bea_old = ConnectionKey::unwrap(
            mine["items"][0]["my_wrapped_key"].as_str().unwrap(),
            &bea_key,
        )
        .unwrap();

        // The admin sees who has access, but holds no key for it.
        let (_, all) = s.call("GET", "/v1/connections", Some(&ana), None).await;
        assert!(all["items"][0]["my_wrapped_key"].is_null());
        let emails: Vec<&str> = all["items"][0]["members"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["email"].as_str().unwrap())
            .collect();
        assert_eq!(emails, ["bea@example.com", "paul@example.com"]);

        // Removing Bea needs a new key.
        let only_paul = |k: &ConnectionKey| json!([{"user_id": paul_id, "wrapped_key": k.wrap_for(&paul_key.public()).unwrap()}]);
        let (status, body) = s
            .call(
                "PUT",
                &format!("/v1/connections/{id}/grants"),
                Some(&paul),
                Some(json!({"key_version": 1, "grants": only_paul(&key)})),
            )
            .await;
        assert_eq!(
            (status, body["code"].as_str()),
            (409, Some("conflict")),
            "{body}"
        );
        let rotated = ConnectionKey::generate();
        let (status, after) = s
            .call(
                "PUT",
                &format!("/v1/connections/{id}/grants"),
                Some(&paul),
                Some(json!({"key_version": 2, "sealed_secrets": rotated.seal(json!({"password": PASSWORD}).to_string().as_bytes()).unwrap(), "grants": only_paul(&rotated)})),
            )
            .await;
        assert_eq!(status, 200, "{after}");
        assert_eq!(open(&after, &paul_key), PASSWORD);
        let (_, mine) = s.call("GET", "/v1/connections", Some(&bea), None).await;
        assert_eq!(mine["items"].as_array().unwrap().len(), 0);
        assert_eq!(
            s.call("GET", &format!("/v1/connections/{id}"), Some(&bea), None)
                .await
                .0,
            404
        );
        assert!(
            bea_old
                .open(after["sealed_secrets"].as_str().unwrap())
                .is_err(),
            "her old key opens nothing new"
        );

        // Adding Ana keeps the version; she opens it with her key.
        let grants = json!([
            {"user_id": paul_id, "wrapped_key": rotated.wrap_for(&paul_key.public()).unwrap()},
            {"user_id": me_id(&s, &ana).await, "wrapped_key": rotated.wrap_for(&ana_key.public()).unwrap()},
        ]);
        let (status, body) = s
            .call(
                "PUT",
                &format!("/v1/connections/{id}/grants"),
                Some(&paul),
                Some(json!({"key_version": 2, "grants": grants})),
            )
            .await;
        assert_eq!(status, 200, "{body}");
        let (_, for_ana) = s
            .call("GET", &format!("/v1/connections/{id}"), Some(&ana), None)
            .await;
        assert_eq!(open(&for_ana, &ana_key), PASSWORD);

        // The server never saw the password.
        assert!(
            !s.stored_anywhere(PASSWORD),
            "the server's database or log holds the password"
        );
        assert!(
            s.stored_anywhere("office7"),
            "the template is stored in clear (the search itself works)"
        );
        assert_eq!(
            s.call("DELETE", &format!("/v1/connections/{id}"), Some(&bea), None)
                .await
                .0,
            403
        );
        assert_eq!(
            s.call(
                "DELETE",
                &format!("/v1/connections/{id}"),
                Some(&paul),
                None
            )
            .await
            .0,
            204
        );
        assert_eq!(
            s.call("GET", &format!("/v1/connections/{id}"), Some(&ana), None)
                .await
                .0,
            404
        );
    }
}

async fn me_id(s: &Server, token: &str) -> i64 {
    s.call("GET", "/v1/me", Some(token), None).await.1["id"]
        .as_i64()
        .unwrap()
}
