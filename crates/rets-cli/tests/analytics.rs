//! `rets-portal analytics …` end to end: a simulator class synced into a replica,
//! then every analytics subcommand against it.

use std::process::{Command, Output};

use rets_sim::{RunningSim, SimConfig, Simulator};

fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rets-portal"))
        .args(args)
        .output()
        .expect("rets-portal runs")
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}, stderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

fn header(text: &str) -> Vec<String> {
    text.lines()
        .next()
        .unwrap_or("")
        .split(',')
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_analytics_command_runs_on_a_synced_class() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let sim: RunningSim = runtime
        .block_on(Simulator::start(SimConfig {
            listings: 4000,
            max_rows: 2000,
            ..SimConfig::default()
        }))
        .unwrap();
    let url = sim.login_url();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("replica.db");
    let db = db.to_str().unwrap();
    ok(&cli(&[
        "sync",
        "--db",
        db,
        "--login-url",
        &url,
        "--username",
        "demo",
        "--password",
        "demo",
        "--resource",
        "Property",
        "--class",
        "Residential",
    ]));
    let class = [
        "--db",
        db,
        "--resource",
        "Property",
        "--class",
        "Residential",
    ];
    let run = |sub: &[&str]| {
        let mut args = vec!["analytics", sub[0]];
        args.extend_from_slice(&class);
        args.extend_from_slice(&sub[1..]);
        cli(&args)
    };

    // Fields are found by StandardName.
    let fields = ok(&run(&["fields"]));
    assert!(
        fields.contains("close_price,CLOSE_PRICE,standard_name"),
        "{fields}"
    );
    assert!(
        fields.contains("living_area,LIVING_AREA,standard_name"),
        "{fields}"
    );

    // Statistics by city and month.
    let stats = ok(&run(&[
        "stats", "--by", "city", "--period", "month", "--format", "csv",
    ]));
    let head = header(&stats);
    for col in [
        "area",
        "period",
        "new_listings",
        "closed_sales",
        "active_inventory",
        "median_close_price",
        "months_of_supply",
        "median_close_price_yoy",
    ] {
        assert!(head.iter().any(|h| h == col), "{col} in {head:?}");
    }
    let rows = csv_rows(&stats);
    let closed = head.iter().position(|h| h == "closed_sales").unwrap();
    let total: f64 = rows.iter().map(|r| r[closed].parse::<f64>().unwrap()).sum();
    assert!(total > 100.0, "closed sales counted: {total}");

    // Forecast of the busiest city's sales.
    let area_col = head.iter().position(|h| h == "area").unwrap();
    let mut by_city = std::collections::HashMap::<String, f64>::new();
    for r in &rows {
        *by_city.entry(r[area_col].clone()).or_default() += r[closed].parse::<f64>().unwrap();
    }
    let city = by_city
        .into_iter()
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .unwrap()
        .0;
    let out = run(&[
        "forecast",
        "--by",
        "city",
        "--area",
        &city,
        "--metric",
        "closed_sales",
        "--horizon",
        "6",
        "--format",
        "json",
    ]);
    let f: serde_json::Value = serde_json::from_str(&ok(&out)).unwrap();
    let points = f["forecast"].as_array().unwrap();
    assert_eq!(points.len(), 6);
    for p in points {
        assert!(p["low95"].as_f64().unwrap() <= p["low80"].as_f64().unwrap());
        assert!(p["high80"].as_f64().unwrap() <= p["high95"].as_f64().unwrap());
    }
    let bad = run(&[
        "forecast",
        "--by",
        "city",
        "--area",
        "Nowhere",
        "--metric",
        "inventory",
        "--horizon",
        "3",
        "--format",
        "csv",
    ]);
    assert!(!bad.status.success());

    // The valuation model's measured error, beside the baseline.
    let e: serde_json::Value =
        serde_json::from_str(&ok(&run(&["evaluate", "--folds", "3", "--format", "json"]))).unwrap();
    for k in [
        "n",
        "mape",
        "mae",
        "median_ape",
        "coverage80",
        "baseline_mape",
    ] {
        assert!(e[k].is_number(), "{k} in {e}");
    }
    let cov = e["coverage80"].as_f64().unwrap();
    assert!((0.6..=0.95).contains(&cov), "coverage80 {cov}");
    assert!(e["mape"].as_f64().unwrap() < 0.5);

    // Estimates: key,estimate,low,high first; a missing subject is an error naming it.
    ok(&cli(&[
        "export",
        "--db",
        db,
        "--resource",
        "Property",
        "--class",
        "Residential",
        "--format",
        "csv",
        "--out",
        dir.path().join("all.csv").to_str().unwrap(),
    ]));
    let all = std::fs::read_to_string(dir.path().join("all.csv")).unwrap();
    let all_head = header(&all);
    let key_col = all_head.iter().position(|h| h == "LISTING_KEY").unwrap();
    let price_col = all_head.iter().position(|h| h == "CLOSE_PRICE").unwrap();
    let sold: Vec<String> = csv_rows(&all)
        .into_iter()
        .filter(|r| !r[price_col].is_empty())
        .map(|r| r[key_col].clone())
        .take(2)
        .collect();
    let est = ok(&run(&[
        "estimate", "--key", &sold[0], "--key", &sold[1], "--format", "csv",
    ]));
    assert_eq!(&header(&est)[..4], ["key", "estimate", "low", "high"]);
    for r in csv_rows(&est) {
        let (v, lo, hi): (f64, f64, f64) = (
            r[1].parse().unwrap(),
            r[2].parse().unwrap(),
            r[3].parse().unwrap(),
        );
        assert!(lo < v && v < hi && lo > 0.0, "{r:?}");
    }
    let missing = run(&["estimate", "--key", "NO-SUCH-KEY", "--format", "csv"]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("NO-SUCH-KEY"));

    // CMA with line-by-line adjustments.
    let cma: serde_json::Value = serde_json::from_str(&ok(&run(&[
        "cma",
        "--subject",
        &sold[0],
        "--count",
        "4",
        "--format",
        "json",
    ])))
    .unwrap();
    let comps = cma["comparables"].as_array().unwrap();
    assert!(!comps.is_empty() && comps.len() <= 4);
    assert!(comps.iter().all(|c| c["key"] != sold[0].as_str()));
    let value = cma["value"].as_f64().unwrap();
    assert!(cma["low"].as_f64().unwrap() <= value && value <= cma["high"].as_f64().unwrap());
    let xlsx = dir.path().join("cma.xlsx");
    ok(&run(&[
        "cma",
        "--subject",
        &sold[0],
        "--format",
        "xlsx",
        "--out",
        xlsx.to_str().unwrap(),
    ]));
    assert!(std::fs::metadata(&xlsx).unwrap().len() > 1000);

    runtime.block_on(sim.shutdown());
}
