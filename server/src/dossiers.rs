//! Dossiers' posted forms: the candidate's dossiers (C3, multipart) and a
//! recruiter's "candidats favoris" (R7).

use crate::http::Routes;
use crate::http::error::{error_page, error_response};
use crate::http::form::{Fields, Pages, back_to, done, refused, refused_while_reading, see_other};
use crate::http::principals::{Candidate, Recruiter};
use crate::http::uploads::{Posted, read};
use app::state::AppState;
use axum::Extension;
use axum::extract::{Path, Request, State};
use axum::http::{StatusCode, request::Parts};
use axum::response::Response;
use domain::DomainError;
use domain::dossiers::{self, DossierForm};
use domain::model::file_field;

fn dossier_form(posted: &mut Posted) -> DossierForm {
    DossierForm {
        title: posted.text("titre").to_owned(),
        letter_text: posted.text("lettre_texte").to_owned(),
        other_info: posted.text("autres").to_owned(),
        video_url: posted.text("video_lien").to_owned(),
        visible: posted.ticked("visible"),
        remove_letter: posted.ticked("retirer_lettre"),
        remove_video: posted.ticked("retirer_video"),
        cv: posted.file(file_field::CV),
        letter: posted.file(file_field::LETTER),
        video: posted.file(file_field::VIDEO),
    }
}

const DOSSIERS: &str = "/espace/dossiers";

/// POST /espace/dossiers: C3, a new dossier.
pub async fn create_dossier(
    State(state): State<AppState>,
    Extension(pages): Extension<Pages>,
    Candidate(user): Candidate,
    request: Request,
) -> Response {
    let (parts, body) = request.into_parts();
    let mut posted = match read(&parts, body).await {
        Ok(posted) => posted,
        Err(response) => return response,
    };
    let page = format!("{DOSSIERS}/nouveau");
    if let Some(error) = refused_while_reading(&posted) {
        return refused(&pages, parts, &page, &posted, error).await;
    }
    let form = dossier_form(&mut posted);
    match dossiers::create(&state.db, &state.storage, &user, form, chrono::Utc::now()).await {
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
    Candidate(user): Candidate,
    request: Request,
) -> Response {
    let (parts, body) = request.into_parts();
    let page = format!("{DOSSIERS}/{id}");
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
            dossiers::update(&state.db, &state.storage, &user, id, form, now)
                .await
                .map(|()| format!("{DOSSIERS}?ok=modifie"))
        }
        "visibilite" => {
            let visible = posted.text("visible") == "1";
            dossiers::set_visible(&state.db, &user, id, visible, now)
                .await
                .map(|()| {
                    let ok = if visible { "visible" } else { "masque" };
                    back_to(posted.text("suite"), DOSSIERS, ok)
                })
        }
        "supprimer" => dossiers::delete(&state.db, &state.storage, &user, id)
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

/// POST /recruteur/favoris: adds (`favori=1`) or removes a candidate of
/// "candidats favoris", then back to `suite`.
pub async fn favorite(
    State(state): State<AppState>,
    Recruiter(user): Recruiter,
    _parts: Parts,
    fields: Fields,
) -> Response {
    let back = domain::model::safe_return_path(fields.get("suite"))
        .filter(|p| p.starts_with("/recruteur/"))
        .unwrap_or("/recruteur/favoris")
        .to_owned();
    let Ok(candidate) = fields.get("candidat").parse::<i64>() else {
        return error_page(StatusCode::BAD_REQUEST);
    };
    let on = fields.get("favori") == "1";
    match domain::dossiers::cvtheque::set_favorite(
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
        Err(error) => error_response(&error),
    }
}

/// Dossiers' routes.
pub fn routes() -> Routes {
    use axum::routing::post;
    Routes::new()
        .upload("/espace/dossiers", post(create_dossier))
        .upload("/espace/dossiers/{id}", post(change_dossier))
        .route("POST", "/recruteur/favoris", post(favorite))
}
