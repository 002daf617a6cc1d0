//! Request safety around every handler: the session cookie is read once and
//! its person put in the request (pages and handlers read it from there),
//! and cross-site requests that change something are refused.

use app::state::AppState;
use axum::body::Body;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, HeaderValue, Method, Request, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use domain::auth::sessions::{self, ABSOLUTE, Authenticated};
use std::net::SocketAddr;

/// The cookie's name: with the `__Host-` prefix when it is `Secure` (the
/// browser then refuses it from a sub-domain or without HTTPS).
pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-jtm_session"
    } else {
        "jtm_session"
    }
}

/// Cookies are `Secure` except on a plain-http localhost.
pub fn secure_cookies(public_url: &str) -> bool {
    let local = ["http://localhost", "http://127.0.0.1", "http://[::1]"];
    !local.iter().any(|prefix| {
        public_url
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(':') || rest.starts_with('/'))
    })
}

/// The `Set-Cookie` value that starts a session.
pub fn session_cookie(secret: &str, secure: bool) -> HeaderValue {
    let value = format!(
        "{}={secret}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}",
        cookie_name(secure),
        ABSOLUTE.num_seconds(),
        if secure { "; Secure" } else { "" }
    );
    HeaderValue::from_str(&value).expect("a session cookie is a valid header")
}

/// The `Set-Cookie` value that removes it.
pub fn clear_cookie(secure: bool) -> HeaderValue {
    let value = format!(
        "{}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{}",
        cookie_name(secure),
        if secure { "; Secure" } else { "" }
    );
    HeaderValue::from_str(&value).expect("a cookie is a valid header")
}

/// The session secret the request's cookie holds.
fn cookie_secret<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// The client's address as the server saw it.
pub fn client_ip(request: &axum::http::request::Parts) -> String {
    request
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map_or_else(
            || "inconnue".to_owned(),
            |ConnectInfo(addr)| addr.ip().to_string(),
        )
}

/// Paths that never need to know who asks (static files, health, crawlers).
fn is_anonymous_path(path: &str) -> bool {
    path.starts_with("/pkg/")
        || matches!(
            path,
            "/health" | "/health/ready" | "/robots.txt" | "/sitemap.xml" | "/favicon.svg"
        )
        || path.starts_with("/sitemaps/")
}

/// Middleware: resolves the session cookie. A valid session puts
/// [`Authenticated`] and its `CurrentUser` in the request, and its
/// responses are `Cache-Control: private, no-store`; a cookie that names no
/// valid session is removed.
pub async fn sessions(
    State(state): State<AppState>,
    mut request: Request<Body>,
    next: Next,
) -> Response {
    let secure = secure_cookies(&state.site.public_url);
    let secret = if is_anonymous_path(request.uri().path()) {
        None
    } else {
        cookie_secret(request.headers(), cookie_name(secure)).map(str::to_owned)
    };
    let Some(secret) = secret else {
        return next.run(request).await;
    };
    let resolved = match sessions::resolve(&state.db, &secret, chrono::Utc::now()).await {
        Ok(resolved) => resolved,
        Err(_) => return crate::http::error::error_page(StatusCode::SERVICE_UNAVAILABLE),
    };
    let signed_in = resolved.is_some();
    if let Some(auth) = resolved {
        // Pages show the unread count in the header and the bottom bar.
        let path = request.uri().path();
        if request.method() == axum::http::Method::GET
            && !path.starts_with("/api/")
            && !path.starts_with("/fichiers/")
            && !path.starts_with("/logos/")
        {
            // A conversation's page marks it read as it renders.
            let reading = path
                .strip_prefix("/messages/")
                .and_then(|id| id.parse::<i64>().ok());
            let unread = domain::messaging::unread_except(&state.db, &auth.user, reading)
                .await
                .unwrap_or(0);
            request
                .extensions_mut()
                .insert(domain::model::UnreadMessages(unread));
        }
        request.extensions_mut().insert(auth.user.clone());
        request.extensions_mut().insert(auth);
    }
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if signed_in {
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
    } else if !headers.contains_key(header::SET_COOKIE) {
        headers.append(header::SET_COOKIE, clear_cookie(secure));
    }
    response
}

/// Whether the request comes with a valid session.
pub fn is_signed_in(request: &Request<Body>) -> bool {
    request.extensions().get::<Authenticated>().is_some()
}

/// The signed-in person of a request, for handlers.
pub fn authenticated(parts: &axum::http::request::Parts) -> Option<Authenticated> {
    parts.extensions.get::<Authenticated>().cloned()
}

/// Middleware: a request that may change something (any method but GET,
/// HEAD, OPTIONS) must come from this site. Browsers say where a request
/// comes from in `Sec-Fetch-Site` (all current ones) or `Origin`; a request
/// with neither is not from a browser's cross-site form and passes (a
/// cross-site form always carries `Origin`). `Origin` must be `PUBLIC_URL`.
pub async fn same_origin_only(
    State(state): State<AppState>,
    request: Request<Body>,
    next: Next,
) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    let headers = request.headers();
    let site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    let allowed = match (site, origin) {
        (Some(site), _) => matches!(site, "same-origin" | "none"),
        // Compared with the configured origin only: the `Host` header is
        // whatever the client (or a confused proxy) says.
        (None, Some(origin)) => origin == state.site.public_url,
        (None, None) => true,
    };
    if allowed {
        next.run(request).await
    } else {
        tracing::warn!(method = %request.method(), path = request.uri().path(), "cross-site request refused");
        (
            StatusCode::FORBIDDEN,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            crate::http::error::error_body(
                "Demande refusée",
                "Cette demande ne vient pas de JobToMove : elle a été refusée pour protéger votre compte. \
                 Revenez sur le site et recommencez.",
            ),
        )
            .into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_secure_except_on_plain_http_localhost() {
        assert!(!secure_cookies("http://127.0.0.1:3000"));
        assert!(!secure_cookies("http://localhost"));
        assert!(secure_cookies("https://www.jobtomove.fr"));
        assert!(secure_cookies("http://localhost.evil.example"));
        assert!(secure_cookies("http://jobtomove.example"));
    }

    #[test]
    fn the_session_cookie_is_http_only_lax_and_host_prefixed_when_secure() {
        let secure = session_cookie("abc", true);
        assert_eq!(
            secure.to_str().unwrap(),
            "__Host-jtm_session=abc; Path=/; HttpOnly; SameSite=Lax; Max-Age=43200; Secure"
        );
        let local = session_cookie("abc", false);
        assert!(
            local
                .to_str()
                .unwrap()
                .starts_with("jtm_session=abc; Path=/; HttpOnly; SameSite=Lax")
        );
    }

    #[test]
    fn the_cookie_is_found_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; jtm_session=secret; b=2"),
        );
        assert_eq!(cookie_secret(&headers, "jtm_session"), Some("secret"));
        assert_eq!(cookie_secret(&headers, "__Host-jtm_session"), None);
    }
}
