//! The axum router: Leptos pages and server functions, static files, health,
//! and the layers every response goes through.

use crate::{health, html, seo};
use app::state::AppState;
use app::{App, shell};
use axum::{
    Router,
    body::Body,
    http::{HeaderValue, Response, StatusCode, header},
    routing::get,
};
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, file_and_error_handler_with_context, generate_route_list};
use std::any::Any;
use tower::ServiceBuilder;
use tower_http::{
    catch_panic::CatchPanicLayer,
    compression::CompressionLayer,
    limit::RequestBodyLimitLayer,
    services::ServeDir,
    set_header::SetResponseHeaderLayer,
    trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer},
};
use tracing::Level;

/// Request bodies larger than this are refused (413) before any handler runs.
pub const BODY_LIMIT: usize = 256 * 1024;

/// Builds the whole application.
pub fn build(state: AppState) -> Router {
    build_with(state, Router::new())
}

/// Builds the application with `extra` routes behind the same layers (tests
/// use it to mount handlers that misbehave).
pub fn build_with(state: AppState, extra: Router<AppState>) -> Router {
    let routes = generate_route_list(App);
    let site = state.site.clone();
    let options = state.leptos_options.clone();
    let assets = crate::assets::resolve(&options);
    let context = move || {
        provide_context(site.clone());
        provide_context(assets.clone());
    };
    let pkg_dir = format!("{}/{}", options.site_root, options.site_pkg_dir);
    let pkg_cache = if options.hash_files {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let hsts = state.site.public_url.starts_with("https://");

    let pkg = ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static(pkg_cache),
        ))
        .service(
            ServeDir::new(pkg_dir)
                .precompressed_br()
                .precompressed_gzip(),
        );

    let router = extra
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
    with_security_headers(router, hsts)
        .layer(axum::middleware::from_fn(html::tidy_pages))
        .layer(CompressionLayer::new())
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .with_state(state)
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
    Response::builder()
        .status(StatusCode::INTERNAL_SERVER_ERROR)
        .header(header::CONTENT_TYPE, "text/html; charset=utf-8")
        .body(Body::from(
            "<!DOCTYPE html><html lang=\"fr\"><meta charset=\"utf-8\"><title>Erreur — JobToMove</title>\
             <h1>Un problème est survenu</h1><p>Une erreur est survenue de notre côté. \
             Réessayez dans un instant.</p><p><a href=\"/\">Retour à l'accueil</a></p></html>",
        ))
        .expect("a static response is valid")
}
