//! Posted forms as handlers read and answer them: the urlencoded fields,
//! the page rendered again with the French errors, the redirect of a
//! success (or the JSON the upload island asks for), and who is asking.

use crate::http::error::{error_page, status_of};
use crate::http::uploads::Posted;
use app::UploadReply;
use app::session::FormOutcome;
use app::shell;
use app::state::AppState;
use axum::Json;
use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, Request};
use axum::http::{HeaderValue, Method, StatusCode, header, request::Parts};
use axum::response::{IntoResponse, Response};
use domain::DomainError;
use domain::accounts::Origin;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use std::collections::HashMap;
use std::sync::Arc;

/// Renders a Leptos page from a handler, with a form's outcome in context.
#[derive(Clone)]
pub struct Pages {
    context: Arc<dyn Fn() + Send + Sync>,
    /// Shared: the router's layers copy `Pages` on every request.
    options: Arc<LeptosOptions>,
}

impl Pages {
    pub fn new(context: impl Fn() + Send + Sync + 'static, options: LeptosOptions) -> Self {
        Self {
            context: Arc::new(context),
            options: Arc::new(options),
        }
    }

    /// The page at `path`, as a GET of it would render, with `outcome`.
    pub async fn render(
        &self,
        parts: Parts,
        path: &str,
        outcome: FormOutcome,
        status: StatusCode,
    ) -> Response {
        self.render_with(
            parts,
            path,
            move || provide_context(outcome.clone()),
            status,
        )
        .await
    }

    /// The site's error page of `status` (its header knows the visitor).
    pub async fn error(&self, parts: Parts, status: StatusCode) -> Response {
        let code = app::ErrorStatus(status.as_u16());
        // No route has this path: the router's fallback shows the error.
        self.render_with(parts, "/erreur", move || provide_context(code), status)
            .await
    }

    async fn render_with(
        &self,
        mut parts: Parts,
        path: &str,
        provide: impl Fn() + Clone + Send + Sync + 'static,
        status: StatusCode,
    ) -> Response {
        parts.method = Method::GET;
        parts.uri = path.parse().unwrap_or_default();
        let context = self.context.clone();
        let options = self.options.clone();
        let handler = leptos_axum::render_app_async_with_context(
            move || {
                context();
                provide();
            },
            move || shell(LeptosOptions::clone(&options)),
        );
        let mut response = handler(Request::from_parts(parts, Body::empty()))
            .await
            .into_response();
        *response.status_mut() = status;
        response
    }

    /// The page at `path` again, showing why `error` refused the form.
    pub async fn refused(
        &self,
        parts: Parts,
        path: &str,
        fields: &Fields,
        error: DomainError,
    ) -> Response {
        let values = fields
            .0
            .iter()
            .filter(|(name, _)| !name.contains("mot_de_passe") && name.as_str() != "jeton")
            .map(|(name, value)| (name.clone(), value.clone()))
            .chain(
                fields
                    .0
                    .get("jeton")
                    .map(|token| ("jeton".to_owned(), token.clone())),
            )
            .collect();
        self.refused_with(parts, path, values, error, None).await
    }

    /// The answer to a plain form: 303 to where `done` says when it worked,
    /// the page at `path` again with the French errors when it did not.
    pub async fn answer(
        &self,
        parts: Parts,
        path: &str,
        fields: &Fields,
        done: Result<String, DomainError>,
    ) -> Response {
        match done {
            Ok(to) => see_other(&to),
            Err(error) => self.refused(parts, path, fields, error).await,
        }
    }

    /// The page at `path` again with `values` typed and why `error` refused
    /// the form; `note` adds to the message of an `Invalid` form.
    pub async fn refused_with(
        &self,
        parts: Parts,
        path: &str,
        values: std::collections::BTreeMap<String, String>,
        error: DomainError,
        note: Option<&str>,
    ) -> Response {
        let status = status_of(&error);
        let outcome = match error {
            DomainError::Invalid(errors) => FormOutcome {
                values,
                errors,
                message: note.map(str::to_owned),
            },
            other => FormOutcome {
                values,
                errors: Default::default(),
                message: Some(other.user_message()),
            },
        };
        self.render(parts, path, outcome, status).await
    }
}

/// An `application/x-www-form-urlencoded` body as name → value (the first
/// value of a repeated name). A body that cannot be read gets a French
/// error page with its status (413 when too large).
pub struct Fields(pub HashMap<String, String>, pub Vec<(String, String)>);

impl Fields {
    pub fn get(&self, name: &str) -> &str {
        self.0.get(name).map_or("", String::as_str)
    }

    /// The form as the typed struct `T` of its area (each field a
    /// `String` under its posted name; a missing field is empty).
    pub fn parse<T: serde::de::DeserializeOwned + Default>(&self) -> T {
        use serde::de::value::{Error, MapDeserializer};
        let fields = self.0.iter().map(|(n, v)| (n.as_str(), v.as_str()));
        T::deserialize(MapDeserializer::<_, Error>::new(fields)).unwrap_or_else(|error| {
            tracing::warn!(%error, "a form did not fit its struct");
            T::default()
        })
    }

    /// Every value of `name`, in order (checkboxes).
    pub fn all(&self, name: &str) -> Vec<String> {
        self.1
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .collect()
    }
}

impl<S: Send + Sync> FromRequest<S> for Fields {
    type Rejection = Response;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|e| error_page(e.status()))?;
        let mut fields = HashMap::new();
        let mut all = Vec::new();
        for (name, value) in form_urlencoded::parse(&bytes) {
            fields
                .entry(name.to_string())
                .or_insert_with(|| value.to_string());
            all.push((name.into_owned(), value.into_owned()));
        }
        Ok(Self(fields, all))
    }
}

/// "303 See Other" to `path`.
pub fn see_other(path: &str) -> Response {
    let location = HeaderValue::from_str(path).unwrap_or_else(|_| HeaderValue::from_static("/"));
    (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response()
}

/// Who asks, from where, and when, for the domain's flows.
pub fn origin<'a>(state: &'a AppState, parts: &'a Parts, ip: &'a str) -> Origin<'a> {
    Origin {
        site: &state.site.public_url,
        ip,
        user_agent: parts
            .headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or(""),
        now: chrono::Utc::now(),
    }
}

/// Whether the browser asked for JSON (the upload island) rather than a page.
pub fn wants_json(parts: &Parts) -> bool {
    parts
        .headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"))
}

/// A success: a redirect for a form, `{"redirect": …}` for the island.
pub fn done(parts: &Parts, to: &str) -> Response {
    if wants_json(parts) {
        Json(UploadReply {
            redirect: Some(to.to_owned()),
            ..Default::default()
        })
        .into_response()
    } else {
        see_other(to)
    }
}

/// A refusal as JSON, for an island that posted a page's form: its status,
/// and the French message of each refused field or of the whole form.
pub fn refused_json(error: DomainError, note: Option<&str>) -> Response {
    let status = status_of(&error);
    let body = match error {
        DomainError::Invalid(errors) => UploadReply {
            errors,
            message: note.map(str::to_owned),
            ..Default::default()
        },
        other => UploadReply {
            message: Some(other.user_message()),
            ..Default::default()
        },
    };
    (status, Json(body)).into_response()
}

/// Where a form comes back to: its `suite` field when it names a page of
/// the site, else `default`; with `?ok=…` (or `&ok=…`) appended.
pub fn back_to(suite: &str, default: &str, ok: &str) -> String {
    let page = domain::model::safe_return_path(suite)
        .filter(|p| !p.is_empty())
        .unwrap_or(default);
    let joiner = if page.contains('?') { '&' } else { '?' };
    format!("{page}{joiner}ok={ok}")
}

/// A refusal: the page at `path` again, or the errors as JSON.
pub async fn refused(
    pages: &Pages,
    parts: Parts,
    path: &str,
    posted: &Posted,
    error: DomainError,
) -> Response {
    let note = posted.had_files.then_some(
        "Certains champs sont à corriger. Par sécurité, choisissez de nouveau vos fichiers avant d'envoyer.",
    );
    if wants_json(&parts) {
        return refused_json(error, note);
    }
    pages
        .refused_with(parts, path, posted.values(), error, note)
        .await
}

/// The error of files refused while reading, if any.
pub fn refused_while_reading(posted: &Posted) -> Option<DomainError> {
    (!posted.refused.is_empty()).then(|| DomainError::Invalid(posted.refused.clone()))
}
