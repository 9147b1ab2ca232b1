//! Market analytics over the replica (the analytics screens call these):
//! field roles, statistics, forecasts, valuations and CMA. Each command finds
//! the class's replica table from the connection, as the grid does, and calls
//! one `mls-analytics` function; training the valuation model is a job with
//! progress ("fit 3 of 7") that can be cancelled between fits.
//!
//! Adapters over [`mls_workbench::portal::analytics`]: the rules live there.

use std::collections::BTreeMap;

use mls_analytics::{Cma, CmaRequest, Forecast, ForecastRequest, Role, StatsReport, StatsRequest};
use mls_workbench::portal::analytics::*;
use mls_workbench::{ClassTarget, Portal, TaskEvent, Tasks};
use tauri::State;
use tauri::ipc::Channel;

use crate::error::CommandResult;
use crate::tasks::forward;

/// The role each field plays; `mapping` (role → SystemName) is saved for the class first when given.
#[tauri::command]
pub async fn analytics_fields(
    state: State<'_, Portal>,
    target: ClassTarget,
    mapping: Option<BTreeMap<Role, String>>,
) -> CommandResult<AnalyticsFields> {
    state.analytics_fields(target, mapping).await
}

/// Market statistics by area × period.
#[tauri::command]
pub async fn analytics_stats(
    state: State<'_, Portal>,
    target: ClassTarget,
    request: StatsRequest,
) -> CommandResult<StatsReport> {
    state.analytics_stats(target, request).await
}

/// A forecast of one area's monthly metric with intervals and its backtest.
#[tauri::command]
pub async fn analytics_forecast(
    state: State<'_, Portal>,
    target: ClassTarget,
    request: ForecastRequest,
) -> CommandResult<Forecast> {
    state.analytics_forecast(target, request).await
}

/// Comparative market analysis of one subject.
#[tauri::command]
pub async fn analytics_cma(
    state: State<'_, Portal>,
    target: ClassTarget,
    request: CmaRequest,
) -> CommandResult<Cma> {
    state.analytics_cma(target, request).await
}

/// Values `keys` (none: only the model's measured error), training the model
/// first when the replica changed since it was trained. A job: progress
/// counts model fits; cancelling stops before the next fit.
#[tauri::command]
pub async fn analytics_valuation(
    state: State<'_, Portal>,
    tasks: State<'_, Tasks>,
    target: ClassTarget,
    keys: Vec<String>,
    on_market: bool,
    on_event: Channel<TaskEvent>,
) -> CommandResult<Valuation> {
    state
        .analytics_valuation(&tasks, target, keys, on_market, forward(&on_event))
        .await
}
