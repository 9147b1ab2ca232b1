//! Replica benchmark (not a test): writes N synthetic listings with 40 columns
//! through the public API, then measures grid-query latency on indexed columns.
//!
//! `cargo run --release -p mls-store --example bench_replica -- [rows] [db path]`

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use mls_store::{
    FieldKind, FieldSpec, Filter, FilterOp, HttpMethod, IndexHints, ListingRecord, NewConnection,
    Sort, Store,
};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::json;

const CITIES: &[&str] = &[
    "Springfield",
    "Shelbyville",
    "Ogdenville",
    "North Haverbrook",
    "Capital City",
    "Brockway",
    "Cypress Creek",
    "Waverly Hills",
    "Dunkilderry",
    "Little Pwagmattasquarmsettport",
];
const STATUSES: &[&str] = &["Active", "Pending", "Sold", "Expired", "Withdrawn"];

fn fields() -> Vec<FieldSpec> {
    let mut f = vec![
        FieldSpec::new("ListingKey", FieldKind::Text),
        FieldSpec::new("ModificationTimestamp", FieldKind::DateTime),
        FieldSpec::new("Status", FieldKind::Text),
        FieldSpec::new("ListPrice", FieldKind::Integer),
        FieldSpec::new("City", FieldKind::Text),
        FieldSpec::new("Latitude", FieldKind::Decimal),
        FieldSpec::new("Longitude", FieldKind::Decimal),
    ];
    for i in 0..33 {
        let kind = match i % 4 {
            0 => FieldKind::Text,
            1 => FieldKind::Integer,
            2 => FieldKind::Decimal,
            _ => FieldKind::Date,
        };
        f.push(FieldSpec::new(format!("Field{i:02}"), kind));
    }
    f
}

fn record(rng: &mut StdRng, n: usize) -> ListingRecord {
    let mut v = BTreeMap::new();
    let key = format!("L{n:08}");
    v.insert("ListingKey".into(), key.clone());
    v.insert(
        "ModificationTimestamp".into(),
        format!(
            "2026-{:02}-{:02}T{:02}:{:02}:00",
            rng.gen_range(1..13),
            rng.gen_range(1..29),
            rng.gen_range(0..24),
            rng.gen_range(0..60)
        ),
    );
    v.insert(
        "Status".into(),
        STATUSES[rng.gen_range(0..STATUSES.len())].into(),
    );
    v.insert(
        "ListPrice".into(),
        rng.gen_range(50_000..3_000_000).to_string(),
    );
    v.insert("City".into(), CITIES[rng.gen_range(0..CITIES.len())].into());
    v.insert(
        "Latitude".into(),
        format!("{:.6}", rng.gen_range(39.0..41.0)),
    );
    v.insert(
        "Longitude".into(),
        format!("{:.6}", rng.gen_range(-90.0..-88.0)),
    );
    for i in 0..33 {
        let val = match i % 4 {
            0 => format!("text value {} for field {i}", rng.gen_range(0..10_000)),
            1 => rng.gen_range(0..5_000).to_string(),
            2 => format!("{:.2}", rng.gen_range(0.0..10_000.0)),
            _ => format!(
                "20{:02}-{:02}-{:02}",
                rng.gen_range(0..27),
                rng.gen_range(1..13),
                rng.gen_range(1..29)
            ),
        };
        v.insert(format!("Field{i:02}"), val);
    }
    ListingRecord { key, values: v }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let rows: usize = args
        .get(1)
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(1_000_000);
    let dir = tempfile::tempdir()?;
    let path = args
        .get(2)
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| dir.path().join("bench.db"));
    let store = Store::open(&path).await?;
    let conn = store
        .create_connection(&NewConnection {
            name: "bench".into(),
            login_url: "http://127.0.0.1:1/login".into(),
            username: "bench".into(),
            user_agent: "bench".into(),
            rets_version: "RETS/1.7.2".into(),
            http_method: HttpMethod::Get,
            vendor_template: None,
            options: json!({}),
        })
        .await?;
    let hints = IndexHints {
        key: Some("ListingKey".into()),
        modified: Some("ModificationTimestamp".into()),
        status: Some("Status".into()),
        price: Some("ListPrice".into()),
        city: Some("City".into()),
        latitude: Some("Latitude".into()),
        longitude: Some("Longitude".into()),
    };
    let table = store
        .ensure_listing_table(conn.id, "Property", "RES", &fields(), &hints)
        .await?;

    let mut rng = StdRng::seed_from_u64(7);
    let batch = 5_000;
    let start = Instant::now();
    let mut written = 0;
    while written < rows {
        let n = batch.min(rows - written);
        let recs: Vec<ListingRecord> = (written..written + n)
            .map(|i| record(&mut rng, i))
            .collect();
        store.upsert_listings(&table, &recs).await?;
        written += n;
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "write: {rows} rows x {} columns in {secs:.1} s = {:.0} rows/s",
        fields().len(),
        rows as f64 / secs
    );

    let t = Instant::now();
    store.analyze().await?;
    println!("analyze: {:.2} s", t.elapsed().as_secs_f64());

    let mut lat: BTreeMap<&str, Vec<Duration>> = BTreeMap::new();
    for i in 0..200 {
        let city = CITIES[i % CITIES.len()];
        let status = STATUSES[i % STATUSES.len()];
        let lo = rng.gen_range(50_000..2_500_000);
        let key = format!("L{:08}", rng.gen_range(0..rows));
        let cases: Vec<(&str, Vec<Filter>, Option<Sort>)> = vec![
            (
                "key lookup",
                vec![Filter {
                    field: "ListingKey".into(),
                    op: FilterOp::Eq(json!(key)),
                }],
                None,
            ),
            (
                "city, sort price desc",
                vec![Filter {
                    field: "City".into(),
                    op: FilterOp::Eq(json!(city)),
                }],
                Some(Sort {
                    field: "ListPrice".into(),
                    descending: true,
                }),
            ),
            (
                "price range, sort price",
                vec![Filter {
                    field: "ListPrice".into(),
                    op: FilterOp::Between(json!(lo), json!(lo + 20_000)),
                }],
                Some(Sort {
                    field: "ListPrice".into(),
                    descending: false,
                }),
            ),
            (
                "status + modified since",
                vec![
                    Filter {
                        field: "Status".into(),
                        op: FilterOp::Eq(json!(status)),
                    },
                    Filter {
                        field: "ModificationTimestamp".into(),
                        op: FilterOp::Ge(json!("2026-12-20T00:00:00")),
                    },
                ],
                Some(Sort {
                    field: "ModificationTimestamp".into(),
                    descending: true,
                }),
            ),
            (
                "map box",
                vec![
                    Filter {
                        field: "Latitude".into(),
                        op: FilterOp::Between(json!(40.0), json!(40.02)),
                    },
                    Filter {
                        field: "Longitude".into(),
                        op: FilterOp::Between(json!(-89.0), json!(-88.98)),
                    },
                ],
                None,
            ),
        ];
        for (name, filters, sort) in cases {
            let t = Instant::now();
            let page = store
                .query_listings(&table, &filters, sort.as_ref(), 0, 100)
                .await?;
            lat.entry(name).or_default().push(t.elapsed());
            assert!(page.rows.len() <= 100);
        }
    }
    println!("query latency over {rows} rows (page of 100 + total count, 200 runs each):");
    for (name, mut d) in lat {
        d.sort();
        println!(
            "  {name:<26} p50 {:>8.2} ms  p95 {:>8.2} ms",
            percentile(&d, 0.5).as_secs_f64() * 1e3,
            percentile(&d, 0.95).as_secs_f64() * 1e3
        );
    }
    store.close().await;
    Ok(())
}
