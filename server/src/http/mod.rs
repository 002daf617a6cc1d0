//! The HTTP layer: the router (Leptos pages and server functions, each
//! area's `routes()`, static files) and the layers every response goes
//! through; errors, posted forms, sessions, uploads, the page cache and the
//! connections' timeouts in the modules below.

pub mod assets;
pub mod connections;
pub mod error;
pub mod form;
pub mod html;
pub mod page_cache;
pub mod principals;
pub mod session;
pub mod uploads;

use crate::{
    accounts, admin, alerts, applications, companies, contact, dossiers, files, health, messaging,
    moderation, offers, postings, seo,
};
use app::state::AppState;
use app::{App, shell};
use axum::{
    Router,
    body::Body,
    extract::{DefaultBodyLimit, State},
    http::{HeaderValue, Response, StatusCode, header},
};
use error::error_page;
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, file_and_error_handler_with_context, generate_route_list};
use std::any::Any;
use tower::{ServiceBuilder, util::MapResponseLayer};
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

/// Middleware: a request that may have changed the catalogue (any but GET
/// and HEAD) applies the change feed before it answers, so that the page it
/// leads to shows the change on this instance at once — whatever the
/// handler, and without any of them having to remember it. The other
/// instances follow within `feed::PERIOD`.
async fn follow_changes(
    State(state): State<AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response<Body> {
    let reads_only = matches!(
        *request.method(),
        axum::http::Method::GET | axum::http::Method::HEAD
    );
    let response = next.run(request).await;
    if !reads_only && let Err(error) = state.search.follow(&state.db).await {
        tracing::warn!(%error, "change feed not followed after a change");
    }
    response
}

/// Middleware: a refusal answered with [`error_page`] by a handler or an
/// extractor (an unknown offer posted to, a form too large…) becomes the
/// site's error page, with its header and navigation for the visitor, as a
/// GET of an unknown page does. JSON callers and files keep the bare answer.
async fn site_error_pages(
    State(pages): State<form::Pages>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response<Body> {
    let path = request.uri().path();
    if path.starts_with("/api/")
        || path.starts_with("/fichiers/")
        || path.starts_with("/logos/")
        || path.starts_with("/pkg/")
    {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let kept = parts.clone();
    let response = next
        .run(axum::extract::Request::from_parts(parts, body))
        .await;
    let Some(&app::ErrorStatus(_)) = response.extensions().get::<app::ErrorStatus>() else {
        return response;
    };
    if form::wants_json(&kept) {
        return response;
    }
    let mut page = pages.error(kept, response.status()).await;
    for name in [header::ALLOW, header::RETRY_AFTER] {
        if let Some(value) = response.headers().get(&name) {
            page.headers_mut().insert(name, value.clone());
        }
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
    let options = leptos::config::LeptosOptions::clone(&state.leptos_options);
    let assets = assets::resolve(&options);
    let context = {
        let state = state.clone();
        move || {
            provide_context(state.clone());
            provide_context(site.clone());
            provide_context(assets.clone());
        }
    };
    let pages = form::Pages::new(context.clone(), options.clone());
    let error_pages = pages.clone();
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
        .merge(self::routes().router)
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let options = options.clone();
            move || shell(options.clone())
        })
        .nest_service(&format!("/{}", options.site_pkg_dir), pkg)
        .fallback(file_and_error_handler_with_context::<AppState, _>(
            context, shell,
        ));
    let cache = page_cache::PageCache::new(state.search.clone());
    // The layers wrap the whole router once, outermost first. Added with
    // `Router::layer` they would wrap each route, one boxed service per
    // layer, and each layer clones the boxes under it at every request.
    let layers = ServiceBuilder::new()
        .layer(
            // The path only: query strings may carry emailed tokens; so does
            // the one-click unsubscribe path, logged without its token.
            TraceLayer::new_for_http()
                .make_span_with(|request: &axum::http::Request<Body>| {
                    let path = request.uri().path();
                    let path = if path.starts_with("/alertes/desabonnement/") {
                        "/alertes/desabonnement/…"
                    } else {
                        path
                    };
                    tracing::info_span!("request", method = %request.method(), path)
                })
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        // Every response gets them, the refusals of the layers below (413,
        // 408, a panic's 500) included.
        .layer(MapResponseLayer::new(move |response| {
            with_security_headers(response, hsts)
        }))
        .layer(axum::middleware::from_fn(french_errors))
        .layer(axum::middleware::from_fn(deadline))
        .layer(axum::middleware::from_fn(limit_bodies))
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(CompressionLayer::new())
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            session::same_origin_only,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            session::sessions,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            principals::admin_gate,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            offers::count_views,
        ))
        .layer(axum::middleware::from_fn_with_state(
            (state.clone(), cache.clone()),
            page_cache::serve,
        ))
        .layer(axum::middleware::from_fn(html::tidy_pages))
        .layer(axum::middleware::from_fn_with_state(
            error_pages,
            site_error_pages,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            follow_changes,
        ))
        .layer(axum::middleware::from_fn(api_error_status))
        .layer(axum::Extension(cache))
        .layer(axum::Extension(pages));
    Router::new().fallback_service(layers.service(router.with_state(state)))
}

/// Every endpoint of the application: (method, path) of the Leptos pages,
/// the server functions and the areas' routes (the authorization matrix
/// reads this list).
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
        routes()
            .listed
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
        parts.status = error::status_of(&error);
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// Headers every response carries. Pages set their own Content-Security-Policy
/// (with the script nonce); anything else gets a policy that allows nothing.
fn with_security_headers<B>(mut response: Response<B>, hsts: bool) -> Response<B> {
    const FIXED: [(header::HeaderName, &str); 6] = [
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
    let headers = response.headers_mut();
    for (name, value) in FIXED {
        headers
            .entry(name)
            .or_insert_with(|| HeaderValue::from_static(value));
    }
    if hsts {
        headers
            .entry(header::STRICT_TRANSPORT_SECURITY)
            .or_insert_with(|| HeaderValue::from_static("max-age=63072000; includeSubDomains"));
    }
    response
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

/// An area's routes, and the list of what they serve: the router and the
/// authorization matrix read the same table, so no route escapes the
/// matrix.
#[derive(Default)]
pub struct Routes {
    router: Router<AppState>,
    listed: Vec<(&'static str, &'static str)>,
}

impl Routes {
    pub fn new() -> Self {
        Self::default()
    }

    /// `method` on `path`, answered by `route`.
    pub fn route(
        mut self,
        method: &'static str,
        path: &'static str,
        route: axum::routing::MethodRouter<AppState>,
    ) -> Self {
        self.listed.push((method, path));
        self.router = self.router.route(path, route);
        self
    }

    /// A POST that uploads files: its body is read by `uploads` with its
    /// own caps, not axum's default limit.
    pub fn upload(self, path: &'static str, route: axum::routing::MethodRouter<AppState>) -> Self {
        self.route("POST", path, route.layer(DefaultBodyLimit::disable()))
    }

    pub fn merge(mut self, other: Routes) -> Self {
        self.listed.extend(other.listed);
        self.router = self.router.merge(other.router);
        self
    }
}

/// Every area's routes, merged once.
pub fn routes() -> Routes {
    [
        accounts::routes(),
        admin::routes(),
        alerts::routes(),
        applications::routes(),
        companies::routes(),
        contact::routes(),
        dossiers::routes(),
        files::routes(),
        health::routes(),
        messaging::routes(),
        moderation::routes(),
        offers::routes(),
        postings::routes(),
        seo::routes(),
    ]
    .into_iter()
    .fold(Routes::new(), Routes::merge)
}
