//! Offers' posted form: the heart that saves an offer (C8).

use crate::http::Routes;
use crate::http::error::{error_page, error_response};
use crate::http::form::wants_json;
use crate::http::form::{Fields, see_other};
use crate::http::principals::SignedIn;
use app::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{StatusCode, request::Parts};
use axum::response::{IntoResponse, Response};
use domain::model::{parse_slug_id, safe_return_path};
use serde_json::json;

/// POST /offres/{offer}/favori: C8, save (`enregistrer=1`) or forget an
/// offer, then back to `suite` (the offer by default).
pub async fn save_offer(
    State(state): State<AppState>,
    Path(segment): Path<String>,
    SignedIn(user): SignedIn,
    parts: Parts,
    fields: Fields,
) -> Response {
    let Some((_, offer_id)) = parse_slug_id(&segment) else {
        return error_page(StatusCode::NOT_FOUND);
    };
    let offer_page = format!("/offres/{segment}");
    let back = safe_return_path(fields.get("suite"))
        .filter(|p| !p.is_empty())
        .unwrap_or(&offer_page)
        .to_owned();
    let save = fields.get("enregistrer") == "1";
    match domain::offers::save_offer(&state.db, &user, offer_id, save, chrono::Utc::now()).await {
        Ok(()) if wants_json(&parts) => Json(json!({ "saved": save })).into_response(),
        Ok(()) => see_other(&back),
        Err(error) => error_response(&error),
    }
}

/// Offers' routes.
pub fn routes() -> Routes {
    Routes::new().route(
        "POST",
        "/offres/{offer}/favori",
        axum::routing::post(save_offer),
    )
}
