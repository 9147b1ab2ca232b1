//! Training, cross-validation, the time split, and estimates for subjects.

use std::collections::{HashMap, HashSet};
use std::time::Instant;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::control::TrainControl;
use super::features::{Encoder, Excluded, candidates};
use super::model::{MODEL_NAME, Regressor, Trees};
use super::persist::{self, StoredModel};
use crate::class::{Class, Selection};
use crate::error::AnalyticsError;
use crate::fields::{Field, Role};
use crate::frame::{Frame, NO_DAY, day_string};
use crate::stats::median;

/// Which model: the headline one never sees a list price.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Variant {
    /// For any home, on the market or not: no list prices.
    OffMarket,
    /// For homes on the market: may use the list price (far smaller error, by construction).
    OnMarket,
}

impl Variant {
    pub fn name(self) -> &'static str {
        match self {
            Variant::OffMarket => "off_market",
            Variant::OnMarket => "on_market",
        }
    }
}

/// Error figures on held-out sales (fractions, not percentages: 0.08 = 8 %).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Metrics {
    /// Held-out sales.
    pub n: usize,
    /// Mean absolute percentage error.
    pub mape: f64,
    /// Mean absolute error, in price units.
    pub mae: f64,
    /// Median absolute percentage error.
    pub median_ape: f64,
    /// Share of sales inside their 80 % interval.
    pub coverage80: f64,
    /// Share of estimates within 5 %, 10 %, 20 % of the price.
    pub within5: f64,
    pub within10: f64,
    pub within20: f64,
    /// The baseline (median $/sq ft of the area × living area) on the same sales.
    pub baseline_mape: f64,
    pub baseline_median_ape: f64,
    pub baseline_mae: f64,
}

/// The time split: trained on sales before `split_date`, tested on the rest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TimeSplit {
    pub split_date: String,
    pub n_train: usize,
    pub metrics: Metrics,
}

/// How well the model does, measured when it was trained.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Evaluation {
    /// Cross-validated figures (at the top level of the JSON).
    #[serde(flatten)]
    pub cv: Metrics,
    pub folds: usize,
    pub variant: Variant,
    pub time_split: Option<TimeSplit>,
    /// Sales the model was trained on, and sales left out as outliers.
    pub n_train: usize,
    pub outliers: usize,
    pub features: Vec<String>,
    pub excluded: Vec<Excluded>,
    pub train_seconds: f64,
    pub data_version: String,
    pub notes: Vec<String>,
}

/// One subject's estimate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Estimate {
    pub key: String,
    pub estimate: f64,
    /// The 80 % interval.
    pub low: f64,
    pub high: f64,
    /// Median $/sq ft of the area × living area, when both are known.
    pub baseline: Option<f64>,
    /// The features that moved this estimate most, with their effect (+12 % …).
    pub top_features: Vec<(String, f64)>,
    /// The nearest comparable sales.
    pub comparables: Vec<String>,
    /// The date the value is for (the sale date of a sold subject, else the latest sale in the data).
    pub as_of: String,
}

/// Sales a model trains on at most: the most recent ones. Up to here more
/// sales make a better model (on 100k sales: 7.4 % MAPE with all of them,
/// 8.1 % with the newest 25k); past it, the time and memory of seven fits
/// (about 1.2 GB of inputs at 1M sales) buy little for today's prices.
pub const MAX_TRAIN_SALES: usize = 200_000;
/// Outliers: log prices further than this many robust standard deviations from the median.
const OUTLIER_SD: f64 = 5.0;

/// Everything loaded for training and estimating.
pub(crate) struct Prepared {
    pub frame: Frame,
    pub plan: Encoder,
    /// Training rows (frame indexes) and their log prices.
    pub rows: Vec<usize>,
    pub y: Vec<f64>,
    pub outliers: usize,
    /// The day each row is valued for.
    pub sale_day: Vec<i32>,
    pub baseline: BaselineFields,
    pub notes: Vec<String>,
}

#[derive(Clone)]
pub(crate) struct BaselineFields {
    pub area: Option<String>,
    pub living_area: Option<String>,
    pub lat: Option<String>,
    pub lon: Option<String>,
}

pub(crate) async fn prepare(
    store: &mls_store::Store,
    class: &Class,
    variant: Variant,
) -> Result<Prepared, AnalyticsError> {
    let price = class.need(Role::ClosePrice, "the valuation model")?;
    let close_day = class.map.role_field(Role::CloseDate);
    let (cands, excluded) = candidates(&class.map, variant == Variant::OnMarket);
    let mut load: Vec<&Field> = cands.clone();
    load.push(price);
    load.extend(close_day);
    let area_field = class
        .map
        .role_field(Role::PostalCode)
        .or_else(|| class.map.role_field(Role::City));
    load.extend(area_field);
    let frame = class.load(store, &load, &Selection::default()).await?;
    let prices = frame.num(&price.system_name).unwrap_or_default();
    let days = close_day.and_then(|f| frame.day(&f.system_name));
    let mut notes = Vec::new();
    if close_day.is_none() {
        notes.push("no close date field: the model cannot follow the market over time".into());
    }
    let latest = days
        .and_then(|d| d.iter().copied().filter(|d| *d != NO_DAY).max())
        .unwrap_or(NO_DAY);
    let sale_day: Vec<i32> = (0..frame.len())
        .map(|i| {
            days.map(|d| d[i])
                .filter(|d| *d != NO_DAY)
                .unwrap_or(latest)
        })
        .collect();
    let mut rows: Vec<usize> = (0..frame.len())
        .filter(|i| prices[*i].is_finite() && prices[*i] > 0.0)
        .collect();
    let logs: Vec<f64> = rows.iter().map(|i| prices[*i].ln()).collect();
    let mid = median(&logs).unwrap_or(0.0);
    let spread =
        median(&logs.iter().map(|l| (l - mid).abs()).collect::<Vec<_>>()).unwrap_or(0.0) * 1.4826;
    let before = rows.len();
    if spread > 0.0 {
        rows.retain(|i| (prices[*i].ln() - mid).abs() <= OUTLIER_SD * spread);
    }
    let outliers = before - rows.len();
    if rows.len() > MAX_TRAIN_SALES {
        let all = rows.len();
        // Newest first; ties by key so the choice is the same on every run.
        rows.sort_by(|a, b| {
            sale_day[*b]
                .cmp(&sale_day[*a])
                .then_with(|| frame.keys[*a].cmp(&frame.keys[*b]))
        });
        rows.truncate(MAX_TRAIN_SALES);
        rows.sort_unstable();
        notes.push(format!(
            "trained on the {MAX_TRAIN_SALES} most recent of {all} sales (older sales add little to today's prices and cost training time)"
        ));
    }
    let y: Vec<f64> = rows.iter().map(|i| prices[*i].ln()).collect();
    let plan = Encoder::plan(&cands, excluded, &frame, &rows);
    Ok(Prepared {
        frame,
        plan,
        rows,
        y,
        outliers,
        sale_day,
        baseline: BaselineFields {
            area: area_field.map(|f| f.system_name.clone()),
            living_area: class.map.get(Role::LivingArea).map(str::to_owned),
            lat: class.map.get(Role::Latitude).map(str::to_owned),
            lon: class.map.get(Role::Longitude).map(str::to_owned),
        },
        notes,
    })
}

/// A model trained on `rows` (frame indexes) with log prices `y`.
pub(crate) struct Fitted {
    pub encoder: Encoder,
    pub model: Trees,
}

pub(crate) fn fit(
    p: &Prepared,
    rows: &[usize],
    y: &[f64],
    control: &TrainControl,
) -> Result<Fitted, AnalyticsError> {
    control.check()?;
    let mut encoder = p.plan.clone();
    encoder.fit_categories(&p.frame, rows, y);
    let x = encoder.training_matrix(&p.frame, rows, y, &|r| p.sale_day[r]);
    let model = Trees::fit(&x, rows.len(), encoder.features.len(), y)?;
    control.fitted();
    Ok(Fitted { encoder, model })
}

pub(crate) fn predict(p: &Prepared, f: &Fitted, rows: &[usize]) -> Vec<f64> {
    let x = f.encoder.matrix(&p.frame, rows, &|r| p.sale_day[r]);
    f.model.predict(&x, rows.len(), f.encoder.features.len())
}

/// Median $/sq ft (or price) by area, learnt from training rows.
pub(crate) struct Baseline {
    by_area: HashMap<String, f64>,
    overall: f64,
    per_sqft: bool,
}

impl Baseline {
    pub fn fit(p: &Prepared, rows: &[usize]) -> Baseline {
        let prices: Vec<f64> = rows.iter().map(|r| p.y_of(*r)).collect();
        let sqft = |r: usize| {
            p.baseline
                .living_area
                .as_ref()
                .and_then(|f| p.frame.num(f))
                .map(|v| v[r])
                .filter(|v| v.is_finite() && *v > 100.0)
        };
        let per_sqft = p.baseline.living_area.is_some();
        let mut groups: HashMap<String, Vec<f64>> = HashMap::new();
        let mut all = Vec::new();
        for (r, price) in rows.iter().zip(&prices) {
            let v = if per_sqft {
                match sqft(*r) {
                    Some(s) => price / s,
                    None => continue,
                }
            } else {
                *price
            };
            all.push(v);
            if let Some(a) = p
                .baseline
                .area
                .as_ref()
                .and_then(|f| p.frame.value_text(f, *r))
            {
                groups.entry(a).or_default().push(v);
            }
        }
        Baseline {
            by_area: groups
                .into_iter()
                .filter(|(_, v)| v.len() >= 5)
                .filter_map(|(a, v)| Some((a, median(&v)?)))
                .collect(),
            overall: median(&all).unwrap_or(f64::NAN),
            per_sqft,
        }
    }

    pub fn estimate(&self, p: &Prepared, row: usize) -> Option<f64> {
        let area = p
            .baseline
            .area
            .as_ref()
            .and_then(|f| p.frame.value_text(f, row));
        let rate = area
            .and_then(|a| self.by_area.get(&a).copied())
            .unwrap_or(self.overall);
        let value = if self.per_sqft {
            let s = p
                .baseline
                .living_area
                .as_ref()
                .and_then(|f| p.frame.num(f))
                .map(|v| v[row])?;
            (s.is_finite() && s > 100.0).then_some(rate * s)?
        } else {
            rate
        };
        value.is_finite().then_some(value)
    }
}

impl Prepared {
    /// The close price of a frame row (training rows only).
    pub fn y_of(&self, row: usize) -> f64 {
        match self.rows.binary_search(&row) {
            Ok(k) => self.y[k].exp(),
            Err(_) => f64::NAN,
        }
    }
}

/// Quantile `q` (0..1) of `v`.
pub(crate) fn quantile(v: &[f64], q: f64) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    let pos = q * (s.len() - 1) as f64;
    let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
    s[lo] + (s[hi] - s[lo]) * (pos - lo as f64)
}

/// Error figures of `pred` (log) against `actual` (price), with intervals from `band` (log residual quantiles).
fn metrics(actual: &[f64], pred: &[f64], band: &[(f64, f64)], baseline: &[Option<f64>]) -> Metrics {
    let n = actual.len();
    if n == 0 {
        return Metrics::default();
    }
    let mut ape = Vec::with_capacity(n);
    let mut ae = Vec::with_capacity(n);
    let mut covered = 0usize;
    for k in 0..n {
        let est = pred[k].exp();
        ape.push((est - actual[k]).abs() / actual[k]);
        ae.push((est - actual[k]).abs());
        let (lo, hi) = band[k];
        let r = actual[k].ln() - pred[k];
        covered += usize::from(lo <= r && r <= hi);
    }
    // The baseline cannot value every sale (no living area): those fall back to the overall median price.
    let fallback = median(actual).unwrap_or(0.0);
    let bape: Vec<f64> = (0..n)
        .map(|k| (baseline[k].unwrap_or(fallback) - actual[k]).abs() / actual[k])
        .collect();
    let bae: Vec<f64> = (0..n)
        .map(|k| (baseline[k].unwrap_or(fallback) - actual[k]).abs())
        .collect();
    let share = |t: f64| ape.iter().filter(|a| **a <= t).count() as f64 / n as f64;
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    Metrics {
        n,
        mape: mean(&ape),
        mae: mean(&ae),
        median_ape: median(&ape).unwrap_or(0.0),
        coverage80: covered as f64 / n as f64,
        within5: share(0.05),
        within10: share(0.10),
        within20: share(0.20),
        baseline_mape: mean(&bape),
        baseline_median_ape: median(&bape).unwrap_or(0.0),
        baseline_mae: mean(&bae),
    }
}

fn fold_of(key: &str, folds: usize) -> usize {
    // FNV-1a: the same split on every run and machine.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    (h % folds as u64) as usize
}

/// Cross-validates, runs the time split and trains the final model on all sales.
pub(crate) fn train(
    p: &Prepared,
    variant: Variant,
    folds: usize,
    data_version: &str,
    control: &TrainControl,
) -> Result<StoredModel, AnalyticsError> {
    let started = Instant::now();
    let folds = folds.clamp(2, 20);
    let n = p.rows.len();
    if n < 50 {
        return Err(AnalyticsError::NotEnoughData(format!(
            "{n} closed sales with a price; the valuation model needs at least 50"
        )));
    }
    let fold: Vec<usize> = p
        .rows
        .iter()
        .map(|r| fold_of(&p.frame.keys[*r], folds))
        .collect();
    // Each fold, the time split and the final model.
    control.plan(folds as u32 + 2);
    let mut oof = vec![f64::NAN; n];
    let mut base = vec![None; n];
    for k in 0..folds {
        let train: Vec<usize> = (0..n).filter(|i| fold[*i] != k).collect();
        let test: Vec<usize> = (0..n).filter(|i| fold[*i] == k).collect();
        if test.is_empty() || train.len() < 20 {
            continue;
        }
        let rows: Vec<usize> = train.iter().map(|i| p.rows[*i]).collect();
        let y: Vec<f64> = train.iter().map(|i| p.y[*i]).collect();
        let fitted = fit(p, &rows, &y, control)?;
        let test_rows: Vec<usize> = test.iter().map(|i| p.rows[*i]).collect();
        let b = Baseline::fit(p, &rows);
        for (i, (pred, row)) in test
            .iter()
            .zip(predict(p, &fitted, &test_rows).into_iter().zip(&test_rows))
        {
            oof[*i] = pred;
            base[*i] = b.estimate(p, *row);
        }
    }
    let residual: Vec<f64> = (0..n).map(|i| p.y[i] - oof[i]).collect();
    // Each fold's band comes from the other folds' residuals (cross-conformal).
    let mut band = vec![(0.0, 0.0); n];
    for k in 0..folds {
        let others: Vec<f64> = (0..n)
            .filter(|i| fold[*i] != k && residual[*i].is_finite())
            .map(|i| residual[i])
            .collect();
        let b = (quantile(&others, 0.1), quantile(&others, 0.9));
        for i in (0..n).filter(|i| fold[*i] == k) {
            band[i] = b;
        }
    }
    let scored: Vec<usize> = (0..n).filter(|i| oof[*i].is_finite()).collect();
    let actual: Vec<f64> = scored.iter().map(|i| p.y[*i].exp()).collect();
    let cv = metrics(
        &actual,
        &scored.iter().map(|i| oof[*i]).collect::<Vec<_>>(),
        &scored.iter().map(|i| band[*i]).collect::<Vec<_>>(),
        &scored.iter().map(|i| base[*i]).collect::<Vec<_>>(),
    );
    let all_residuals: Vec<f64> = scored.iter().map(|i| residual[*i]).collect();
    let interval = (quantile(&all_residuals, 0.1), quantile(&all_residuals, 0.9));
    let time_split = time_split(p, interval, control)?;
    let fitted = fit(p, &p.rows, &p.y, control)?;
    let mut notes = p.notes.clone();
    if variant == Variant::OnMarket {
        notes.push("on-market variant: uses the list price, so its error is not comparable with off-market estimates".into());
    }
    let evaluation = Evaluation {
        cv,
        folds,
        variant,
        time_split,
        n_train: n,
        outliers: p.outliers,
        features: fitted.encoder.features.iter().map(|f| f.name()).collect(),
        excluded: fitted.encoder.excluded.clone(),
        train_seconds: started.elapsed().as_secs_f64(),
        data_version: data_version.to_owned(),
        notes,
    };
    Ok(StoredModel {
        variant,
        evaluation,
        encoder: fitted.encoder,
        interval,
        model: MODEL_NAME.to_owned(),
        model_json: fitted.model.to_json()?,
    })
}

/// Trains on the oldest 80 % of sales (by sale date) and tests on the rest.
fn time_split(
    p: &Prepared,
    interval: (f64, f64),
    control: &TrainControl,
) -> Result<Option<TimeSplit>, AnalyticsError> {
    let mut days: Vec<i32> = p
        .rows
        .iter()
        .map(|r| p.sale_day[*r])
        .filter(|d| *d != NO_DAY)
        .collect();
    if days.len() < 100 {
        return Ok(None);
    }
    days.sort_unstable();
    let split = days[days.len() * 4 / 5];
    let (train, test): (Vec<usize>, Vec<usize>) =
        (0..p.rows.len()).partition(|i| p.sale_day[p.rows[*i]] < split);
    if train.len() < 50 || test.len() < 20 {
        return Ok(None);
    }
    let rows: Vec<usize> = train.iter().map(|i| p.rows[*i]).collect();
    let y: Vec<f64> = train.iter().map(|i| p.y[*i]).collect();
    let fitted = fit(p, &rows, &y, control)?;
    let test_rows: Vec<usize> = test.iter().map(|i| p.rows[*i]).collect();
    let pred = predict(p, &fitted, &test_rows);
    let b = Baseline::fit(p, &rows);
    let actual: Vec<f64> = test.iter().map(|i| p.y[*i].exp()).collect();
    let base: Vec<Option<f64>> = test_rows.iter().map(|r| b.estimate(p, *r)).collect();
    Ok(Some(TimeSplit {
        split_date: day_string(split),
        n_train: train.len(),
        metrics: metrics(&actual, &pred, &vec![interval; test.len()], &base),
    }))
}

/// Runs CPU-bound work without stalling the async runtime's other tasks (on a
/// multi-threaded runtime the worker hands its queue over; on a single-threaded
/// one, as in the CLI, it simply runs).
fn cpu_bound<T>(work: impl FnOnce() -> T) -> T {
    match tokio::runtime::Handle::try_current() {
        Ok(h) if h.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread => {
            tokio::task::block_in_place(work)
        }
        _ => work(),
    }
}

/// The stored model of `class`, retrained first when the replica changed since it was trained.
pub async fn trained_model(
    store: &mls_store::Store,
    class: &Class,
    variant: Variant,
    folds: usize,
    control: &TrainControl,
) -> Result<StoredModel, AnalyticsError> {
    model_for(store, class, variant, folds, None, control).await
}

/// [`trained_model`], training from `loaded` when the caller already read the class.
async fn model_for(
    store: &mls_store::Store,
    class: &Class,
    variant: Variant,
    folds: usize,
    loaded: Option<&Prepared>,
    control: &TrainControl,
) -> Result<StoredModel, AnalyticsError> {
    let version = persist::data_version(store, class).await?;
    if let Some(stored) = persist::load(store, class, variant).await?
        && stored.evaluation.data_version == version
        && stored.evaluation.folds == folds.clamp(2, 20)
        && stored.model == MODEL_NAME
    {
        return Ok(stored);
    }
    let fresh;
    let p = match loaded {
        Some(p) => p,
        None => {
            fresh = prepare(store, class, variant).await?;
            &fresh
        }
    };
    let trained = cpu_bound(|| train(p, variant, folds, &version, control))?;
    persist::save(store, class, &trained).await?;
    Ok(trained)
}

/// Cross-validated and time-split error of the class's model (trained if needed).
pub async fn evaluate(
    store: &mls_store::Store,
    class: &Class,
    variant: Variant,
    folds: usize,
    control: &TrainControl,
) -> Result<Evaluation, AnalyticsError> {
    Ok(trained_model(store, class, variant, folds, control)
        .await?
        .evaluation)
}

/// Estimates for `keys`. Subjects that are themselves sales the stored model
/// was trained on get a model retrained without them.
pub async fn estimate(
    store: &mls_store::Store,
    class: &Class,
    keys: &[String],
    variant: Variant,
    control: &TrainControl,
) -> Result<(Vec<Estimate>, Evaluation), AnalyticsError> {
    let p = prepare(store, class, variant).await?;
    let stored = model_for(store, class, variant, 5, Some(&p), control).await?;
    let index: HashMap<&str, usize> = p
        .frame
        .keys
        .iter()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i))
        .collect();
    let mut subjects = Vec::with_capacity(keys.len());
    for key in keys {
        let row = index
            .get(key.trim())
            .copied()
            .ok_or_else(|| AnalyticsError::UnknownListing {
                key: key.clone(),
                resource: class.table.resource.clone(),
                class: class.table.class.clone(),
            })?;
        subjects.push(row);
    }
    let subject_set: HashSet<usize> = subjects.iter().copied().collect();
    let in_training = p.rows.iter().any(|r| subject_set.contains(r));
    let fitted = if in_training {
        let (rows, y): (Vec<usize>, Vec<f64>) = p
            .rows
            .iter()
            .zip(&p.y)
            .filter(|(r, _)| !subject_set.contains(r))
            .map(|(r, y)| (*r, *y))
            .unzip();
        control.plan(1);
        cpu_bound(|| fit(&p, &rows, &y, control))?
    } else {
        Fitted {
            encoder: stored.encoder.clone(),
            model: Trees::from_json(&stored.model_json)?,
        }
    };
    let train_rows: Vec<usize> = p
        .rows
        .iter()
        .copied()
        .filter(|r| !subject_set.contains(r))
        .collect();
    let baseline = Baseline::fit(&p, &train_rows);
    let x = fitted
        .encoder
        .matrix(&p.frame, &subjects, &|r| p.sale_day[r]);
    let cols = fitted.encoder.features.len();
    let pred = fitted.model.predict(&x, subjects.len(), cols);
    let contrib = fitted.model.contributions(&x, subjects.len(), cols);
    let comps = crate::cma::nearest_sales(&p, &train_rows, &subjects, 3);
    let (q_lo, q_hi) = stored.interval;
    let estimates = subjects
        .iter()
        .enumerate()
        .map(|(k, row)| {
            let c = &contrib[k * (cols + 1)..k * (cols + 1) + cols];
            let mut top: Vec<(usize, f64)> = c
                .iter()
                .copied()
                .enumerate()
                .filter(|(_, v)| v.is_finite())
                .collect();
            top.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
            Estimate {
                key: p.frame.keys[*row].clone(),
                estimate: pred[k].exp(),
                low: (pred[k] + q_lo).exp(),
                high: (pred[k] + q_hi).exp(),
                baseline: baseline.estimate(&p, *row),
                top_features: top
                    .into_iter()
                    .take(3)
                    .map(|(j, v)| (fitted.encoder.features[j].name(), v.exp() - 1.0))
                    .collect(),
                comparables: comps[k].iter().map(|r| p.frame.keys[*r].clone()).collect(),
                as_of: day_string(p.sale_day[*row]),
            }
        })
        .collect();
    Ok((estimates, stored.evaluation))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_interpolate() {
        assert_eq!(quantile(&[1.0, 2.0, 3.0, 4.0, 5.0], 0.5), 3.0);
        assert!((quantile(&[0.0, 10.0], 0.1) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn folds_are_stable_and_balanced() {
        let counts = (0..10_000).fold([0usize; 5], |mut c, i| {
            c[fold_of(&format!("L{i}"), 5)] += 1;
            c
        });
        assert!(
            counts.iter().all(|c| (1800..2200).contains(c)),
            "{counts:?}"
        );
        assert_eq!(fold_of("L1", 5), fold_of("L1", 5));
    }
}
