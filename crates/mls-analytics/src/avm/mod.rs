//! The automated valuation model: trees on log close price over every usable
//! field (see [`features`]), with honest, stored error. Error is measured by
//! k-fold cross-validation and on a time split (train before a date, test
//! after), always beside a simple baseline (median $/sq ft of the area), and
//! the 80 % interval comes from the out-of-fold residuals (cross-conformal), so
//! it covers about 80 % of held-out sales by construction. The headline
//! ("off-market") model never sees a list price; the "on-market" variant may,
//! and says so.

mod control;
pub mod features;
pub mod model;
mod persist;
pub(crate) mod train;

pub use control::TrainControl;
pub use persist::{StoredModel, data_version};
pub use train::{Estimate, Evaluation, Metrics, Variant, estimate, evaluate, trained_model};

use crate::table::{Cell, CellKind, Table};

/// Estimates as a table: `key,estimate,low,high` first (the 80 % interval), then
/// the baseline, the model's measured error, and the explanation.
pub fn estimates_table(estimates: &[Estimate], evaluation: &Evaluation) -> Table {
    let mut t = Table::new(&[
        ("key", CellKind::Text),
        ("estimate", CellKind::Number),
        ("low", CellKind::Number),
        ("high", CellKind::Number),
        ("baseline", CellKind::Number),
        ("as_of", CellKind::Date),
        ("variant", CellKind::Text),
        ("model_mape", CellKind::Number),
        ("model_median_ape", CellKind::Number),
        ("coverage80", CellKind::Number),
        ("baseline_mape", CellKind::Number),
        ("n_train", CellKind::Integer),
        ("top_features", CellKind::Text),
        ("comparables", CellKind::Text),
    ]);
    let cv = &evaluation.cv;
    for e in estimates {
        let features = e
            .top_features
            .iter()
            .map(|(name, effect)| format!("{name} ({:+.1}%)", effect * 100.0))
            .collect::<Vec<_>>()
            .join("; ");
        t.rows.push(vec![
            Cell::Text(e.key.clone()),
            Cell::num(Some(e.estimate.round())),
            Cell::num(Some(e.low.round())),
            Cell::num(Some(e.high.round())),
            Cell::num(e.baseline.map(f64::round)),
            Cell::Text(e.as_of.clone()),
            Cell::Text(evaluation.variant.name().into()),
            Cell::num(Some(cv.mape)),
            Cell::num(Some(cv.median_ape)),
            Cell::num(Some(cv.coverage80)),
            Cell::num(Some(cv.baseline_mape)),
            Cell::num(Some(evaluation.n_train as f64)),
            Cell::Text(features),
            Cell::Text(e.comparables.join(" ")),
        ]);
    }
    t
}
