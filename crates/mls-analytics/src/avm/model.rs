//! The tree model behind the valuation, kept behind a small trait so another
//! library can replace it. The default is `perpetual` (gradient boosting that
//! tunes its own regularisation from one "budget", builds on stable Rust and
//! handles missing values natively), with squared loss on log prices.

use perpetual::booster::config::BoosterIO;
use perpetual::objective::Objective;
use perpetual::{ContributionsMethod, Matrix, PerpetualBooster};

use crate::error::AnalyticsError;

/// A regression model over column-major inputs with missing values as `NaN`.
pub trait Regressor: Sized {
    /// Trains on `x` (`rows × cols`, column-major) and targets `y`.
    fn fit(
        x: &[f64],
        rows: usize,
        cols: usize,
        y: &[f64],
        effort: f32,
    ) -> Result<Self, AnalyticsError>;
    /// Predictions for `x` (`rows × cols`, column-major).
    fn predict(&self, x: &[f64], rows: usize, cols: usize) -> Vec<f64>;
    /// Per-row contributions of each input (`rows × (cols + 1)`, the last being the bias);
    /// each row sums to its prediction.
    fn contributions(&self, x: &[f64], rows: usize, cols: usize) -> Vec<f64>;
    /// The model as text, for storing.
    fn to_json(&self) -> Result<String, AnalyticsError>;
    /// A stored model.
    fn from_json(json: &str) -> Result<Self, AnalyticsError>;
}

/// Working memory for one fit, in GB (also bounds tree size, so models are the same on every machine).
const MEMORY_GB: f32 = 1.0;

/// Histogram bins per input: 64 halves the fit time of the default 256 for
/// about 0.1 point of MAPE (measured on the Demo MLS, see the README).
const MAX_BIN: u16 = 64;

/// Gradient-boosted trees from the `perpetual` crate.
pub struct Perpetual(PerpetualBooster);

fn model_err(e: impl std::fmt::Display) -> AnalyticsError {
    AnalyticsError::Model(e.to_string())
}

impl Regressor for Perpetual {
    fn fit(
        x: &[f64],
        rows: usize,
        cols: usize,
        y: &[f64],
        effort: f32,
    ) -> Result<Self, AnalyticsError> {
        let threads = std::thread::available_parallelism().map_or(2, |n| n.get().min(4));
        let mut booster = PerpetualBooster::default()
            .set_objective(Objective::SquaredLoss)
            .set_budget(effort)
            .set_max_bin(MAX_BIN)
            .set_num_threads(Some(threads))
            .set_seed(42)
            // Without a limit, fit sizes its working memory from free RAM: slow, huge, machine-dependent.
            .set_memory_limit(Some(MEMORY_GB));
        booster
            .fit(&Matrix::new(x, rows, cols), y, None, None)
            .map_err(model_err)?;
        Ok(Perpetual(booster))
    }

    fn predict(&self, x: &[f64], rows: usize, cols: usize) -> Vec<f64> {
        self.0.predict(&Matrix::new(x, rows, cols), false)
    }

    fn contributions(&self, x: &[f64], rows: usize, cols: usize) -> Vec<f64> {
        self.0.predict_contributions(
            &Matrix::new(x, rows, cols),
            ContributionsMethod::Average,
            false,
        )
    }

    fn to_json(&self) -> Result<String, AnalyticsError> {
        self.0.json_dump().map_err(model_err)
    }

    fn from_json(json: &str) -> Result<Self, AnalyticsError> {
        PerpetualBooster::from_json(json)
            .map(Perpetual)
            .map_err(model_err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_simple_function_and_round_trips() {
        let n = 2000;
        let mut x = vec![0.0; n * 2];
        let mut y = vec![0.0; n];
        for i in 0..n {
            let a = (i % 100) as f64;
            let b = if i % 7 == 0 {
                f64::NAN
            } else {
                (i % 13) as f64
            };
            x[i] = a;
            x[n + i] = b;
            y[i] = 12.0 + 0.01 * a + if b.is_nan() { 0.0 } else { 0.02 * b };
        }
        let m = Perpetual::fit(&x, n, 2, &y, 0.5).unwrap();
        let p = m.predict(&x, n, 2);
        let err = p.iter().zip(&y).map(|(a, b)| (a - b).abs()).sum::<f64>() / n as f64;
        assert!(err < 0.05, "mean error {err}");
        let c = m.contributions(&x[..], n, 2);
        let row0: f64 = (0..3).map(|k| c[k]).sum();
        assert!((row0 - p[0]).abs() < 1e-6);
        let back = Perpetual::from_json(&m.to_json().unwrap()).unwrap();
        assert_eq!(back.predict(&x, n, 2), p);
    }
}
