//! Offers' posted form: the heart that saves an offer (C8); counting the
//! views of offer pages (R3) and writing them every 30 seconds.

use crate::http::Routes;
use crate::http::error::{error_page, error_response};
use crate::http::form::wants_json;
use crate::http::form::{Fields, see_other};
use crate::http::principals::SignedIn;
use app::state::AppState;
use axum::Json;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header, request::Parts};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use domain::model::{parse_slug_id, safe_return_path};
use serde_json::json;
use std::time::Duration;

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

/// How often an instance writes the views it counted.
pub const VIEWS_WRITTEN_EVERY: Duration = Duration::from_secs(30);

/// Counts a view of an offer page (R3) when a person's browser got it
/// (200, cached or not): not a robot, not a prefetch, not a redirect.
pub async fn count_views(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let offer = (request.method() == Method::GET && by_a_person(request.headers()))
        .then(|| offer_page(request.uri().path()))
        .flatten();
    let response = next.run(request).await;
    if let Some(offer) = offer
        && response.status() == StatusCode::OK
    {
        state.views.add(offer);
    }
    response
}

/// The offer of `/offres/{slug}-{id}`, not of its sub-pages.
fn offer_page(path: &str) -> Option<i64> {
    let segment = path.strip_prefix("/offres/")?;
    if segment.contains('/') {
        return None;
    }
    parse_slug_id(segment).map(|(_, id)| id)
}

/// A browser's request a person made: robots name themselves in their
/// user agent, headless browsers too; a page fetched ahead of a click
/// (`Sec-Purpose: prefetch`) is not a view.
fn by_a_person(headers: &HeaderMap) -> bool {
    const ROBOTS: [&str; 7] = [
        "bot",
        "crawl",
        "spider",
        "slurp",
        "preview",
        "externalhit",
        "headless",
    ];
    let agent = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let prefetch = ["sec-purpose", "purpose"].iter().any(|name| {
        headers
            .get(*name)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("prefetch"))
    });
    agent.starts_with("mozilla/") && !ROBOTS.iter().any(|r| agent.contains(r)) && !prefetch
}

/// Writes the counted views every `VIEWS_WRITTEN_EVERY`.
pub fn spawn_view_writer(state: AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(VIEWS_WRITTEN_EVERY);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        tick.tick().await;
        loop {
            tick.tick().await;
            write_views(&state).await;
        }
    })
}

/// Writes the views counted so far; kept for the next write if the
/// database refuses.
pub async fn write_views(state: &AppState) {
    let counts = state.views.take();
    if counts.is_empty() {
        return;
    }
    if let Err(error) = domain::offers::add_views(&state.db, &counts).await {
        tracing::warn!(%error, offers = counts.len(), "writing offer views failed: kept for the next write");
        state.views.add_many(counts);
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
