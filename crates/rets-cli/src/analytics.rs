//! `rets-portal analytics …`: each subcommand parses its flags, calls one
//! function of `mls-analytics`, and writes the answer. Notes (a statistic left
//! empty for lack of a field, a short history) go to stderr.

use std::collections::BTreeMap;

use anyhow::{Context, Result, bail};
use mls_analytics::avm::TrainControl;
use mls_analytics::class::{Class, ClassRef, Selection, Within};
use mls_analytics::{
    CmaRequest, ForecastRequest, Metric, Period, Role, StatsRequest, Subject, TableFormat, Variant,
    period, write_table,
};
use mls_store::Store;

use crate::args::{
    AnalyticsArgs, AnalyticsCommand, CmaArgs, CmaFormatArg, EstimateArgs, EvaluateArgs, FieldsArgs,
    ForecastArgs, ForecastFormatArg, MetricArg, PeriodArg, ReplicaClassArgs, StatsArgs,
    TableFormatArg, WithinArgs,
};

/// Runs `analytics <subcommand>`.
pub async fn run(args: AnalyticsArgs) -> Result<()> {
    match args.command {
        AnalyticsCommand::Stats(a) => stats(a).await,
        AnalyticsCommand::Forecast(a) => forecast(a).await,
        AnalyticsCommand::Estimate(a) => estimate(a).await,
        AnalyticsCommand::Evaluate(a) => evaluate(a).await,
        AnalyticsCommand::Cma(a) => cma(a).await,
        AnalyticsCommand::Fields(a) => fields(a).await,
    }
}

async fn open(args: &ReplicaClassArgs) -> Result<(Store, Class)> {
    if !args.db.exists() {
        bail!(
            "the replica {} does not exist; run `rets-portal sync --db …` first",
            args.db.display()
        );
    }
    let store = Store::open(&args.db)
        .await
        .with_context(|| format!("cannot open the replica {}", args.db.display()))?;
    let target = ClassRef {
        connection: args.connection.clone(),
        resource: args.resource.clone(),
        class: args.class.clone(),
    };
    let class = Class::open(&store, &target, &parse_map(&args.map)?).await?;
    Ok((store, class))
}

fn parse_map(raw: &[String]) -> Result<BTreeMap<Role, String>> {
    raw.iter()
        .map(|m| {
            let (role, field) = m
                .split_once('=')
                .with_context(|| format!("--map {m:?} must look like ROLE=FIELD"))?;
            let role = Role::parse(role).with_context(|| {
                format!(
                    "--map {m:?}: unknown role {role:?} (roles: {})",
                    Role::ALL
                        .iter()
                        .map(|r| r.name())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })?;
            Ok((role, field.trim().to_owned()))
        })
        .collect()
}

fn pairs(raw: &[String], flag: &str) -> Result<Vec<(String, String)>> {
    raw.iter()
        .map(|f| {
            let (k, v) = f
                .split_once('=')
                .with_context(|| format!("{flag} {f:?} must look like NAME=VALUE"))?;
            Ok((k.trim().to_owned(), v.trim().to_owned()))
        })
        .collect()
}

fn numbers(s: &str, what: &str) -> Result<Vec<f64>> {
    s.split(',')
        .map(|x| {
            x.trim()
                .parse::<f64>()
                .with_context(|| format!("{what}: {x:?} is not a number"))
        })
        .collect()
}

fn within(args: &WithinArgs) -> Result<Option<Within>> {
    if let Some(r) = &args.radius {
        let v = numbers(r, "--radius")?;
        let [lat, lon, miles] = v[..] else {
            bail!("--radius {r:?} must be LAT,LON,MILES");
        };
        return Ok(Some(Within::Radius { lat, lon, miles }));
    }
    if let Some(p) = &args.polygon {
        let points = p
            .split(';')
            .filter(|s| !s.trim().is_empty())
            .map(|pt| match numbers(pt, "--polygon")?[..] {
                [lat, lon] => Ok((lat, lon)),
                _ => bail!("--polygon point {pt:?} must be LAT,LON"),
            })
            .collect::<Result<Vec<_>>>()?;
        if points.len() < 3 {
            bail!("--polygon needs at least three points");
        }
        return Ok(Some(Within::Polygon { points }));
    }
    Ok(None)
}

fn table_format(f: TableFormatArg) -> TableFormat {
    match f {
        TableFormatArg::Csv => TableFormat::Csv,
        TableFormatArg::Ndjson => TableFormat::Ndjson,
        TableFormatArg::Xlsx => TableFormat::Xlsx,
    }
}

fn notes(notes: &[String]) {
    for n in notes {
        eprintln!("note: {n}");
    }
}

async fn stats(a: StatsArgs) -> Result<()> {
    let (store, class) = open(&a.class).await?;
    let bound = |s: &Option<String>, end: bool, flag: &str| -> Result<Option<i32>> {
        s.as_deref()
            .map(|v| {
                period::parse_bound(v, end)
                    .with_context(|| format!("{flag} {v:?} must be YYYY-MM-DD, YYYY-MM or YYYY"))
            })
            .transpose()
    };
    let req = StatsRequest {
        by: a.by.clone(),
        period: match a.period {
            PeriodArg::Week => Period::Week,
            PeriodArg::Month => Period::Month,
            PeriodArg::Quarter => Period::Quarter,
            PeriodArg::Year => Period::Year,
        },
        from: bound(&a.from, false, "--from")?,
        to: bound(&a.to, true, "--to")?,
        by_type: a.by_type,
        selection: Selection {
            filters: pairs(&a.filters, "--where")?,
            within: within(&a.within)?,
        },
    };
    let report = mls_analytics::market_stats(&store, &class, &req).await?;
    store.close().await;
    notes(&report.notes);
    write_table(&report.table, table_format(a.format), a.out, "Statistics")?;
    Ok(())
}

async fn forecast(a: ForecastArgs) -> Result<()> {
    let (store, class) = open(&a.class).await?;
    let req = ForecastRequest {
        by: a.by.clone(),
        area: a.area.clone(),
        metric: match a.metric {
            MetricArg::MedianClosePrice => Metric::MedianClosePrice,
            MetricArg::ClosedSales => Metric::ClosedSales,
            MetricArg::Inventory => Metric::Inventory,
        },
        horizon: a.horizon,
        selection: Selection {
            filters: pairs(&a.filters, "--where")?,
            within: None,
        },
    };
    let f = mls_analytics::forecast(&store, &class, &req).await?;
    store.close().await;
    notes(&f.notes);
    match a.format {
        ForecastFormatArg::Json => write_json(&serde_json::to_value(&f)?, a.out),
        ForecastFormatArg::Csv => Ok(write_table(
            &f.to_table(),
            TableFormat::Csv,
            a.out,
            "Forecast",
        )?),
        ForecastFormatArg::Ndjson => Ok(write_table(
            &f.to_table(),
            TableFormat::Ndjson,
            a.out,
            "Forecast",
        )?),
    }
}

fn write_json(value: &serde_json::Value, out: Option<std::path::PathBuf>) -> Result<()> {
    let text = format!("{}\n", serde_json::to_string_pretty(value)?);
    let target = out.map_or(mls_export::Target::Stdout, mls_export::Target::File);
    Ok(mls_analytics::table::write_text(target, &text)?)
}

fn variant(on_market: bool) -> Variant {
    if on_market {
        Variant::OnMarket
    } else {
        Variant::OffMarket
    }
}

async fn estimate(a: EstimateArgs) -> Result<()> {
    let mut keys = a.key.clone();
    keys.extend(crate::keys::read_keys(&a.keys)?.unwrap_or_default());
    let (store, class) = open(&a.class).await?;
    let result = mls_analytics::avm::estimate(
        &store,
        &class,
        &keys,
        variant(a.on_market),
        &TrainControl::new(),
    )
    .await;
    store.close().await;
    let (estimates, evaluation) = result?;
    let table = mls_analytics::avm::estimates_table(&estimates, &evaluation);
    write_table(&table, table_format(a.format), a.out, "Estimates")?;
    Ok(())
}

async fn evaluate(a: EvaluateArgs) -> Result<()> {
    let (store, class) = open(&a.class).await?;
    let result = mls_analytics::avm::evaluate(
        &store,
        &class,
        variant(a.on_market),
        a.folds,
        &TrainControl::new(),
    )
    .await;
    store.close().await;
    write_json(&serde_json::to_value(result?)?, a.out)
}

async fn cma(a: CmaArgs) -> Result<()> {
    let (store, class) = open(&a.class).await?;
    let subject = match (&a.subject, &a.address) {
        (Some(key), _) => Subject::Key { key: key.clone() },
        (None, Some(address)) => Subject::Address {
            address: address.clone(),
        },
        (None, None) => bail!("give the subject with --subject KEY or --address TEXT"),
    };
    let overrides = pairs(&a.adjust, "--adjust")?
        .into_iter()
        .map(|(k, v)| {
            Ok((
                k,
                v.parse::<f64>()
                    .with_context(|| format!("--adjust {v:?} is not a number"))?,
            ))
        })
        .collect::<Result<BTreeMap<_, _>>>()?;
    let req = CmaRequest {
        subject,
        radius_mi: a.radius_mi,
        months: a.months,
        count: a.count,
        remove: a.remove.clone(),
        add: a.add.clone(),
        overrides,
    };
    let result = mls_analytics::cma(&store, &class, &req).await;
    store.close().await;
    let report = result?;
    notes(&report.notes);
    eprintln!(
        "value {:.0} (range {:.0} – {:.0}) from {} comparables",
        report.value,
        report.low,
        report.high,
        report.comparables.len()
    );
    match a.format {
        CmaFormatArg::Json => write_json(&serde_json::to_value(&report)?, a.out),
        CmaFormatArg::Csv => Ok(write_table(
            &report.to_table(),
            TableFormat::Csv,
            a.out,
            "CMA",
        )?),
        CmaFormatArg::Xlsx => Ok(write_table(
            &report.to_table(),
            TableFormat::Xlsx,
            a.out,
            "CMA",
        )?),
    }
}

async fn fields(a: FieldsArgs) -> Result<()> {
    let (store, class) = open(&a.class).await?;
    if a.save {
        mls_analytics::class::save_mapping(&store, &class, &parse_map(&a.class.map)?).await?;
    }
    let map = class.map.clone();
    store.close().await;
    println!("role,field,source");
    for role in Role::ALL {
        match map.roles.get(&role) {
            Some((field, source)) => println!(
                "{},{field},{}",
                role.name(),
                serde_json::to_value(source)?.as_str().unwrap_or("")
            ),
            None => println!("{},,missing", role.name()),
        }
    }
    Ok(())
}
