//! Forecasts of an area's monthly median close price, closed sales or inventory,
//! 1–12 months ahead with 80 % and 95 % prediction intervals. The model is
//! augurs' MSTL (yearly seasonality) over an AutoETS trend when there are three
//! years of history, plain AutoETS with one to three; it is fitted in log space
//! so intervals stay positive. Every forecast carries its own rolling-origin
//! backtest next to a seasonal-naive baseline, so users can see whether the
//! model beats "same month last year" on this very series.

use augurs::ets::AutoETS;
use augurs::mstl::MSTLModel;
use augurs::prelude::*;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::class::{Class, Selection};
use crate::error::AnalyticsError;
use crate::period::Period;
use crate::stats::{StatsRequest, market_stats};
use crate::table::{Cell, CellKind, Table};

/// What can be forecast.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    MedianClosePrice,
    ClosedSales,
    Inventory,
}

impl Metric {
    /// Parses `median_close_price|closed_sales|inventory`.
    pub fn parse(s: &str) -> Option<Metric> {
        Some(match s.trim() {
            "median_close_price" => Metric::MedianClosePrice,
            "closed_sales" => Metric::ClosedSales,
            "inventory" | "active_inventory" => Metric::Inventory,
            _ => return None,
        })
    }

    fn column(self) -> &'static str {
        match self {
            Metric::MedianClosePrice => "median_close_price",
            Metric::ClosedSales => "closed_sales",
            Metric::Inventory => "active_inventory",
        }
    }

    fn is_count(self) -> bool {
        self != Metric::MedianClosePrice
    }
}

/// A forecast request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ForecastRequest {
    /// Area field (as for statistics).
    pub by: String,
    /// The area's value (raw or its lookup long value).
    pub area: String,
    /// What to forecast.
    pub metric: Metric,
    /// Months ahead, 1–12.
    pub horizon: usize,
    /// Further rows to include (filters, map area).
    pub selection: Selection,
}

/// One month of history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HistoryPoint {
    pub period: String,
    /// `None` for months without a value (e.g. no sales, so no median).
    pub value: Option<f64>,
}

/// One forecast month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ForecastPoint {
    pub period: String,
    pub value: f64,
    pub low80: f64,
    pub high80: f64,
    pub low95: f64,
    pub high95: f64,
}

/// Rolling-origin backtest of the model and of the seasonal-naive baseline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Backtest {
    /// Forecast origins tried.
    pub origins: usize,
    /// Months ahead at each origin.
    pub horizon: usize,
    /// Mean absolute percentage error of the model (fraction).
    pub mape: Option<f64>,
    /// Mean absolute error of the model.
    pub mae: f64,
    /// The same for the seasonal-naive baseline (same month last year, else last value).
    pub baseline_mape: Option<f64>,
    pub baseline_mae: f64,
    /// Share of actual values inside the model's 80 % / 95 % intervals.
    pub coverage80: f64,
    pub coverage95: f64,
}

/// A forecast with its history and backtest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Forecast {
    pub area: String,
    pub metric: Metric,
    /// `mstl+ets` or `ets`.
    pub model: String,
    pub history: Vec<HistoryPoint>,
    pub forecast: Vec<ForecastPoint>,
    /// `None` when the history is too short to hold any months back.
    pub backtest: Option<Backtest>,
    /// Plain-language caveats (short history, an incomplete last month, gaps).
    pub notes: Vec<String>,
}

/// Months of history needed at all, and for a seasonal model.
pub const MIN_MONTHS: usize = 12;
pub const SEASONAL_MONTHS: usize = 36;

/// Forecasts `req.metric` for one area of `class`.
pub async fn forecast(
    store: &mls_store::Store,
    class: &Class,
    req: &ForecastRequest,
) -> Result<Forecast, AnalyticsError> {
    if !(1..=12).contains(&req.horizon) {
        return Err(AnalyticsError::InvalidArgument(format!(
            "--horizon {}: forecasts go 1 to 12 months ahead",
            req.horizon
        )));
    }
    let by = class.field(&req.by)?;
    let mut selection = req.selection.clone();
    // The area's raw value, whether given raw or as its lookup's long value.
    let area = by
        .lookup
        .as_ref()
        .and_then(|l| {
            l.iter()
                .find(|(code, long)| {
                    code.as_str() == req.area.trim()
                        || long.trim().eq_ignore_ascii_case(req.area.trim())
                })
                .map(|(code, _)| code.clone())
        })
        .unwrap_or_else(|| req.area.trim().to_owned());
    selection
        .filters
        .push((by.system_name.clone(), area.clone()));
    let stats = market_stats(
        store,
        class,
        &StatsRequest {
            by: by.system_name.clone(),
            period: Period::Month,
            from: None,
            to: None,
            by_type: false,
            selection,
        },
    )
    .await?;
    let t = &stats.table;
    let col = t.index(req.metric.column()).expect("a statistics column");
    let (pcol, ecol) = (
        t.index("period").expect("period"),
        t.index("period_end").expect("end"),
    );
    if t.rows.is_empty() {
        return Err(AnalyticsError::NotEnoughData(format!(
            "no listings in {} = {:?}",
            by.system_name, req.area
        )));
    }
    if t.rows.iter().all(|r| r[col] == Cell::Null) {
        return Err(AnalyticsError::NotEnoughData(format!(
            "{} has no values for {} = {:?}{}",
            req.metric.column(),
            by.system_name,
            req.area,
            if stats.notes.is_empty() {
                String::new()
            } else {
                format!(" ({})", stats.notes.join("; "))
            }
        )));
    }
    let mut history: Vec<HistoryPoint> = t
        .rows
        .iter()
        .map(|r| HistoryPoint {
            period: r[pcol].to_text(),
            value: r[col].as_f64(),
        })
        .collect();
    let mut notes = Vec::new();
    // The last month is partial unless the data reach its last day.
    let last_data_day = latest_day(class, store, &req.selection, by, &area).await?;
    if let (Some(last), Some(end)) = (last_data_day, t.rows.last().map(|r| r[ecol].to_text()))
        && crate::frame::day_string(last) < end
        && history.len() > 1
    {
        let dropped = history.pop().expect("non-empty");
        notes.push(format!(
            "{} is not over yet in the data and is left out",
            dropped.period
        ));
    }
    // Months before the first value (e.g. before the first sale) are not history.
    let first = history
        .iter()
        .position(|h| h.value.is_some())
        .unwrap_or(history.len());
    history.drain(..first);
    let labels: Vec<String> = history.iter().map(|h| h.period.clone()).collect();
    let raw: Vec<Option<f64>> = history.iter().map(|h| h.value).collect();
    let (series, gaps) = fill_gaps(&raw);
    if gaps > 0 {
        notes.push(format!("{gaps} months without a value were interpolated"));
    }
    if series.len() < MIN_MONTHS {
        return Err(AnalyticsError::NotEnoughData(format!(
            "{} months of history for {} = {:?}; an honest forecast needs at least {MIN_MONTHS}",
            series.len(),
            by.system_name,
            req.area
        )));
    }
    if series.len() < SEASONAL_MONTHS {
        notes.push(format!(
            "only {} months of history: the forecast has no yearly seasonality (it needs {SEASONAL_MONTHS})",
            series.len()
        ));
    }
    let log = !req.metric.is_count() || series.iter().all(|v| *v > 0.0);
    let (model, points) = fit_predict(&series, req.horizon, log)?;
    let last = labels.last().cloned().unwrap_or_default();
    let forecast: Vec<ForecastPoint> = points
        .into_iter()
        .enumerate()
        .map(|(k, p)| {
            let clamp = |x: f64| if req.metric.is_count() { x.max(0.0) } else { x };
            ForecastPoint {
                period: month_after(&last, k + 1),
                value: clamp(p.value),
                low80: clamp(p.low80),
                high80: clamp(p.high80),
                low95: clamp(p.low95),
                high95: clamp(p.high95),
            }
        })
        .collect();
    let backtest = backtest(&series, req.horizon, log);
    if backtest.is_none() {
        notes.push(
            "the history is too short to hold months back and measure the forecast's error".into(),
        );
    }
    Ok(Forecast {
        area: req.area.clone(),
        metric: req.metric,
        model,
        history,
        forecast,
        backtest,
        notes,
    })
}

async fn latest_day(
    class: &Class,
    store: &mls_store::Store,
    selection: &Selection,
    by: &crate::fields::Field,
    area: &str,
) -> Result<Option<i32>, AnalyticsError> {
    use crate::fields::Role;
    let days: Vec<_> = [Role::ListDate, Role::CloseDate, Role::ContractDate]
        .iter()
        .filter_map(|r| class.map.role_field(*r))
        .collect();
    let mut sel = selection.clone();
    sel.filters.push((by.system_name.clone(), area.to_owned()));
    let frame = class.load(store, &days, &sel).await?;
    Ok(days
        .iter()
        .filter_map(|f| frame.day(&f.system_name))
        .flat_map(|d| d.iter().copied().filter(|d| *d != crate::frame::NO_DAY))
        .max())
}

/// Linear interpolation of inner gaps; leading and trailing gaps take the nearest value.
fn fill_gaps(v: &[Option<f64>]) -> (Vec<f64>, usize) {
    let known: Vec<(usize, f64)> = v
        .iter()
        .enumerate()
        .filter_map(|(i, x)| x.map(|x| (i, x)))
        .collect();
    if known.is_empty() {
        return (Vec::new(), 0);
    }
    let gaps = v.len() - known.len();
    let out = (0..v.len())
        .map(|i| match known.binary_search_by_key(&i, |(j, _)| *j) {
            Ok(k) => known[k].1,
            Err(0) => known[0].1,
            Err(k) if k == known.len() => known[k - 1].1,
            Err(k) => {
                let (a, b) = (known[k - 1], known[k]);
                a.1 + (b.1 - a.1) * (i - a.0) as f64 / (b.0 - a.0) as f64
            }
        })
        .collect();
    (out, gaps)
}

/// `YYYY-MM` plus `k` months.
fn month_after(label: &str, k: usize) -> String {
    let (y, m) = label.split_once('-').unwrap_or(("1970", "01"));
    let (y, m): (i64, i64) = (y.parse().unwrap_or(1970), m.parse().unwrap_or(1));
    let o = y * 12 + m - 1 + k as i64;
    format!("{}-{:02}", o.div_euclid(12), o.rem_euclid(12) + 1)
}

struct Point {
    value: f64,
    low80: f64,
    high80: f64,
    low95: f64,
    high95: f64,
}

/// Fits the model to `y` and forecasts `h` months with both intervals.
fn fit_predict(y: &[f64], h: usize, log: bool) -> Result<(String, Vec<Point>), AnalyticsError> {
    let fwd = |x: f64| if log { x.max(1e-9).ln() } else { x };
    let back = |x: f64| if log { x.exp() } else { x };
    let z: Vec<f64> = y.iter().map(|x| fwd(*x)).collect();
    let err = |e: String| AnalyticsError::Forecast(e);
    let (name, f80, f95) = if z.len() >= SEASONAL_MONTHS {
        let model = MSTLModel::new(vec![12], AutoETS::non_seasonal().into_trend_model());
        let fit = model.fit(&z).map_err(|e| err(e.to_string()))?;
        (
            "mstl+ets",
            fit.predict(h, 0.8).map_err(|e| err(e.to_string()))?,
            fit.predict(h, 0.95).map_err(|e| err(e.to_string()))?,
        )
    } else {
        let fit = AutoETS::non_seasonal()
            .fit(&z)
            .map_err(|e| err(e.to_string()))?;
        (
            "ets",
            fit.predict(h, 0.8).map_err(|e| err(e.to_string()))?,
            fit.predict(h, 0.95).map_err(|e| err(e.to_string()))?,
        )
    };
    let (Some(i80), Some(i95)) = (&f80.intervals, &f95.intervals) else {
        return Err(err("the model gave no prediction intervals".into()));
    };
    let points = (0..h)
        .map(|k| Point {
            value: back(f80.point[k]),
            low80: back(i80.lower[k]),
            high80: back(i80.upper[k]),
            low95: back(i95.lower[k]),
            high95: back(i95.upper[k]),
        })
        .collect();
    Ok((name.to_owned(), points))
}

/// Up to 12 forecast origins at the end of the series, each forecasting `h`
/// months from the data before it; the baseline forecasts the same month a
/// year earlier (the last value when there is no year before).
fn backtest(y: &[f64], h: usize, log: bool) -> Option<Backtest> {
    let min_train = MIN_MONTHS;
    if y.len() < min_train + h {
        return None;
    }
    let last_origin = y.len() - h;
    let first_origin = last_origin.saturating_sub(11).max(min_train);
    let (mut ape, mut ae, mut bape, mut bae) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut in80, mut in95, mut n) = (0usize, 0usize, 0usize);
    let mut origins = 0;
    for o in first_origin..=last_origin {
        let Ok((_, points)) = fit_predict(&y[..o], h, log) else {
            continue;
        };
        origins += 1;
        for (k, p) in points.iter().enumerate() {
            let actual = y[o + k];
            let base = if o + k >= 12 { y[o + k - 12] } else { y[o - 1] };
            ae.push((p.value - actual).abs());
            bae.push((base - actual).abs());
            if actual != 0.0 {
                ape.push(((p.value - actual) / actual).abs());
                bape.push(((base - actual) / actual).abs());
            }
            n += 1;
            in80 += usize::from(p.low80 <= actual && actual <= p.high80);
            in95 += usize::from(p.low95 <= actual && actual <= p.high95);
        }
    }
    if n == 0 {
        return None;
    }
    let mean = |v: &[f64]| (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64);
    Some(Backtest {
        origins,
        horizon: h,
        mape: mean(&ape),
        mae: mean(&ae).unwrap_or(0.0),
        baseline_mape: mean(&bape),
        baseline_mae: mean(&bae).unwrap_or(0.0),
        coverage80: in80 as f64 / n as f64,
        coverage95: in95 as f64 / n as f64,
    })
}

impl Forecast {
    /// History and forecast as one table (`period,type,value,low80,high80,low95,high95`).
    pub fn to_table(&self) -> Table {
        let mut t = Table::new(&[
            ("period", CellKind::Text),
            ("type", CellKind::Text),
            ("value", CellKind::Number),
            ("low80", CellKind::Number),
            ("high80", CellKind::Number),
            ("low95", CellKind::Number),
            ("high95", CellKind::Number),
        ]);
        for h in &self.history {
            t.rows.push(vec![
                Cell::Text(h.period.clone()),
                Cell::Text("history".into()),
                Cell::num(h.value),
                Cell::Null,
                Cell::Null,
                Cell::Null,
                Cell::Null,
            ]);
        }
        for f in &self.forecast {
            t.rows.push(vec![
                Cell::Text(f.period.clone()),
                Cell::Text("forecast".into()),
                Cell::num(Some(f.value)),
                Cell::num(Some(f.low80)),
                Cell::num(Some(f.high80)),
                Cell::num(Some(f.low95)),
                Cell::num(Some(f.high95)),
            ]);
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A seasonal series with trend and noise.
    fn series(n: usize) -> Vec<f64> {
        let mut seed = 7u64;
        (0..n)
            .map(|i| {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let noise = ((seed >> 33) as f64 / (1u64 << 31) as f64 - 0.5) * 0.04;
                let season = (2.0 * std::f64::consts::PI * (i % 12) as f64 / 12.0).cos() * 0.05;
                300_000.0 * (1.0 + 0.004 * i as f64) * (1.0 + season + noise)
            })
            .collect()
    }

    #[test]
    fn intervals_are_nested_and_positive() {
        let (model, points) = fit_predict(&series(72), 6, true).unwrap();
        assert_eq!(model, "mstl+ets");
        assert_eq!(points.len(), 6);
        for p in &points {
            assert!(
                p.low95 <= p.low80
                    && p.low80 <= p.value
                    && p.value <= p.high80
                    && p.high80 <= p.high95
            );
            assert!(p.low95 > 0.0);
        }
        let (model, _) = fit_predict(&series(20), 3, true).unwrap();
        assert_eq!(model, "ets");
    }

    #[test]
    fn backtest_beats_nothing_by_construction_but_measures() {
        let bt = backtest(&series(72), 3, true).unwrap();
        assert_eq!(bt.origins, 12);
        assert!(bt.mape.unwrap() < 0.1, "{bt:?}");
        assert!(bt.baseline_mape.unwrap() > 0.0);
        assert!((0.0..=1.0).contains(&bt.coverage80));
        assert!(backtest(&series(13), 3, true).is_none());
    }

    #[test]
    fn gaps_are_interpolated() {
        let (v, gaps) = fill_gaps(&[None, Some(1.0), None, Some(3.0), None]);
        assert_eq!(v, [1.0, 1.0, 2.0, 3.0, 3.0]);
        assert_eq!(gaps, 3);
        assert_eq!(month_after("2024-11", 3), "2025-02");
    }
}
