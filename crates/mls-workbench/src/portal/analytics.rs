//! Market analytics over the replica (the analytics screens call these):
//! field roles, statistics, forecasts, valuations and CMA. Each command finds
//! the class's replica table from the connection, as the grid does, and calls
//! one `mls-analytics` function; training the valuation model is a job with
//! progress ("fit 3 of 7") that can be cancelled between fits.

use std::collections::BTreeMap;
use std::time::Duration;

use mls_analytics::avm::{self, TrainControl};
use mls_analytics::fields::Source;
use mls_analytics::{
    Class, Cma, CmaRequest, Estimate, Evaluation, Forecast, ForecastRequest, Role, StatsReport,
    StatsRequest, Variant,
};
use serde::Serialize;
use ts_rs::TS;

use crate::Portal;
use crate::{ClassTarget, CommandResult};
use crate::{TaskPhase, TaskSink, TaskSummary, Tasks, task::Progress};

/// A role and the field that plays it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct RoleField {
    pub role: Role,
    /// SystemName of the field.
    pub field: String,
    /// The field's LongName (or SystemName) for people.
    pub label: String,
    pub source: Source,
}

/// The class's fields as analytics sees them.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct AnalyticsFields {
    /// Roles found, in role order.
    pub roles: Vec<RoleField>,
    /// Roles no field plays (their statistics stay empty until mapped).
    pub missing: Vec<Role>,
}

/// A valuation: the estimates and the model's measured error.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct Valuation {
    pub estimates: Vec<Estimate>,
    pub evaluation: Evaluation,
}

async fn open(
    state: &Portal,
    target: &ClassTarget,
    mapping: &BTreeMap<Role, String>,
) -> CommandResult<Class> {
    let table = state.synced_table(target).await?;
    Ok(Class::of_table(&state.store, table, mapping).await?)
}

/// Forwards fit counts to the job's channel and a cancel request to the training run.
async fn report_fits(
    control: TrainControl,
    cancel: tokio_util::sync::CancellationToken,
    progress: Progress,
) {
    let mut tick = tokio::time::interval(Duration::from_millis(250));
    let mut last = (u32::MAX, u32::MAX);
    loop {
        tokio::select! {
            _ = cancel.cancelled() => {
                control.cancel();
                return;
            }
            _ = tick.tick() => {
                let (done, total) = control.fits();
                if (done, total) != last && total > 0 {
                    last = (done, total);
                    progress.report(
                        TaskPhase::Train,
                        u64::from(done),
                        Some(u64::from(total)),
                        format!("Training the valuation model: fit {} of {total}", (done + 1).min(total)),
                    );
                }
            }
        }
    }
}

impl Portal {
    /// The role each field plays; `mapping` (role → SystemName) is saved for the class first when given.
    pub async fn analytics_fields(
        &self,
        target: ClassTarget,
        mapping: Option<BTreeMap<Role, String>>,
    ) -> CommandResult<AnalyticsFields> {
        let class = open(self, &target, &mapping.clone().unwrap_or_default()).await?;
        if let Some(mapping) = mapping.filter(|m| !m.is_empty()) {
            mls_analytics::class::save_mapping(&self.store, &class, &mapping).await?;
        }
        let label = |name: &str| {
            class
                .map
                .fields
                .iter()
                .find(|f| f.system_name == name)
                .map_or(name, |f| f.label())
                .to_owned()
        };
        Ok(AnalyticsFields {
            roles: class
                .map
                .roles
                .iter()
                .map(|(role, (field, source))| RoleField {
                    role: *role,
                    field: field.clone(),
                    label: label(field),
                    source: *source,
                })
                .collect(),
            missing: Role::ALL
                .into_iter()
                .filter(|r| !class.map.roles.contains_key(r))
                .collect(),
        })
    }

    /// Market statistics by area × period.
    pub async fn analytics_stats(
        &self,
        target: ClassTarget,
        request: StatsRequest,
    ) -> CommandResult<StatsReport> {
        let class = open(self, &target, &BTreeMap::new()).await?;
        Ok(mls_analytics::market_stats(&self.store, &class, &request).await?)
    }

    /// A forecast of one area's monthly metric with intervals and its backtest.
    pub async fn analytics_forecast(
        &self,
        target: ClassTarget,
        request: ForecastRequest,
    ) -> CommandResult<Forecast> {
        let class = open(self, &target, &BTreeMap::new()).await?;
        Ok(mls_analytics::forecast(&self.store, &class, &request).await?)
    }

    /// Comparative market analysis of one subject.
    pub async fn analytics_cma(
        &self,
        target: ClassTarget,
        request: CmaRequest,
    ) -> CommandResult<Cma> {
        let class = open(self, &target, &BTreeMap::new()).await?;
        Ok(mls_analytics::cma(&self.store, &class, &request).await?)
    }

    /// Values `keys` (none: only the model's measured error), training the model
    /// first when the replica changed since it was trained. A job: progress
    /// counts model fits; cancelling stops before the next fit.
    pub async fn analytics_valuation(
        &self,
        tasks: &Tasks,
        target: ClassTarget,
        keys: Vec<String>,
        on_market: bool,
        sink: TaskSink,
    ) -> CommandResult<Valuation> {
        let task = tasks.start();
        let cancel = task.token().clone();
        task.run_for(sink, |progress| async move {
            let class = open(self, &target, &BTreeMap::new()).await?;
            let control = TrainControl::new();
            let watcher = tokio::spawn(report_fits(control.clone(), cancel, progress));
            let variant = if on_market {
                Variant::OnMarket
            } else {
                Variant::OffMarket
            };
            let result = if keys.is_empty() {
                avm::evaluate(&self.store, &class, variant, 5, &control)
                    .await
                    .map(|evaluation| Valuation {
                        estimates: Vec::new(),
                        evaluation,
                    })
            } else {
                avm::estimate(&self.store, &class, &keys, variant, &control)
                    .await
                    .map(|(estimates, evaluation)| Valuation {
                        estimates,
                        evaluation,
                    })
            };
            watcher.abort();
            let valuation = result?;
            let message = format!(
                "{} estimate(s); model error (cross-validated): {:.1} % MAPE beside {:.1} % for the baseline.",
                valuation.estimates.len(),
                valuation.evaluation.cv.mape * 100.0,
                valuation.evaluation.cv.baseline_mape * 100.0
            );
            Ok((valuation, TaskSummary::new(message)))
        })
        .await
    }
}
