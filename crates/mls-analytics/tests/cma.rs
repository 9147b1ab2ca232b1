//! CMA on a small neighbourhood where every sale follows one price rule
//! ($100 000 + $150 per sq ft, no drift): the derived living-area rate finds
//! the rule, each adjustment line is rate × (subject − comparable), adjusted
//! prices land on the subject's price, and removing, adding and overriding do
//! what the user asked.

mod common;

use std::collections::BTreeMap;

use mls_analytics::{Class, ClassRef, CmaRequest, Subject, cma};
use mls_store::listings::FieldKind as K;

const FIELDS: &[(&str, &str, K)] = &[
    ("KEY", "ListingKey", K::Text),
    ("CITY", "City", K::Text),
    ("SQFT", "LivingArea", K::Integer),
    ("LAT", "Latitude", K::Decimal),
    ("LON", "Longitude", K::Decimal),
    ("CLOSE_PRICE", "ClosePrice", K::Integer),
    ("CLOSE_DATE", "CloseDate", K::Date),
    ("STATUS", "StandardStatus", K::Text),
];

fn price(sqft: i64) -> i64 {
    100_000 + 150 * sqft
}

/// 40 sales within half a mile, one far away (≈ 30 mi), and the subject (an active listing).
fn neighbourhood() -> Vec<Vec<(&'static str, String)>> {
    let mut rows: Vec<Vec<(&'static str, String)>> = (0..40i64)
        .map(|i| {
            let sqft = 1200 + 25 * i;
            vec![
                ("KEY", format!("S{i}")),
                ("CITY", "Alton".to_owned()),
                ("SQFT", sqft.to_string()),
                ("LAT", format!("{:.5}", 40.0 + 0.0004 * (i % 7) as f64)),
                ("LON", format!("{:.5}", -75.0 + 0.0004 * (i % 5) as f64)),
                ("CLOSE_PRICE", price(sqft).to_string()),
                ("CLOSE_DATE", format!("2026-{:02}-10", 6 + i % 5)),
                ("STATUS", "S".to_owned()),
            ]
        })
        .collect();
    rows.push(vec![
        ("KEY", "FAR".to_owned()),
        ("CITY", "Brook".to_owned()),
        ("SQFT", "1700".to_owned()),
        ("LAT", "40.40000".to_owned()),
        ("LON", "-75.10000".to_owned()),
        ("CLOSE_PRICE", price(1700).to_string()),
        ("CLOSE_DATE", "2026-10-10".to_owned()),
        ("STATUS", "S".to_owned()),
    ]);
    rows.push(vec![
        ("KEY", "SUBJ".to_owned()),
        ("CITY", "Alton".to_owned()),
        ("SQFT", "1700".to_owned()),
        ("LAT", "40.00100".to_owned()),
        ("LON", "-75.00100".to_owned()),
        ("STATUS", "A".to_owned()),
    ]);
    rows
}

fn line<'a>(
    c: &'a mls_analytics::cma::Comparable,
    name: &str,
) -> &'a mls_analytics::cma::Adjustment {
    c.adjustments.iter().find(|a| a.name == name).unwrap()
}

#[tokio::test]
async fn adjustments_are_derived_line_by_line_and_follow_the_users_changes() {
    let r = common::replica(FIELDS, &neighbourhood()).await;
    let class = Class::open(
        &r.store,
        &ClassRef::new("Property", "RES"),
        &BTreeMap::new(),
    )
    .await
    .unwrap();
    let request = CmaRequest {
        subject: Subject::Key { key: "SUBJ".into() },
        radius_mi: 1.0,
        months: 12,
        count: 6,
        ..CmaRequest::default()
    };
    let first = cma(&r.store, &class, &request).await.unwrap();
    assert_eq!(first.comparables.len(), 6);
    assert!(
        first
            .comparables
            .iter()
            .all(|c| c.key != "SUBJ" && c.key != "FAR")
    );
    let rate = first.rates["living_area"];
    assert!((rate - 150.0).abs() < 15.0, "derived $/sq ft {rate}");
    for c in &first.comparables {
        let a = line(c, "living_area");
        assert_eq!(a.subject, Some(1700.0));
        let sqft = a.comparable.unwrap();
        assert!((a.amount - (1700.0 - sqft) * a.rate).abs() < 1e-6, "{a:?}");
        let sum: f64 = c.adjustments.iter().map(|a| a.amount).sum();
        assert!((c.adjusted_price - (c.close_price + sum)).abs() < 1e-6);
        // The rule prices the subject at $355,000; each adjusted comparable is near it.
        assert!(
            (c.adjusted_price / price(1700) as f64 - 1.0).abs() < 0.05,
            "{c:?}"
        );
    }
    assert!(first.low <= first.value && first.value <= first.high);
    assert!(
        (first.value / price(1700) as f64 - 1.0).abs() < 0.03,
        "value {}",
        first.value
    );
    let weights: f64 = first.comparables.iter().map(|c| c.weight).sum();
    assert!((weights - 1.0).abs() < 1e-9);

    // The user removes the first comparable, adds the far sale and sets the rate.
    let dropped = first.comparables[0].key.clone();
    let changed = cma(
        &r.store,
        &class,
        &CmaRequest {
            remove: vec![dropped.clone()],
            add: vec!["FAR".into()],
            overrides: BTreeMap::from([("living_area".to_owned(), 100.0)]),
            ..request.clone()
        },
    )
    .await
    .unwrap();
    assert!(changed.comparables.iter().all(|c| c.key != dropped));
    let far = changed
        .comparables
        .iter()
        .find(|c| c.key == "FAR")
        .expect("added");
    assert!(far.added && far.distance_mi.unwrap() > 20.0);
    assert_eq!(changed.overridden, vec!["living_area".to_owned()]);
    for c in &changed.comparables {
        let a = line(c, "living_area");
        assert_eq!(a.rate, 100.0);
        assert!((a.amount - (1700.0 - a.comparable.unwrap()) * 100.0).abs() < 1e-6);
    }

    // An adjustment that does not exist is refused by name.
    let err = cma(
        &r.store,
        &class,
        &CmaRequest {
            overrides: BTreeMap::from([("pool".to_owned(), 5000.0)]),
            ..request.clone()
        },
    )
    .await
    .unwrap_err();
    assert!(err.to_string().contains("pool"), "{err}");
}
