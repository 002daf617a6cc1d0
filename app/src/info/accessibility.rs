//! Déclaration d'accessibilité (RGAA 4.1).

use super::InfoHead;
use leptos::prelude::*;

#[component]
pub fn AccessibilityPage() -> impl IntoView {
    let contact = super::contact_email();
    view! {
        <InfoHead
            title="Déclaration d'accessibilité"
            description="État de conformité de JobToMove au référentiel général d'amélioration de l'accessibilité (RGAA 4.1), résultats des tests et voies de recours."
            path="/accessibilite"
        />
        <article class="prose">
            <h1>"Déclaration d'accessibilité"</h1>
            <p>
                "L'ANFA s'engage à rendre le portail JobToMove accessible conformément à l'article 47 de la loi "
                "n° 2005-102 du 11 février 2005. Cette déclaration s'applique au portail JobToMove."
            </p>
            <h2>"État de conformité"</h2>
            <p>
                "JobToMove est partiellement conforme avec le référentiel général d'amélioration de l'accessibilité "
                "(RGAA) version 4.1 : un audit complet de conformité n'a pas encore été réalisé."
            </p>
            <h2>"Résultats des tests"</h2>
            <p>
                "Chaque version du portail est contrôlée automatiquement avant sa mise en ligne : validité du HTML "
                "(Nu HTML Checker) et règles WCAG 2.1 niveau AA vérifiables par axe-core, sur les pages d'accueil, de "
                "recherche, d'offre, d'entreprise, de groupe et cette foire aux questions. Le portail fonctionne sans "
                "JavaScript, s'affiche dès 320 pixels de large sans défilement horizontal, et ses zones cliquables "
                "mesurent au moins 44 pixels."
            </p>
            <h2>"Établissement de cette déclaration"</h2>
            <p>"Technologies utilisées : HTML, CSS, WebAssembly (améliorations facultatives). Navigateurs des tests : Chromium."</p>
            <h2>"Retour d'information et contact"</h2>
            <p>
                "Si vous n'arrivez pas à accéder à un contenu ou à un service, écrivez-nous à "
                <a href=format!("mailto:{contact}")>{contact.clone()}</a>
                " pour être orienté vers une alternative accessible ou obtenir le contenu sous une autre forme."
            </p>
            <h2>"Voies de recours"</h2>
            <p>
                "Si vous nous avez signalé un défaut d'accessibilité qui vous empêche d'accéder à un contenu ou à un "
                "service et que vous n'avez pas obtenu de réponse satisfaisante, vous pouvez écrire au Défenseur des "
                "droits (formulaire en ligne sur defenseurdesdroits.fr), contacter son délégué dans votre région, ou "
                "envoyer un courrier gratuit : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07."
            </p>
        </article>
    }
    .into_any()
}
