//! Templates and saved queries the team shares in clear.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;
use team::{ItemInput, ItemKind, SharedItem, Team};

use crate::error::{ApiError, ErrorBody};
use crate::extract::{Anyone, Body, Id, Member, Power};

#[derive(Serialize, utoipa::ToSchema)]
pub struct Items {
    pub items: Vec<SharedItem>,
}

/// The four routes of one kind of shared item (utoipa needs a function per path).
macro_rules! item_routes {
    ($kind:expr, $path:literal, $what:literal, $list:ident, $create:ident, $put:ident, $delete:ident) => {
        #[doc = concat!("The team's shared ", $what, ", by name.")]
        #[utoipa::path(
            get, summary = concat!("The team's shared ", $what, ", by name."), path = $path, tag = "shared", security(("bearer" = [])),
            responses((status = 200, body = Items), (status = 401, body = ErrorBody)),
            extensions(("x-required-role" = json!("authenticated"))))]
        pub async fn $list(State(team): State<Team>, Member(caller, ..): Member<Anyone>) -> Result<Json<Items>, ApiError> {
            Ok(Json(Items { items: team.shared_items(&caller, $kind).await? }))
        }

        #[doc = concat!("Shares one of the ", $what, " (a template with a password, secret or token field is refused).")]
        #[utoipa::path(
            post, summary = concat!("Shares one of the ", $what, " (a template with a password, secret or token field is refused)."), path = $path, tag = "shared", security(("bearer" = [])), request_body = ItemInput,
            responses((status = 201, body = SharedItem), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
            extensions(("x-required-role" = json!("power"))))]
        pub async fn $create(
            State(team): State<Team>,
            Member(caller, ..): Member<Power>,
            Body(input): Body<ItemInput>,
        ) -> Result<(StatusCode, Json<SharedItem>), ApiError> {
            Ok((StatusCode::CREATED, Json(team.share_item(&caller, $kind, &input).await?)))
        }

        #[doc = concat!("Changes one of the ", $what, " made on `version` (409 when it changed since).")]
        #[utoipa::path(
            put, summary = concat!("Changes one of the ", $what, " made on `version` (409 when it changed since)."), path = concat!($path, "/{id}"), tag = "shared", security(("bearer" = [])), request_body = ItemInput,
            params(("id" = i64, Path, description = "Item id")),
            responses((status = 200, body = SharedItem), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)),
            extensions(("x-required-role" = json!("power"))))]
        pub async fn $put(
            State(team): State<Team>,
            Member(caller, ..): Member<Power>,
            Id(id): Id,
            Body(input): Body<ItemInput>,
        ) -> Result<Json<SharedItem>, ApiError> {
            Ok(Json(team.change_item(&caller, $kind, id, &input).await?))
        }

        #[doc = concat!("Stops sharing one of the ", $what, ".")]
        #[utoipa::path(
            delete, summary = concat!("Stops sharing one of the ", $what, "."), path = concat!($path, "/{id}"), tag = "shared", security(("bearer" = [])),
            params(("id" = i64, Path, description = "Item id")),
            responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
            extensions(("x-required-role" = json!("power"))))]
        pub async fn $delete(State(team): State<Team>, Member(caller, ..): Member<Power>, Id(id): Id) -> Result<StatusCode, ApiError> {
            team.delete_item(&caller, $kind, id).await?;
            Ok(StatusCode::NO_CONTENT)
        }
    };
}

item_routes!(
    ItemKind::Template,
    "/v1/templates",
    "templates",
    list_templates,
    create_template,
    put_template,
    delete_template
);
item_routes!(
    ItemKind::SavedQuery,
    "/v1/saved-queries",
    "saved queries",
    list_saved_queries,
    create_saved_query,
    put_saved_query,
    delete_saved_query
);
