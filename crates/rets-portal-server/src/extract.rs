//! Request extractors. `Member<A>` checks the bearer token and the role `A`
//! requires; handlers take it before any other input, so authorization is
//! decided before the path or body is read (401, then 403, then 404/4xx).

use std::marker::PhantomData;

use axum::extract::{FromRef, FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;
use team::{Access, Caller, Role, Team, TeamError};

use crate::error::ApiError;

/// What a route requires (its OpenAPI `x-required-role`).
pub trait Required {
    const ACCESS: Access;
}

/// Any signed-in member.
pub struct Anyone;
/// Power or Admin.
pub struct Power;
/// Admin only.
pub struct Admin;

impl Required for Anyone {
    const ACCESS: Access = Access::Authenticated;
}
impl Required for Power {
    const ACCESS: Access = Access::Role(Role::Power);
}
impl Required for Admin {
    const ACCESS: Access = Access::Role(Role::Admin);
}

/// A signed-in member allowed by `A`.
pub struct Member<A: Required>(pub Caller, pub PhantomData<A>);

impl<S, A> FromRequestParts<S> for Member<A>
where
    S: Send + Sync,
    Team: FromRef<S>,
    A: Required + Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let team = Team::from_ref(state);
        let header = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok());
        let caller = team.caller(header).await?;
        if !A::ACCESS.allows(caller.role) {
            return Err(TeamError::Forbidden {
                needed: A::ACCESS.as_str().to_owned(),
                actual: caller.role.as_str().to_owned(),
            }
            .into());
        }
        Ok(Member(caller, PhantomData))
    }
}

/// A numeric object id from the path; anything else is "not found".
pub struct Id(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for Id {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let axum::extract::Path(raw) =
            axum::extract::Path::<String>::from_request_parts(parts, state)
                .await
                .map_err(|_| ApiError::not_found())?;
        raw.parse().map(Id).map_err(|_| ApiError::not_found())
    }
}

/// A JSON body; a malformed one is a `400 invalid_request` in the usual error shape.
pub struct Body<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Body<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        axum::Json::<T>::from_request(req, state)
            .await
            .map(|axum::Json(v)| Body(v))
            .map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, "invalid_request", e.body_text()))
    }
}
