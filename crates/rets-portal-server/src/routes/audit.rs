//! The team's audit trail, for its admins.

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use team::{AuditEntry, Team};

use crate::error::{ApiError, ErrorBody};
use crate::extract::{Admin, Member};

#[derive(Deserialize, utoipa::IntoParams)]
pub struct Page {
    /// Entries to return, 1 to 500 (default 100).
    pub limit: Option<i64>,
    /// Only entries older than this id (the last id of the previous page).
    pub before: Option<i64>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Trail {
    pub items: Vec<AuditEntry>,
}

/// Who did what in the team, newest first.
#[utoipa::path(get, path = "/v1/audit", tag = "audit", security(("bearer" = [])), params(Page),
    responses((status = 200, body = Trail), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)),
    extensions(("x-required-role" = json!("admin"))))]
pub async fn audit_trail(
    State(team): State<Team>,
    Member(caller, ..): Member<Admin>,
    page: Result<Query<Page>, QueryRejection>,
) -> Result<Json<Trail>, ApiError> {
    let Query(page) =
        page.map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, "invalid_request", e.body_text()))?;
    Ok(Json(Trail {
        items: team.audit_trail(&caller, page.limit, page.before).await?,
    }))
}
