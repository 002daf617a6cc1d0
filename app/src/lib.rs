#![recursion_limit = "512"]
//! The Leptos application, one folder per area (its pages, islands and
//! `api.rs` with its server functions) and `ui/` for what they share.
//!
//! Islands architecture: every page renders on the server and works without
//! JavaScript; only `#[island]` components ship WebAssembly and hydrate.

pub mod accounts;
pub mod admin;
pub mod alerts;
pub mod applications;
pub mod companies;
pub mod contact;
pub mod dashboard;
pub mod dossiers;
mod info;
pub mod messaging;
pub mod moderation;
pub mod offers;
pub mod postings;
pub mod response;
pub mod search;
pub mod session;
#[cfg(feature = "ssr")]
pub mod state;
mod ui;

pub use ui::files::UploadReply;
pub use ui::islands::loader as island_loader;
pub use ui::not_found::{ErrorStatus, status_text};

use leptos::prelude::*;
use leptos_meta::{MetaTags, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};
use std::sync::Arc;

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
/// Shared, not copied: every page reads them from its context several times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteAssets {
    pub css: Arc<str>,
    pub js: Arc<str>,
    pub wasm: Arc<str>,
    /// The island loaders' text for the paths above, waiting for an
    /// interaction then eager ([`island_loader`]), written once: pages
    /// carry them as they are.
    pub loaders: [Arc<str>; 2],
    /// The Content-Security-Policy sources of the island loaders
    /// (`'sha256-…'` of each), computed with the paths above.
    pub scripts: Arc<str>,
}

/// The HTML document around every page (server only). It loads no script:
/// pages with islands add [`ui::islands::IslandScripts`].
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
            <ui::layout::SiteHeader />
            <main id="contenu" class="page">
                <Routes fallback=ui::not_found::NotFound>
                    <Route path=path!("/") view=search::home::HomePage ssr=SsrMode::Async />
                    <Route path=path!("/offres") view=search::page::SearchPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/entreprises")
                        view=companies::pages::DirectoryPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/entreprises/:company")
                        view=companies::pages::CompanyPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/faq") view=info::faq::FaqPage />
                    <Route path=path!("/contact") view=contact::pages::ContactPage ssr=SsrMode::Async />
                    <Route path=path!("/admin") view=admin::pages::InboxPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/verification") view=admin::pages::FactorPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/demandes/:id") view=admin::pages::CasePage ssr=SsrMode::Async />
                    <Route path=path!("/admin/journal") view=admin::pages::JournalPage ssr=SsrMode::Async />
                    <Route path=path!("/signaler") view=moderation::pages::ReportPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/moderation") view=moderation::pages::QueuePage ssr=SsrMode::Async />
                    <Route
                        path=path!("/admin/moderation/:id")
                        view=moderation::pages::ModerationCasePage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/admin/groupes") view=admin::companies::GroupsPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/entreprises") view=admin::companies::CompaniesPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/admin/entreprises/:id")
                        view=admin::companies::AdminCompanyPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/mentions-legales") view=info::legal::LegalPage />
                    <Route path=path!("/confidentialite") view=info::privacy::PrivacyPage />
                    <Route path=path!("/cgu") view=info::terms::TermsPage />
                    <Route path=path!("/accessibilite") view=info::accessibility::AccessibilityPage />
                    <Route
                        path=path!("/groupes/:group")
                        view=companies::pages::GroupPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/connexion") view=accounts::pages::LoginPage />
                    <Route path=path!("/inscription") view=accounts::pages::SignUpPage />
                    <Route path=path!("/inscription/recruteur") view=accounts::pages::RecruiterSignUpPage />
                    <Route path=path!("/verification") view=accounts::pages::VerifyAddressPage />
                    <Route path=path!("/mot-de-passe-oublie") view=accounts::pages::ForgotPasswordPage />
                    <Route path=path!("/mot-de-passe/nouveau") view=accounts::pages::ResetPasswordPage />
                    <Route path=path!("/email/confirmer") view=accounts::pages::ConfirmEmailChangePage />
                    <Route path=path!("/connexion/deverrouiller") view=accounts::pages::UnlockLogInPage />
                    <Route path=path!("/candidature/remplacer") view=accounts::pages::ConfirmReplacementPage />
                    <Route path=path!("/candidature/conserver") view=applications::keep::KeepPage ssr=SsrMode::Async />
                    <Route path=path!("/tableau-de-bord") view=dashboard::pages::DashboardPage ssr=SsrMode::Async />
                    <Route path=path!("/espace/profil") view=accounts::profile::ProfilePage ssr=SsrMode::Async />
                    <Route path=path!("/espace/dossiers") view=dossiers::pages::DossiersPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/espace/dossiers/nouveau")
                        view=dossiers::pages::NewDossierPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/espace/dossiers/:id") view=dossiers::pages::EditDossierPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/espace/candidatures")
                        view=applications::mine::ApplicationsPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/espace/favoris") view=offers::saved::SavedOffersPage ssr=SsrMode::Async />
                    <Route path=path!("/espace/alertes") view=alerts::pages::AlertsPage ssr=SsrMode::Async />
                    <Route path=path!("/alertes/desabonnement/:token") view=alerts::pages::UnsubscribePage ssr=SsrMode::Async />
                    <Route path=path!("/recruteur/offres") view=postings::pages::PostingsPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/recruteur/offres/nouvelle")
                        view=postings::pages::NewPostingPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/recruteur/offres/:id") view=postings::pages::EditPostingPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/recruteur/offres/:id/candidatures")
                        view=applications::pipeline::PipelinePage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/recruteur/candidatures") view=applications::received::ReceivedPage ssr=SsrMode::Async />
                    <Route path=path!("/recruteur/cvtheque") view=dossiers::cvtheque::CvthequePage ssr=SsrMode::Async />
                    <Route path=path!("/recruteur/cvtheque/:id") view=dossiers::cvtheque::CvDossierPage ssr=SsrMode::Async />
                    <Route path=path!("/recruteur/favoris") view=dossiers::cvtheque::FavoritesPage ssr=SsrMode::Async />
                    <Route path=path!("/recruteur/entreprise") view=companies::editor::CompanyEditPage ssr=SsrMode::Async />
                    <Route path=path!("/messages") view=messaging::pages::MessagesPage ssr=SsrMode::Async />
                    <Route path=path!("/messages/:id") view=messaging::pages::ConversationPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/recruteur/candidatures/:id")
                        view=applications::received::ApplicationPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/offres/:offer")
                        view=offers::page::OfferPage
                        ssr=SsrMode::Async
                    />
                </Routes>
            </main>
            <ui::layout::SiteFooter />
            <ui::layout::BottomBar />
        </Router>
    }
}
