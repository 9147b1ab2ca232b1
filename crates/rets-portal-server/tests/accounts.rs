//! Accounts over HTTP against the real binary, on SQLite and (when
//! `TEST_POSTGRES_URL` is set) PostgreSQL: sign-up, sign-in with lockout,
//! refresh-token rotation and reuse, sign-out, preferences, and team members.

mod common;

use common::{Server, databases, start, token};
use serde_json::json;

#[tokio::test]
async fn accounts_sessions_and_members() {
    for kind in databases() {
        let s = start(kind, &[]);
        let secrets = flows(&s).await;
        members(&s).await;
        // Logged: who did what; never a password or a token.
        let log = s.log();
        assert!(
            log.contains("team created") && log.contains("account locked"),
            "{log}"
        );
        for secret in secrets.iter().map(String::as_str).chain([
            "a long password",
            "bea's password",
            "wrong password!",
        ]) {
            assert!(!log.contains(secret), "the log holds a secret: {secret}");
        }
    }
}

/// Runs the flows; the tokens it was given.
async fn flows(s: &Server) -> Vec<String> {
    let (status, health) = s.call("GET", "/healthz", None, None).await;
    assert_eq!((status, health["status"].as_str()), (200, Some("ok")));
    let (status, _) = s.call("GET", "/readyz", None, None).await;
    assert_eq!(status, 200);

    // Sign-up makes a team with its admin; the email is taken afterwards (whatever its case).
    let tokens = s.signup("Ana@Example.com", "Ana Realty").await;
    assert_eq!(tokens["expires_in"], 900);
    assert!(tokens["refresh_token"].as_str().unwrap().starts_with("rt_"));
    let (status, body) = s
        .call("POST", "/v1/auth/signup", None, Some(json!({"email": "ana@example.com", "password": "another long one", "team_name": "X"})))
        .await;
    assert_eq!((status, body["code"].as_str()), (409, Some("email_taken")));
    let (status, body) = s
        .call(
            "POST",
            "/v1/auth/signup",
            None,
            Some(json!({"email": "bob@example.com", "password": "short", "team_name": "B"})),
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (422, Some("invalid_argument"))
    );
    let (status, body) = s
        .call("POST", "/v1/auth/signup", None, Some(json!({"email": 1})))
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (400, Some("invalid_request"))
    );

    // Who am I, and preferences merged in (null removes a key).
    let access = token(&tokens);
    let (status, me) = s.call("GET", "/v1/me", Some(&access), None).await;
    assert_eq!(status, 200);
    assert_eq!(me["email"], "ana@example.com");
    assert_eq!(me["role"], "admin");
    assert_eq!(me["team"]["name"], "Ana Realty");
    let (_, me) = s
        .call(
            "PATCH",
            "/v1/me",
            Some(&access),
            Some(json!({"preferences": {"theme": "dark", "default_connection": "Big MLS"}})),
        )
        .await;
    assert_eq!(
        me["preferences"],
        json!({"theme": "dark", "default_connection": "Big MLS"})
    );
    let (_, me) = s
        .call(
            "PATCH",
            "/v1/me",
            Some(&access),
            Some(json!({"preferences": {"theme": null}})),
        )
        .await;
    assert_eq!(me["preferences"], json!({"default_connection": "Big MLS"}));
    let (status, _) = s
        .call(
            "PATCH",
            "/v1/me",
            Some(&access),
            Some(json!({"preferences": [1]})),
        )
        .await;
    assert_eq!(status, 422);

    // Refresh rotates; the old refresh token used again ends the whole session.
    let (status, second) = s
        .call(
            "POST",
            "/v1/auth/refresh",
            None,
            Some(json!({"refresh_token": tokens["refresh_token"]})),
        )
        .await;
    assert_eq!(status, 200, "{second}");
    assert_ne!(second["refresh_token"], tokens["refresh_token"]);
    let (status, body) = s
        .call(
            "POST",
            "/v1/auth/refresh",
            None,
            Some(json!({"refresh_token": tokens["refresh_token"]})),
        )
        .await;
    assert_eq!((status, body["code"].as_str()), (401, Some("token_reused")));
    let (status, _) = s
        .call(
            "POST",
            "/v1/auth/refresh",
            None,
            Some(json!({"refresh_token": second["refresh_token"]})),
        )
        .await;
    assert_eq!(status, 401, "the family is revoked");
    let (status, _) = s.call("GET", "/v1/me", Some(&token(&second)), None).await;
    assert_eq!(status, 401, "and so are its access tokens");

    // Sign in; sign out ends that session only.
    let (status, a) = s.login("ana@example.com", "a long password").await;
    assert_eq!(status, 200);
    let (_, b) = s.login("ANA@example.com ", "a long password").await;
    let (status, _) = s
        .call("POST", "/v1/auth/logout", Some(&token(&a)), None)
        .await;
    assert_eq!(status, 204);
    assert_eq!(s.call("GET", "/v1/me", Some(&token(&a)), None).await.0, 401);
    assert_eq!(s.call("GET", "/v1/me", Some(&token(&b)), None).await.0, 200);
    let (status, _) = s
        .call(
            "POST",
            "/v1/auth/refresh",
            None,
            Some(json!({"refresh_token": a["refresh_token"]})),
        )
        .await;
    assert_eq!(status, 401);

    // Wrong passwords: the same answer for an unknown email; five lock the account,
    // and while locked even the right password is refused.
    let (status, body) = s.login("nobody@example.com", "a long password").await;
    assert_eq!(
        (status, body["code"].as_str()),
        (401, Some("invalid_credentials"))
    );
    for _ in 0..5 {
        let (status, body) = s.login("ana@example.com", "wrong password!").await;
        assert_eq!(
            (status, body["code"].as_str()),
            (401, Some("invalid_credentials"))
        );
    }
    let (status, body) = s.login("ana@example.com", "a long password").await;
    assert_eq!(
        (status, body["code"].as_str()),
        (429, Some("login_locked")),
        "{body}"
    );
    assert!(body["message"].as_str().unwrap().contains("15 minutes"));
    [&tokens, &second, &a, &b]
        .iter()
        .flat_map(|t| {
            [
                t["access_token"].as_str().unwrap().to_owned(),
                t["refresh_token"].as_str().unwrap().to_owned(),
            ]
        })
        .collect()
}

async fn members(s: &Server) {
    let admin = token(&s.signup("chief@example.com", "Chief Team").await);
    let (status, basic) = s
        .call(
            "POST",
            "/v1/users",
            Some(&admin),
            Some(
                json!({"email": "Bea@example.com", "password": "bea's password", "role": "basic"}),
            ),
        )
        .await;
    assert_eq!(status, 201, "{basic}");
    assert_eq!(
        (basic["email"].as_str(), basic["role"].as_str()),
        (Some("bea@example.com"), Some("basic"))
    );
    let bea_id = basic["id"].as_i64().unwrap();
    let (status, list) = s.call("GET", "/v1/users", Some(&admin), None).await;
    assert_eq!(status, 200);
    let emails: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["email"].as_str().unwrap())
        .collect();
    assert_eq!(emails, ["bea@example.com", "chief@example.com"]);
    assert!(
        list["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|u| u["id"].is_i64())
    );

    // Bea is Basic: the admin routes are forbidden, her own profile is not.
    let (_, bea) = s.login("bea@example.com", "bea's password").await;
    let bea = token(&bea);
    let (status, body) = s.call("GET", "/v1/users", Some(&bea), None).await;
    assert_eq!((status, body["code"].as_str()), (403, Some("forbidden")));
    assert_eq!(s.call("GET", "/v1/me", Some(&bea), None).await.0, 200);

    // A role change applies at once, without signing in again.
    let (status, changed) = s
        .call(
            "PATCH",
            &format!("/v1/users/{bea_id}"),
            Some(&admin),
            Some(json!({"role": "admin"})),
        )
        .await;
    assert_eq!((status, changed["role"].as_str()), (200, Some("admin")));
    assert_eq!(s.call("GET", "/v1/users", Some(&bea), None).await.0, 200);

    // Another team's members are not found, whatever the route.
    let other = token(&s.signup("other@example.com", "Other Team").await);
    for (method, body) in [
        ("GET", None),
        ("PATCH", Some(json!({"role": "basic"}))),
        ("DELETE", None),
    ] {
        let (status, reply) = s
            .call(method, &format!("/v1/users/{bea_id}"), Some(&other), body)
            .await;
        assert_eq!(
            (status, reply["code"].as_str()),
            (404, Some("not_found")),
            "{method}"
        );
    }
    assert_eq!(
        s.call("GET", "/v1/users/abc", Some(&admin), None).await.0,
        404
    );

    // The team keeps an active admin.
    let (_, me) = s.call("GET", "/v1/me", Some(&other), None).await;
    let other_id = me["id"].as_i64().unwrap();
    let (status, body) = s
        .call(
            "PATCH",
            &format!("/v1/users/{other_id}"),
            Some(&other),
            Some(json!({"role": "basic"})),
        )
        .await;
    assert_eq!((status, body["code"].as_str()), (409, Some("last_admin")));
    assert_eq!(
        s.call(
            "DELETE",
            &format!("/v1/users/{other_id}"),
            Some(&other),
            None
        )
        .await
        .0,
        409
    );

    // Disabling a member ends their sessions; deleting removes them.
    let (status, _) = s
        .call(
            "PATCH",
            &format!("/v1/users/{bea_id}"),
            Some(&admin),
            Some(json!({"disabled": true})),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(s.call("GET", "/v1/me", Some(&bea), None).await.0, 401);
    assert_eq!(s.login("bea@example.com", "bea's password").await.0, 401);
    assert_eq!(
        s.call("DELETE", &format!("/v1/users/{bea_id}"), Some(&admin), None)
            .await
            .0,
        204
    );
    assert_eq!(
        s.call("GET", &format!("/v1/users/{bea_id}"), Some(&admin), None)
            .await
            .0,
        404
    );
}

#[tokio::test]
async fn closed_signup_allows_only_the_first_team() {
    let s = start("sqlite", &["--closed-signup"]);
    s.signup("first@example.com", "First").await;
    let (status, body) = s
        .call("POST", "/v1/auth/signup", None, Some(json!({"email": "second@example.com", "password": "a long password", "team_name": "Second"})))
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (403, Some("signup_closed"))
    );
}
