//! The recruiter space's posted forms: offers (R3, R4) and the applications
//! they received (R5). Plain posts: 303 on success, the page again with
//! the French errors otherwise. R8 is checked by the domain: another
//! recruiter's offer or application is a 404.

use crate::auth::authenticated;
use crate::forms::{Fields, Pages, see_other};
use crate::router::error_page;
use app::state::AppState;
use axum::Extension;
use axum::extract::{Path, State};
use axum::http::{StatusCode, request::Parts};
use axum::response::Response;
use domain::DomainError;
use domain::applications;
use domain::model::{ApplicationStatus, CurrentUser, OfferStatus};
use domain::postings::{self, PostingForm};

const OFFERS: &str = "/recruteur/offres";

/// The signed-in recruiter or training organisation, or the response to
/// give instead (log in first; 403 for other roles).
fn recruiter(parts: &Parts, back: &str) -> Result<CurrentUser, Box<Response>> {
    match authenticated(parts) {
        None => Err(Box::new(see_other(&format!(
            "/connexion?ok=session&suite={back}"
        )))),
        Some(auth) if auth.user.is_recruiter() => Ok(auth.user),
        Some(_) => Err(Box::new(error_page(StatusCode::FORBIDDEN))),
    }
}

fn form_of(fields: &Fields) -> PostingForm {
    fields.0.clone()
}

/// The posted values to show again. A description from the rich editor
/// comes back to it only as the server cleaned it.
fn values(fields: &Fields) -> std::collections::BTreeMap<String, String> {
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
    parts: Parts,
    fields: Fields,
) -> Response {
    let user = match recruiter(&parts, &format!("{OFFERS}/nouvelle")) {
        Ok(user) => user,
        Err(response) => return *response,
    };
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
    parts: Parts,
    fields: Fields,
) -> Response {
    let page = format!("{OFFERS}/{id}");
    let user = match recruiter(&parts, &page) {
        Ok(user) => user,
        Err(response) => return *response,
    };
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

/// POST /recruteur/candidatures/{id}: `action=statut` (`statut`, and
/// `pourvoir=1` to mark the offer filled after a hire) or `action=note`.
pub async fn change_application(
    State(state): State<AppState>,
    Extension(pages): Extension<Pages>,
    Path(id): Path<i64>,
    parts: Parts,
    fields: Fields,
) -> Response {
    let page = format!("/recruteur/candidatures/{id}");
    let user = match recruiter(&parts, &page) {
        Ok(user) => user,
        Err(response) => return *response,
    };
    let now = chrono::Utc::now();
    let site = &state.site.public_url;
    let result = match fields.get("action") {
        "statut" => {
            let Some(status) = ApplicationStatus::from_code(fields.get("statut")) else {
                return pages
                    .refused_with(
                        parts,
                        &page,
                        values(&fields),
                        DomainError::invalid("statut", "Choisissez parmi les propositions."),
                        None,
                    )
                    .await;
            };
            match applications::decide(&state.db, &user, id, status, site, now).await {
                Ok(offer_id)
                    if status == ApplicationStatus::Hired && fields.get("pourvoir") == "1" =>
                {
                    postings::close(
                        &state.db,
                        &state.search,
                        &user,
                        offer_id,
                        OfferStatus::Filled,
                        now,
                    )
                    .await
                    .map(|()| format!("{page}?ok=statut"))
                }
                Ok(_) => Ok(format!("{page}?ok=statut")),
                Err(error) => Err(error),
            }
        }
        "note" => applications::set_note(&state.db, &user, id, fields.get("note"))
            .await
            .map(|()| format!("{page}?ok=note")),
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

/// POST /recruteur/favoris: adds (`favori=1`) or removes a candidate of
/// "candidats favoris", then back to `suite`.
pub async fn favorite(State(state): State<AppState>, parts: Parts, fields: Fields) -> Response {
    let back = domain::model::safe_return_path(fields.get("suite"))
        .filter(|p| p.starts_with("/recruteur/"))
        .unwrap_or("/recruteur/favoris")
        .to_owned();
    let user = match recruiter(&parts, &back) {
        Ok(user) => user,
        Err(response) => return *response,
    };
    let Ok(candidate) = fields.get("candidat").parse::<i64>() else {
        return error_page(StatusCode::BAD_REQUEST);
    };
    let on = fields.get("favori") == "1";
    match domain::cvtheque::set_favorite(
        &state.db,
        &state.places,
        &user,
        candidate,
        on,
        chrono::Utc::now(),
    )
    .await
    {
        Ok(()) => see_other(&back),
        Err(error) => error_page(
            StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        ),
    }
}

/// POST /recruteur/entreprise: R2 "Éditer ma fiche", for the company's owner.
pub async fn edit_company(
    State(state): State<AppState>,
    Extension(pages): Extension<Pages>,
    Extension(cache): Extension<crate::page_cache::PageCache>,
    parts: Parts,
    fields: Fields,
) -> Response {
    const PAGE: &str = "/recruteur/entreprise";
    let user = match recruiter(&parts, PAGE) {
        Ok(user) => user,
        Err(response) => return *response,
    };
    let saved = domain::companies::update(
        &state.db,
        &state.places,
        &state.search,
        &user,
        &fields.0,
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
                .refused_with(parts, PAGE, values(&fields), error, None)
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
    parts: Parts,
    fields: Fields,
) -> Response {
    const PAGE: &str = "/recruteur/entreprise";
    let user = match recruiter(&parts, PAGE) {
        Ok(user) => user,
        Err(response) => return *response,
    };
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
                .refused_with(parts, PAGE, values(&fields), error, None)
                .await
        }
    }
}

/// POST /recruteur/offres/lot: `action` = depublier or republier on the
/// ticked `offres`.
pub async fn bulk_offers(
    State(state): State<AppState>,
    Extension(pages): Extension<Pages>,
    parts: Parts,
    fields: Fields,
) -> Response {
    let user = match recruiter(&parts, OFFERS) {
        Ok(user) => user,
        Err(response) => return *response,
    };
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
            see_other(&format!("{OFFERS}?ok={done}&nombre={changed}"))
        }
        Err(DomainError::NotFound) => error_page(StatusCode::NOT_FOUND),
        Err(error) => {
            pages
                .refused_with(parts, OFFERS, values(&fields), error, None)
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
    Extension(cache): Extension<crate::page_cache::PageCache>,
    request: axum::extract::Request,
) -> Response {
    const PAGE: &str = "/recruteur/entreprise";
    let (parts, body) = request.into_parts();
    let user = match recruiter(&parts, PAGE) {
        Ok(user) => user,
        Err(response) => return *response,
    };
    let mut posted = match crate::uploads::read(&parts, body).await {
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
    match domain::logos::set_logo(&state.db, &state.storage, &user, upload, chrono::Utc::now())
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
    match domain::logos::logo(&state.db, &state.storage, &key).await {
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
        Err(error) => error_page(
            StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        ),
    }
}
