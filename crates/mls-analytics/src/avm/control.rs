//! Progress and the cancel switch of one training run. Fitting is the slow
//! part (seconds to minutes), so a front door shows "fit 3 of 7" and may stop
//! the run between two fits; a fit in progress is not interrupted.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

use crate::error::AnalyticsError;

/// Shared counters of one run. Clones share state.
#[derive(Debug, Clone, Default)]
pub struct TrainControl {
    inner: Arc<Counters>,
}

#[derive(Debug, Default)]
struct Counters {
    cancelled: AtomicBool,
    fits_done: AtomicU32,
    fits_total: AtomicU32,
}

impl TrainControl {
    /// A fresh control: not cancelled, nothing fitted.
    pub fn new() -> TrainControl {
        TrainControl::default()
    }

    /// Asks the run to stop before its next fit; it fails with [`AnalyticsError::Cancelled`].
    pub fn cancel(&self) {
        self.inner.cancelled.store(true, Ordering::Relaxed);
    }

    /// Whether [`TrainControl::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.inner.cancelled.load(Ordering::Relaxed)
    }

    /// Fits finished and fits planned so far (0 planned: nothing to train, the stored model serves).
    pub fn fits(&self) -> (u32, u32) {
        (
            self.inner.fits_done.load(Ordering::Relaxed),
            self.inner.fits_total.load(Ordering::Relaxed),
        )
    }

    pub(crate) fn plan(&self, fits: u32) {
        self.inner.fits_total.fetch_add(fits, Ordering::Relaxed);
    }

    pub(crate) fn check(&self) -> Result<(), AnalyticsError> {
        if self.is_cancelled() {
            Err(AnalyticsError::Cancelled)
        } else {
            Ok(())
        }
    }

    pub(crate) fn fitted(&self) {
        self.inner.fits_done.fetch_add(1, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clones_share_progress_and_the_cancel_switch() {
        let a = TrainControl::new();
        let b = a.clone();
        b.plan(3);
        b.fitted();
        assert_eq!(a.fits(), (1, 3));
        assert!(a.check().is_ok());
        b.cancel();
        assert!(matches!(a.check(), Err(AnalyticsError::Cancelled)));
    }
}
