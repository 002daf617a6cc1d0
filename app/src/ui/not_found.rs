//! The 404 page.

use crate::response::set_status;
use crate::ui::head::PageTitle;
use leptos::prelude::*;
use leptos_meta::Meta;

/// "Page introuvable", answered with status 404.
#[component]
pub fn NotFound() -> impl IntoView {
    set_status(404);
    view! {
        <PageTitle text="Page introuvable — JobToMove" />
        <Meta name="robots" content="noindex" />
        <section class="notice">
            <h1>"Page introuvable"</h1>
            <p>
                "Cette page n'existe pas ou n'existe plus. L'offre que vous cherchez a peut-être été "
                "retirée par le recruteur."
            </p>
            <p>
                <a class="button" href="/">
                    "Voir les dernières offres"
                </a>
            </p>
        </section>
    }
}

/// A French message for a failure that is not the visitor's, with its status.
#[component]
pub fn ErrorNotice(error: domain::DomainError) -> impl IntoView {
    set_status(error.status());
    view! {
        <PageTitle text="Erreur — JobToMove" />
        <Meta name="robots" content="noindex" />
        <section class="notice" role="alert">
            <h1>"Un problème est survenu"</h1>
            <p>{error.user_message()}</p>
        </section>
    }
}
