//! Accounts' posted forms (C1, C9, R1): sign-up, log-in, emailed links,
//! "Mon profil". Each handler reads the form, calls one domain flow and
//! answers with a redirect (303) when it worked, or with the same page
//! rendered again with the French errors next to the fields (and what was
//! typed, passwords excepted) when it did not.

use crate::http::Routes;
use crate::http::error::{error_page, error_response};
use crate::http::form::{Fields, Pages, origin, see_other};
use crate::http::session::{authenticated, client_ip};
use crate::http::session::{clear_cookie, secure_cookies, session_cookie};
use app::state::AppState;
use axum::extract::State;
use axum::http::{StatusCode, header, request::Parts};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use domain::DomainError;
use domain::accounts::{self, Organisation, SignUp};
use domain::auth::sessions;
use domain::model::safe_return_path;

/// "303 See Other" to `path`, with the cookie of the session `secret`.
fn with_session(state: &AppState, path: &str, secret: &str) -> Response {
    let mut response = see_other(path);
    let secure = secure_cookies(&state.site.public_url);
    response
        .headers_mut()
        .append(header::SET_COOKIE, session_cookie(secret, secure));
    response
}

/// "303 See Other" to `path`, removing the session cookie.
fn signed_out(state: &AppState, path: &str) -> Response {
    let mut response = see_other(path);
    let secure = secure_cookies(&state.site.public_url);
    response
        .headers_mut()
        .append(header::SET_COOKIE, clear_cookie(secure));
    response
}

/// POST /connexion
pub async fn log_in(
    State(state): State<AppState>,
    Extension(pages): Extension<Pages>,
    parts: Parts,
    fields: Fields,
) -> Response {
    let ip = client_ip(&parts);
    let result = accounts::log_in(
        &state.db,
        &origin(&state, &parts, &ip),
        fields.get("email"),
        fields.get("mot_de_passe"),
    )
    .await;
    match result {
        Ok((secret, user)) => {
            if let Some(previous) = authenticated(&parts) {
                let _ = sessions::end(&state.db, &previous.session_hash).await;
            }
            let asked = safe_return_path(fields.get("suite")).filter(|p| !p.is_empty());
            // An administrator goes on to the second factor, then to the
            // admin page asked for (or the inbox).
            let next = if user.role == domain::model::Role::Administrator {
                asked
                    .filter(|p| p.starts_with("/admin"))
                    .unwrap_or(crate::admin::HOME)
            } else {
                asked.unwrap_or(app::dashboard::pages::HOME)
            };
            with_session(&state, next, &secret)
        }
        Err(error) => pages.refused(parts, "/connexion", &fields, error).await,
    }
}

fn sign_up_form(fields: &Fields) -> SignUp {
    SignUp {
        email: fields.get("email").to_owned(),
        password: fields.get("mot_de_passe").to_owned(),
        first_name: fields.get("prenom").to_owned(),
        last_name: fields.get("nom").to_owned(),
        accepts_terms: fields.get("cgu") == "on",
    }
}

/// POST /inscription
pub async fn sign_up(
    State(state): State<AppState>,
    Extension(pages): Extension<Pages>,
    parts: Parts,
    fields: Fields,
) -> Response {
    let ip = client_ip(&parts);
    let done = accounts::sign_up(
        &state.db,
        &origin(&state, &parts, &ip),
        &sign_up_form(&fields),
        None,
    )
    .await
    .map(|_| "/connexion?ok=inscription".to_owned());
    pages.answer(parts, "/inscription", &fields, done).await
}

/// POST /inscription/recruteur
pub async fn sign_up_recruiter(
    State(state): State<AppState>,
    Extension(pages): Extension<Pages>,
    parts: Parts,
    fields: Fields,
) -> Response {
    let ip = client_ip(&parts);
    let organisation = Organisation {
        kind: fields.get("type").to_owned(),
        name: fields.get("entreprise").to_owned(),
        siret: fields.get("siret").to_owned(),
        address: fields.get("adresse").to_owned(),
        commune: fields.get("commune").to_owned(),
        activity: fields.get("activite").to_owned(),
    };
    let result = accounts::sign_up(
        &state.db,
        &origin(&state, &parts, &ip),
        &sign_up_form(&fields),
        Some((&organisation, &state.places)),
    )
    .await
    .map(|_| "/connexion?ok=inscription".to_owned());
    pages
        .answer(parts, "/inscription/recruteur", &fields, result)
        .await
}

/// POST /verification
pub async fn verify_address(
    State(state): State<AppState>,
    Extension(pages): Extension<Pages>,
    parts: Parts,
    fields: Fields,
) -> Response {
    let done = accounts::verify_address(&state.db, fields.get("jeton"), chrono::Utc::now())
        .await
        .map(|()| "/connexion?ok=adresse-confirmee".to_owned());
    pages.answer(parts, "/verification", &fields, done).await
}

/// POST /mot-de-passe-oublie
pub async fn forgot_password(
    State(state): State<AppState>,
    Extension(pages): Extension<Pages>,
    parts: Parts,
    fields: Fields,
) -> Response {
    let ip = client_ip(&parts);
    let done = accounts::request_password_reset(
        &state.db,
        &origin(&state, &parts, &ip),
        fields.get("email"),
    )
    .await
    .map(|()| "/mot-de-passe-oublie?ok=email-envoye".to_owned());
    pages
        .answer(parts, "/mot-de-passe-oublie", &fields, done)
        .await
}

/// POST /mot-de-passe/nouveau
pub async fn reset_password(
    State(state): State<AppState>,
    Extension(pages): Extension<Pages>,
    parts: Parts,
    fields: Fields,
) -> Response {
    let ip = client_ip(&parts);
    let result = accounts::reset_password(
        &state.db,
        &origin(&state, &parts, &ip),
        fields.get("jeton"),
        fields.get("mot_de_passe"),
    )
    .await;
    match result {
        Ok(()) => signed_out(&state, "/connexion?ok=mot-de-passe"),
        Err(error) => {
            pages
                .refused(parts, "/mot-de-passe/nouveau", &fields, error)
                .await
        }
    }
}

/// POST /email/confirmer
pub async fn confirm_email(
    State(state): State<AppState>,
    Extension(pages): Extension<Pages>,
    parts: Parts,
    fields: Fields,
) -> Response {
    let to = if authenticated(&parts).is_some() {
        "/espace/profil?ok=email-confirmee"
    } else {
        "/connexion?ok=email-change"
    };
    let done = accounts::confirm_email_change(&state.db, fields.get("jeton"), chrono::Utc::now())
        .await
        .map(|()| to.to_owned());
    pages.answer(parts, "/email/confirmer", &fields, done).await
}

/// POST /connexion/deverrouiller: lifts a suspended log-in from the link
/// emailed to its owner.
pub async fn unlock_log_in(
    State(state): State<AppState>,
    Extension(pages): Extension<Pages>,
    parts: Parts,
    fields: Fields,
) -> Response {
    let done = accounts::unlock_log_in(&state.db, fields.get("jeton"), chrono::Utc::now())
        .await
        .map(|()| "/connexion?ok=deverrouille".to_owned());
    pages
        .answer(parts, "/connexion/deverrouiller", &fields, done)
        .await
}

/// POST /deconnexion: ends this session.
pub async fn log_out(State(state): State<AppState>, parts: Parts) -> Response {
    if let Some(auth) = authenticated(&parts)
        && sessions::end(&state.db, &auth.session_hash).await.is_err()
    {
        return error_page(StatusCode::SERVICE_UNAVAILABLE);
    }
    signed_out(&state, "/connexion?ok=deconnexion")
}

const PROFILE: &str = "/espace/profil";
const LOG_IN_FIRST: &str = "/connexion?ok=session&suite=/espace/profil";

/// POST /espace/profil: the forms of "Mon profil", told apart by `action`.
pub async fn profile(
    State(state): State<AppState>,
    Extension(pages): Extension<Pages>,
    parts: Parts,
    fields: Fields,
) -> Response {
    let Some(auth) = authenticated(&parts) else {
        return see_other(LOG_IN_FIRST);
    };
    let ip = client_ip(&parts);
    let origin = origin(&state, &parts, &ip);
    let user_id = auth.user.id;
    let result = match fields.get("action") {
        "informations" => {
            accounts::update_names(&state.db, user_id, fields.get("prenom"), fields.get("nom"))
                .await
                .map(|()| "informations")
        }
        "email" => accounts::request_email_change(
            &state.db,
            &origin,
            user_id,
            fields.get("nouvel_email"),
            fields.get("mot_de_passe_email"),
        )
        .await
        .map(|()| "email"),
        "mot-de-passe" => {
            return match accounts::change_password(
                &state.db,
                &origin,
                user_id,
                fields.get("mot_de_passe_actuel"),
                fields.get("nouveau_mot_de_passe"),
            )
            .await
            {
                // The session goes on under a new id (ASVS 3.3.x).
                Ok(secret) => with_session(&state, &format!("{PROFILE}?ok=mot-de-passe"), &secret),
                Err(error) => pages.refused(parts, PROFILE, &fields, error).await,
            };
        }
        "candidat" => return save_encart(&state, &pages, &auth.user, parts, &fields).await,
        "session" => sessions::end_own(&state.db, user_id, fields.get("session"))
            .await
            .map_err(|e| match e {
                DomainError::NotFound => {
                    DomainError::invalid("session", "Cette session est déjà fermée.")
                }
                other => other,
            })
            .map(|()| "session"),
        "suppression" => {
            return match accounts::delete_account(
                &state.db,
                &state.search,
                &origin,
                user_id,
                fields.get("mot_de_passe_suppression"),
            )
            .await
            {
                Ok(_) => signed_out(&state, "/connexion?ok=compte-supprime"),
                Err(error) => pages.refused(parts, PROFILE, &fields, error).await,
            };
        }
        _ => return error_page(StatusCode::BAD_REQUEST),
    };
    match result {
        Ok(done) => see_other(&format!("{PROFILE}?ok={done}")),
        Err(error) => pages.refused(parts, PROFILE, &fields, error).await,
    }
}

/// The "encart candidat" of "Mon profil" (C2): saved, or shown again with
/// its French errors and the boxes that were ticked.
async fn save_encart(
    state: &AppState,
    pages: &Pages,
    user: &domain::model::CurrentUser,
    parts: Parts,
    fields: &Fields,
) -> Response {
    let form = domain::accounts::encart::ProfileForm {
        status: fields.get("statut").to_owned(),
        availability: fields.get("disponibilite").to_owned(),
        available_from: fields.get("disponible_le").to_owned(),
        diplomas: fields.all("diplomes"),
        job_families: fields.all("metiers"),
        places: (1..=domain::model::MAX_WANTED_PLACES)
            .map(|i| fields.get(&format!("lieu_{i}")).to_owned())
            .collect(),
        mobility_km: fields.get("mobilite").to_owned(),
        licences: fields.all("permis"),
        experience_years: fields.get("experience").to_owned(),
        phone: fields.get("telephone").to_owned(),
    };
    let saved = domain::accounts::encart::save_profile(
        &state.db,
        &state.places,
        user,
        form,
        chrono::Utc::now(),
    )
    .await;
    match saved {
        Ok(()) => see_other(&format!("{PROFILE}?ok=candidat#encart")),
        Err(error) => {
            let mut values: std::collections::BTreeMap<String, String> =
                fields.0.clone().into_iter().collect();
            for name in ["diplomes", "metiers", "permis"] {
                values.insert(name.to_owned(), fields.all(name).join(","));
            }
            pages
                .refused_with(parts, PROFILE, values, error, None)
                .await
        }
    }
}

/// GET /espace/profil/donnees.json: C9 "télécharger mes données".
pub async fn export(State(state): State<AppState>, parts: Parts) -> Response {
    let Some(auth) = authenticated(&parts) else {
        return see_other(LOG_IN_FIRST);
    };
    match accounts::export(&state.db, auth.user.id).await {
        Ok(data) => (
            [
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"jobtomove-mes-donnees.json\"",
                ),
                (header::CACHE_CONTROL, "private, no-store"),
            ],
            Json(data),
        )
            .into_response(),
        Err(error) => error_response(&error),
    }
}

/// Accounts' routes.
pub fn routes() -> Routes {
    use axum::routing::{get, post};
    Routes::new()
        .route("POST", "/connexion", post(log_in))
        .route("POST", "/inscription", post(sign_up))
        .route("POST", "/inscription/recruteur", post(sign_up_recruiter))
        .route("POST", "/verification", post(verify_address))
        .route("POST", "/mot-de-passe-oublie", post(forgot_password))
        .route("POST", "/mot-de-passe/nouveau", post(reset_password))
        .route("POST", "/email/confirmer", post(confirm_email))
        .route("POST", "/connexion/deverrouiller", post(unlock_log_in))
        .route("POST", "/deconnexion", post(log_out))
        .route("POST", "/espace/profil", post(profile))
        .route("GET", "/espace/profil/donnees.json", get(export))
}
