//! The contact form's POST (P6): the message becomes a case of the
//! administrators' inbox; the page then shows its number.

use crate::http::Routes;
use crate::http::form::{Fields, Pages, origin, see_other};
use crate::http::session::{authenticated, client_ip};
use app::state::AppState;
use axum::Extension;
use axum::extract::State;
use axum::http::request::Parts;
use axum::response::Response;
use domain::model::ContactForm;

/// POST /contact
pub async fn send(
    State(state): State<AppState>,
    Extension(pages): Extension<Pages>,
    parts: Parts,
    fields: Fields,
) -> Response {
    let ip = client_ip(&parts);
    let user = authenticated(&parts).map(|auth| auth.user);
    let form: ContactForm = fields.parse();
    match domain::contact::submit(
        &state.db,
        &origin(&state, &parts, &ip),
        user.as_ref(),
        &form,
    )
    .await
    {
        Ok(Some(case)) => see_other(&format!("/contact?ok=envoye&demande={case}")),
        Ok(None) => see_other("/contact?ok=envoye"),
        Err(error) => pages.refused(parts, "/contact", &fields, error).await,
    }
}

/// The contact form's routes.
pub fn routes() -> Routes {
    Routes::new().route("POST", "/contact", axum::routing::post(send))
}
