//! Reading `multipart/form-data` bodies: streamed, each part capped while it
//! is read, whatever the request claims. A malformed body (no boundary, a
//! wrong one, a truncated part) is a 400, never a panic; a file over its cap
//! is a French message on its field.
//!
//! Uploads go through these axum handlers, not through Leptos server
//! functions: Leptos's multipart codec buffers bodies without a limit.

use crate::http::error::error_page;
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::StatusCode;
use axum::response::Response;
use bytes::{Bytes, BytesMut};
use domain::files::{Upload, too_large_message};
use domain::model::{DOCUMENT_MAX_BYTES, LOGO_MAX_BYTES, VIDEO_MAX_BYTES};
use std::collections::{BTreeMap, HashMap};

/// A text part: at most this many bytes.
const TEXT_MAX_BYTES: usize = 32 * 1024;
/// At most this many parts in one form.
const MAX_PARTS: usize = 40;

/// The largest file part named `name` may be.
fn file_cap(name: &str) -> usize {
    if name == "video" {
        VIDEO_MAX_BYTES
    } else if name == "logo" {
        LOGO_MAX_BYTES
    } else {
        DOCUMENT_MAX_BYTES
    }
}

/// A multipart form as read: text values (every value of a repeated name),
/// files (a file input left empty is absent), and the French messages of
/// the files refused while reading (too large).
#[derive(Default)]
pub struct Posted {
    pub texts: HashMap<String, Vec<String>>,
    pub files: HashMap<String, Upload>,
    pub refused: BTreeMap<String, String>,
    /// Whether any file came (files are taken out as the form is read).
    pub had_files: bool,
}

impl Posted {
    /// The first value of `name`, or "".
    pub fn text(&self, name: &str) -> &str {
        self.texts
            .get(name)
            .and_then(|v| v.first())
            .map_or("", String::as_str)
    }

    pub fn file(&mut self, name: &str) -> Option<Upload> {
        self.files.remove(name)
    }

    /// Whether a checkbox `name` was ticked.
    pub fn ticked(&self, name: &str) -> bool {
        !self.text(name).is_empty()
    }

    /// The texts to show again in a refused form (the first of each name).
    pub fn values(&self) -> BTreeMap<String, String> {
        self.texts
            .iter()
            .filter_map(|(name, values)| Some((name.clone(), values.first()?.clone())))
            .collect()
    }
}

impl<S: Send + Sync> FromRequest<S> for Posted {
    type Rejection = Response;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let mut multipart = Multipart::from_request(request, state)
            .await
            .map_err(|rejection| {
                tracing::info!(%rejection, "multipart body refused");
                error_page(StatusCode::BAD_REQUEST)
            })?;
        let mut posted = Posted::default();
        let mut parts = 0;
        loop {
            let field = match multipart.next_field().await {
                Ok(Some(field)) => field,
                Ok(None) => break,
                Err(error) => return Err(refuse(error.status(), &error.body_text())),
            };
            parts += 1;
            if parts > MAX_PARTS {
                return Err(error_page(StatusCode::BAD_REQUEST));
            }
            let name = field.name().unwrap_or_default().to_owned();
            let file_name = field.file_name().map(str::to_owned);
            let cap = if file_name.is_some() {
                file_cap(&name)
            } else {
                TEXT_MAX_BYTES
            };
            let mut field = field;
            let mut bytes = BytesMut::new();
            let mut over = false;
            loop {
                match field.chunk().await {
                    Ok(Some(chunk)) => {
                        if bytes.len() + chunk.len() > cap {
                            over = true;
                            break;
                        }
                        bytes.extend_from_slice(&chunk);
                    }
                    Ok(None) => break,
                    Err(error) => return Err(refuse(error.status(), &error.body_text())),
                }
            }
            if over {
                if file_name.is_none() {
                    return Err(error_page(StatusCode::PAYLOAD_TOO_LARGE));
                }
                // The rest of the body is not read: the form is refused
                // with the message on this file.
                posted.had_files = true;
                posted.refused.insert(name, too_large_message(cap));
                break;
            }
            match file_name {
                Some(file_name) => {
                    if !(file_name.is_empty() && bytes.is_empty()) {
                        posted.had_files = true;
                        posted.files.insert(
                            name,
                            Upload {
                                name: file_name,
                                bytes: Bytes::from(bytes),
                            },
                        );
                    }
                }
                None => {
                    let text = String::from_utf8(bytes.to_vec())
                        .map_err(|_| error_page(StatusCode::BAD_REQUEST))?;
                    posted.texts.entry(name).or_default().push(text);
                }
            }
        }
        Ok(posted)
    }
}

/// Reads the multipart body of a request already split (handlers check who
/// asks before reading anything).
pub async fn read(
    parts: &axum::http::request::Parts,
    body: axum::body::Body,
) -> Result<Posted, Response> {
    Posted::from_request(Request::from_parts(parts.clone(), body), &()).await
}

fn refuse(status: StatusCode, detail: &str) -> Response {
    tracing::info!(%status, detail, "multipart body refused");
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        error_page(status)
    } else {
        error_page(StatusCode::BAD_REQUEST)
    }
}
