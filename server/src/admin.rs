//! The admin space's posted forms (A1–A3): the second factor, the inbox's
//! cases, groups, companies and accounts. Every handler takes [`Admin`]
//! (the second factor passed) except the factor's own; each calls one
//! domain service, which writes its audit event; a refused form is shown
//! again with its French errors.

use crate::http::Routes;
use crate::http::error::error_page;
use crate::http::form::{Fields, Pages, see_other};
use crate::http::page_cache::PageCache;
use crate::http::principals::{Admin, AdminSession, FACTOR_PAGE};
use app::session::FormOutcome;
use app::state::AppState;
use axum::Extension;
use axum::extract::{Path, State};
use axum::http::{StatusCode, request::Parts};
use axum::response::Response;
use domain::DomainError;
use domain::admin::{cases, companies, factor, groups};
use domain::model::CaseStatus;

/// Where an administrator lands: the inbox.
pub const HOME: &str = "/admin";

/// After an action: back to `page` with `ok`, or the page again with the
/// form's errors.
async fn answer(
    pages: &Pages,
    cache: &PageCache,
    parts: Parts,
    page: &str,
    fields: &Fields,
    done: Result<&str, DomainError>,
) -> Response {
    match done {
        Ok(ok) => {
            // Company and group pages are cached; what changed shows at once.
            cache.clear();
            let sep = if page.contains('?') { '&' } else { '?' };
            see_other(&format!("{page}{sep}ok={ok}"))
        }
        Err(DomainError::NotFound) => error_page(StatusCode::NOT_FOUND),
        Err(error) => pages.refused(parts, page, fields, error).await,
    }
}

/// POST /admin/verification: confirms the enrolment (`action=activer`,
/// then shows the recovery codes once) or passes the second factor.
pub async fn second_factor(
    State(state): State<AppState>,
    Extension(pages): Extension<Pages>,
    AdminSession(user, session): AdminSession,
    parts: Parts,
    fields: Fields,
) -> Response {
    let now = chrono::Utc::now();
    let code = fields.get("code");
    if fields.get("action") == "activer" {
        return match factor::confirm(&state.db, &user, &session, code, now).await {
            Ok(codes) => {
                let outcome = FormOutcome {
                    values: [("codes".to_owned(), codes.join("\n"))].into(),
                    ..FormOutcome::default()
                };
                pages
                    .render(parts, FACTOR_PAGE, outcome, StatusCode::OK)
                    .await
            }
            Err(error) => pages.refused(parts, FACTOR_PAGE, &fields, error).await,
        };
    }
    match factor::verify(&state.db, &user, &session, code, now).await {
        Ok(()) => {
            let next = domain::model::safe_return_path(fields.get("suite"))
                .filter(|p| p.starts_with("/admin") && *p != FACTOR_PAGE)
                .unwrap_or(HOME);
            see_other(next)
        }
        Err(error) => pages.refused(parts, FACTOR_PAGE, &fields, error).await,
    }
}

fn id_field(fields: &Fields, name: &str, message: &str) -> Result<i64, DomainError> {
    fields
        .get(name)
        .trim()
        .parse()
        .map_err(|_| DomainError::invalid(name, message))
}

/// POST /admin/demandes/{id}: `action` = statut, attribuer, note, repondre.
pub async fn case(
    State(state): State<AppState>,
    Extension(pages): Extension<Pages>,
    Extension(cache): Extension<PageCache>,
    Admin(admin): Admin,
    Path(id): Path<i64>,
    parts: Parts,
    fields: Fields,
) -> Response {
    let now = chrono::Utc::now();
    let db = &state.db;
    let done = match fields.get("action") {
        "statut" => match CaseStatus::from_code(fields.get("statut")) {
            Some(status) => cases::set_status(db, &admin, id, status, now)
                .await
                .map(|()| "statut"),
            None => Err(DomainError::invalid("statut", "Choisissez un statut.")),
        },
        "attribuer" => {
            let assignee = fields.get("responsable").parse::<i64>().ok();
            cases::assign(db, &admin, id, assignee, now)
                .await
                .map(|()| "attribuee")
        }
        "note" => cases::add_note(db, &admin, id, fields.get("note"), now)
            .await
            .map(|()| "note"),
        "repondre" => cases::reply(
            db,
            &admin,
            id,
            fields.get("reponse"),
            &state.site.public_url,
            now,
        )
        .await
        .map(|()| "reponse"),
        _ => return error_page(StatusCode::BAD_REQUEST),
    };
    answer(
        &pages,
        &cache,
        parts,
        &format!("/admin/demandes/{id}"),
        &fields,
        done,
    )
    .await
}

/// POST /admin/groupes: creates a group.
pub async fn create_group(
    State(state): State<AppState>,
    Extension(pages): Extension<Pages>,
    Extension(cache): Extension<PageCache>,
    Admin(admin): Admin,
    parts: Parts,
    fields: Fields,
) -> Response {
    let done = groups::create(&state.db, &admin, &fields.parse(), chrono::Utc::now())
        .await
        .map(|_| "groupe-cree");
    answer(&pages, &cache, parts, "/admin/groupes", &fields, done).await
}

/// POST /admin/groupes/{id}: `action` = modifier, rattacher (`entreprise`),
/// detacher (`entreprise`).
pub async fn group(
    State(state): State<AppState>,
    Extension(pages): Extension<Pages>,
    Extension(cache): Extension<PageCache>,
    Admin(admin): Admin,
    Path(id): Path<i64>,
    parts: Parts,
    fields: Fields,
) -> Response {
    let now = chrono::Utc::now();
    let db = &state.db;
    let company = || {
        id_field(
            &fields,
            "entreprise",
            "Indiquez le numéro de l'entreprise (il figure dans l'administration des entreprises).",
        )
    };
    let done = match fields.get("action") {
        "modifier" => groups::update(db, &admin, id, &fields.parse(), now)
            .await
            .map(|()| "groupe-modifie"),
        "rattacher" => match company() {
            Ok(company) => groups::attach(db, &admin, id, company, now)
                .await
                .map(|()| "rattachee"),
            Err(error) => Err(error),
        },
        "detacher" => match company() {
            Ok(company) => groups::detach(db, &admin, company, now)
                .await
                .map(|()| "detachee"),
            Err(error) => Err(error),
        },
        _ => return error_page(StatusCode::BAD_REQUEST),
    };
    answer(
        &pages,
        &cache,
        parts,
        &format!("/admin/groupes#groupe-{id}"),
        &fields,
        done,
    )
    .await
}

/// POST /admin/entreprises/{id}: `action` = proprietaire (`recruteur`),
/// fusionner (`cible`), detacher (`recruteur`), confier (`de`, `a`); each
/// with its `motif`.
pub async fn company(
    State(state): State<AppState>,
    Extension(pages): Extension<Pages>,
    Extension(cache): Extension<PageCache>,
    Admin(admin): Admin,
    Path(id): Path<i64>,
    parts: Parts,
    fields: Fields,
) -> Response {
    let now = chrono::Utc::now();
    let db = &state.db;
    let reason = fields.get("motif");
    let page = format!("/admin/entreprises/{id}");
    let done = match fields.get("action") {
        "proprietaire" => match id_field(
            &fields,
            if fields.get("recruteur_autre").trim().is_empty() {
                "recruteur"
            } else {
                "recruteur_autre"
            },
            "Choisissez le nouveau propriétaire.",
        ) {
            Ok(to) => companies::transfer_owner(db, &admin, id, to, reason, now)
                .await
                .map(|()| "proprietaire"),
            Err(error) => Err(error),
        },
        "fusionner" => match id_field(&fields, "cible", "Indiquez le numéro de la fiche à garder.")
        {
            Ok(into) => {
                let merged = companies::merge(db, &admin, id, into, reason, now).await;
                if merged.is_ok() {
                    cache.clear();
                    return see_other(&format!("/admin/entreprises/{into}?ok=fusionnee"));
                }
                merged.map(|()| "fusionnee")
            }
            Err(error) => Err(error),
        },
        "detacher" => match id_field(&fields, "recruteur", "Choisissez le recruteur.") {
            Ok(who) => companies::detach_recruiter(db, &admin, who, reason, now)
                .await
                .map(|()| "detache"),
            Err(error) => Err(error),
        },
        "confier" => match (
            id_field(&fields, "de", "Choisissez le recruteur parti."),
            id_field(
                &fields,
                "a",
                "Choisissez le recruteur qui reprend les offres.",
            ),
        ) {
            (Ok(from), Ok(to)) => companies::hand_over(db, &admin, id, from, to, reason, now)
                .await
                .map(|_| "confiees"),
            (Err(error), _) | (_, Err(error)) => Err(error),
        },
        _ => return error_page(StatusCode::BAD_REQUEST),
    };
    answer(&pages, &cache, parts, &page, &fields, done).await
}

/// POST /admin/comptes/{id}: `action` = desactiver or reactiver, with its
/// `motif`; back to the page the form was on (`retour`).
pub async fn account(
    State(state): State<AppState>,
    Extension(pages): Extension<Pages>,
    Extension(cache): Extension<PageCache>,
    Admin(admin): Admin,
    Path(id): Path<i64>,
    parts: Parts,
    fields: Fields,
) -> Response {
    let now = chrono::Utc::now();
    let page = domain::model::safe_return_path(fields.get("retour"))
        .filter(|p| p.starts_with("/admin"))
        .unwrap_or(HOME)
        .to_owned();
    let done = match fields.get("action") {
        "desactiver" => companies::deactivate(&state.db, &admin, id, fields.get("motif"), now)
            .await
            .map(|()| "desactive"),
        "reactiver" => companies::reactivate(&state.db, &admin, id, fields.get("motif"), now)
            .await
            .map(|()| "reactive"),
        _ => return error_page(StatusCode::BAD_REQUEST),
    };
    answer(&pages, &cache, parts, &page, &fields, done).await
}

/// The admin space's routes.
pub fn routes() -> Routes {
    use axum::routing::post;
    Routes::new()
        .route("POST", FACTOR_PAGE, post(second_factor))
        .route("POST", "/admin/demandes/{id}", post(case))
        .route("POST", "/admin/groupes", post(create_group))
        .route("POST", "/admin/groupes/{id}", post(group))
        .route("POST", "/admin/entreprises/{id}", post(company))
        .route("POST", "/admin/comptes/{id}", post(account))
}
