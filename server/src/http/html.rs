//! Tidies the HTML Leptos writes so that it is valid (the Nu HTML Checker
//! reports no error), without changing the document it parses to:
//!
//! - `<!>`, the empty marker Leptos puts around dynamic content, is a "bogus
//!   comment" parse error; `<!---->` is the same empty comment, written validly;
//! - scripts Leptos appends after `</html>` move just before `</body>`;
//! - Leptos writes the script nonce as the value of `crossorigin` on its
//!   preload links, an invalid value that browsers read as "anonymous": it is
//!   written "anonymous".

use axum::body::{Body, to_bytes};
use axum::http::{Request, header};
use axum::middleware::Next;
use axum::response::Response;

/// Pages larger than this are passed through untouched.
const MAX_PAGE: usize = 8 * 1024 * 1024;

/// Middleware: tidies `text/html` responses.
pub async fn tidy_pages(request: Request<Body>, next: Next) -> Response {
    let response = next.run(request).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !is_html || response.headers().contains_key(header::CONTENT_ENCODING) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_PAGE).await else {
        tracing::error!("an HTML page could not be read for tidying");
        return Response::from_parts(parts, Body::from("Une erreur est survenue de notre côté."));
    };
    let tidied = match std::str::from_utf8(&bytes) {
        Ok(html) => Body::from(tidy(html)),
        Err(_) => Body::from(bytes),
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, tidied)
}

/// The tidying itself.
pub fn tidy(html: &str) -> String {
    let mut out = fix_crossorigin(&html.replace("<!>", "<!---->"));
    if let Some(end) = out.find("</body></html>") {
        let trailing = out[end + "</body></html>".len()..].to_owned();
        if !trailing.trim().is_empty() {
            out.truncate(end);
            out.push_str(&trailing);
            out.push_str("</body></html>");
        }
    }
    out
}

/// Rewrites every `crossorigin` value other than the two valid keywords.
fn fix_crossorigin(html: &str) -> String {
    const ATTRIBUTE: &str = "crossorigin=\"";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(ATTRIBUTE) {
        let value_start = start + ATTRIBUTE.len();
        let Some(len) = rest[value_start..].find('"') else {
            break;
        };
        let value = &rest[value_start..value_start + len];
        out.push_str(&rest[..value_start]);
        out.push_str(if value == "use-credentials" {
            value
        } else {
            "anonymous"
        });
        rest = &rest[value_start + len..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::tidy;

    #[test]
    fn a_nonce_written_as_crossorigin_becomes_anonymous() {
        assert_eq!(
            tidy(
                r#"<link rel="modulepreload" href="/a.js" crossorigin="Zx_9"><link crossorigin="use-credentials">"#
            ),
            r#"<link rel="modulepreload" href="/a.js" crossorigin="anonymous"><link crossorigin="use-credentials">"#
        );
    }

    #[test]
    fn empty_markers_become_valid_empty_comments() {
        assert_eq!(tidy("<p><!>texte<!></p>"), "<p><!---->texte<!----></p>");
    }

    #[test]
    fn scripts_after_the_document_move_inside_the_body() {
        assert_eq!(
            tidy("<html><body><p>x</p></body></html><script nonce=\"n\">a()</script>"),
            "<html><body><p>x</p><script nonce=\"n\">a()</script></body></html>"
        );
        assert_eq!(
            tidy("<html><body></body></html>\n"),
            "<html><body></body></html>\n"
        );
    }

    #[test]
    fn escaped_text_is_left_alone() {
        assert_eq!(tidy("<p>&lt;!&gt;</p>"), "<p>&lt;!&gt;</p>");
    }
}
