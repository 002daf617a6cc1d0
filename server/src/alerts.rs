//! Alerts' posted forms (C7): create one from a search, change one from
//! "Mes alertes", and RFC 8058's one-click unsubscribe — a POST without
//! cookie or session, answered 200 (never a redirect), whose token is the
//! only authority.

use crate::http::Routes;
use crate::http::error::error_response;
use crate::http::form::{Fields, Pages, see_other};
use crate::http::principals::Candidate;
use app::session::FormOutcome;
use app::state::AppState;
use axum::Extension;
use axum::extract::{Path, State};
use axum::http::{StatusCode, request::Parts};
use axum::response::Response;
use domain::DomainError;
use domain::alerts::{self, Change};
use domain::model::AlertFrequency;

const ALERTS: &str = "/espace/alertes";

fn frequency(fields: &Fields) -> Result<AlertFrequency, DomainError> {
    AlertFrequency::from_code(fields.get("frequence"))
        .ok_or_else(|| DomainError::invalid("frequence", "Choisissez la fréquence de l'alerte."))
}

/// POST /alertes: saves the search `recherche` (a query string of
/// `/offres`) as an alert sent at `frequence`.
pub async fn create(
    State(state): State<AppState>,
    Candidate(user): Candidate,
    fields: Fields,
) -> Response {
    let query = alerts::saved_query(fields.get("recherche"));
    let created = match frequency(&fields) {
        Ok(frequency) => {
            let name = Some(fields.get("nom")).filter(|n| !n.trim().is_empty());
            alerts::create(
                &state.db,
                &user,
                &query,
                name,
                frequency,
                chrono::Utc::now(),
            )
            .await
        }
        Err(error) => Err(error),
    };
    // The refusals a candidate can act on are told on "Mes alertes".
    match created {
        Ok(_) => see_other(&format!("{ALERTS}?alerte=creee")),
        Err(DomainError::Conflict(_)) => see_other(&format!("{ALERTS}?alerte=doublon")),
        Err(DomainError::Invalid(errors)) if errors.contains_key("alerte") => {
            see_other(&format!("{ALERTS}?alerte=limite"))
        }
        Err(error) => error_response(&error),
    }
}

/// POST /espace/alertes/{id}: `action` = `pause`, `reprendre`, `modifier`
/// (`nom`, `frequence`) or `supprimer`.
pub async fn change(
    State(state): State<AppState>,
    Candidate(user): Candidate,
    Path(id): Path<i64>,
    fields: Fields,
) -> Response {
    let now = chrono::Utc::now();
    let done = match fields.get("action") {
        "pause" => alerts::change(&state.db, &user, id, Change::Pause, now)
            .await
            .map(|()| "pause"),
        "reprendre" => alerts::change(&state.db, &user, id, Change::Resume, now)
            .await
            .map(|()| "reprise"),
        "modifier" => match frequency(&fields) {
            Ok(frequency) => {
                let name = fields.get("nom").to_owned();
                alerts::change(&state.db, &user, id, Change::Edit { name, frequency }, now)
                    .await
                    .map(|()| "modifiee")
            }
            Err(error) => Err(error),
        },
        "supprimer" => alerts::delete(&state.db, &user, id)
            .await
            .map(|()| "supprimee"),
        _ => Err(DomainError::invalid("action", "Action inconnue.")),
    };
    match done {
        Ok(notice) => see_other(&format!("{ALERTS}?alerte={notice}")),
        Err(error) => error_response(&error),
    }
}

/// POST /alertes/desabonnement/{token}: stops the alert of `token` and
/// answers the page saying so, 200, whatever the token (a guesser learns
/// nothing). The body (`List-Unsubscribe=One-Click`, form-urlencoded or
/// multipart) is not needed: the token is the authority.
pub async fn unsubscribe(
    State(state): State<AppState>,
    Extension(pages): Extension<Pages>,
    Path(token): Path<String>,
    parts: Parts,
) -> Response {
    if let Err(error) = alerts::unsubscribe(&state.db, &token, chrono::Utc::now()).await {
        return error_response(&error);
    }
    let outcome = FormOutcome {
        message: Some(
            "C'est fait : cette alerte ne vous enverra plus d'e-mail. Vous pouvez la reprendre dans « Mes alertes »."
                .into(),
        ),
        ..FormOutcome::default()
    };
    let path = format!(
        "/alertes/desabonnement/{}",
        domain::model::url_encode(&token)
    );
    pages.render(parts, &path, outcome, StatusCode::OK).await
}

/// Alerts' routes.
pub fn routes() -> Routes {
    Routes::new()
        .route("POST", "/alertes", axum::routing::post(create))
        .route("POST", "/espace/alertes/{id}", axum::routing::post(change))
        .route(
            "POST",
            "/alertes/desabonnement/{token}",
            axum::routing::post(unsubscribe),
        )
}
