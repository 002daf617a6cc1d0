//! Moderation's posted forms: a report (`/signaler`, anyone, B2) and an
//! administrator's decision on a case (`/admin/moderation/{id}`, A4).

use crate::http::Routes;
use crate::http::error::error_page;
use crate::http::form::{Fields, Pages, origin, see_other};
use crate::http::page_cache::PageCache;
use crate::http::principals::Admin;
use crate::http::session::{authenticated, client_ip};
use app::state::AppState;
use axum::Extension;
use axum::extract::{Path, State};
use axum::http::{StatusCode, request::Parts};
use axum::response::Response;
use domain::DomainError;
use domain::model::{Measure, ReportForm, ReportReason, ReportTarget};
use domain::moderation::{self, Decision};

/// POST /signaler
pub async fn report(
    State(state): State<AppState>,
    Extension(pages): Extension<Pages>,
    parts: Parts,
    fields: Fields,
) -> Response {
    let ip = client_ip(&parts);
    let user = authenticated(&parts).map(|auth| auth.user);
    let form: ReportForm = fields.parse();
    let Some((target, id)) = moderation::target_of(&form) else {
        return error_page(StatusCode::NOT_FOUND);
    };
    let param = match target {
        ReportTarget::Offer => "offre",
        ReportTarget::Company => "entreprise",
    };
    match moderation::report(
        &state.db,
        &origin(&state, &parts, &ip),
        user.as_ref(),
        &form,
    )
    .await
    {
        Ok(case) => see_other(&format!("/signaler?{param}={id}&ok=envoye&dossier={case}")),
        Err(DomainError::NotFound) => error_page(StatusCode::NOT_FOUND),
        Err(error) => {
            pages
                .refused(parts, &format!("/signaler?{param}={id}"), &fields, error)
                .await
        }
    }
}

/// POST /admin/moderation/{id}: `mesure`, `fondement`, `faits`.
pub async fn decide(
    State(state): State<AppState>,
    Extension(pages): Extension<Pages>,
    Extension(cache): Extension<PageCache>,
    Admin(admin): Admin,
    Path(id): Path<i64>,
    parts: Parts,
    fields: Fields,
) -> Response {
    let page = format!("/admin/moderation/{id}");
    let decision = match (
        Measure::from_code(fields.get("mesure")),
        ReportReason::from_code(fields.get("fondement")),
    ) {
        (Some(measure), Some(ground)) => Ok(Decision {
            measure,
            ground,
            facts: fields.get("faits").to_owned(),
        }),
        (None, _) => Err(DomainError::invalid("mesure", "Choisissez une mesure.")),
        (_, None) => Err(DomainError::invalid(
            "fondement",
            "Choisissez le fondement de la décision.",
        )),
    };
    let done = match decision {
        Ok(decision) => {
            moderation::decide(&state.db, &admin, id, &decision, chrono::Utc::now()).await
        }
        Err(error) => Err(error),
    };
    match done {
        Ok(()) => {
            // The offer or the company leaves (or returns to) the catalogue at once.
            if let Err(error) = state.search.follow(&state.db).await {
                tracing::warn!(%error, "the index will follow the decision at its next pass");
            }
            cache.clear();
            see_other(&format!("{page}?ok=decision"))
        }
        Err(DomainError::NotFound) => error_page(StatusCode::NOT_FOUND),
        Err(error) => pages.refused(parts, &page, &fields, error).await,
    }
}

/// Moderation's routes.
pub fn routes() -> Routes {
    use axum::routing::post;
    Routes::new()
        .route("POST", "/signaler", post(report))
        .route("POST", "/admin/moderation/{id}", post(decide))
}
