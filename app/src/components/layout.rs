//! The header and footer around every page.

use leptos::prelude::*;

/// The site's header: skip link, brand, main navigation.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let account = match crate::session::current_user() {
        Some(_) => view! {
            <a href="/espace/profil">"Mon profil"</a>
            <form method="post" action="/deconnexion" class="inline-form">
                <button type="submit" class="link-button">"Déconnexion"</button>
            </form>
        }
        .into_any(),
        None => view! { <a href="/connexion">"Connexion"</a> }.into_any(),
    };
    view! {
        <a class="skip-link" href="#contenu">
            "Aller au contenu"
        </a>
        <header class="site-header">
            <div class="site-header-inner">
                <a class="brand" href="/">
                    <span class="brand-mark" aria-hidden="true">
                        "J"
                    </span>
                    <span class="brand-name">"JobToMove"</span>
                    <span class="visually-hidden">" — accueil"</span>
                </a>
                <nav class="site-nav" aria-label="Navigation principale">
                    <a href="/offres">"Offres"</a>
                    <a href="/entreprises">"Entreprises"</a>
                    {account}
                </nav>
            </div>
        </header>
    }
}

/// The site's footer.
#[component]
pub fn SiteFooter() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <nav aria-label="Informations">
                <ul class="footer-links">
                    <li><a href="/faq">"Questions fréquentes"</a></li>
                    <li><a href="/entreprises">"Annuaire des entreprises"</a></li>
                    <li><a href="/mentions-legales">"Mentions légales"</a></li>
                    <li><a href="/confidentialite">"Confidentialité"</a></li>
                    <li><a href="/cgu">"Conditions d'utilisation"</a></li>
                    <li><a href="/accessibilite">"Accessibilité : partiellement conforme"</a></li>
                </ul>
            </nav>
            <p>
                "JobToMove, le portail de l'emploi et du recrutement des services de l'automobile : "
                "garages, concessions, carrosseries, contrôle technique, poids lourds, deux-roues, "
                "location et pièces."
            </p>
        </footer>
    }
}
