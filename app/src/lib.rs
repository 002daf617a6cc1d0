#![recursion_limit = "512"]
//! The Leptos application: routes, pages, components and server functions.
//!
//! Islands architecture: every page renders on the server and works without
//! JavaScript; only `#[island]` components ship WebAssembly and hydrate.

pub mod api;
mod components;
mod pages;
pub mod response;
pub mod session;
#[cfg(feature = "ssr")]
pub mod state;

use leptos::prelude::*;
use leptos_meta::{MetaTags, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};

/// Facts about the site that pages need: absolute URLs, contact details.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    /// The public origin, without a trailing slash: "https://www.jobtomove.fr".
    pub public_url: String,
    /// Where visitors write to the portal's team.
    pub contact_email: String,
    /// The host's name, address and phone for the legal notice, when configured.
    pub hosting: Option<String>,
}

impl SiteConfig {
    /// The absolute URL of a path of this site.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.public_url)
    }
}

/// The hashed paths of the built stylesheet, JavaScript and WebAssembly,
/// resolved once at start-up by the server (`server::assets`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteAssets {
    pub css: String,
    pub js: String,
    pub wasm: String,
}

/// The HTML document around every page (server only). It loads no script:
/// pages with islands add [`components::islands::IslandScripts`].
pub fn shell(_options: LeptosOptions) -> impl IntoView {
    let assets = use_context::<SiteAssets>();
    #[cfg(feature = "ssr")]
    response::set_content_security_policy();
    view! {
        <!DOCTYPE html>
        <html lang="fr">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#0b4a7d" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                {assets.map(|assets| view! { <link rel="stylesheet" href=assets.css /> })}
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The routes of the site.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Router>
            <components::layout::SiteHeader />
            <main id="contenu" class="page">
                <Routes fallback=pages::not_found::NotFound>
                    <Route path=path!("/") view=pages::home::HomePage ssr=SsrMode::Async />
                    <Route path=path!("/offres") view=pages::search::SearchPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/entreprises")
                        view=pages::companies::DirectoryPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/entreprises/:company")
                        view=pages::companies::CompanyPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/faq") view=pages::info::faq::FaqPage />
                    <Route path=path!("/mentions-legales") view=pages::info::legal::LegalPage />
                    <Route path=path!("/confidentialite") view=pages::info::privacy::PrivacyPage />
                    <Route path=path!("/cgu") view=pages::info::terms::TermsPage />
                    <Route path=path!("/accessibilite") view=pages::info::accessibility::AccessibilityPage />
                    <Route
                        path=path!("/groupes/:group")
                        view=pages::companies::GroupPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/connexion") view=pages::account::LoginPage />
                    <Route path=path!("/inscription") view=pages::account::SignUpPage />
                    <Route path=path!("/inscription/recruteur") view=pages::account::RecruiterSignUpPage />
                    <Route path=path!("/verification") view=pages::account::VerifyAddressPage />
                    <Route path=path!("/mot-de-passe-oublie") view=pages::account::ForgotPasswordPage />
                    <Route path=path!("/mot-de-passe/nouveau") view=pages::account::ResetPasswordPage />
                    <Route path=path!("/email/confirmer") view=pages::account::ConfirmEmailChangePage />
                    <Route path=path!("/connexion/deverrouiller") view=pages::account::UnlockLogInPage />
                    <Route path=path!("/candidature/remplacer") view=pages::account::ConfirmReplacementPage />
                    <Route path=path!("/espace/profil") view=pages::profile::ProfilePage ssr=SsrMode::Async />
                    <Route path=path!("/espace/dossiers") view=pages::candidate::DossiersPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/espace/dossiers/nouveau")
                        view=pages::candidate::NewDossierPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/espace/dossiers/:id") view=pages::candidate::EditDossierPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/espace/candidatures")
                        view=pages::candidate::ApplicationsPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/espace/favoris") view=pages::candidate::SavedOffersPage ssr=SsrMode::Async />
                    <Route path=path!("/recruteur/offres") view=pages::recruiter::PostingsPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/recruteur/offres/nouvelle")
                        view=pages::recruiter::NewPostingPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/recruteur/offres/:id") view=pages::recruiter::EditPostingPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/recruteur/offres/:id/candidatures")
                        view=pages::recruiter::ReceivedPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/recruteur/candidatures") view=pages::recruiter::ReceivedPage ssr=SsrMode::Async />
                    <Route path=path!("/recruteur/cvtheque") view=pages::cvtheque::CvthequePage ssr=SsrMode::Async />
                    <Route path=path!("/recruteur/cvtheque/:id") view=pages::cvtheque::CvDossierPage ssr=SsrMode::Async />
                    <Route path=path!("/recruteur/favoris") view=pages::cvtheque::FavoritesPage ssr=SsrMode::Async />
                    <Route path=path!("/recruteur/entreprise") view=pages::recruiter::CompanyEditPage ssr=SsrMode::Async />
                    <Route path=path!("/messages") view=pages::messages::MessagesPage ssr=SsrMode::Async />
                    <Route path=path!("/messages/:id") view=pages::messages::ConversationPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/recruteur/candidatures/:id")
                        view=pages::recruiter::ApplicationPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/offres/:offer")
                        view=pages::offer::OfferPage
                        ssr=SsrMode::Async
                    />
                </Routes>
            </main>
            <components::layout::SiteFooter />
            <components::layout::BottomBar />
        </Router>
    }
}
