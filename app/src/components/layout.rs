//! The header and footer around every page.

use leptos::prelude::*;

/// The site's header: skip link, brand, main navigation.
#[component]
pub fn SiteHeader() -> impl IntoView {
    view! {
        <a class="skip-link" href="#contenu">
            "Aller au contenu"
        </a>
        <header class="site-header">
            <div class="site-header-inner">
                <a class="brand" href="/" aria-label="JobToMove, accueil">
                    <span class="brand-mark" aria-hidden="true">
                        "J"
                    </span>
                    <span class="brand-name">"JobToMove"</span>
                </a>
                <p class="brand-tagline">"L'emploi dans les services de l'automobile"</p>
            </div>
        </header>
    }
}

/// The site's footer.
#[component]
pub fn SiteFooter() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>
                "JobToMove, le portail de l'emploi et du recrutement des services de l'automobile : "
                "garages, concessions, carrosseries, contrôle technique, poids lourds, deux-roues, "
                "location et pièces."
            </p>
        </footer>
    }
}
