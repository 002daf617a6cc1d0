//! Errors as the browser gets them: one French page per status, and
//! `DomainError` mapped to its status in one place.

use axum::body::Body;
use axum::http::{Response, StatusCode, header};
use domain::DomainError;

/// A small French error page (no Leptos render: used where rendering
/// failed or is not worth it).
pub fn error_body(title: &str, text: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>{title} — JobToMove</title></head>\
         <body><h1>{title}</h1><p>{text}</p><p><a href=\"/\">Retour à l'accueil</a></p></body></html>"
    )
}

/// The error page of `status`: bare here (the texts of the site's error
/// page), marked with [`app::ErrorStatus`] so that `http::site_error_pages`
/// answers the site's full page instead wherever the visitor's session is
/// known.
pub fn error_page(status: StatusCode) -> Response<Body> {
    let mut response = Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "text/html; charset=utf-8")
        .body(Body::from(error_body(
            "Un problème est survenu",
            app::status_text(status.as_u16()),
        )))
        .expect("a static response is valid");
    response
        .extensions_mut()
        .insert(app::ErrorStatus(status.as_u16()));
    response
}

/// The status a `DomainError` answers with.
pub fn status_of(error: &DomainError) -> StatusCode {
    StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// The error page of `error`'s status (for routes that have no page of
/// their own to render again).
pub fn error_response(error: &DomainError) -> Response<Body> {
    error_page(status_of(error))
}
