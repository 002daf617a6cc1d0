//! Stored files (CVs, letters, videos): downloaded only by those who may
//! read them (`domain::files::download`), always as attachments.

use crate::http::Routes;
use crate::http::error::error_response;
use crate::http::principals::log_in_first;
use crate::http::session::authenticated;
use app::state::AppState;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header, request::Parts};
use axum::response::{IntoResponse, Response};
use domain::DomainError;
use domain::files;

/// `filename` and `filename*` for a Content-Disposition: an ASCII fallback
/// and the UTF-8 name, percent-encoded.
fn disposition(name: &str) -> HeaderValue {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_ ()".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b".-_".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    HeaderValue::from_str(&format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("attachment"))
}

/// GET /fichiers/{id}: a file, to those who may read it, always as an
/// attachment.
pub async fn download(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    parts: Parts,
) -> Response {
    let user = authenticated(&parts).map(|auth| auth.user);
    match files::download(&state.db, &state.storage, user.as_ref(), id).await {
        Ok(found) => (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static(found.file.kind.mime()),
                ),
                // Files stored before names followed their kind, too.
                (
                    header::CONTENT_DISPOSITION,
                    disposition(&found.file.kind.file_name(&found.file.name)),
                ),
                (
                    header::X_CONTENT_TYPE_OPTIONS,
                    HeaderValue::from_static("nosniff"),
                ),
                (
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("private, no-store"),
                ),
            ],
            found.bytes,
        )
            .into_response(),
        Err(DomainError::Forbidden) => log_in_first(&parts, &state.site.public_url),
        Err(error) => error_response(&error),
    }
}

/// Files' routes.
pub fn routes() -> Routes {
    Routes::new().route("GET", "/fichiers/{id}", axum::routing::get(download))
}
