//! The audit trail over HTTP: sign-ins (and failed ones), member and role
//! changes and admitted queries, newest first, per team, in pages.

mod common;

use common::{databases, start, token};
use serde_json::json;

#[tokio::test]
async fn the_audit_trail_records_who_did_what_and_pages() {
    for kind in databases() {
        let s = start(kind, &[]);
        let admin = token(&s.signup("admin@example.com", "Audit Team").await);
        let (_, bea) = s
            .call("POST", "/v1/users", Some(&admin), Some(json!({"email": "bea@example.com", "password": "bea's password", "role": "basic"})))
            .await;
        let bea_id = bea["id"].as_i64().unwrap();
        assert_eq!(s.login("bea@example.com", "wrong password!").await.0, 401);
        let bea_token = token(&s.login("bea@example.com", "bea's password").await.1);
        s.call(
            "PATCH",
            &format!("/v1/users/{bea_id}"),
            Some(&admin),
            Some(json!({"role": "power"})),
        )
        .await;
        s.call(
            "POST",
            "/v1/queries/admit",
            Some(&bea_token),
            Some(json!({"resource": "Property", "class": "Residential", "rows": 10})),
        )
        .await;
        // Another team's events stay out of this trail.
        s.signup("other@example.com", "Other Team").await;

        let (status, trail) = s.call("GET", "/v1/audit", Some(&admin), None).await;
        assert_eq!(status, 200, "{trail}");
        let items = trail["items"].as_array().unwrap();
        let actions: Vec<&str> = items
            .iter()
            .map(|e| e["action"].as_str().unwrap())
            .collect();
        assert_eq!(
            actions,
            [
                "query.admitted",
                "user.changed",
                "session.started",
                "login.failed",
                "user.created",
                "team.created"
            ],
            "{trail}"
        );
        assert_eq!(items[0]["actor_email"], "bea@example.com");
        assert_eq!(items[0]["target"], "Property:Residential");
        assert_eq!(items[1]["detail"]["was"]["role"], "basic");
        assert_eq!(items[1]["target"], format!("user:{bea_id}"));
        assert!(
            items[3]["actor_id"].is_null(),
            "a failed sign-in has no actor"
        );
        assert!(!trail.to_string().contains("bea's password"));

        // Pages: two at a time, then the rest from the last id.
        let (_, first) = s.call("GET", "/v1/audit?limit=2", Some(&admin), None).await;
        assert_eq!(first["items"].as_array().unwrap().len(), 2);
        let last = first["items"][1]["id"].as_i64().unwrap();
        let (_, rest) = s
            .call(
                "GET",
                &format!("/v1/audit?limit=500&before={last}"),
                Some(&admin),
                None,
            )
            .await;
        assert_eq!(rest["items"].as_array().unwrap().len(), 4);
        let (status, body) = s.call("GET", "/v1/audit?limit=0", Some(&admin), None).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (422, Some("invalid_argument"))
        );
        let (status, body) = s
            .call("GET", "/v1/audit?limit=abc", Some(&admin), None)
            .await;
        assert_eq!(
            (status, body["code"].as_str()),
            (400, Some("invalid_request"))
        );
        assert_eq!(
            s.call("GET", "/v1/audit", Some(&bea_token), None).await.0,
            403
        );
    }
}
