//! A short-lived cache of the offer and company pages anonymous visitors
//! and crawlers read most. An entry lives at most [`TTL`] and only while the
//! search index stays at the change-feed row it was rendered at (any change
//! of an offer or a company, made through any instance, moves it once this
//! instance has applied it), so a change shows within the follow period.
//!
//! Every response still gets its own script nonce: the cached page's nonce
//! is replaced, in the body and in the Content-Security-Policy, by a fresh one.

use crate::http::session::is_signed_in;
use app::state::AppState;
use axum::body::{Body, Bytes, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;
use rand::RngCore;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// How long a rendered page may be served again.
pub const TTL: Duration = Duration::from_secs(60);
/// Bytes of pages kept at most (the cache is emptied when full): the
/// server's memory stays bounded whatever crawlers read.
const BUDGET: usize = 48 * 1024 * 1024;
/// Pages larger than this are not kept.
const MAX_PAGE: usize = 512 * 1024;

#[derive(Clone)]
struct Entry {
    rendered_at: Instant,
    /// The change feed's row the index had applied when it was rendered.
    generation: i64,
    headers: HeaderMap,
    body: Bytes,
    nonce: Option<String>,
}

/// The cache, shared by the router's clones.
#[derive(Clone, Default)]
pub struct PageCache {
    inner: Arc<RwLock<Pages>>,
}

#[derive(Default)]
struct Pages {
    entries: HashMap<String, Entry>,
    bytes: usize,
}

impl PageCache {
    /// Forgets every page (after a change the search index does not see,
    /// such as a company page edit).
    pub fn clear(&self) {
        if let Ok(mut pages) = self.inner.write() {
            pages.entries.clear();
            pages.bytes = 0;
        }
    }
}

/// Offer and company pages, without a query string.
fn cacheable(request: &Request) -> bool {
    let path = request.uri().path();
    request.method() == Method::GET
        && request.uri().query().is_none()
        && (path.starts_with("/offres/") || path.starts_with("/entreprises/"))
        && !is_signed_in(request)
}

/// The nonce a page was rendered with, from its Content-Security-Policy.
fn nonce_of(headers: &HeaderMap) -> Option<String> {
    let policy = headers
        .get(header::CONTENT_SECURITY_POLICY)?
        .to_str()
        .ok()?;
    let start = policy.find("'nonce-")? + "'nonce-".len();
    let end = policy[start..].find('\'')? + start;
    Some(policy[start..end].to_owned())
}

fn fresh_nonce() -> String {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::STANDARD_NO_PAD.encode(bytes)
}

impl Entry {
    /// The cached page with a fresh nonce.
    fn response(&self) -> Response {
        let (body, headers) = match &self.nonce {
            Some(old) => {
                let new = fresh_nonce();
                let body = String::from_utf8_lossy(&self.body).replace(old.as_str(), &new);
                let mut headers = self.headers.clone();
                if let Some(policy) = headers
                    .get(header::CONTENT_SECURITY_POLICY)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| HeaderValue::from_str(&v.replace(old.as_str(), &new)).ok())
                {
                    headers.insert(header::CONTENT_SECURITY_POLICY, policy);
                }
                (Bytes::from(body), headers)
            }
            None => (self.body.clone(), self.headers.clone()),
        };
        let mut response = Response::new(Body::from(body));
        *response.headers_mut() = headers;
        response
    }
}

/// Middleware: answers from the cache when it can, fills it otherwise.
pub async fn serve(
    State((state, cache)): State<(AppState, PageCache)>,
    request: Request,
    next: Next,
) -> Response {
    if !cacheable(&request) {
        return next.run(request).await;
    }
    let key = request.uri().path().to_owned();
    let generation = state.search.applied();
    let hit = cache
        .inner
        .read()
        .ok()
        .and_then(|pages| pages.entries.get(&key).cloned())
        .filter(|e| e.generation == generation && e.rendered_at.elapsed() < TTL);
    if let Some(entry) = hit {
        return entry.response();
    }
    let response = next.run(request).await;
    if response.status() != StatusCode::OK || response.headers().contains_key(header::SET_COOKIE) {
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(body) = to_bytes(body, usize::MAX).await else {
        return crate::http::error::error_page(StatusCode::INTERNAL_SERVER_ERROR);
    };
    if body.len() > MAX_PAGE {
        return Response::from_parts(parts, Body::from(body));
    }
    let entry = Entry {
        rendered_at: Instant::now(),
        generation,
        nonce: nonce_of(&parts.headers),
        headers: parts.headers.clone(),
        body: body.clone(),
    };
    if let Ok(mut pages) = cache.inner.write() {
        if pages.bytes + entry.body.len() > BUDGET {
            pages.entries.clear();
            pages.bytes = 0;
        }
        pages.bytes += entry.body.len();
        if let Some(replaced) = pages.entries.insert(key, entry) {
            pages.bytes -= replaced.body.len();
        }
    }
    Response::from_parts(parts, Body::from(body))
}
