//! What crawlers read besides pages (X4): `/robots.txt`, the sitemap index
//! `/sitemap.xml` and its parts under `/sitemaps/`.

use app::state::AppState;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, SecondsFormat, Utc};
use domain::sitemap::{self, Entry, Kind};

/// The static pages worth indexing.
const PAGES: &[&str] = &[
    "/",
    "/offres",
    "/entreprises",
    "/faq",
    "/mentions-legales",
    "/confidentialite",
    "/cgu",
    "/accessibilite",
];

/// Crawlers may read everything but the server functions, and find the sitemap.
pub async fn robots(State(state): State<AppState>) -> Response {
    let body = format!(
        "User-agent: *\nAllow: /\nDisallow: /api/\n\nSitemap: {}\n",
        state.site.url("/sitemap.xml")
    );
    (
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        body,
    )
        .into_response()
}

/// The sitemap index: static pages, groups, then the offer and company parts.
pub async fn index(State(state): State<AppState>) -> Response {
    let parts = match sitemap::parts(&state.db).await {
        Ok(parts) => parts,
        Err(_) => return StatusCode::SERVICE_UNAVAILABLE.into_response(),
    };
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for name in ["pages.xml", "groupes.xml"] {
        push_sitemap(
            &mut xml,
            &state.site.url(&format!("/sitemaps/{name}")),
            None,
        );
    }
    for part in parts {
        let name = match part.kind {
            Kind::Offers => format!("offres-{}.xml", part.number),
            Kind::Companies => format!("entreprises-{}.xml", part.number),
        };
        push_sitemap(
            &mut xml,
            &state.site.url(&format!("/sitemaps/{name}")),
            part.lastmod,
        );
    }
    xml.push_str("</sitemapindex>\n");
    xml_response(xml)
}

/// One part: `pages.xml`, `groupes.xml`, `offres-N.xml` or `entreprises-N.xml`.
pub async fn part(State(state): State<AppState>, Path(name): Path<String>) -> Response {
    let entries = match name.as_str() {
        "pages.xml" => Ok(PAGES.iter().map(|path| (path.to_string(), None)).collect()),
        "groupes.xml" => sitemap::groups(&state.db).await.map(with_lastmod),
        _ => match parse_part(&name) {
            Some((kind, number)) => sitemap::entries(&state.db, kind, number)
                .await
                .map(with_lastmod),
            None => return StatusCode::NOT_FOUND.into_response(),
        },
    };
    let entries: Vec<(String, Option<DateTime<Utc>>)> = match entries {
        Ok(entries) => entries,
        Err(_) => return StatusCode::SERVICE_UNAVAILABLE.into_response(),
    };
    if entries.is_empty() {
        return StatusCode::NOT_FOUND.into_response();
    }
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (path, lastmod) in entries {
        xml.push_str("<url><loc>");
        xml.push_str(&escape(&state.site.url(&path)));
        xml.push_str("</loc>");
        push_lastmod(&mut xml, lastmod);
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml_response(xml)
}

fn with_lastmod(entries: Vec<Entry>) -> Vec<(String, Option<DateTime<Utc>>)> {
    entries
        .into_iter()
        .map(|e| (e.path, Some(e.lastmod)))
        .collect()
}

/// "offres-3.xml" → (Offers, 3).
fn parse_part(name: &str) -> Option<(Kind, i64)> {
    let stem = name.strip_suffix(".xml")?;
    let (kind, number) = stem.rsplit_once('-')?;
    let kind = match kind {
        "offres" => Kind::Offers,
        "entreprises" => Kind::Companies,
        _ => return None,
    };
    number.parse().ok().filter(|n| *n >= 1).map(|n| (kind, n))
}

fn push_sitemap(xml: &mut String, loc: &str, lastmod: Option<DateTime<Utc>>) {
    xml.push_str("<sitemap><loc>");
    xml.push_str(&escape(loc));
    xml.push_str("</loc>");
    push_lastmod(xml, lastmod);
    xml.push_str("</sitemap>\n");
}

fn push_lastmod(xml: &mut String, lastmod: Option<DateTime<Utc>>) {
    if let Some(at) = lastmod {
        xml.push_str("<lastmod>");
        xml.push_str(&at.to_rfc3339_opts(SecondsFormat::Secs, true));
        xml.push_str("</lastmod>");
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

fn xml_response(xml: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/xml; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        xml,
    )
        .into_response()
}

/// The crawlers' routes.
pub fn routes() -> crate::http::Routes {
    use axum::routing::get;
    crate::http::Routes::new()
        .route("GET", "/robots.txt", get(robots))
        .route("GET", "/sitemap.xml", get(index))
        .route("GET", "/sitemaps/{name}", get(part))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_names_map_to_kinds_and_numbers() {
        assert_eq!(parse_part("offres-3.xml"), Some((Kind::Offers, 3)));
        assert_eq!(parse_part("entreprises-1.xml"), Some((Kind::Companies, 1)));
        assert_eq!(parse_part("offres-0.xml"), None);
        assert_eq!(parse_part("offres-x.xml"), None);
        assert_eq!(parse_part("autre-1.xml"), None);
    }
}
