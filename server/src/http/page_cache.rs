//! A short-lived cache of the pages anonymous visitors and crawlers read
//! most: the home page, offer and company pages, and the sitemap index. An
//! entry lives at most [`TTL`] and only while the search index stays at the
//! change-feed row it was rendered at (any change of an offer or a company,
//! made through any instance, moves it once this instance has applied it),
//! so a change shows within the follow period.
//!
//! A page is kept only when it is the same bytes for every visitor: no
//! element carries the response's script nonce (the tidying removed it from
//! the policy, `http::html`). It is then kept compressed too — brotli and
//! gzip, each made once, on the first repeat view that asks for it — so that
//! later views cost no compression. The render's own response, a first
//! view, is compressed by a quicker gzip (brotli for a client that takes
//! only that) and not kept: most pages of a large catalogue are read once.

use crate::http::session::is_signed_in;
use app::state::AppState;
use axum::body::{Body, Bytes, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock, RwLock};
use std::time::{Duration, Instant};

/// How long a rendered page may be served again.
pub const TTL: Duration = Duration::from_secs(60);
/// Bytes of pages kept at most, their compressed copies counted (the cache
/// is emptied when full): the server's memory stays bounded whatever
/// crawlers read.
const BUDGET: usize = 48 * 1024 * 1024;
/// Pages larger than this are not kept.
const MAX_PAGE: usize = 512 * 1024;
/// Brotli quality of the kept copies. Measured on an 18 KB offer page (this
/// machine): quality 4 gives 5.2 KB in about 0.22 ms, 5 gives 4.9 KB in about
/// 0.3 ms, 6 barely less for more time; `make bench-render` prints the
/// figure for the catalogue's pages.
pub const BROTLI_QUALITY: i32 = 4;
/// Brotli quality of a first view, compressed once and sent once, for a
/// client that takes brotli but not gzip. On 500 offer pages of the 1M
/// catalogue (`make bench-render`): quality 1 gives 6,330 B in 0.11 ms, 4
/// gives 4,586 B in 0.23 ms.
pub const FIRST_VIEW_BROTLI_QUALITY: i32 = 1;
/// Gzip level of a first view for the clients that take it (all browsers):
/// on 500 offer pages of the 1M catalogue (`make bench-render`), level 1
/// gives 6,105 B in 0.06 ms where brotli's quickest quality gives 6,373 B
/// in 0.15 ms (zlib-rs and the `brotli` crate, 14.4 KB pages, this
/// machine).
pub const FIRST_VIEW_GZIP_LEVEL: u32 = 1;
/// Gzip level of the kept copies.
const GZIP_LEVEL: u32 = 6;

struct Entry {
    rendered_at: Instant,
    /// The change feed's row the index had applied when it was rendered.
    generation: i64,
    headers: HeaderMap,
    identity: Bytes,
    brotli: OnceLock<Bytes>,
    gzip: OnceLock<Bytes>,
}

/// The cache, shared by the router's clones.
#[derive(Clone)]
pub struct PageCache {
    inner: Arc<RwLock<Pages>>,
    /// Whose similar offers the pages show, forgotten with them.
    search: Arc<domain::search::SearchIndex>,
}

#[derive(Default)]
struct Pages {
    entries: HashMap<String, Arc<Entry>>,
    bytes: usize,
}

impl PageCache {
    pub fn new(search: Arc<domain::search::SearchIndex>) -> Self {
        Self {
            inner: Arc::default(),
            search,
        }
    }

    /// Forgets every page, and the similar offers they show (after a
    /// change the search index does not see, such as a company page edit).
    pub fn clear(&self) {
        self.search.forget_similar();
        if let Ok(mut pages) = self.inner.write() {
            pages.entries.clear();
            pages.bytes = 0;
        }
    }
}

/// The home page, offer and company pages, and the sitemap index (it
/// groups every open offer of the catalogue: 1.5 s at 1,000,000 offers),
/// without a query string.
fn cacheable(request: &Request) -> bool {
    let path = request.uri().path();
    request.method() == Method::GET
        && request.uri().query().is_none()
        && (path == "/"
            || path == "/sitemap.xml"
            || path.starts_with("/offres/")
            || path.starts_with("/entreprises/"))
        && !is_signed_in(request)
}

/// Whether a response is the same bytes for every visitor: a page whose
/// elements carry no nonce (the tidying then dropped it from the policy),
/// or a document that is not a page (the sitemap index has no policy of
/// its own and nothing to carry one).
fn same_for_all(headers: &HeaderMap) -> bool {
    match headers.get(header::CONTENT_SECURITY_POLICY) {
        Some(policy) => policy.to_str().is_ok_and(|p| !p.contains("'nonce-")),
        None => !headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|t| t.starts_with("text/html")),
    }
}

/// The encodings this cache sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

/// The encodings a request accepts (a coding with `q=0` is refused).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Accepted {
    brotli: bool,
    gzip: bool,
}

impl Accepted {
    /// For a kept page, compressed once for many views: the smallest,
    /// brotli, then gzip.
    fn best(self) -> Encoding {
        if self.brotli {
            Encoding::Brotli
        } else if self.gzip {
            Encoding::Gzip
        } else {
            Encoding::Identity
        }
    }

    /// For a first view, compressed for this response only: the quickest,
    /// gzip at [`FIRST_VIEW_GZIP_LEVEL`] (also smaller than brotli's
    /// quickest), then brotli.
    fn first_view(self) -> Encoding {
        if self.gzip {
            Encoding::Gzip
        } else {
            self.best()
        }
    }
}

fn accepted(headers: &HeaderMap) -> Accepted {
    let mut brotli = false;
    let mut gzip = false;
    for value in headers.get_all(header::ACCEPT_ENCODING) {
        let Ok(value) = value.to_str() else { continue };
        for item in value.split(',') {
            let mut parts = item.split(';');
            let name = parts.next().unwrap_or_default().trim();
            let refused = parts.any(|p| {
                p.trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            if refused {
                continue;
            }
            brotli |= name.eq_ignore_ascii_case("br");
            gzip |= name.eq_ignore_ascii_case("gzip");
        }
    }
    Accepted { brotli, gzip }
}

/// Brotli at `quality`, with a window the size of the page — never under
/// 18 bits: a 16-bit window made quality 5 forty times slower on the same
/// page.
pub fn brotli(page: &[u8], quality: i32) -> Bytes {
    let params = brotli::enc::BrotliEncoderParams {
        quality,
        lgwin: (usize::BITS - page.len().leading_zeros()).clamp(18, 22) as i32,
        size_hint: page.len(),
        ..Default::default()
    };
    let mut out = Vec::with_capacity(page.len() / 3);
    match brotli::BrotliCompress(&mut &page[..], &mut out, &params) {
        Ok(_) => Bytes::from(out),
        Err(error) => {
            tracing::error!(%error, "a page could not be compressed");
            Bytes::new()
        }
    }
}

/// Gzip at `level`, by a compressor kept per thread and level and reset
/// for each page: its state (window, hash chains, about 300 KB) is
/// allocated and zeroed once per thread, not once per response.
pub fn gzip(page: &[u8], level: u32) -> Bytes {
    use flate2::{Compress, Compression, FlushCompress, Status};
    thread_local! {
        static COMPRESSORS: std::cell::RefCell<Vec<(u32, Compress)>> =
            const { std::cell::RefCell::new(Vec::new()) };
    }
    COMPRESSORS.with_borrow_mut(|compressors| {
        let index = match compressors.iter().position(|(kept, _)| *kept == level) {
            Some(index) => index,
            None => {
                compressors.push((level, Compress::new_gzip(Compression::new(level), 15)));
                compressors.len() - 1
            }
        };
        let compress = &mut compressors[index].1;
        compress.reset();
        let mut out = Vec::with_capacity(page.len() / 2 + 64);
        loop {
            let read = compress.total_in() as usize;
            match compress.compress_vec(&page[read..], &mut out, FlushCompress::Finish) {
                Ok(Status::StreamEnd) => return Bytes::from(out),
                Ok(_) => out.reserve(out.capacity()),
                Err(error) => {
                    tracing::error!(%error, "a page could not be compressed");
                    return Bytes::new();
                }
            }
        }
    })
}

impl Entry {
    /// The page in `encoding`, from the kept copies (compressed now if it is
    /// the first to ask).
    fn response(&self, encoding: Encoding) -> Response {
        match encoding {
            Encoding::Brotli => self.send(
                self.brotli
                    .get_or_init(|| brotli(&self.identity, BROTLI_QUALITY)),
                "br",
            ),
            Encoding::Gzip => self.send(
                self.gzip.get_or_init(|| gzip(&self.identity, GZIP_LEVEL)),
                "gzip",
            ),
            Encoding::Identity => self.send(&self.identity, ""),
        }
    }

    /// The page as the render's own response, compressed at the first
    /// view's quickest settings for this response only.
    fn first_response(&self, encoding: Encoding) -> Response {
        match encoding {
            Encoding::Brotli => self.send(&brotli(&self.identity, FIRST_VIEW_BROTLI_QUALITY), "br"),
            Encoding::Gzip => self.send(&gzip(&self.identity, FIRST_VIEW_GZIP_LEVEL), "gzip"),
            Encoding::Identity => self.response(Encoding::Identity),
        }
    }

    fn send(&self, body: &Bytes, coding: &'static str) -> Response {
        // A failed compression is never sent: the page goes as it is.
        let (body, coding) = if body.is_empty() && !self.identity.is_empty() {
            (&self.identity, "")
        } else {
            (body, coding)
        };
        let mut response = Response::new(Body::from(body.clone()));
        let headers = response.headers_mut();
        *headers = self.headers.clone();
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from(body.len()));
        if !coding.is_empty() {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding));
        }
        response
    }

    /// What it may take of the budget: the page and its compressed copies.
    fn weight(&self) -> usize {
        self.identity.len() * 2
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
    let accepted = accepted(request.headers());
    let generation = state.search.applied();
    let hit = cache
        .inner
        .read()
        .ok()
        .and_then(|pages| pages.entries.get(&key).cloned())
        .filter(|e| e.generation == generation && e.rendered_at.elapsed() < TTL);
    if let Some(entry) = hit {
        return entry.response(accepted.best());
    }
    let response = next.run(request).await;
    if response.status() != StatusCode::OK
        || response.headers().contains_key(header::SET_COOKIE)
        || response.headers().contains_key(header::CONTENT_ENCODING)
        || !same_for_all(response.headers())
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(body) = to_bytes(body, usize::MAX).await else {
        return crate::http::error::error_page(StatusCode::INTERNAL_SERVER_ERROR);
    };
    if body.len() > MAX_PAGE {
        return Response::from_parts(parts, Body::from(body));
    }
    parts.headers.remove(header::CONTENT_LENGTH);
    let entry = Arc::new(Entry {
        rendered_at: Instant::now(),
        generation,
        headers: parts.headers,
        identity: body,
        brotli: OnceLock::new(),
        gzip: OnceLock::new(),
    });
    let response = entry.first_response(accepted.first_view());
    if let Ok(mut pages) = cache.inner.write() {
        if pages.bytes + entry.weight() > BUDGET {
            pages.entries.clear();
            pages.bytes = 0;
        }
        pages.bytes += entry.weight();
        if let Some(replaced) = pages.entries.insert(key, entry) {
            pages.bytes -= replaced.weight();
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::{Accepted, Encoding, accepted};
    use axum::http::{HeaderMap, header};

    fn asking(value: &str) -> Accepted {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT_ENCODING, value.parse().unwrap());
        accepted(&headers)
    }

    #[test]
    fn a_kept_page_goes_in_brotli_to_those_who_ask_for_it_then_gzip() {
        assert_eq!(asking("gzip, deflate, br, zstd").best(), Encoding::Brotli);
        assert_eq!(asking("gzip;q=1.0, br;q=0.5").best(), Encoding::Brotli);
        assert_eq!(asking("gzip, deflate").best(), Encoding::Gzip);
        assert_eq!(asking("br;q=0, gzip").best(), Encoding::Gzip);
        assert_eq!(asking("identity").best(), Encoding::Identity);
        assert_eq!(accepted(&HeaderMap::new()).best(), Encoding::Identity);
    }

    #[test]
    fn a_first_view_goes_in_quick_gzip_to_those_who_take_it_then_brotli() {
        assert_eq!(
            asking("gzip, deflate, br, zstd").first_view(),
            Encoding::Gzip
        );
        assert_eq!(asking("br").first_view(), Encoding::Brotli);
        assert_eq!(asking("br, gzip;q=0").first_view(), Encoding::Brotli);
        assert_eq!(asking("identity").first_view(), Encoding::Identity);
    }

    #[test]
    fn compressed_pages_read_back_as_the_page() {
        use std::io::Read;
        let page = "<p>Mécanicien automobile H/F</p>".repeat(500);
        let mut back = String::new();
        for quality in [super::FIRST_VIEW_BROTLI_QUALITY, super::BROTLI_QUALITY] {
            back.clear();
            brotli::Decompressor::new(&super::brotli(page.as_bytes(), quality)[..], 4096)
                .read_to_string(&mut back)
                .unwrap();
            assert_eq!(back, page);
        }
        // Each level's compressor serves page after page on this thread,
        // one of them too random to fit in the first output buffer.
        let mut seed = 1u32;
        let noise: String = (0..20_000)
            .map(|_| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                char::from(b' ' + (seed >> 16) as u8 % 95)
            })
            .collect();
        for level in [
            super::FIRST_VIEW_GZIP_LEVEL,
            super::GZIP_LEVEL,
            super::FIRST_VIEW_GZIP_LEVEL,
        ] {
            for page in [
                page.as_str(),
                noise.as_str(),
                "<p>Carrossier H/F</p>",
                page.as_str(),
            ] {
                back.clear();
                flate2::read::GzDecoder::new(&super::gzip(page.as_bytes(), level)[..])
                    .read_to_string(&mut back)
                    .unwrap();
                assert_eq!(back, page);
            }
        }
    }
}
