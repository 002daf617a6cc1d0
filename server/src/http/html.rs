//! Tidies the HTML Leptos writes so that it is valid (the Nu HTML Checker
//! reports no error), without changing the document it parses to:
//!
//! - `<!>`, the empty marker Leptos puts around dynamic content, is a "bogus
//!   comment" parse error; `<!---->` is the same empty comment, written validly;
//! - scripts Leptos appends after `</html>` move just before `</body>`, or go
//!   when they only define empty lists (no resource, no error: every page
//!   whose islands read no server data), which the island loader defines;
//!   a page left without any element carrying the response's nonce loses the
//!   nonce from its Content-Security-Policy too: it is then the same bytes
//!   for every visitor (the page cache keeps it compressed);
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
    let html = tidy_bytes(&bytes);
    drop_unused_nonce(&mut parts.headers, &html);
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(html))
}

/// Removes the nonce source from the page's Content-Security-Policy when
/// nothing in the page carries it.
fn drop_unused_nonce(headers: &mut axum::http::HeaderMap, html: &[u8]) {
    let Some(policy) = headers
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
    else {
        return;
    };
    let Some(start) = policy.find(" 'nonce-") else {
        return;
    };
    let value_start = start + " 'nonce-".len();
    let Some(len) = policy[value_start..].find('\'') else {
        return;
    };
    let nonce = &policy[value_start..value_start + len];
    if memchr::memmem::find(html, nonce.as_bytes()).is_some() {
        return;
    }
    let trimmed = format!("{}{}", &policy[..start], &policy[value_start + len + 1..]);
    if let Ok(value) = axum::http::HeaderValue::from_str(&trimmed) {
        headers.insert(header::CONTENT_SECURITY_POLICY, value);
    }
}

/// Whether a script Leptos appended only defines empty lists
/// (`__RESOLVED_RESOURCES=[];__SERIALIZED_ERRORS=[];…`).
fn only_empty_lists(script: &str) -> bool {
    script
        .split(';')
        .filter(|s| !s.is_empty())
        .all(|statement| {
            statement
                .strip_prefix("__")
                .and_then(|s| s.strip_suffix("=[]"))
                .is_some_and(|name| name.bytes().all(|b| b.is_ascii_uppercase() || b == b'_'))
        })
}

/// Whether `trailing` is nothing but `<script…>` elements that only define
/// empty lists.
fn only_empty_data_scripts(trailing: &str) -> bool {
    let mut rest = trailing.trim();
    while !rest.is_empty() {
        let Some(after_open) = rest.strip_prefix("<script") else {
            return false;
        };
        let (Some(open_end), Some(close)) = (after_open.find('>'), after_open.find("</script>"))
        else {
            return false;
        };
        if close < open_end || !only_empty_lists(&after_open[open_end + 1..close]) {
            return false;
        }
        rest = after_open[close + "</script>".len()..].trim_start();
    }
    true
}

/// The tidying of a page given as text (the tests').
#[cfg(test)]
fn tidy(html: &str) -> String {
    String::from_utf8(tidy_bytes(html.as_bytes())).expect("tidying cuts only around ASCII")
}

/// The tidying, on the page's bytes: it looks only for ASCII (markers,
/// attribute names, tags) and cuts only around what it finds, so a page in
/// UTF-8 stays in UTF-8 without being checked character by character.
fn tidy_bytes(html: &[u8]) -> Vec<u8> {
    const END: &[u8] = b"</body></html>";
    let mut out = Vec::with_capacity(html.len() + 256);
    write_fixed(&mut out, html);
    // Leptos appends its scripts after the document: look from the end.
    if let Some(end) = memchr::memmem::rfind(&out, END) {
        let trailing = out[end + END.len()..].to_vec();
        let empty = std::str::from_utf8(&trailing).is_ok_and(only_empty_data_scripts);
        if empty {
            out.truncate(end + END.len());
        } else {
            out.truncate(end);
            out.extend_from_slice(&trailing);
            out.extend_from_slice(END);
        }
    }
    out
}

/// Writes `html` into `out` with every `crossorigin` value other than the
/// two valid keywords rewritten, and every `<!>` written `<!---->`.
fn write_fixed(out: &mut Vec<u8>, html: &[u8]) {
    const ATTRIBUTE: &[u8] = b"crossorigin=\"";
    let finder = memchr::memmem::Finder::new(ATTRIBUTE);
    let mut rest = html;
    while let Some(start) = finder.find(rest) {
        let value_start = start + ATTRIBUTE.len();
        let Some(len) = memchr::memchr(b'"', &rest[value_start..]) else {
            break;
        };
        let value = &rest[value_start..value_start + len];
        fix_markers(out, &rest[..value_start]);
        out.extend_from_slice(if value == b"use-credentials" {
            value
        } else {
            b"anonymous"
        });
        rest = &rest[value_start + len..];
    }
    fix_markers(out, rest);
}

/// Writes `html` into `out` with every `<!>` written `<!---->`.
fn fix_markers(out: &mut Vec<u8>, html: &[u8]) {
    let mut written = 0;
    for at in memchr::memmem::find_iter(html, b"<!>") {
        out.extend_from_slice(&html[written..at]);
        out.extend_from_slice(b"<!---->");
        written = at + b"<!>".len();
    }
    out.extend_from_slice(&html[written..]);
}

#[cfg(test)]
mod tests {
    use super::tidy;
    use axum::http::header;

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
            "<html><body></body></html>"
        );
    }

    #[test]
    fn data_scripts_with_nothing_in_them_go() {
        assert_eq!(
            tidy(
                "<html><body><p>x</p></body></html><script nonce=\"n\">__RESOLVED_RESOURCES=[];__SERIALIZED_ERRORS=[];__PENDING_RESOURCES=[];__RESOURCE_RESOLVERS=[];</script><script nonce=\"n\">__INCOMPLETE_CHUNKS=[];</script>"
            ),
            "<html><body><p>x</p></body></html>"
        );
        // Data in any of them: all stay, inside the body.
        assert_eq!(
            tidy(
                "<html><body></body></html><script nonce=\"n\">__RESOLVED_RESOURCES=[];__RESOLVED_RESOURCES[0] = \"1\";</script><script nonce=\"n\">__INCOMPLETE_CHUNKS=[];</script>"
            ),
            "<html><body><script nonce=\"n\">__RESOLVED_RESOURCES=[];__RESOLVED_RESOURCES[0] = \"1\";</script><script nonce=\"n\">__INCOMPLETE_CHUNKS=[];</script></body></html>"
        );
        assert!(!super::only_empty_lists("__X=[];alert(1)"));
        assert!(!super::only_empty_lists("__X=[1];"));
    }

    #[test]
    fn a_nonce_no_element_carries_leaves_the_policy() {
        let policy =
            "default-src 'self'; script-src 'self' 'sha256-x' 'nonce-Ab1' 'wasm-unsafe-eval'";
        let mut headers = axum::http::HeaderMap::new();
        headers.insert(header::CONTENT_SECURITY_POLICY, policy.parse().unwrap());
        super::drop_unused_nonce(&mut headers, b"<script nonce=\"Ab1\">a()</script>");
        assert_eq!(headers[header::CONTENT_SECURITY_POLICY], policy);
        super::drop_unused_nonce(&mut headers, b"<p>nothing</p>");
        assert_eq!(
            headers[header::CONTENT_SECURITY_POLICY],
            "default-src 'self'; script-src 'self' 'sha256-x' 'wasm-unsafe-eval'"
        );
    }

    #[test]
    fn accented_text_around_what_is_tidied_is_kept_byte_for_byte() {
        assert_eq!(
            tidy(
                "<p>Mécanicien·ne<!>« Lyon » — 2\u{202f}300\u{a0}€<!></p><a crossorigin=\"é\">ç</a>"
            ),
            "<p>Mécanicien·ne<!---->« Lyon » — 2\u{202f}300\u{a0}€<!----></p><a crossorigin=\"anonymous\">ç</a>"
        );
    }

    #[test]
    fn escaped_text_is_left_alone() {
        assert_eq!(tidy("<p>&lt;!&gt;</p>"), "<p>&lt;!&gt;</p>");
    }
}
