//! Who asks, as handler arguments: [`SignedIn`], [`Candidate`] and
//! [`Recruiter`] are extracted from the session the `session` middleware
//! resolved. A visitor is sent to the log-in page and back to the page the
//! form was on (its `Referer`, on this site) or the page asked for; another
//! role gets the French 403 page. Handlers never check these by hand.
//! [`Admin`] also needs the second factor in the session; [`admin_gate`]
//! refuses every admin page and server function without it before any
//! handler or page runs.

use crate::http::error::error_page;
use crate::http::form::see_other;
use crate::http::session::authenticated;
use app::state::AppState;
use axum::extract::{FromRequestParts, State};
use axum::http::{Method, StatusCode, header, request::Parts};
use axum::response::Response;
use domain::model::{CurrentUser, Role, safe_return_path};

/// Anyone signed in.
pub struct SignedIn(pub CurrentUser);
/// A signed-in candidate.
pub struct Candidate(pub CurrentUser);
/// A signed-in recruiter or training organisation.
pub struct Recruiter(pub CurrentUser);
/// An administrator whose session passed the second factor.
pub struct Admin(pub CurrentUser);
/// An administrator, second factor passed or not (the factor's own page),
/// with the session's hash.
pub struct AdminSession(pub CurrentUser, pub String);

/// Where an administrator without the second factor is sent.
pub const FACTOR_PAGE: &str = "/admin/verification";

/// Whether `path` belongs to the admin space (pages, forms, server functions).
pub fn is_admin_path(path: &str) -> bool {
    path == "/admin" || path.starts_with("/admin/") || path.starts_with("/api/admin-")
}

/// Middleware: nothing of the admin space answers a visitor (log-in),
/// another role (403), or an administrator whose session has not passed
/// the second factor (sent to its page; a server function answers 403).
/// Every refusal is logged (ASVS 7.2.2).
pub async fn admin_gate(
    State(state): State<AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let path = request.uri().path();
    if !is_admin_path(path) || path == FACTOR_PAGE {
        return next.run(request).await;
    }
    let is_api = path.starts_with("/api/");
    let (parts, body) = request.into_parts();
    match authenticated(&parts) {
        Some(auth) if auth.user.role == Role::Administrator && auth.second_factor => {
            next.run(axum::extract::Request::from_parts(parts, body))
                .await
        }
        Some(auth) if auth.user.role == Role::Administrator => {
            tracing::info!(
                user_id = auth.user.id,
                path = parts.uri.path(),
                "admin space without the second factor"
            );
            if is_api {
                error_page(StatusCode::FORBIDDEN)
            } else {
                see_other(FACTOR_PAGE)
            }
        }
        Some(auth) => {
            tracing::warn!(
                user_id = auth.user.id,
                path = parts.uri.path(),
                "admin space refused to another role"
            );
            error_page(StatusCode::FORBIDDEN)
        }
        None if is_api => error_page(StatusCode::FORBIDDEN),
        None => log_in_first(&parts, &state.site.public_url),
    }
}

impl FromRequestParts<AppState> for Admin {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let user = principal(parts, state, |user| user.role == Role::Administrator)?;
        if authenticated(parts).is_some_and(|auth| auth.second_factor) {
            Ok(Self(user))
        } else {
            Err(see_other(FACTOR_PAGE))
        }
    }
}

impl FromRequestParts<AppState> for AdminSession {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let user = principal(parts, state, |user| user.role == Role::Administrator)?;
        let hash = authenticated(parts)
            .map(|auth| auth.session_hash)
            .unwrap_or_default();
        Ok(Self(user, hash))
    }
}

/// Where to come back to after logging in, if anywhere: the page of this
/// site the request came from, or the page asked for by a GET.
fn back(parts: &Parts, site: &str) -> Option<String> {
    let from_referer = parts
        .headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|referer| referer.strip_prefix(site))
        .and_then(safe_return_path)
        .map(str::to_owned);
    from_referer.or_else(|| {
        (parts.method == Method::GET)
            .then(|| parts.uri.path_and_query().map(|p| p.as_str().to_owned()))
            .flatten()
    })
}

/// The log-in page, then back where the person was.
pub fn log_in_first(parts: &Parts, site: &str) -> Response {
    match back(parts, site) {
        Some(to) => see_other(&format!(
            "/connexion?ok=session&suite={}",
            form_urlencoded::byte_serialize(to.as_bytes()).collect::<String>()
        )),
        None => see_other("/connexion?ok=session"),
    }
}

/// The signed-in person if `allowed`, else the response to give instead.
#[expect(
    clippy::result_large_err,
    reason = "the rejection of an extractor is a response"
)]
fn principal(
    parts: &Parts,
    state: &AppState,
    allowed: impl Fn(&CurrentUser) -> bool,
) -> Result<CurrentUser, Response> {
    match authenticated(parts) {
        Some(auth) if allowed(&auth.user) => Ok(auth.user),
        Some(_) => Err(error_page(StatusCode::FORBIDDEN)),
        None => Err(log_in_first(parts, &state.site.public_url)),
    }
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        principal(parts, state, |_| true).map(Self)
    }
}

impl FromRequestParts<AppState> for Candidate {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        principal(parts, state, |user| user.role == Role::Candidate).map(Self)
    }
}

impl FromRequestParts<AppState> for Recruiter {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        principal(parts, state, CurrentUser::is_recruiter).map(Self)
    }
}
