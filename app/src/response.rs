//! What a page says about its HTTP response: status, redirects, headers.
//! These act during server rendering and do nothing in the browser.

/// Sets the status of the page being rendered.
pub fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(options), Ok(status)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(code),
    ) {
        options.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

/// Answers with a permanent redirect (301) to `path`.
pub fn redirect_permanently(path: &str) {
    #[cfg(feature = "ssr")]
    if let (Some(options), Ok(location)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(path),
    ) {
        options.insert_header(http::header::LOCATION, location);
        options.set_status(http::StatusCode::MOVED_PERMANENTLY);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = path;
}

/// Answers with "303 See Other" to `path` (after a form, or to the log-in page).
pub fn redirect_see_other(path: &str) {
    #[cfg(feature = "ssr")]
    if let (Some(options), Ok(location)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(path),
    ) {
        options.insert_header(http::header::LOCATION, location);
        options.set_status(http::StatusCode::SEE_OTHER);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = path;
}

/// The Content-Security-Policy of HTML pages: scripts only from this site,
/// the island loaders (by their hashes) or carrying this response's nonce
/// (Leptos's data scripts: the server drops the nonce from the policy of a
/// page that has none), WebAssembly allowed, nothing framed, no plugin.
#[cfg(feature = "ssr")]
pub fn set_content_security_policy() {
    use leptos::prelude::use_context;
    let Some(options) = use_context::<leptos_axum::ResponseOptions>() else {
        return;
    };
    let loaders = use_context::<crate::SiteAssets>()
        .map(|assets| format!(" {}", assets.scripts))
        .unwrap_or_default();
    let nonce = leptos::nonce::use_nonce()
        .map(|n| format!(" 'nonce-{n}'"))
        .unwrap_or_default();
    let policy = format!(
        "default-src 'self'; script-src 'self'{loaders}{nonce} 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; \
         base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    );
    if let Ok(value) = http::HeaderValue::from_str(&policy) {
        options.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}
