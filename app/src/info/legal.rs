//! Mentions légales (loi pour la confiance dans l'économie numérique, art. 6).

use super::InfoHead;
use crate::SiteConfig;
use leptos::prelude::*;

#[component]
pub fn LegalPage() -> impl IntoView {
    let contact = super::contact_email();
    let hosting = use_context::<SiteConfig>().and_then(|site| site.hosting.clone());
    view! {
        <InfoHead
            title="Mentions légales"
            description="Éditeur, directeur de la publication, hébergeur et propriété intellectuelle du portail JobToMove."
            path="/mentions-legales"
        />
        <article class="prose">
            <h1>"Mentions légales"</h1>
            <h2>"Éditeur"</h2>
            <p>
                "Le portail JobToMove est édité par l'ANFA, Association Nationale pour la Formation Automobile, "
                "association régie par la loi du 1er juillet 1901, 41-49 rue de la Garenne, 92310 Sèvres."
            </p>
            <p>
                "Contact : " <a href=format!("mailto:{contact}")>{contact.clone()}</a>
            </p>
            <h2>"Directeur de la publication"</h2>
            <p>"Le directeur général de l'ANFA."</p>
            <h2>"Hébergement"</h2>
            {match hosting {
                Some(hosting) => view! { <p>{hosting}</p> }.into_any(),
                None => {
                    view! {
                        <p>
                            "Le service est hébergé dans l'Union européenne. La dénomination, l'adresse et le "
                            "téléphone de l'hébergeur sont communiqués sur simple demande à l'adresse de contact."
                        </p>
                    }
                        .into_any()
                }
            }}
            <h2>"Propriété intellectuelle"</h2>
            <p>
                "La structure du portail, ses textes et ses éléments graphiques sont la propriété de l'ANFA. "
                "Les offres d'emploi et les fiches entreprises sont publiées sous la responsabilité des recruteurs "
                "qui les rédigent ; les offres importées de France Travail restent sa propriété et renvoient à leur source."
            </p>
            <p>
                "Les données géographiques proviennent du Code officiel géographique de l'INSEE et de la base "
                "officielle des codes postaux (Licence Ouverte 2.0) et de GeoNames (CC BY 4.0)."
            </p>
            <h2>"Données personnelles"</h2>
            <p>
                "Le traitement de vos données est décrit dans la "
                <a href="/confidentialite">"politique de confidentialité"</a>
                "."
            </p>
        </article>
    }
    .into_any()
}
