//! The team server's HTTP front door: each route parses its input, calls one
//! function of the `team` crate and maps the result. Every operation is in
//! the OpenAPI document at `/v1/openapi.json` with the role it requires
//! (`x-required-role`), and the extractors enforce exactly that role.

pub mod error;
pub mod extract;
pub mod mail;
mod routes;

use axum::Router;
use axum::extract::FromRef;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use team::Team;
use utoipa::OpenApi;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::ApiError;
use crate::mail::Mailer;

/// What every request can reach: the team database and, when configured, the mailer.
#[derive(Clone)]
pub struct App {
    pub team: Team,
    pub mail: Option<Mailer>,
}

impl FromRef<App> for Team {
    fn from_ref(app: &App) -> Team {
        app.team.clone()
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "RETS Data Portal team server", description = "Accounts, roles and shared connections of a team."),
    modifiers(&BearerAuth)
)]
struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

/// The routes and their OpenAPI document.
pub fn api() -> (Router<App>, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(routes::health::healthz))
        .routes(routes!(routes::health::readyz))
        .routes(routes!(routes::auth::signup))
        .routes(routes!(routes::auth::login))
        .routes(routes!(routes::auth::refresh))
        .routes(routes!(routes::auth::logout))
        .routes(routes!(routes::auth::password_reset))
        .routes(routes!(routes::auth::password_reset_confirm))
        .routes(routes!(routes::me::get_me, routes::me::patch_me))
        .routes(routes!(routes::limits::list_limits))
        .routes(routes!(routes::limits::put_limits))
        .routes(routes!(routes::limits::admit_query))
        .routes(routes!(routes::audit::audit_trail))
        .routes(routes!(routes::sharing::put_my_key))
        .routes(routes!(routes::sharing::list_keys))
        .routes(routes!(
            routes::sharing::list_connections,
            routes::sharing::share_connection
        ))
        .routes(routes!(
            routes::sharing::get_connection,
            routes::sharing::unshare_connection
        ))
        .routes(routes!(routes::sharing::put_grants))
        .routes(routes!(
            routes::items::list_templates,
            routes::items::create_template
        ))
        .routes(routes!(
            routes::items::put_template,
            routes::items::delete_template
        ))
        .routes(routes!(
            routes::items::list_saved_queries,
            routes::items::create_saved_query
        ))
        .routes(routes!(
            routes::items::put_saved_query,
            routes::items::delete_saved_query
        ))
        .routes(routes!(
            routes::users::list_users,
            routes::users::create_user
        ))
        .routes(routes!(
            routes::users::get_user,
            routes::users::patch_user,
            routes::users::delete_user
        ))
        .routes(routes!(
            routes::invitations::invite,
            routes::invitations::pending
        ))
        .routes(routes!(routes::invitations::accept))
        .split_for_parts()
}

/// The whole application.
pub fn router(app: App) -> Router {
    let (routes, mut doc) = api();
    doc.paths.paths.insert(
        "/v1/openapi.json".into(),
        routes::health::openapi_path_item(),
    );
    let doc = std::sync::Arc::new(doc);
    routes
        .route(
            "/v1/openapi.json",
            axum::routing::get(move || {
                let doc = doc.clone();
                async move { axum::Json(doc.as_ref().clone()) }
            }),
        )
        .fallback(|| async { ApiError::not_found() })
        .method_not_allowed_fallback(|| async {
            ApiError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "This route does not take that method.",
            )
            .into_response()
        })
        .with_state(app)
}
