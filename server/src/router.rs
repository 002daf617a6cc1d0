//! The axum router: Leptos pages and server functions, static files, health,
//! and the layers every response goes through.

use crate::{auth, candidate, forms, health, html, messages, recruiter, seo};
use app::state::AppState;
use app::{App, shell};
use axum::{
    Router,
    body::Body,
    extract::DefaultBodyLimit,
    http::{HeaderValue, Response, StatusCode, header},
    routing::{get, post},
};
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, file_and_error_handler_with_context, generate_route_list};
use std::any::Any;
use tower::ServiceBuilder;
use tower_http::{
    catch_panic::CatchPanicLayer,
    compression::CompressionLayer,
    services::ServeDir,
    set_header::SetResponseHeaderLayer,
    trace::{DefaultOnResponse, TraceLayer},
};
use tracing::Level;

/// Request bodies larger than this are refused (413) before any handler
/// runs, except on the upload routes below.
pub const BODY_LIMIT: usize = 256 * 1024;
/// An application: a CV, a cover letter and the texts.
pub const APPLICATION_BODY_LIMIT: usize = 2 * domain::model::DOCUMENT_MAX_BYTES + 1024 * 1024;
/// A dossier: a CV, a letter, a video and the texts.
pub const DOSSIER_BODY_LIMIT: usize =
    2 * domain::model::DOCUMENT_MAX_BYTES + domain::model::VIDEO_MAX_BYTES + 1024 * 1024;

/// A logo and the form around it.
pub const LOGO_BODY_LIMIT: usize = domain::model::LOGO_MAX_BYTES + 64 * 1024;

/// The largest body a request to `path` may send.
fn body_limit(path: &str) -> usize {
    if path.starts_with("/offres/") && path.ends_with("/postuler") {
        APPLICATION_BODY_LIMIT
    } else if path.starts_with("/espace/dossiers") {
        DOSSIER_BODY_LIMIT
    } else if path == "/recruteur/entreprise/logo" {
        LOGO_BODY_LIMIT
    } else {
        BODY_LIMIT
    }
}

/// How long a request to `path` may take, body included: uploads from a
/// phone on a slow network take minutes, anything else seconds.
fn request_deadline(path: &str) -> std::time::Duration {
    if body_limit(path) > BODY_LIMIT {
        std::time::Duration::from_secs(15 * 60)
    } else {
        std::time::Duration::from_secs(30)
    }
}

/// Middleware: a request that takes longer than [`request_deadline`]
/// (a body sent a byte at a time, say) is answered 408 and dropped.
async fn deadline(request: axum::extract::Request, next: axum::middleware::Next) -> Response<Body> {
    let limit = request_deadline(request.uri().path());
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::warn!("request timed out");
            error_page(StatusCode::REQUEST_TIMEOUT)
        }
    }
}

/// Middleware: an error that reaches the browser is always the French
/// error page. axum's extractors answer their rejections in English plain
/// text ("Failed to deserialize form body…", "Invalid URL…") and its router
/// answers 405 with no body at all: those become the page of their status.
/// Server functions (`/api/`) keep their typed error bodies.
async fn french_errors(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response<Body> {
    let is_api = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    let status = response.status();
    let plain = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_none_or(|t| t.to_str().is_ok_and(|t| t.starts_with("text/plain")));
    if is_api || !(status.is_client_error() || status.is_server_error()) || !plain {
        return response;
    }
    let mut page = error_page(status);
    if let Some(allow) = response.headers().get(header::ALLOW) {
        page.headers_mut().insert(header::ALLOW, allow.clone());
    }
    page
}

/// Middleware: caps every request body at [`body_limit`] of its path — at
/// once from `Content-Length`, and while it is read whatever it claims.
async fn limit_bodies(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response<Body> {
    let limit = body_limit(request.uri().path());
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit as u64) {
        return error_page(StatusCode::PAYLOAD_TOO_LARGE);
    }
    let request = request.map(|body| Body::new(http_body_util::Limited::new(body, limit)));
    next.run(request).await
}

/// The app's routes, listed once per process. While Leptos walks the app
/// to list them it suppresses resource loads process-wide, and a page
/// rendered in that window would wait forever (leptos#4773): tests build
/// many routers while others serve pages, so the walk happens once, before
/// anything is served.
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// Builds the whole application.
pub fn build(state: AppState) -> Router {
    build_with(state, Router::new())
}

/// Builds the application with `extra` routes behind the same layers (tests
/// use it to mount handlers that misbehave).
pub fn build_with(state: AppState, extra: Router<AppState>) -> Router {
    let routes = route_list();
    let site = state.site.clone();
    let options = state.leptos_options.clone();
    let assets = crate::assets::resolve(&options);
    let context = {
        let state = state.clone();
        move || {
            provide_context(state.clone());
            provide_context(site.clone());
            provide_context(assets.clone());
        }
    };
    let pages = forms::Pages::new(context.clone(), options.clone());
    let pkg_dir = format!("{}/{}", options.site_root, options.site_pkg_dir);
    let pkg_cache = HeaderValue::from_static(if options.hash_files {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    });
    let hsts = state.site.public_url.starts_with("https://");

    let pkg = ServiceBuilder::new()
        // Only files that exist are kept for good: a 404 (a file of an
        // older build, a typo) must be asked again.
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            move |response: &Response<_>| {
                Some(if response.status().is_success() {
                    pkg_cache.clone()
                } else {
                    HeaderValue::from_static("no-store")
                })
            },
        ))
        .service(
            ServeDir::new(pkg_dir)
                .precompressed_br()
                .precompressed_gzip(),
        );

    let router = extra
        .merge(form_routes())
        .route("/health", get(health::check))
        .route("/robots.txt", get(seo::robots))
        .route("/sitemap.xml", get(seo::index))
        .route("/sitemaps/{name}", get(seo::part))
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let options = options.clone();
            move || shell(options.clone())
        })
        .nest_service(&format!("/{}", options.site_pkg_dir), pkg)
        .fallback(file_and_error_handler_with_context::<AppState, _>(
            context, shell,
        ));
    let cache = crate::page_cache::PageCache::default();
    let router = router
        .layer(axum::Extension(pages))
        .layer(axum::Extension(cache.clone()))
        .layer(axum::middleware::from_fn(api_error_status))
        .layer(axum::middleware::from_fn(html::tidy_pages))
        .layer(axum::middleware::from_fn_with_state(
            (state.clone(), cache),
            crate::page_cache::serve,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::sessions,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::same_origin_only,
        ))
        .layer(CompressionLayer::new())
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(axum::middleware::from_fn(limit_bodies))
        .layer(axum::middleware::from_fn(deadline))
        .layer(axum::middleware::from_fn(french_errors));
    // Outermost: every response gets them, the refusals of the layers
    // above (413, 408, a panic's 500) included.
    with_security_headers(router, hsts)
        .layer(
            // The path only: query strings may carry emailed tokens.
            TraceLayer::new_for_http()
                .make_span_with(|request: &axum::http::Request<Body>| {
                    tracing::info_span!("request", method = %request.method(), path = request.uri().path())
                })
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .with_state(state)
}

/// The routes that are not Leptos pages: every one is in
/// the authorization matrix (server/tests/authorization.rs).
pub const AXUM_ROUTES: &[(&str, &str)] = &[
    ("POST", "/connexion"),
    ("POST", "/inscription"),
    ("POST", "/inscription/recruteur"),
    ("POST", "/verification"),
    ("POST", "/mot-de-passe-oublie"),
    ("POST", "/mot-de-passe/nouveau"),
    ("POST", "/email/confirmer"),
    ("POST", "/connexion/deverrouiller"),
    ("POST", "/candidature/remplacer"),
    ("POST", "/deconnexion"),
    ("POST", "/espace/profil"),
    ("POST", "/offres/{offer}/postuler"),
    ("POST", "/offres/{offer}/favori"),
    ("POST", "/espace/dossiers"),
    ("POST", "/espace/dossiers/{id}"),
    ("GET", "/fichiers/{id}"),
    ("POST", "/recruteur/offres"),
    ("POST", "/recruteur/offres/{id}"),
    ("POST", "/recruteur/offres/lot"),
    ("POST", "/recruteur/candidatures/{id}"),
    ("POST", "/recruteur/favoris"),
    ("POST", "/recruteur/entreprise"),
    ("POST", "/recruteur/entreprise/logo"),
    ("POST", "/recruteur/entreprise/membres"),
    ("POST", "/messages/ouvrir"),
    ("POST", "/messages/blocages"),
    ("POST", "/messages/{id}"),
    ("GET", "/logos/{key}"),
    ("GET", "/espace/profil/donnees.json"),
    ("GET", "/health"),
    ("GET", "/robots.txt"),
    ("GET", "/sitemap.xml"),
    ("GET", "/sitemaps/{name}"),
];

fn form_routes() -> Router<AppState> {
    Router::new()
        .route("/connexion", post(forms::log_in))
        .route("/inscription", post(forms::sign_up))
        .route("/inscription/recruteur", post(forms::sign_up_recruiter))
        .route("/verification", post(forms::verify_address))
        .route("/mot-de-passe-oublie", post(forms::forgot_password))
        .route("/mot-de-passe/nouveau", post(forms::reset_password))
        .route("/email/confirmer", post(forms::confirm_email))
        .route("/connexion/deverrouiller", post(forms::unlock_log_in))
        .route("/candidature/remplacer", post(forms::confirm_replacement))
        .route("/deconnexion", post(forms::log_out))
        .route("/espace/profil", post(forms::profile))
        .route("/espace/profil/donnees.json", get(forms::export))
        .route(
            "/offres/{offer}/postuler",
            post(candidate::apply).layer(DefaultBodyLimit::disable()),
        )
        .route("/offres/{offer}/favori", post(candidate::save_offer))
        .route(
            "/espace/dossiers",
            post(candidate::create_dossier).layer(DefaultBodyLimit::disable()),
        )
        .route(
            "/espace/dossiers/{id}",
            post(candidate::change_dossier).layer(DefaultBodyLimit::disable()),
        )
        .route("/fichiers/{id}", get(candidate::download))
        .route("/recruteur/offres", post(recruiter::create_offer))
        .route("/recruteur/offres/{id}", post(recruiter::change_offer))
        .route("/recruteur/offres/lot", post(recruiter::bulk_offers))
        .route("/recruteur/favoris", post(recruiter::favorite))
        .route("/recruteur/entreprise", post(recruiter::edit_company))
        .route(
            "/recruteur/entreprise/logo",
            post(recruiter::change_logo).layer(DefaultBodyLimit::disable()),
        )
        .route(
            "/recruteur/entreprise/membres",
            post(recruiter::decide_member),
        )
        .route("/logos/{key}", get(recruiter::logo))
        .route("/messages/ouvrir", post(messages::open))
        .route("/messages/blocages", post(messages::block))
        .route("/messages/{id}", post(messages::send))
        .route(
            "/recruteur/candidatures/{id}",
            post(recruiter::change_application),
        )
}

/// Every endpoint of the application: (method, path) of the Leptos pages,
/// the server functions and the routes above.
pub fn endpoints() -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = route_list()
        .into_iter()
        .map(|route| ("GET".to_owned(), route.path().to_owned()))
        .collect();
    all.extend(
        leptos::server_fn::axum::server_fn_paths()
            .map(|(path, method)| (method.to_string(), path.to_owned())),
    );
    all.extend(
        AXUM_ROUTES
            .iter()
            .map(|(m, p)| ((*m).to_owned(), (*p).to_owned())),
    );
    all.sort();
    all.dedup();
    all
}

/// Middleware: a server function that fails answers 500 whatever the
/// error; its body is the `DomainError` as JSON, so the status it maps to
/// (403, 404, 422, 429…) is set from it, in the same place as for pages.
async fn api_error_status(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response<Body> {
    let is_api = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    if !is_api || response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return error_page(StatusCode::INTERNAL_SERVER_ERROR);
    };
    if let Ok(error) = serde_json::from_slice::<domain::DomainError>(&bytes) {
        parts.status =
            StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// A small French error page (no Leptos render: used where rendering
/// failed or is not worth it).
pub fn error_body(title: &str, text: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>{title} — JobToMove</title></head>\
         <body><h1>{title}</h1><p>{text}</p><p><a href=\"/\">Retour à l'accueil</a></p></body></html>"
    )
}

/// [`error_body`] as a response with `status`.
pub fn error_page(status: StatusCode) -> Response<Body> {
    let text = match status.as_u16() {
        400 => "Cette demande est mal formée.",
        403 => "Vous n'avez pas accès à cette page.",
        404 => "Cette page n'existe pas ou plus.",
        405 => "Cette adresse ne s'utilise pas ainsi.",
        408 => "Cette demande a pris trop de temps. Vérifiez votre connexion et réessayez.",
        413 => "Les données envoyées sont trop volumineuses.",
        415 => "Le format des données envoyées n'est pas accepté.",
        429 => "Trop de tentatives en peu de temps. Réessayez dans quelques minutes.",
        _ => "Une erreur est survenue de notre côté. Réessayez dans un instant.",
    };
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "text/html; charset=utf-8")
        .body(Body::from(error_body("Un problème est survenu", text)))
        .expect("a static response is valid")
}

/// Headers every response carries. Pages set their own Content-Security-Policy
/// (with the script nonce); anything else gets a policy that allows nothing.
fn with_security_headers(router: Router<AppState>, hsts: bool) -> Router<AppState> {
    let fixed = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "strict-origin-when-cross-origin"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (
            header::HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=(), payment=()",
        ),
        (
            header::HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; frame-ancestors 'none'",
        ),
    ];
    let router = fixed.into_iter().fold(router, |router, (name, value)| {
        router.layer(SetResponseHeaderLayer::if_not_present(
            name,
            HeaderValue::from_static(value),
        ))
    });
    if hsts {
        router.layer(SetResponseHeaderLayer::if_not_present(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=63072000; includeSubDomains"),
        ))
    } else {
        router
    }
}

/// A panicking handler answers 500 with a French page; the cause is logged,
/// never shown.
fn panic_response(panic: Box<dyn Any + Send + 'static>) -> Response<Body> {
    let detail = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("unknown panic");
    tracing::error!(panic = detail, "a request handler panicked");
    error_page(StatusCode::INTERNAL_SERVER_ERROR)
}
