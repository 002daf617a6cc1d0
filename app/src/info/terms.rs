//! Conditions générales d'utilisation.

use super::InfoHead;
use leptos::prelude::*;

#[component]
pub fn TermsPage() -> impl IntoView {
    let contact = super::contact_email();
    view! {
        <InfoHead
            title="Conditions générales d'utilisation"
            description="Les règles d'utilisation du portail JobToMove pour les candidats, les recruteurs et les organismes de formation."
            path="/cgu"
        />
        <article class="prose">
            <h1>"Conditions générales d'utilisation"</h1>
            <h2>"1. Objet"</h2>
            <p>
                "JobToMove, édité par l'ANFA, est un service gratuit de mise en relation entre candidats et entreprises "
                "des services de l'automobile. Utiliser le portail vaut acceptation des présentes conditions."
            </p>
            <h2>"2. Accès"</h2>
            <p>
                "La consultation des offres et de l'annuaire et la candidature sans compte sont libres. Les espaces "
                "candidat, recruteur et organisme de formation demandent un compte, personnel : gardez votre mot de "
                "passe secret et prévenez-nous de toute utilisation frauduleuse."
            </p>
            <h2>"3. Engagements des candidats"</h2>
            <p>
                "Vous fournissez des informations exactes et ne déposez que des documents qui vous concernent. "
                "Les fichiers déposés ne doivent contenir ni logiciel malveillant ni contenu illicite."
            </p>
            <h2>"4. Engagements des recruteurs et organismes de formation"</h2>
            <ul>
                <li>"Publier des offres réelles, pour des postes à pourvoir, indiquant l'employeur et la rémunération."</li>
                <li>
                    "Respecter le Code du travail : aucune offre ne peut mentionner de critère discriminatoire "
                    "(article L.1132-1 : âge, sexe, origine, situation de famille, état de santé, handicap…). "
                    "Le portail vérifie les offres à la publication et peut refuser ou retirer une offre."
                </li>
                <li>
                    "N'utiliser les candidatures et les profils de la CVthèque que pour recruter, ne pas les transmettre "
                    "à des tiers et répondre aux candidats dans un délai raisonnable."
                </li>
            </ul>
            <h2 id="moderation">"5. Modération"</h2>
            <p>
                "Toute personne peut signaler une offre ou une fiche entreprise par le lien « Signaler » de sa page, "
                "sans compte : un motif (critère discriminatoire, limite d'âge, offre fausse ou trompeuse, arnaque, "
                "doublon, poste déjà pourvu, hors du secteur, autre manquement), une explication et une déclaration de "
                "bonne foi. L'auteur reçoit un accusé de réception puis la décision ; le recruteur ne connaît pas son identité. "
                "Un même signalement répété ne compte qu'une fois."
            </p>
            <p>
                "L'équipe de l'ANFA examine chaque signalement et peut : dépublier l'offre, demander une correction "
                "(l'offre revient en ligne après vérification de la modification), suspendre l'entreprise (ses offres "
                "quittent le catalogue et ses recruteurs ne peuvent plus publier), suspendre le compte d'un recruteur "
                "(ses sessions sont fermées, il ne peut plus se connecter), ou classer sans suite. Chaque décision est motivée : "
                "le recruteur concerné reçoit un exposé des motifs (mesure et durée, faits, signalement ou contrôle "
                "d'office, fondement légal ou clause des présentes conditions, voie de contestation)."
            </p>
            <p>
                "Pour contester une décision, écrivez-nous depuis le "
                <a href="/contact?sujet=contestation">"formulaire de contact"</a>
                " (sujet « Contester une décision de modération ») en rappelant son numéro : un autre membre de "
                "l'équipe la réexamine. Les voies de recours judiciaires restent ouvertes. Chaque action "
                "d'administration est inscrite dans un journal qui ne peut être ni modifié ni effacé ; les dossiers "
                "de modération ne sont jamais supprimés."
            </p>
            <h2>"6. Responsabilité"</h2>
            <p>
                "Les recruteurs sont responsables du contenu de leurs offres et de leur fiche entreprise, les candidats "
                "de leurs dossiers. L'ANFA met tout en œuvre pour assurer la disponibilité et la sécurité du service "
                "sans pouvoir garantir l'absence d'interruption."
            </p>
            <h2>"7. Données personnelles"</h2>
            <p>
                "Voir la " <a href="/confidentialite">"politique de confidentialité"</a> "."
            </p>
            <h2>"8. Modification et droit applicable"</h2>
            <p>
                "Ces conditions peuvent évoluer ; la version en ligne s'applique. Elles sont régies par le droit français. "
                "Contact : " <a href=format!("mailto:{contact}")>{contact.clone()}</a> "."
            </p>
        </article>
    }
    .into_any()
}
