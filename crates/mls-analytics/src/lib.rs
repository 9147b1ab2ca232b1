//! Market analytics over the local replica: statistics and trends by area and
//! period, forecasts with prediction intervals, an automated valuation model
//! whose error is measured and stored beside it, and comparative market
//! analysis. Works on any MLS: fields are found by role (see [`fields`]), and a
//! statistic whose field is missing says so instead of returning zeros. Knows
//! nothing of Tauri, HTTP or the CLI; those front doors call these functions.

pub mod avm;
pub mod class;
pub mod cma;
mod column_cache;
pub mod error;
pub mod fields;
pub mod forecast;
pub mod frame;
pub mod period;
pub mod stats;
pub mod table;

pub use avm::{Estimate, Evaluation, Variant};
pub use class::{Class, ClassRef, Selection, Within};
pub use cma::{Cma, CmaRequest, Subject, cma};
pub use error::AnalyticsError;
pub use fields::{FieldMap, Role};
pub use forecast::{Forecast, ForecastRequest, Metric, forecast};
pub use period::Period;
pub use stats::{StatsReport, StatsRequest, market_stats};
pub use table::{Cell, CellKind, Table, TableFormat, write_table};
