//! Companies' posted forms: the owner edits the company page and its logo
//! (R2) and decides who joins (R1); logos are served from here.

use crate::http::Routes;
use crate::http::error::{error_page, error_response};
use crate::http::form::{Fields, Pages, see_other};
use crate::http::principals::Recruiter;
use app::state::AppState;
use axum::Extension;
use axum::extract::{Path, State};
use axum::http::{StatusCode, request::Parts};
use axum::response::Response;
use domain::DomainError;

/// POST /recruteur/entreprise: R2 "Éditer ma fiche", for the company's owner.
pub async fn edit_company(
    State(state): State<AppState>,
    Extension(pages): Extension<Pages>,
    Extension(cache): Extension<crate::http::page_cache::PageCache>,
    Recruiter(user): Recruiter,
    parts: Parts,
    fields: Fields,
) -> Response {
    const PAGE: &str = "/recruteur/entreprise";
    let saved = domain::companies::update(
        &state.db,
        &state.places,
        &state.search,
        &user,
        &fields.parse(),
        chrono::Utc::now(),
    )
    .await;
    match saved {
        Ok(_) => {
            cache.clear();
            see_other(&format!("{PAGE}?ok=enregistree"))
        }
        Err(error) => {
            pages
                .refused_with(parts, PAGE, crate::postings::values(&fields), error, None)
                .await
        }
    }
}

/// POST /recruteur/entreprise/membres: R1, the owner accepts
/// (`decision=accepter`) or refuses (`decision=refuser`) the request of
/// `membre` to join the company.
pub async fn decide_member(
    State(state): State<AppState>,
    Extension(pages): Extension<Pages>,
    Recruiter(user): Recruiter,
    parts: Parts,
    fields: Fields,
) -> Response {
    const PAGE: &str = "/recruteur/entreprise";
    let accept = match fields.get("decision") {
        "accepter" => true,
        "refuser" => false,
        _ => return error_page(StatusCode::BAD_REQUEST),
    };
    let Ok(member) = fields.get("membre").parse::<i64>() else {
        return error_page(StatusCode::BAD_REQUEST);
    };
    match domain::companies::decide_join(
        &state.db,
        &user,
        member,
        accept,
        &state.site.public_url,
        chrono::Utc::now(),
    )
    .await
    {
        Ok(()) => see_other(&format!(
            "{PAGE}?ok={}#demandes",
            if accept {
                "membre-accepte"
            } else {
                "membre-refuse"
            }
        )),
        Err(DomainError::NotFound) => error_page(StatusCode::NOT_FOUND),
        Err(DomainError::Forbidden) => error_page(StatusCode::FORBIDDEN),
        Err(error) => {
            pages
                .refused_with(parts, PAGE, crate::postings::values(&fields), error, None)
                .await
        }
    }
}

/// POST /recruteur/entreprise/logo: R2, a new logo (`logo`, multipart) or
/// none (`action=retirer`), for the company's owner. The recruiter is
/// checked before a byte of the body is read.
pub async fn change_logo(
    State(state): State<AppState>,
    Extension(pages): Extension<Pages>,
    Extension(cache): Extension<crate::http::page_cache::PageCache>,
    Recruiter(user): Recruiter,
    request: axum::extract::Request,
) -> Response {
    const PAGE: &str = "/recruteur/entreprise";
    let (parts, body) = request.into_parts();
    let mut posted = match crate::http::uploads::read(&parts, body).await {
        Ok(posted) => posted,
        Err(response) => return response,
    };
    if !posted.refused.is_empty() {
        return pages
            .refused_with(
                parts,
                PAGE,
                posted.values(),
                DomainError::Invalid(posted.refused.clone()),
                None,
            )
            .await;
    }
    let remove = posted.text("action") == "retirer";
    let upload = match (remove, posted.file("logo")) {
        (true, _) => None,
        (_, Some(upload)) => Some(upload),
        (_, None) => {
            let error = DomainError::invalid("logo", "Choisissez une image.");
            return pages
                .refused_with(parts, PAGE, posted.values(), error, None)
                .await;
        }
    };
    let removed = upload.is_none();
    match domain::companies::logos::set_logo(
        &state.db,
        &state.storage,
        &user,
        upload,
        chrono::Utc::now(),
    )
    .await
    {
        Ok(_) => {
            cache.clear();
            let done = if removed { "logo-retire" } else { "logo" };
            see_other(&format!("{PAGE}?ok={done}"))
        }
        Err(error) => {
            pages
                .refused_with(parts, PAGE, posted.values(), error, None)
                .await
        }
    }
}

/// GET /logos/{key}: a company's logo, public, cached for good (a new logo
/// gets a new key). Only keys a company uses are served.
pub async fn logo(State(state): State<AppState>, Path(key): Path<String>) -> Response {
    use axum::http::{HeaderValue, header};
    use axum::response::IntoResponse;
    if key.len() > 64
        || !key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return error_page(StatusCode::NOT_FOUND);
    }
    match domain::companies::logos::logo(&state.db, &state.storage, &key).await {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, HeaderValue::from_static("image/png")),
                (
                    header::X_CONTENT_TYPE_OPTIONS,
                    HeaderValue::from_static("nosniff"),
                ),
                (
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("public, max-age=31536000, immutable"),
                ),
                (
                    header::CONTENT_SECURITY_POLICY,
                    HeaderValue::from_static("default-src 'none'"),
                ),
            ],
            bytes,
        )
            .into_response(),
        Err(error) => error_response(&error),
    }
}

/// Companies' routes.
pub fn routes() -> Routes {
    use axum::routing::{get, post};
    Routes::new()
        .route("POST", "/recruteur/entreprise", post(edit_company))
        .route("POST", "/recruteur/entreprise/membres", post(decide_member))
        .upload("/recruteur/entreprise/logo", post(change_logo))
        .route("GET", "/logos/{key}", get(logo))
}
