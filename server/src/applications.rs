//! Applications' posted forms: applying to an offer (P7 without an account,
//! C4 with one, as a plain multipart post — the upload island sends the
//! same form with `Accept: application/json` and gets the same answer as
//! JSON), confirming a replacement (B3), and a recruiter handling what they
//! received (R5; R8 is the domain's: another recruiter's application is a 404).

use crate::http::Routes;
use crate::http::error::error_page;
use crate::http::form::{
    Fields, Pages, back_to, done, origin, refused, refused_json, refused_while_reading, see_other,
    wants_json,
};
use crate::http::principals::Recruiter;
use crate::http::session::{authenticated, client_ip};
use crate::http::uploads::read;
use app::state::AppState;
use axum::Extension;
use axum::extract::{Path, Request, State};
use axum::http::{StatusCode, request::Parts};
use axum::response::Response;
use domain::DomainError;
use domain::applications::{self, AccountApplication, AnonymousApplication};
use domain::model::{ApplicationStatus, Applied, Role, file_field, parse_slug_id};

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
                cv: posted.file(file_field::CV),
                letter: posted.file(file_field::LETTER),
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
                cv: posted.file(file_field::CV),
                letter: posted.file(file_field::LETTER),
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

/// POST /candidature/remplacer: B3, the address confirms that its new
/// anonymous application replaces the earlier one.
pub async fn confirm_replacement(
    State(state): State<AppState>,
    Extension(pages): Extension<Pages>,
    parts: Parts,
    fields: Fields,
) -> Response {
    let ip = client_ip(&parts);
    let origin = origin(&state, &parts, &ip);
    let done = domain::applications::confirm_replacement(
        &state.db,
        &state.storage,
        &origin,
        fields.get("jeton"),
    )
    .await
    .map(|offer| format!("{offer}?candidature=remplacee#postuler"));
    pages
        .answer(parts, "/candidature/remplacer", &fields, done)
        .await
}

/// POST /recruteur/candidatures/{id}: `action=statut` (`statut`, and
/// `pourvoir=1` to mark the offer filled after a hire) or `action=note`;
/// `suite` brings the form back to the page it was posted from (the
/// pipeline). The pipeline's island posts the same form and gets JSON.
pub async fn change_application(
    State(state): State<AppState>,
    Extension(pages): Extension<Pages>,
    Path(id): Path<i64>,
    Recruiter(user): Recruiter,
    parts: Parts,
    fields: Fields,
) -> Response {
    let page = format!("/recruteur/candidatures/{id}");
    let now = chrono::Utc::now();
    let site = &state.site.public_url;
    let result = match fields.get("action") {
        "statut" => match ApplicationStatus::from_code(fields.get("statut")) {
            None => Err(DomainError::invalid(
                "statut",
                "Choisissez parmi les propositions.",
            )),
            Some(status) => {
                let decision = applications::Decision {
                    status,
                    fill_offer: fields.get("pourvoir") == "1",
                    ask_keep: fields.get("conserver") == "1",
                };
                applications::decide(&state.db, &state.search, &user, id, decision, site, now)
                    .await
                    .map(|()| back_to(fields.get("suite"), &page, "statut"))
            }
        },
        "note" => applications::set_note(&state.db, &user, id, fields.get("note"))
            .await
            .map(|()| format!("{page}?ok=note")),
        _ => return error_page(StatusCode::BAD_REQUEST),
    };
    answer(&pages, parts, &fields, &page, result).await
}

/// A recruiter's form on applications answered: where it goes (JSON for
/// an island), a 404 for what is not theirs, or the page it came from
/// again with the French reason.
async fn answer(
    pages: &Pages,
    parts: Parts,
    fields: &Fields,
    page: &str,
    result: Result<String, DomainError>,
) -> Response {
    match result {
        Ok(to) => done(&parts, &to),
        Err(DomainError::NotFound) => error_page(StatusCode::NOT_FOUND),
        Err(error) if wants_json(&parts) => refused_json(error, None),
        Err(error) => {
            let from = domain::model::safe_return_path(fields.get("suite"))
                .filter(|p| !p.is_empty())
                .unwrap_or(page);
            pages
                .refused_with(parts, from, crate::postings::values(fields), error, None)
                .await
        }
    }
}

/// POST /recruteur/offres/{id}/candidatures: `action=refuser` declines the
/// ticked `candidatures` of the pipeline at once (`conserver=1` asks each
/// candidate's consent to keep theirs 2 years), each as one by one.
pub async fn decline_ticked(
    State(state): State<AppState>,
    Extension(pages): Extension<Pages>,
    Path(offer_id): Path<i64>,
    Recruiter(user): Recruiter,
    parts: Parts,
    fields: Fields,
) -> Response {
    if fields.get("action") != "refuser" {
        return error_page(StatusCode::BAD_REQUEST);
    }
    let page = format!("/recruteur/offres/{offer_id}/candidatures");
    let ids: Vec<i64> = fields
        .all("candidatures")
        .iter()
        .filter_map(|id| id.parse().ok())
        .collect();
    let result = applications::decline_all(
        &state.db,
        &state.search,
        &user,
        &ids,
        fields.get("conserver") == "1",
        &state.site.public_url,
        chrono::Utc::now(),
    )
    .await
    .map(|n| {
        format!(
            "{}&nombre={n}",
            back_to(fields.get("suite"), &page, "refusees")
        )
    });
    answer(&pages, parts, &fields, &page, result).await
}

/// Applications' routes.
/// POST /candidature/conserver: B5, the candidate's answer (`choix` = oui
/// or non) to the decline email's question, by its link's `jeton`.
pub async fn keep_by_link(State(state): State<AppState>, fields: Fields) -> Response {
    let yes = match fields.get("choix") {
        "oui" => true,
        "non" => false,
        _ => return error_page(StatusCode::BAD_REQUEST),
    };
    match applications::retention::answer_by_token(
        &state.db,
        &state.storage,
        fields.get("jeton"),
        yes,
        chrono::Utc::now(),
    )
    .await
    {
        Ok(()) => see_other(&format!(
            "/candidature/conserver?ok={}",
            fields.get("choix")
        )),
        Err(error) => crate::http::error::error_response(&error),
    }
}

/// POST /espace/candidatures/{id}/conserver: the same from "Mes
/// candidatures" (`choix=non` withdraws a consent: deleted at once).
pub async fn keep_mine(
    State(state): State<AppState>,
    crate::http::principals::Candidate(user): crate::http::principals::Candidate,
    Path(id): Path<i64>,
    fields: Fields,
) -> Response {
    let yes = match fields.get("choix") {
        "oui" => true,
        "non" => false,
        _ => return error_page(StatusCode::BAD_REQUEST),
    };
    match applications::retention::answer_mine(
        &state.db,
        &state.storage,
        &user,
        id,
        yes,
        chrono::Utc::now(),
    )
    .await
    {
        Ok(()) => see_other(if yes {
            "/espace/candidatures?ok=conservee"
        } else {
            "/espace/candidatures?ok=effacee"
        }),
        Err(error) => crate::http::error::error_response(&error),
    }
}

/// POST /espace/candidatures/{id}/effacer: B5, the candidate deletes an
/// application's files and texts now (their dossiers are untouched).
pub async fn erase_mine(
    State(state): State<AppState>,
    crate::http::principals::Candidate(user): crate::http::principals::Candidate,
    Path(id): Path<i64>,
) -> Response {
    match domain::applications::retention::purge_mine(
        &state.db,
        &state.storage,
        &user,
        id,
        chrono::Utc::now(),
    )
    .await
    {
        Ok(()) => see_other("/espace/candidatures?ok=effacee"),
        Err(error) => crate::http::error::error_response(&error),
    }
}

pub fn routes() -> Routes {
    use axum::routing::post;
    Routes::new()
        .route(
            "POST",
            "/espace/candidatures/{id}/effacer",
            post(erase_mine),
        )
        .route(
            "POST",
            "/espace/candidatures/{id}/conserver",
            post(keep_mine),
        )
        .route("POST", "/candidature/conserver", post(keep_by_link))
        .upload("/offres/{offer}/postuler", post(apply))
        .route("POST", "/candidature/remplacer", post(confirm_replacement))
        .route(
            "POST",
            "/recruteur/candidatures/{id}",
            post(change_application),
        )
        .route(
            "POST",
            "/recruteur/offres/{id}/candidatures",
            post(decline_ticked),
        )
}
