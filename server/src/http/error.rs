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

/// [`error_body`] as a response with `status`.
pub fn error_page(status: StatusCode) -> Response<Body> {
    let text = match status.as_u16() {
        400 => "Cette demande est mal formée.",
        403 => "Vous n'avez pas accès à cette page.",
        404 => "Cette page n'existe pas ou plus.",
        405 => "Cette adresse ne s'utilise pas ainsi.",
        408 => "Cette demande a pris trop de temps. Vérifiez votre connexion et réessayez.",
        413 => "Les données envoyées sont trop volumineuses.",
        415 => "Le format des données envoyées n'est pas accepté.",
        429 => "Trop de tentatives en peu de temps. Réessayez dans quelques minutes.",
        _ => "Une erreur est survenue de notre côté. Réessayez dans un instant.",
    };
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "text/html; charset=utf-8")
        .body(Body::from(error_body("Un problème est survenu", text)))
        .expect("a static response is valid")
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
