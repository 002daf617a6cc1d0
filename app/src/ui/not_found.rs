//! The error pages: 404 and every other status, in the site's layout, with
//! the one set of French texts (the server's bare fallback page uses them
//! too).

use crate::response::set_status;
use crate::ui::head::PageTitle;
use leptos::prelude::*;
use leptos_meta::Meta;

/// The status of a refusal a server handler answered, to render as the
/// site's error page (any path that is not a route shows it).
#[derive(Debug, Clone, Copy)]
pub struct ErrorStatus(pub u16);

/// What the visitor reads for an error `status`.
pub fn status_text(status: u16) -> &'static str {
    match status {
        400 => "Cette demande est mal formée.",
        403 => "Vous n'avez pas accès à cette page.",
        404 => "Cette page n'existe pas ou plus.",
        405 => "Cette adresse ne s'utilise pas ainsi.",
        408 => "Cette demande a pris trop de temps. Vérifiez votre connexion et réessayez.",
        409 => "Cette action n'est pas possible dans l'état actuel.",
        413 => "Les données envoyées sont trop volumineuses.",
        415 => "Le format des données envoyées n'est pas accepté.",
        429 => "Trop de tentatives en peu de temps. Réessayez dans quelques minutes.",
        503 => "Le service est momentanément indisponible. Réessayez dans un instant.",
        _ => "Une erreur est survenue de notre côté. Réessayez dans un instant.",
    }
}

/// The page of a path that is no route: "Page introuvable" (404), or the
/// error a server handler answered ([`ErrorStatus`]).
#[component]
pub fn NotFound() -> impl IntoView {
    match use_context::<ErrorStatus>() {
        Some(ErrorStatus(status)) if status != 404 => status_page(status).into_any(),
        _ => page_not_found().into_any(),
    }
}

/// An error page other than 404, with its status.
fn status_page(status: u16) -> impl IntoView {
    set_status(status);
    view! {
        <PageTitle text="Un problème est survenu — JobToMove" />
        <Meta name="robots" content="noindex" />
        <section class="notice" role="alert">
            <h1>"Un problème est survenu"</h1>
            <p>{status_text(status)}</p>
            <p>
                <a class="button" href="/">
                    "Retour à l'accueil"
                </a>
            </p>
            <p>"Le problème persiste ? " <a href="/contact">"Écrivez-nous"</a> "."</p>
        </section>
    }
}

/// "Page introuvable", answered with status 404.
fn page_not_found() -> impl IntoView {
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
            <p>"Un lien de JobToMove vous a mené ici ? " <a href="/contact">"Signalez-le-nous"</a> "."</p>
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
            <p>"Le problème persiste ? " <a href="/contact">"Écrivez-nous"</a> "."</p>
        </section>
    }
}
