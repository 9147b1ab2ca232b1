//! Market statistics against values computed by hand.

mod common;

use std::collections::BTreeMap;

use mls_analytics::period::parse_bound;
use mls_analytics::{Cell, Class, ClassRef, Period, Selection, StatsRequest, market_stats};
use mls_store::listings::FieldKind as K;

const FIELDS: &[(&str, &str, K)] = &[
    ("KEY", "ListingKey", K::Text),
    ("CITY", "City", K::Text),
    ("LIST_PRICE", "ListPrice", K::Integer),
    ("ORIG", "OriginalListPrice", K::Integer),
    ("CLOSE_PRICE", "ClosePrice", K::Integer),
    ("LIST_DATE", "ListingContractDate", K::Date),
    ("CONTRACT_DATE", "PurchaseContractDate", K::Date),
    ("CLOSE_DATE", "CloseDate", K::Date),
    ("SQFT", "LivingArea", K::Integer),
    ("STATUS", "StandardStatus", K::Text),
];

fn row(v: [&str; 10]) -> Vec<(&'static str, String)> {
    FIELDS
        .iter()
        .zip(v)
        .filter(|(_, v)| !v.is_empty())
        .map(|((n, _, _), v)| (*n, v.to_owned()))
        .collect()
}

fn rows() -> Vec<Vec<(&'static str, String)>> {
    vec![
        row([
            "1",
            "Alton",
            "100000",
            "110000",
            "95000",
            "2024-01-05",
            "2024-01-20",
            "2024-02-10",
            "1000",
            "S",
        ]),
        row([
            "2",
            "Alton",
            "200000",
            "200000",
            "210000",
            "2024-01-15",
            "2024-02-05",
            "2024-02-25",
            "2000",
            "S",
        ]),
        row([
            "3",
            "Alton",
            "300000",
            "300000",
            "",
            "2024-02-01",
            "",
            "",
            "1500",
            "A",
        ]),
        row([
            "4",
            "Alton",
            "150000",
            "150000",
            "",
            "2023-12-10",
            "",
            "",
            "1200",
            "X",
        ]),
        row([
            "5",
            "Bexley",
            "500000",
            "500000",
            "480000",
            "2024-01-10",
            "2024-03-01",
            "2024-03-20",
            "2500",
            "S",
        ]),
    ]
}

fn request() -> StatsRequest {
    StatsRequest {
        by: "city".into(),
        period: Period::Month,
        from: parse_bound("2024-01", false),
        to: parse_bound("2024-03", true),
        by_type: false,
        selection: Selection::default(),
    }
}

fn num(c: Option<&Cell>) -> Option<f64> {
    c.and_then(Cell::as_f64)
}

#[tokio::test]
async fn monthly_statistics_match_hand_computed_values() {
    let r = common::replica(FIELDS, &rows()).await;
    let class = Class::open(
        &r.store,
        &ClassRef::new("Property", "RES"),
        &BTreeMap::new(),
    )
    .await
    .unwrap();
    let report = market_stats(&r.store, &class, &request()).await.unwrap();
    let t = &report.table;
    assert_eq!(t.rows.len(), 6, "2 cities x 3 months");
    let find = |area: &str, period: &str| {
        (0..t.rows.len())
            .find(|i| {
                t.get(*i, "area") == Some(&Cell::Text(area.into()))
                    && t.get(*i, "period") == Some(&Cell::Text(period.into()))
            })
            .unwrap()
    };
    let jan = find("Alton", "2024-01");
    assert_eq!(num(t.get(jan, "new_listings")), Some(2.0));
    assert_eq!(num(t.get(jan, "pending")), Some(1.0));
    assert_eq!(num(t.get(jan, "closed_sales")), Some(0.0));
    assert_eq!(
        num(t.get(jan, "active_inventory")),
        Some(1.0),
        "only #2 is on the market on Jan 31"
    );
    assert_eq!(num(t.get(jan, "median_list_price")), Some(150_000.0));
    assert_eq!(
        t.get(jan, "months_of_supply"),
        Some(&Cell::Null),
        "no sales: no months of supply"
    );

    let feb = find("Alton", "2024-02");
    assert_eq!(num(t.get(feb, "closed_sales")), Some(2.0));
    assert_eq!(num(t.get(feb, "median_close_price")), Some(152_500.0));
    assert_eq!(num(t.get(feb, "mean_close_price")), Some(152_500.0));
    assert_eq!(num(t.get(feb, "median_price_per_sqft")), Some(100.0));
    assert_eq!(
        num(t.get(feb, "median_dom")),
        Some(18.0),
        "15 and 21 days to contract"
    );
    assert!((num(t.get(feb, "list_to_sale_ratio")).unwrap() - 1.0).abs() < 1e-9);
    assert_eq!(num(t.get(feb, "price_reductions_share")), Some(0.5));
    assert_eq!(num(t.get(feb, "active_inventory")), Some(1.0), "#3");
    assert_eq!(num(t.get(feb, "months_of_supply")), Some(0.5));
    assert_eq!(num(t.get(feb, "absorption_rate")), Some(2.0));
    assert_eq!(num(t.get(feb, "new_listings_pop")), Some(-0.5));
    assert_eq!(
        t.get(feb, "new_listings_yoy"),
        Some(&Cell::Null),
        "no year before"
    );

    let mar = find("Alton", "2024-03");
    assert_eq!(num(t.get(mar, "closed_sales_pop")), Some(-1.0));
    assert_eq!(num(t.get(mar, "absorption_rate")), Some(0.0));

    let b_mar = find("Bexley", "2024-03");
    assert_eq!(num(t.get(b_mar, "closed_sales")), Some(1.0));
    assert_eq!(num(t.get(b_mar, "median_dom")), Some(51.0));
    assert_eq!(num(t.get(b_mar, "active_inventory")), Some(0.0));
    assert_eq!(
        num(t.get(find("Bexley", "2024-02"), "active_inventory")),
        Some(1.0)
    );
    assert!(
        report.notes.iter().all(|n| !n.contains("pending")),
        "{:?}",
        report.notes
    );
}

#[tokio::test]
async fn a_missing_field_leaves_its_statistic_empty_and_says_so() {
    let fields: Vec<_> = FIELDS
        .iter()
        .filter(|(n, _, _)| *n != "CONTRACT_DATE")
        .copied()
        .collect();
    let rows: Vec<_> = rows()
        .into_iter()
        .map(|r| {
            r.into_iter()
                .filter(|(n, _)| *n != "CONTRACT_DATE")
                .collect()
        })
        .collect();
    let r = common::replica(&fields, &rows).await;
    let class = Class::open(
        &r.store,
        &ClassRef::new("Property", "RES"),
        &BTreeMap::new(),
    )
    .await
    .unwrap();
    let report = market_stats(&r.store, &class, &request()).await.unwrap();
    assert!(
        report
            .table
            .rows
            .iter()
            .all(|row| row[report.table.index("pending").unwrap()] == Cell::Null)
    );
    assert!(
        report
            .notes
            .iter()
            .any(|n| n.starts_with("pending: no contract_date field")),
        "{:?}",
        report.notes
    );
    // Days on market fall back to list → close.
    let feb = (0..report.table.rows.len())
        .find(|i| report.table.get(*i, "period") == Some(&Cell::Text("2024-02".into())))
        .unwrap();
    assert_eq!(
        num(report.table.get(feb, "median_dom")),
        Some(((36 + 41) as f64) / 2.0)
    );
}

#[tokio::test]
async fn filters_and_unknown_fields() {
    let r = common::replica(FIELDS, &rows()).await;
    let class = Class::open(
        &r.store,
        &ClassRef::new("Property", "RES"),
        &BTreeMap::new(),
    )
    .await
    .unwrap();
    let mut req = request();
    req.selection.filters.push(("CITY".into(), "Bexley".into()));
    let report = market_stats(&r.store, &class, &req).await.unwrap();
    assert_eq!(report.table.rows.len(), 3);
    req.by = "NO_SUCH".into();
    let err = market_stats(&r.store, &class, &req).await.unwrap_err();
    assert_eq!(err.code(), "unknown_field");
    let missing = Class::open(
        &r.store,
        &ClassRef::new("Property", "CONDO"),
        &BTreeMap::new(),
    )
    .await
    .unwrap_err();
    assert_eq!(missing.code(), "not_synced");
}

#[tokio::test]
async fn cached_columns_follow_every_change_to_the_replica() {
    let r = common::replica(FIELDS, &rows()).await;
    let open = || async {
        Class::open(
            &r.store,
            &ClassRef::new("Property", "RES"),
            &BTreeMap::new(),
        )
        .await
        .unwrap()
    };
    let class = open().await;
    let first = market_stats(&r.store, &class, &request()).await.unwrap();
    let cached: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM analytics_columns")
        .fetch_one(r.store.pool())
        .await
        .unwrap();
    assert!(cached > 1, "keys and columns are cached");
    // From the cache: the same answer.
    let again = market_stats(&r.store, &class, &request()).await.unwrap();
    assert_eq!(format!("{:?}", again.table), format!("{:?}", first.table));

    // Damaged blobs are read as absent, not trusted.
    sqlx::query("UPDATE analytics_columns SET data = x'01'")
        .execute(r.store.pool())
        .await
        .unwrap();
    let damaged = market_stats(&r.store, &class, &request()).await.unwrap();
    assert_eq!(format!("{:?}", damaged.table), format!("{:?}", first.table));

    // A sync moves listing 1 to another city: the next answer sees it.
    let table = r
        .store
        .listing_table(class.table.connection_id, "Property", "RES")
        .await
        .unwrap()
        .unwrap();
    common::rewrite(&r.store, &table, &rows()[0], "CITY", "Carver").await;
    let after = market_stats(&r.store, &class, &request()).await.unwrap();
    let areas: std::collections::BTreeSet<String> = (0..after.table.rows.len())
        .filter_map(|i| match after.table.get(i, "area") {
            Some(Cell::Text(a)) => Some(a.clone()),
            _ => None,
        })
        .collect();
    assert!(areas.contains("Carver"), "{areas:?}");
    // Deleting it is a change too.
    r.store.mark_deleted(&table, &["1".into()]).await.unwrap();
    let gone = market_stats(&r.store, &open().await, &request())
        .await
        .unwrap();
    assert!(
        (0..gone.table.rows.len())
            .all(|i| gone.table.get(i, "area") != Some(&Cell::Text("Carver".into())))
    );
}
