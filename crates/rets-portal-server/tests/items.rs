//! Templates and saved queries shared in clear: Power members publish, every
//! member reads, a change made on an old version is refused (never silently
//! lost), and a template cannot carry a secret.

mod common;

use common::{databases, start, token};
use serde_json::json;

#[tokio::test]
async fn shared_templates_and_queries_with_versions() {
    for kind in databases() {
        let s = start(kind, &[]);
        let admin = token(&s.signup("admin@example.com", "Items Team").await);
        for (email, role) in [("paul@example.com", "power"), ("bea@example.com", "basic")] {
            s.call(
                "POST",
                "/v1/users",
                Some(&admin),
                Some(json!({"email": email, "password": "member password", "role": role})),
            )
            .await;
        }
        let paul = token(&s.login("paul@example.com", "member password").await.1);
        let bea = token(&s.login("bea@example.com", "member password").await.1);

        let template = json!({"name": "CoreLogic Matrix", "body": {"rets_version": "RETS/1.7.2", "http_method": "POST", "user_agent": "Office/1.0"}});
        let (status, created) = s
            .call("POST", "/v1/templates", Some(&paul), Some(template.clone()))
            .await;
        assert_eq!(status, 201, "{created}");
        assert_eq!(created["version"], 1);
        let id = created["id"].as_i64().unwrap();
        assert_eq!(
            s.call("POST", "/v1/templates", Some(&paul), Some(template))
                .await
                .0,
            409,
            "names are unique"
        );
        assert_eq!(
            s.call(
                "POST",
                "/v1/templates",
                Some(&bea),
                Some(json!({"name": "x", "body": {}}))
            )
            .await
            .0,
            403
        );
        let (status, body) = s
            .call("POST", "/v1/templates", Some(&paul), Some(json!({"name": "Leaky", "body": {"login_url": "https://x", "Password": "hunter2"}})))
            .await;
        assert_eq!(
            (status, body["code"].as_str()),
            (422, Some("invalid_argument"))
        );
        assert!(body["message"].as_str().unwrap().contains("Password"));

        // Every member reads them.
        let (_, list) = s.call("GET", "/v1/templates", Some(&bea), None).await;
        assert_eq!(list["items"][0]["body"]["http_method"], "POST");

        // Two machines edit version 1: the first wins, the second is told, not lost.
        let edit = |agent: &str, version: i64| json!({"name": "CoreLogic Matrix", "body": {"rets_version": "RETS/1.7.2", "user_agent": agent}, "version": version});
        let (status, first) = s
            .call(
                "PUT",
                &format!("/v1/templates/{id}"),
                Some(&paul),
                Some(edit("Office/2.0", 1)),
            )
            .await;
        assert_eq!((status, first["version"].as_i64()), (200, Some(2)));
        let (status, body) = s
            .call(
                "PUT",
                &format!("/v1/templates/{id}"),
                Some(&admin),
                Some(edit("Office/3.0", 1)),
            )
            .await;
        assert_eq!((status, body["code"].as_str()), (409, Some("conflict")));
        assert!(
            body["message"].as_str().unwrap().contains("version 2"),
            "{body}"
        );
        let (_, now) = s.call("GET", "/v1/templates", Some(&bea), None).await;
        assert_eq!(now["items"][0]["body"]["user_agent"], "Office/2.0");

        // Saved queries work the same way, apart from templates.
        let query = json!({"name": "Actives over 500k", "body": {"resource": "Property", "class": "Residential", "query": "(LIST_PRICE=500000+),(STATUS=|A)", "select": ["LIST_KEY", "LIST_PRICE"]}});
        let (status, saved) = s
            .call("POST", "/v1/saved-queries", Some(&admin), Some(query))
            .await;
        assert_eq!(status, 201, "{saved}");
        let (_, queries) = s.call("GET", "/v1/saved-queries", Some(&bea), None).await;
        assert_eq!(queries["items"].as_array().unwrap().len(), 1);
        assert_eq!(
            s.call("GET", "/v1/templates", Some(&bea), None).await.1["items"]
                .as_array()
                .unwrap()
                .len(),
            1
        );
        let qid = saved["id"].as_i64().unwrap();
        assert_eq!(
            s.call("DELETE", &format!("/v1/templates/{qid}"), Some(&paul), None)
                .await
                .0,
            404,
            "not a template"
        );
        assert_eq!(
            s.call(
                "DELETE",
                &format!("/v1/saved-queries/{qid}"),
                Some(&bea),
                None
            )
            .await
            .0,
            403
        );
        assert_eq!(
            s.call(
                "DELETE",
                &format!("/v1/saved-queries/{qid}"),
                Some(&paul),
                None
            )
            .await
            .0,
            204
        );

        // Another team sees none of it.
        let other = token(&s.signup("other@example.com", "Other").await);
        assert_eq!(
            s.call("GET", "/v1/templates", Some(&other), None).await.1["items"],
            json!([])
        );
        assert_eq!(
            s.call("DELETE", &format!("/v1/templates/{id}"), Some(&other), None)
                .await
                .0,
            404
        );
    }
}
