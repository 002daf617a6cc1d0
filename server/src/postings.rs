//! Postings' posted forms: a recruiter's offers from draft to renewal
//! (R3, R4), one by one or several at once. Plain posts: 303 on success,
//! the page again with the French errors otherwise; R8 is the domain's.

use crate::http::Routes;
use crate::http::error::error_page;
use crate::http::form::{Fields, Pages, back_to, see_other};
use crate::http::principals::Recruiter;
use app::state::AppState;
use axum::Extension;
use axum::extract::{Path, State};
use axum::http::{StatusCode, request::Parts};
use axum::response::Response;
use domain::DomainError;
use domain::model::OfferStatus;
use domain::postings::{self, PostingForm};

const OFFERS: &str = "/recruteur/offres";

fn form_of(fields: &Fields) -> PostingForm {
    fields.parse()
}

/// The posted values to show again. A description from the rich editor
/// comes back to it only as the server cleaned it.
pub fn values(fields: &Fields) -> std::collections::BTreeMap<String, String> {
    let mut values: std::collections::BTreeMap<String, String> =
        fields.0.clone().into_iter().collect();
    values.remove("description_editeur");
    if fields.get("description_format") == "html" {
        values.insert(
            "description_editeur".into(),
            postings::sanitize_description(fields.get("description"), true),
        );
    }
    values
}

/// POST /recruteur/offres: a new offer, kept as a draft (`action=brouillon`)
/// or published at once (`action=publier`).
pub async fn create_offer(
    State(state): State<AppState>,
    Extension(pages): Extension<Pages>,
    Recruiter(user): Recruiter,
    parts: Parts,
    fields: Fields,
) -> Response {
    let now = chrono::Utc::now();
    let form = form_of(&fields);
    let result = if fields.get("action") == "publier" {
        postings::create_and_publish(&state.db, &state.search, &state.places, &user, &form, now)
            .await
            .map(|id| format!("{OFFERS}/{id}?ok=publiee"))
    } else {
        postings::create(&state.db, &state.places, &user, &form, now)
            .await
            .map(|id| format!("{OFFERS}/{id}?ok=brouillon"))
    };
    match result {
        Ok(to) => see_other(&to),
        Err(error) => {
            pages
                .refused_with(
                    parts,
                    &format!("{OFFERS}/nouvelle"),
                    values(&fields),
                    error,
                    None,
                )
                .await
        }
    }
}

/// POST /recruteur/offres/{id}: `action` = enregistrer, publier (saves
/// then publishes), depublier, pourvue, republier, dupliquer, supprimer.
pub async fn change_offer(
    State(state): State<AppState>,
    Extension(pages): Extension<Pages>,
    Path(id): Path<i64>,
    Recruiter(user): Recruiter,
    parts: Parts,
    fields: Fields,
) -> Response {
    let page = format!("{OFFERS}/{id}");
    let (db, search, now) = (&state.db, &state.search, chrono::Utc::now());
    let result = match fields.get("action") {
        "enregistrer" => {
            postings::update(db, search, &state.places, &user, id, &form_of(&fields), now)
                .await
                .map(|()| format!("{page}?ok=enregistree"))
        }
        "publier" => {
            match postings::update(db, search, &state.places, &user, id, &form_of(&fields), now)
                .await
            {
                Ok(()) => postings::publish(db, search, &user, id, now)
                    .await
                    .map(|()| format!("{page}?ok=publiee")),
                Err(error) => Err(error),
            }
        }
        "depublier" => postings::close(db, search, &user, id, OfferStatus::Unpublished, now)
            .await
            .map(|()| format!("{page}?ok=depubliee")),
        "pourvue" => postings::close(db, search, &user, id, OfferStatus::Filled, now)
            .await
            .map(|()| format!("{page}?ok=pourvue")),
        "republier" => postings::renew(db, search, &user, id, now)
            .await
            .map(|()| format!("{page}?ok=republiee")),
        "dupliquer" => postings::duplicate(db, &user, id, now)
            .await
            .map(|copy| format!("{OFFERS}/{copy}?ok=dupliquee")),
        "supprimer" => postings::delete(db, search, &user, id)
            .await
            .map(|()| format!("{OFFERS}?ok=supprimee")),
        _ => return error_page(StatusCode::BAD_REQUEST),
    };
    match result {
        Ok(to) => see_other(&to),
        Err(DomainError::NotFound) => error_page(StatusCode::NOT_FOUND),
        Err(error) => {
            pages
                .refused_with(parts, &page, values(&fields), error, None)
                .await
        }
    }
}

/// POST /recruteur/offres/lot: `action` = depublier or republier on the
/// ticked `offres`.
pub async fn bulk_offers(
    State(state): State<AppState>,
    Extension(pages): Extension<Pages>,
    Recruiter(user): Recruiter,
    parts: Parts,
    fields: Fields,
) -> Response {
    let action = match fields.get("action") {
        "depublier" => postings::Bulk::Unpublish,
        "republier" => postings::Bulk::Renew,
        _ => return error_page(StatusCode::BAD_REQUEST),
    };
    let ids: Vec<i64> = fields
        .all("offres")
        .iter()
        .filter_map(|id| id.parse().ok())
        .collect();
    match postings::bulk(
        &state.db,
        &state.search,
        &user,
        &ids,
        action,
        chrono::Utc::now(),
    )
    .await
    {
        Ok(changed) => {
            let done = if action == postings::Bulk::Unpublish {
                "depubliees"
            } else {
                "renouvelees"
            };
            see_other(&format!(
                "{}&nombre={changed}",
                back_to(fields.get("suite"), OFFERS, done)
            ))
        }
        Err(DomainError::NotFound) => error_page(StatusCode::NOT_FOUND),
        Err(error) => {
            pages
                .refused_with(parts, OFFERS, values(&fields), error, None)
                .await
        }
    }
}

/// Postings' routes.
pub fn routes() -> Routes {
    use axum::routing::post;
    Routes::new()
        .route("POST", "/recruteur/offres", post(create_offer))
        .route("POST", "/recruteur/offres/{id}", post(change_offer))
        .route("POST", "/recruteur/offres/lot", post(bulk_offers))
}
