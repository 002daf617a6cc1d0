//! Messaging's posted forms (C6): open a thread from an application, a
//! company page or a CVthèque dossier; write in a thread; block a company.
//! Plain posts: 303 on success, the page again with the French error.
//! Who may do what is the domain's (`domain::messaging`).

use crate::http::Routes;
use crate::http::error::{error_page, error_response};
use crate::http::form::{Fields, Pages, see_other};
use crate::http::principals::SignedIn;
use app::state::AppState;
use axum::Extension;
use axum::extract::{Path, State};
use axum::http::{StatusCode, request::Parts};
use axum::response::Response;
use domain::DomainError;
use domain::messaging;
use domain::model::ThreadTarget;

/// A path of this site to come back to (never another site).
fn back(fields: &Fields, default: &str) -> String {
    domain::model::safe_return_path(fields.get("suite"))
        .unwrap_or(default)
        .to_owned()
}

/// POST /messages/ouvrir: `candidature`, `entreprise` or `dossier` = id.
pub async fn open(
    State(state): State<AppState>,
    Extension(pages): Extension<Pages>,
    SignedIn(user): SignedIn,
    parts: Parts,
    fields: Fields,
) -> Response {
    let back = back(&fields, "/messages");
    let id = |name: &str| fields.get(name).parse::<i64>().ok();
    let target = match (id("candidature"), id("entreprise"), id("dossier")) {
        (Some(id), None, None) => ThreadTarget::Application(id),
        (None, Some(id), None) => ThreadTarget::Company(id),
        (None, None, Some(id)) => ThreadTarget::Dossier(id),
        _ => return error_page(StatusCode::BAD_REQUEST),
    };
    match messaging::open(&state.db, &user, target, chrono::Utc::now()).await {
        Ok(thread) => see_other(&format!("/messages/{thread}")),
        Err(error @ (DomainError::Invalid(_) | DomainError::RateLimited)) => {
            pages
                .refused_with(parts, &back, Default::default(), error, None)
                .await
        }
        Err(error) => error_response(&error),
    }
}

/// POST /messages/{id}: writes `message` in the thread.
pub async fn send(
    State(state): State<AppState>,
    Extension(pages): Extension<Pages>,
    Path(id): Path<i64>,
    SignedIn(user): SignedIn,
    parts: Parts,
    fields: Fields,
) -> Response {
    let page = format!("/messages/{id}");
    match messaging::send(
        &state.db,
        &state.site.public_url,
        &user,
        id,
        fields.get("message"),
        chrono::Utc::now(),
    )
    .await
    {
        Ok(message) => see_other(&format!("{page}?ok=envoye#message-{message}")),
        Err(error @ (DomainError::Invalid(_) | DomainError::RateLimited)) => {
            let values = [("message".to_owned(), fields.get("message").to_owned())].into();
            pages.refused_with(parts, &page, values, error, None).await
        }
        Err(error) => error_response(&error),
    }
}

/// POST /messages/blocages: a candidate blocks (`action=bloquer`) or
/// unblocks (`action=debloquer`) the company `entreprise`.
pub async fn block(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    _parts: Parts,
    fields: Fields,
) -> Response {
    let back = back(&fields, "/messages");
    let Ok(company) = fields.get("entreprise").parse::<i64>() else {
        return error_page(StatusCode::BAD_REQUEST);
    };
    let block = match fields.get("action") {
        "bloquer" => true,
        "debloquer" => false,
        _ => return error_page(StatusCode::BAD_REQUEST),
    };
    match messaging::set_block(&state.db, &user, company, block, chrono::Utc::now()).await {
        Ok(()) => {
            let sep = if back.contains('?') { '&' } else { '?' };
            let done = if block { "bloquee" } else { "debloquee" };
            see_other(&format!("{back}{sep}ok={done}"))
        }
        Err(error) => error_response(&error),
    }
}

/// Messaging's routes.
pub fn routes() -> Routes {
    use axum::routing::post;
    Routes::new()
        .route("POST", "/messages/ouvrir", post(open))
        .route("POST", "/messages/blocages", post(block))
        .route("POST", "/messages/{id}", post(send))
}
