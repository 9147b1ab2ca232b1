//! Reading the local replica for the results grid: filtered, sorted pages.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use mls_store::listings::{Filter, FilterOp, Sort};

use crate::Portal;
use crate::{ClassTarget, ErrorCode};
use crate::{CommandError, CommandResult};

/// Most rows one page may hold (the grid asks for what is on screen).
const MAX_PAGE: u32 = 5000;

/// A filter on one column of the replica.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct ReplicaFilter {
    /// Field SystemName.
    pub field: String,
    /// `eq`, `ne`, `lt`, `le`, `gt`, `ge`, `contains`, `startsWith`, `isEmpty`,
    /// `notEmpty`, or `in` (value: an array, e.g. the listing keys of an import).
    pub op: String,
    /// Value to compare with (ignored by `isEmpty`/`notEmpty`; an array for `in`).
    #[ts(type = "string | number | boolean | null | Array<string | number>")]
    pub value: serde_json::Value,
}

/// What the grid shows of a replica: the rows matching every filter, sorted
/// by one field (then by key). Exports write the same rows in the same order.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct ReplicaView {
    pub filters: Vec<ReplicaFilter>,
    /// Field SystemName to sort by; none keeps key order.
    pub sort_field: Option<String>,
    pub descending: bool,
}

impl ReplicaView {
    /// The store's filters and sort for this view; `invalid_argument` for an unknown operator.
    pub(crate) fn into_store(self) -> CommandResult<(Vec<Filter>, Option<Sort>)> {
        let filters = self
            .filters
            .into_iter()
            .map(filter_of)
            .collect::<CommandResult<Vec<_>>>()?;
        let descending = self.descending;
        let sort = self.sort_field.map(|field| Sort { field, descending });
        Ok((filters, sort))
    }
}

/// One page of replicated listings.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct ReplicaPage {
    /// Column SystemNames.
    pub columns: Vec<String>,
    /// Rows of typed values aligned with `columns`.
    #[ts(type = "Array<Array<string | number | boolean | null>>")]
    pub rows: Vec<Vec<serde_json::Value>>,
    /// Listing keys of the rows.
    pub keys: Vec<String>,
    /// Rows matching the filters.
    #[ts(type = "number")]
    pub total: i64,
}

fn filter_of(f: ReplicaFilter) -> CommandResult<Filter> {
    let text = || match &f.value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let op = match f.op.as_str() {
        "eq" => FilterOp::Eq(f.value.clone()),
        "ne" => FilterOp::Ne(f.value.clone()),
        "lt" => FilterOp::Lt(f.value.clone()),
        "le" => FilterOp::Le(f.value.clone()),
        "gt" => FilterOp::Gt(f.value.clone()),
        "ge" => FilterOp::Ge(f.value.clone()),
        "contains" => FilterOp::Contains(text()),
        "startsWith" => FilterOp::StartsWith(text()),
        "isEmpty" => FilterOp::IsNull,
        "notEmpty" => FilterOp::NotNull,
        "in" => match &f.value {
            serde_json::Value::Array(values) => FilterOp::In(values.clone()),
            _ => {
                return Err(CommandError::new(
                    ErrorCode::InvalidArgument,
                    "The \"in\" filter needs a list of values.",
                ));
            }
        },
        other => {
            return Err(CommandError::new(
                ErrorCode::InvalidArgument,
                format!("Unknown filter operator \"{other}\"."),
            ));
        }
    };
    Ok(Filter { field: f.field, op })
}

impl Portal {
    /// A page of the replica of `target` as `view` shows it: `limit` rows from `offset`.
    pub async fn replica_query(
        &self,
        target: ClassTarget,
        view: ReplicaView,
        offset: u32,
        limit: u32,
    ) -> CommandResult<ReplicaPage> {
        if limit == 0 || limit > MAX_PAGE {
            return Err(CommandError::new(
                ErrorCode::InvalidArgument,
                format!("A page holds 1 to {MAX_PAGE} rows, not {limit}."),
            ));
        }
        let table = self.synced_table(&target).await?;
        let (filters, sort) = view.into_store()?;
        let page = self
            .store
            .query_listings(
                &table,
                &filters,
                sort.as_ref(),
                i64::from(offset),
                i64::from(limit),
            )
            .await?;
        Ok(ReplicaPage {
            columns: page.columns,
            keys: page.rows.iter().map(|r| r.key.clone()).collect(),
            rows: page.rows.into_iter().map(|r| r.values).collect(),
            total: page.total,
        })
    }
}
