//! The valuation model on a small market with a known price rule: it learns
//! the rule better than the $/sq ft baseline, its 80 % interval covers about
//! 80 % of held-out sales, it is stored with the data it was trained on, and a
//! change to that data (or a model written by another version) retrains it.

mod common;

use std::collections::BTreeMap;

use mls_analytics::avm::{self, TrainControl, model::MODEL_NAME};
use mls_analytics::{Class, ClassRef, Variant};
use mls_store::listings::FieldKind as K;

const FIELDS: &[(&str, &str, K)] = &[
    ("KEY", "ListingKey", K::Text),
    ("CITY", "City", K::Text),
    ("SQFT", "LivingArea", K::Integer),
    ("BEDS", "BedroomsTotal", K::Integer),
    ("BUILT", "YearBuilt", K::Integer),
    ("CLOSE_PRICE", "ClosePrice", K::Integer),
    ("CLOSE_DATE", "CloseDate", K::Date),
    ("STATUS", "StandardStatus", K::Text),
];

/// A deterministic pseudo-random number in [0, 1) from `i` and `salt`.
fn unit(i: u64, salt: u64) -> f64 {
    let mut z = i.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ salt.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z ^= z >> 31;
    z = z.wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 29;
    (z >> 11) as f64 / (1u64 << 53) as f64
}

/// 600 sales over two years in three cities: price per sq ft by city, a premium
/// for newer homes, a monthly trend and ±10 % noise.
fn market() -> Vec<Vec<(&'static str, String)>> {
    let cities = [("Alton", 150.0), ("Brook", 220.0), ("Carver", 310.0)];
    (0..600u64)
        .map(|i| {
            let (city, rate) = cities[(i % 3) as usize];
            let sqft = 800.0 + (unit(i, 1) * 2400.0).round();
            let beds = 1 + (sqft / 700.0) as i64;
            let built = 1950 + (unit(i, 2) * 70.0) as i64;
            let month = (unit(i, 3) * 24.0) as i64;
            let age_premium = 1.0 + (built - 1950) as f64 * 0.004;
            let trend = 1.0 + month as f64 * 0.005;
            let noise = 0.9 + unit(i, 4) * 0.2;
            let price = (sqft * rate * age_premium * trend * noise / 100.0).round() * 100.0;
            let date = format!("{}-{:02}-15", 2023 + month / 12, month % 12 + 1);
            vec![
                ("KEY", format!("K{i}")),
                ("CITY", city.to_owned()),
                ("SQFT", sqft.to_string()),
                ("BEDS", beds.to_string()),
                ("BUILT", built.to_string()),
                ("CLOSE_PRICE", price.to_string()),
                ("CLOSE_DATE", date),
                ("STATUS", "S".to_owned()),
            ]
        })
        .collect()
}

async fn stored_model_name(store: &mls_store::Store) -> String {
    sqlx::query_scalar("SELECT json_extract(model_json, '$.model') FROM analytics_models")
        .fetch_one(store.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn the_model_beats_the_baseline_is_stored_and_retrains_when_the_data_change() {
    let r = common::replica(FIELDS, &market()).await;
    let class = Class::open(
        &r.store,
        &ClassRef::new("Property", "RES"),
        &BTreeMap::new(),
    )
    .await
    .unwrap();
    let control = TrainControl::new();
    let first = avm::evaluate(&r.store, &class, Variant::OffMarket, 5, &control)
        .await
        .unwrap();
    assert_eq!(first.n_train, 600);
    assert!(
        first.cv.mape < first.cv.baseline_mape,
        "model {} against baseline {}",
        first.cv.mape,
        first.cv.baseline_mape
    );
    assert!(first.cv.mape < 0.12, "MAPE {}", first.cv.mape);
    assert!(
        (0.7..=0.9).contains(&first.cv.coverage80),
        "coverage80 {}",
        first.cv.coverage80
    );
    assert_eq!(stored_model_name(&r.store).await, MODEL_NAME);

    // Stored: asking again does not train again (the very same evaluation comes back).
    let again = avm::evaluate(&r.store, &class, Variant::OffMarket, 5, &control)
        .await
        .unwrap();
    assert_eq!(again, first);

    // A model written by another version of the app is retrained, not read.
    sqlx::query(
        "UPDATE analytics_models SET model_json = json_set(model_json, '$.model', 'perpetual 3.0')",
    )
    .execute(r.store.pool())
    .await
    .unwrap();
    let rewritten = avm::evaluate(&r.store, &class, Variant::OffMarket, 5, &control)
        .await
        .unwrap();
    assert_eq!(stored_model_name(&r.store).await, MODEL_NAME);
    assert_eq!(rewritten.data_version, first.data_version);

    // A sync changes one sale: the next question trains a model on the new data.
    common::rewrite(
        &r.store,
        &class.table,
        &market()[0],
        "CLOSE_PRICE",
        "250000",
    )
    .await;
    let retrained = avm::evaluate(&r.store, &class, Variant::OffMarket, 5, &control)
        .await
        .unwrap();
    assert_ne!(retrained.data_version, first.data_version);
    assert_eq!(
        retrained.data_version,
        avm::data_version(&r.store, &class).await.unwrap()
    );

    // Estimates of sold subjects come from a model that did not see them, inside their interval.
    let keys: Vec<String> = (1..6).map(|i| format!("K{i}")).collect();
    let (estimates, _) = avm::estimate(&r.store, &class, &keys, Variant::OffMarket, &control)
        .await
        .unwrap();
    assert_eq!(
        estimates.iter().map(|e| e.key.clone()).collect::<Vec<_>>(),
        keys
    );
    for e in &estimates {
        assert!(e.low < e.estimate && e.estimate < e.high, "{e:?}");
    }
}
