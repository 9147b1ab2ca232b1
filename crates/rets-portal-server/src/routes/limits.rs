//! Query limits per role (set by admins) and the admission of a query under them.

use axum::Json;
use axum::extract::{Path, State};
use serde::Serialize;
use team::{Admission, Limits, LimitsInput, QueryPlan, Role, Team};

use crate::error::{ApiError, ErrorBody};
use crate::extract::{Admin, Anyone, Body, Member};

#[derive(Serialize, utoipa::ToSchema)]
pub struct AllLimits {
    pub items: Vec<Limits>,
}

/// Every role's limits in the team.
#[utoipa::path(get, path = "/v1/limits", tag = "limits", security(("bearer" = [])),
    responses((status = 200, body = AllLimits), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)),
    extensions(("x-required-role" = json!("admin"))))]
pub async fn list_limits(
    State(team): State<Team>,
    Member(caller, ..): Member<Admin>,
) -> Result<Json<AllLimits>, ApiError> {
    Ok(Json(AllLimits {
        items: team.limits(&caller).await?,
    }))
}

/// Sets one role's limits (`null`: no limit; no classes: every class).
#[utoipa::path(put, path = "/v1/limits/{role}", tag = "limits", security(("bearer" = [])), request_body = LimitsInput,
    params(("role" = String, Path, description = "admin, power or basic")),
    responses((status = 200, body = Limits), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)),
    extensions(("x-required-role" = json!("admin"))))]
pub async fn put_limits(
    State(team): State<Team>,
    Member(caller, ..): Member<Admin>,
    Path(role): Path<String>,
    Body(input): Body<LimitsInput>,
) -> Result<Json<Limits>, ApiError> {
    let role = Role::parse(&role).ok_or_else(ApiError::not_found)?;
    Ok(Json(team.set_limits(&caller, role, &input).await?))
}

/// Asks to run a query on a shared connection: refused (403 `limit_exceeded`,
/// with the limit in the message) past the role's limits, else counted.
#[utoipa::path(post, path = "/v1/queries/admit", tag = "limits", security(("bearer" = [])), request_body = QueryPlan,
    responses((status = 200, body = Admission), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)),
    extensions(("x-required-role" = json!("authenticated"))))]
pub async fn admit_query(
    State(team): State<Team>,
    Member(caller, ..): Member<Anyone>,
    Body(plan): Body<QueryPlan>,
) -> Result<Json<Admission>, ApiError> {
    Ok(Json(team.admit_query(&caller, &plan).await?))
}
