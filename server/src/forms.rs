//! The posted forms of accounts (C1, C9, R1). Each handler reads the form,
//! calls one domain flow and answers with a redirect (303) when it worked,
//! or with the same page rendered again with the French errors next to the
//! fields (and what was typed, passwords excepted) when it did not.

use crate::auth::{authenticated, clear_cookie, client_ip, secure_cookies, session_cookie};
use crate::router::error_page;
use app::session::FormOutcome;
use app::shell;
use app::state::AppState;
use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header, request::Parts};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use domain::DomainError;
use domain::accounts::{self, Organisation, Origin, SignUp};
use domain::auth::sessions;
use domain::model::safe_return_path;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use std::collections::HashMap;
use std::sync::Arc;

/// Renders a Leptos page from a handler, with a form's outcome in context.
#[derive(Clone)]
pub struct Pages {
    context: Arc<dyn Fn() + Send + Sync>,
    options: LeptosOptions,
}

impl Pages {
    pub fn new(context: impl Fn() + Send + Sync + 'static, options: LeptosOptions) -> Self {
        Self {
            context: Arc::new(context),
            options,
        }
    }

    /// The page at `path`, as a GET of it would render, with `outcome`.
    pub async fn render(
        &self,
        mut parts: Parts,
        path: &str,
        outcome: FormOutcome,
        status: StatusCode,
    ) -> Response {
        parts.method = Method::GET;
        parts.uri = path.parse().unwrap_or_default();
        let context = self.context.clone();
        let options = self.options.clone();
        let handler = leptos_axum::render_app_async_with_context(
            move || {
                context();
                provide_context(outcome.clone());
            },
            move || shell(options.clone()),
        );
        let mut response = handler(Request::from_parts(parts, Body::empty()))
            .await
            .into_response();
        *response.status_mut() = status;
        response
    }

    /// The page at `path` again, showing why `error` refused the form.
    async fn refused(
        &self,
        parts: Parts,
        path: &str,
        fields: &Fields,
        error: DomainError,
    ) -> Response {
        let values = fields
            .0
            .iter()
            .filter(|(name, _)| !name.contains("mot_de_passe") && name.as_str() != "jeton")
            .map(|(name, value)| (name.clone(), value.clone()))
            .chain(
                fields
                    .0
                    .get("jeton")
                    .map(|token| ("jeton".to_owned(), token.clone())),
            )
            .collect();
        self.refused_with(parts, path, values, error, None).await
    }

    /// The page at `path` again with `values` typed and why `error` refused
    /// the form; `note` adds to the message of an `Invalid` form.
    pub async fn refused_with(
        &self,
        parts: Parts,
        path: &str,
        values: std::collections::BTreeMap<String, String>,
        error: DomainError,
        note: Option<&str>,
    ) -> Response {
        let status =
            StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let outcome = match error {
            DomainError::Invalid(errors) => FormOutcome {
                values,
                errors,
                message: note.map(str::to_owned),
            },
            other => FormOutcome {
                values,
                errors: Default::default(),
                message: Some(other.user_message()),
            },
        };
        self.render(parts, path, outcome, status).await
    }
}

/// An `application/x-www-form-urlencoded` body as name → value (the first
/// value of a repeated name). A body that cannot be read gets a French
/// error page with its status (413 when too large).
pub struct Fields(pub HashMap<String, String>, pub Vec<(String, String)>);

impl Fields {
    pub fn get(&self, name: &str) -> &str {
        self.0.get(name).map_or("", String::as_str)
    }

    /// Every value of `name`, in order (checkboxes).
    pub fn all(&self, name: &str) -> Vec<String> {
        self.1
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .collect()
    }
}

impl<S: Send + Sync> FromRequest<S> for Fields {
    type Rejection = Response;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|e| error_page(e.status()))?;
        let mut fields = HashMap::new();
        let mut all = Vec::new();
        for (name, value) in form_urlencoded::parse(&bytes) {
            fields
                .entry(name.to_string())
                .or_insert_with(|| value.to_string());
            all.push((name.into_owned(), value.into_owned()));
        }
        Ok(Self(fields, all))
    }
}

/// "303 See Other" to `path`.
pub fn see_other(path: &str) -> Response {
    let location = HeaderValue::from_str(path).unwrap_or_else(|_| HeaderValue::from_static("/"));
    (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response()
}

/// "303 See Other" to `path`, with the cookie of the session `secret`.
fn signed_in(state: &AppState, path: &str, secret: &str) -> Response {
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

pub fn origin<'a>(state: &'a AppState, parts: &'a Parts, ip: &'a str) -> Origin<'a> {
    Origin {
        site: &state.site.public_url,
        ip,
        user_agent: parts
            .headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or(""),
        now: chrono::Utc::now(),
    }
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
        Ok((secret, _)) => {
            if let Some(previous) = authenticated(&parts) {
                let _ = sessions::end(&state.db, &previous.session_hash).await;
            }
            let next = safe_return_path(fields.get("suite"))
                .filter(|p| !p.is_empty())
                .unwrap_or("/espace/profil");
            signed_in(&state, next, &secret)
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
    match accounts::sign_up(
        &state.db,
        &origin(&state, &parts, &ip),
        &sign_up_form(&fields),
        None,
    )
    .await
    {
        Ok(_) => see_other("/connexion?ok=inscription"),
        Err(error) => pages.refused(parts, "/inscription", &fields, error).await,
    }
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
    .await;
    match result {
        Ok(_) => see_other("/connexion?ok=inscription"),
        Err(error) => {
            pages
                .refused(parts, "/inscription/recruteur", &fields, error)
                .await
        }
    }
}

/// POST /verification
pub async fn verify_address(
    State(state): State<AppState>,
    Extension(pages): Extension<Pages>,
    parts: Parts,
    fields: Fields,
) -> Response {
    match accounts::verify_address(&state.db, fields.get("jeton"), chrono::Utc::now()).await {
        Ok(()) => see_other("/connexion?ok=adresse-confirmee"),
        Err(error) => pages.refused(parts, "/verification", &fields, error).await,
    }
}

/// POST /mot-de-passe-oublie
pub async fn forgot_password(
    State(state): State<AppState>,
    Extension(pages): Extension<Pages>,
    parts: Parts,
    fields: Fields,
) -> Response {
    let ip = client_ip(&parts);
    match accounts::request_password_reset(
        &state.db,
        &origin(&state, &parts, &ip),
        fields.get("email"),
    )
    .await
    {
        Ok(()) => see_other("/mot-de-passe-oublie?ok=email-envoye"),
        Err(error) => {
            pages
                .refused(parts, "/mot-de-passe-oublie", &fields, error)
                .await
        }
    }
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
    match accounts::confirm_email_change(&state.db, fields.get("jeton"), chrono::Utc::now()).await {
        Ok(()) if authenticated(&parts).is_some() => see_other("/espace/profil?ok=email-confirmee"),
        Ok(()) => see_other("/connexion?ok=email-change"),
        Err(error) => {
            pages
                .refused(parts, "/email/confirmer", &fields, error)
                .await
        }
    }
}

/// POST /connexion/deverrouiller: lifts a suspended log-in from the link
/// emailed to its owner.
pub async fn unlock_log_in(
    State(state): State<AppState>,
    Extension(pages): Extension<Pages>,
    parts: Parts,
    fields: Fields,
) -> Response {
    match accounts::unlock_log_in(&state.db, fields.get("jeton"), chrono::Utc::now()).await {
        Ok(()) => see_other("/connexion?ok=deverrouille"),
        Err(error) => {
            pages
                .refused(parts, "/connexion/deverrouiller", &fields, error)
                .await
        }
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
    match domain::applications::confirm_replacement(
        &state.db,
        &state.storage,
        &origin,
        fields.get("jeton"),
    )
    .await
    {
        Ok(offer) => see_other(&format!("{offer}?candidature=remplacee#postuler")),
        Err(error) => {
            pages
                .refused(parts, "/candidature/remplacer", &fields, error)
                .await
        }
    }
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
                Ok(secret) => signed_in(&state, &format!("{PROFILE}?ok=mot-de-passe"), &secret),
                Err(error) => pages.refused(parts, PROFILE, &fields, error).await,
            };
        }
        "candidat" => {
            let form = domain::candidates::ProfileForm {
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
            let saved = domain::candidates::save_profile(
                &state.db,
                &state.places,
                &auth.user,
                form,
                origin.now,
            )
            .await;
            return match saved {
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
            };
        }
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
                &origin,
                user_id,
                fields.get("mot_de_passe_suppression"),
            )
            .await
            {
                Ok(unpublished) => {
                    for id in unpublished {
                        if let Err(error) = state.search.refresh_offer(&state.db, id).await {
                            tracing::error!(offer_id = id, %error, "search index not updated after an account deletion");
                        }
                    }
                    signed_out(&state, "/connexion?ok=compte-supprime")
                }
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
        Err(error) => error_page(
            StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        ),
    }
}
