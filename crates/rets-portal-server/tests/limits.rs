//! Query limits per role: set by an admin, sent to members with `/v1/me`,
//! and enforced when a member asks to run a query — classes, rows per query
//! and queries per day, counted by the server.

mod common;

use common::{databases, start, token};
use serde_json::json;

#[tokio::test]
async fn admins_set_limits_and_the_server_enforces_them() {
    for kind in databases() {
        let s = start(kind, &[]);
        let admin = token(&s.signup("admin@example.com", "Limits Team").await);
        s.call("POST", "/v1/users", Some(&admin), Some(json!({"email": "basic@example.com", "password": "basic password", "role": "basic"})))
            .await;
        let basic = token(&s.login("basic@example.com", "basic password").await.1);

        // Defaults, as a member sees them.
        let (_, me) = s.call("GET", "/v1/me", Some(&basic), None).await;
        assert_eq!(me["limits"]["role"], "basic");
        assert_eq!(
            (
                me["limits"]["rows_per_query"].as_i64(),
                me["limits"]["queries_per_day"].as_i64()
            ),
            (Some(10_000), Some(200))
        );
        let (status, all) = s.call("GET", "/v1/limits", Some(&admin), None).await;
        assert_eq!(status, 200);
        let ids: Vec<&str> = all["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, ["admin", "power", "basic"]);

        // The admin narrows Basic; bad input is refused with a reason.
        let narrow = json!({"rows_per_query": 100, "queries_per_day": 2, "classes": ["Property:Residential"]});
        let (status, set) = s
            .call(
                "PUT",
                "/v1/limits/basic",
                Some(&admin),
                Some(narrow.clone()),
            )
            .await;
        assert_eq!(status, 200, "{set}");
        assert_eq!(set["classes"], json!(["Property:Residential"]));
        assert_eq!(
            s.call(
                "PUT",
                "/v1/limits/basic",
                Some(&basic),
                Some(narrow.clone())
            )
            .await
            .0,
            403
        );
        assert_eq!(
            s.call("PUT", "/v1/limits/guest", Some(&admin), Some(narrow))
                .await
                .0,
            404
        );
        let (status, body) = s
            .call(
                "PUT",
                "/v1/limits/basic",
                Some(&admin),
                Some(json!({"rows_per_query": -1, "queries_per_day": null})),
            )
            .await;
        assert_eq!(
            (status, body["code"].as_str()),
            (422, Some("invalid_argument"))
        );
        let (status, body) = s
            .call("PUT", "/v1/limits/power", Some(&admin), Some(json!({"rows_per_query": null, "queries_per_day": null, "classes": ["Residential"]})))
            .await;
        assert_eq!(status, 422, "{body}");
        let (_, me) = s.call("GET", "/v1/me", Some(&basic), None).await;
        assert_eq!(me["limits"]["rows_per_query"], 100);

        // Enforced: the class, the rows, then the day's count.
        let admit = |resource: &str, class: &str, rows: Option<i64>| json!({"resource": resource, "class": class, "rows": rows});
        let (status, body) = s
            .call(
                "POST",
                "/v1/queries/admit",
                Some(&basic),
                Some(admit("Property", "Land", None)),
            )
            .await;
        assert_eq!(
            (status, body["code"].as_str()),
            (403, Some("limit_exceeded"))
        );
        assert!(
            body["message"]
                .as_str()
                .unwrap()
                .contains("Property:Residential"),
            "{body}"
        );
        let (status, body) = s
            .call(
                "POST",
                "/v1/queries/admit",
                Some(&basic),
                Some(admit("Property", "Residential", Some(500))),
            )
            .await;
        assert_eq!(status, 403);
        assert!(
            body["message"]
                .as_str()
                .unwrap()
                .contains("at most 100 rows"),
            "{body}"
        );
        for left in [1, 0] {
            let (status, ok) = s
                .call(
                    "POST",
                    "/v1/queries/admit",
                    Some(&basic),
                    Some(admit("Property", "Residential", Some(100))),
                )
                .await;
            assert_eq!(
                (status, ok["remaining_today"].as_i64()),
                (200, Some(left)),
                "{ok}"
            );
        }
        let (status, body) = s
            .call(
                "POST",
                "/v1/queries/admit",
                Some(&basic),
                Some(admit("Property", "Residential", None)),
            )
            .await;
        assert_eq!(
            (status, body["code"].as_str()),
            (403, Some("limit_exceeded"))
        );
        assert!(
            body["message"]
                .as_str()
                .unwrap()
                .contains("2 queries a day"),
            "{body}"
        );

        // Admins have no limit by default.
        let (status, ok) = s
            .call(
                "POST",
                "/v1/queries/admit",
                Some(&admin),
                Some(admit("Media", "Photo", Some(1_000_000))),
            )
            .await;
        assert_eq!(
            (status, ok["remaining_today"].clone()),
            (200, serde_json::Value::Null)
        );
    }
}
