//! The navigation of the recruiter space and small pieces its pages share.

use domain::model::{OfferStatus, french_date, paris_date};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

pub fn id_param() -> Option<i64> {
    use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<i64>().ok())
}

/// The tabs of the dashboard (R7).
#[component]
pub fn Tabs(current: &'static str) -> impl IntoView {
    let tab = |path: &'static str, label: &'static str| {
        view! { <a href=path aria-current=(current == path).then_some("page")>{label}</a> }
    };
    view! {
        <nav class="tabs" aria-label="Espace recruteur">
            {tab(crate::dashboard::pages::HOME, "Tableau de bord")}
            {tab("/recruteur/offres", "Suivi des offres")}
            {tab("/recruteur/offres/nouvelle", "Publier une offre")}
            {tab("/recruteur/candidatures", "Candidatures")}
            {tab("/recruteur/cvtheque", "CVthèque")}
            {tab("/recruteur/favoris", "Candidats favoris")}
            {tab("/messages", "Messages")}
            {tab("/recruteur/entreprise", "Ma fiche entreprise")}
        </nav>
    }
}

pub fn status_tag(status: OfferStatus) -> impl IntoView {
    view! { <span class=format!("tag offer-status-{}", status.code())>{status.label()}</span> }
}

pub fn date(at: Option<chrono::DateTime<chrono::Utc>>) -> String {
    at.map(|at| french_date(paris_date(at)))
        .unwrap_or_else(|| "—".into())
}
