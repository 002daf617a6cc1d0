//! The candidate space's posted forms and downloads: applying to an offer
//! (P7, C4), dossiers (C3), saved offers (C8) and files. Forms work as plain
//! posts (303 on success, the page again with French errors otherwise);
//! the upload island sends the same form with `Accept: application/json`
//! and gets the same answer as JSON.

use crate::auth::{authenticated, client_ip};
use crate::forms::{Fields, Pages, origin, see_other};
use crate::router::error_page;
use crate::uploads::{Posted, read};
use app::state::AppState;
use axum::Extension;
use axum::Json;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderValue, StatusCode, header, request::Parts};
use axum::response::{IntoResponse, Response};
use domain::DomainError;
use domain::applications::{self, AccountApplication, AnonymousApplication};
use domain::dossiers::{self, DossierForm};
use domain::model::{Applied, Role, parse_slug_id, safe_return_path};
use domain::storage;
use serde_json::json;

/// Whether the browser asked for JSON (the upload island) rather than a page.
fn wants_json(parts: &Parts) -> bool {
    parts
        .headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"))
}

/// A success: a redirect for a form, `{"redirect": …}` for the island.
fn done(parts: &Parts, to: &str) -> Response {
    if wants_json(parts) {
        Json(json!({ "redirect": to })).into_response()
    } else {
        see_other(to)
    }
}

/// A refusal: the page at `path` again, or the errors as JSON.
async fn refused(
    pages: &Pages,
    parts: Parts,
    path: &str,
    posted: &Posted,
    error: DomainError,
) -> Response {
    let note = posted.had_files.then_some(
        "Certains champs sont à corriger. Par sécurité, choisissez de nouveau vos fichiers avant d'envoyer.",
    );
    if wants_json(&parts) {
        let status =
            StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = match &error {
            DomainError::Invalid(errors) => json!({ "errors": errors, "message": note }),
            other => json!({ "message": other.user_message() }),
        };
        return (status, Json(body)).into_response();
    }
    pages
        .refused_with(parts, path, posted.values(), error, note)
        .await
}

/// The error of files refused while reading, if any.
fn refused_while_reading(posted: &Posted) -> Option<DomainError> {
    (!posted.refused.is_empty()).then(|| DomainError::Invalid(posted.refused.clone()))
}

/// The page to come back to after signing in.
fn log_in_first(to: &str) -> Response {
    see_other(&format!("/connexion?ok=session&suite={to}"))
}

/// POST /offres/{offer}/postuler: P7 without an account, C4 with one.
pub async fn apply(
    State(state): State<AppState>,
    Extension(pages): Extension<Pages>,
    Path(segment): Path<String>,
    request: Request,
) -> Response {
    let Some((_, offer_id)) = parse_slug_id(&segment) else {
        return error_page(StatusCode::NOT_FOUND);
    };
    let (parts, body) = request.into_parts();
    let user = authenticated(&parts).map(|auth| auth.user);
    if user.as_ref().is_some_and(|u| u.role != Role::Candidate) {
        return error_page(StatusCode::FORBIDDEN);
    }
    let mut posted = match read(&parts, body).await {
        Ok(posted) => posted,
        Err(response) => return response,
    };
    let page = format!("/offres/{segment}");
    if let Some(error) = refused_while_reading(&posted) {
        return refused(&pages, parts, &page, &posted, error).await;
    }
    let ip = client_ip(&parts);
    let origin = origin(&state, &parts, &ip);
    let result = match &user {
        Some(user) => {
            let form = AccountApplication {
                dossier_id: posted.text("dossier").parse().ok(),
                cv: posted.file("cv"),
                letter: posted.file("lettre"),
                keep_as: posted.text("garder_titre").to_owned(),
                message: posted.text("message").to_owned(),
            };
            applications::apply_with_account(
                &state.db,
                &state.storage,
                &origin,
                user,
                offer_id,
                form,
            )
            .await
        }
        None => {
            let form = AnonymousApplication {
                email: posted.text("email").to_owned(),
                first_name: posted.text("prenom").to_owned(),
                last_name: posted.text("nom").to_owned(),
                phone: posted.text("telephone").to_owned(),
                message: posted.text("message").to_owned(),
                cv: posted.file("cv"),
                letter: posted.file("lettre"),
                honeypot: posted.text("site_web").to_owned(),
            };
            applications::apply_anonymously(&state.db, &state.storage, &origin, offer_id, form)
                .await
        }
    };
    match result {
        Ok(applied) => {
            let outcome = match applied {
                Applied::New => "envoyee",
                Applied::Replaced => "remplacee",
                Applied::ToConfirm => "a-confirmer",
            };
            done(&parts, &format!("{page}?candidature={outcome}#postuler"))
        }
        Err(error) => refused(&pages, parts, &page, &posted, error).await,
    }
}

fn dossier_form(posted: &mut Posted) -> DossierForm {
    DossierForm {
        title: posted.text("titre").to_owned(),
        letter_text: posted.text("lettre_texte").to_owned(),
        other_info: posted.text("autres").to_owned(),
        video_url: posted.text("video_lien").to_owned(),
        visible: posted.ticked("visible"),
        remove_letter: posted.ticked("retirer_lettre"),
        remove_video: posted.ticked("retirer_video"),
        cv: posted.file("cv"),
        letter: posted.file("lettre"),
        video: posted.file("video"),
    }
}

const DOSSIERS: &str = "/espace/dossiers";

/// POST /espace/dossiers: C3, a new dossier.
pub async fn create_dossier(
    State(state): State<AppState>,
    Extension(pages): Extension<Pages>,
    request: Request,
) -> Response {
    let (parts, body) = request.into_parts();
    let Some(auth) = authenticated(&parts) else {
        return log_in_first(DOSSIERS);
    };
    if auth.user.role != Role::Candidate {
        return error_page(StatusCode::FORBIDDEN);
    }
    let mut posted = match read(&parts, body).await {
        Ok(posted) => posted,
        Err(response) => return response,
    };
    let page = format!("{DOSSIERS}/nouveau");
    if let Some(error) = refused_while_reading(&posted) {
        return refused(&pages, parts, &page, &posted, error).await;
    }
    let form = dossier_form(&mut posted);
    match dossiers::create(
        &state.db,
        &state.storage,
        &auth.user,
        form,
        chrono::Utc::now(),
    )
    .await
    {
        Ok(_) => done(&parts, &format!("{DOSSIERS}?ok=cree")),
        Err(error) => refused(&pages, parts, &page, &posted, error).await,
    }
}

/// POST /espace/dossiers/{id}: C3, change (`action=modifier`), show or hide
/// (`action=visibilite`, `visible`) or delete (`action=supprimer`).
pub async fn change_dossier(
    State(state): State<AppState>,
    Extension(pages): Extension<Pages>,
    Path(id): Path<i64>,
    request: Request,
) -> Response {
    let (parts, body) = request.into_parts();
    let page = format!("{DOSSIERS}/{id}");
    let Some(auth) = authenticated(&parts) else {
        return log_in_first(&page);
    };
    if auth.user.role != Role::Candidate {
        return error_page(StatusCode::FORBIDDEN);
    }
    let mut posted = match read(&parts, body).await {
        Ok(posted) => posted,
        Err(response) => return response,
    };
    if let Some(error) = refused_while_reading(&posted) {
        return refused(&pages, parts, &page, &posted, error).await;
    }
    let now = chrono::Utc::now();
    let result = match posted.text("action") {
        "modifier" => {
            let form = dossier_form(&mut posted);
            dossiers::update(&state.db, &state.storage, &auth.user, id, form, now)
                .await
                .map(|()| format!("{DOSSIERS}?ok=modifie"))
        }
        "visibilite" => {
            let visible = posted.text("visible") == "1";
            dossiers::set_visible(&state.db, &auth.user, id, visible, now)
                .await
                .map(|()| {
                    format!(
                        "{DOSSIERS}?ok={}",
                        if visible { "visible" } else { "masque" }
                    )
                })
        }
        "supprimer" => dossiers::delete(&state.db, &state.storage, &auth.user, id)
            .await
            .map(|()| format!("{DOSSIERS}?ok=supprime")),
        _ => return error_page(StatusCode::BAD_REQUEST),
    };
    match result {
        Ok(to) => done(&parts, &to),
        Err(DomainError::NotFound) => error_page(StatusCode::NOT_FOUND),
        Err(error) => refused(&pages, parts, &page, &posted, error).await,
    }
}

/// POST /offres/{offer}/favori: C8, save (`enregistrer=1`) or forget an
/// offer, then back to `suite` (the offer by default).
pub async fn save_offer(
    State(state): State<AppState>,
    Path(segment): Path<String>,
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
    let Some(auth) = authenticated(&parts) else {
        return log_in_first(&offer_page);
    };
    let save = fields.get("enregistrer") == "1";
    match domain::candidates::save_offer(&state.db, &auth.user, offer_id, save, chrono::Utc::now())
        .await
    {
        Ok(()) if wants_json(&parts) => Json(json!({ "saved": save })).into_response(),
        Ok(()) => see_other(&back),
        Err(error) => error_page(
            StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        ),
    }
}

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
    match storage::download(&state.db, &state.storage, user.as_ref(), id).await {
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
        Err(DomainError::Forbidden) => log_in_first(&format!("/fichiers/{id}")),
        Err(error) => error_page(
            StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        ),
    }
}
