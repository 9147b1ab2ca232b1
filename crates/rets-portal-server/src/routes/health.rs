//! Liveness and readiness, for load balancers and orchestrators (no sign-in).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;
use team::Team;

use crate::error::{ApiError, ErrorBody};

#[derive(Serialize, utoipa::ToSchema)]
pub struct Status {
    pub status: &'static str,
}

/// The process is up.
#[utoipa::path(get, path = "/healthz", tag = "health",
    responses((status = 200, body = Status)),
    extensions(("x-required-role" = json!("public"))))]
pub async fn healthz() -> Json<Status> {
    Json(Status { status: "ok" })
}

/// The database answers and every migration is applied.
#[utoipa::path(get, path = "/readyz", tag = "health",
    responses((status = 200, body = Status), (status = 503, body = ErrorBody)),
    extensions(("x-required-role" = json!("public"))))]
pub async fn readyz(State(team): State<Team>) -> Result<Json<Status>, ApiError> {
    team.ready().await.map_err(|e| {
        tracing::warn!(error = %e, "not ready");
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "not_ready",
            "The database is not reachable or not migrated yet.",
        )
    })?;
    Ok(Json(Status { status: "ready" }))
}

/// The document's entry for itself.
pub fn openapi_path_item() -> utoipa::openapi::PathItem {
    use utoipa::openapi::extensions::ExtensionsBuilder;
    use utoipa::openapi::path::{HttpMethod, OperationBuilder};
    use utoipa::openapi::{PathItem, ResponseBuilder};
    PathItem::new(
        HttpMethod::Get,
        OperationBuilder::new()
            .summary(Some("This document (OpenAPI 3.1)."))
            .tag("health")
            .response("200", ResponseBuilder::new().description("The document."))
            .extensions(Some(
                ExtensionsBuilder::new()
                    .add("x-required-role", "public")
                    .build(),
            ))
            .build(),
    )
}
