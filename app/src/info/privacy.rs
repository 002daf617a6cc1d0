//! Politique de confidentialité (RGPD).

use super::InfoHead;
use leptos::prelude::*;

#[component]
pub fn PrivacyPage() -> impl IntoView {
    let contact = super::contact_email();
    view! {
        <InfoHead
            title="Politique de confidentialité"
            description="Quelles données JobToMove conserve, pourquoi, combien de temps, qui les voit, et comment exercer vos droits (RGPD)."
            path="/confidentialite"
        />
        <article class="prose">
            <h1>"Politique de confidentialité"</h1>
            <p>
                "JobToMove met en relation des candidats et des recruteurs des services de l'automobile. "
                "Cette page explique quelles données nous conservons, pourquoi, combien de temps, qui y a accès "
                "et comment exercer vos droits, conformément au règlement général sur la protection des données (RGPD) "
                "et à la loi Informatique et Libertés."
            </p>
            <h2>"Responsable du traitement"</h2>
            <p>
                "L'ANFA, Association Nationale pour la Formation Automobile, 41-49 rue de la Garenne, 92310 Sèvres. "
                "Pour toute question sur vos données : "
                <a href=format!("mailto:{contact}")>{contact.clone()}</a>
                "."
            </p>
            <h2>"Les données que nous conservons"</h2>
            <ul>
                <li>
                    "Candidature sans compte : adresse email, CV, et si vous les donnez vos nom, téléphone, "
                    "lettre de motivation et message, transmis au recruteur de l'offre."
                </li>
                <li>
                    "Compte candidat : identité, email, mot de passe (conservé uniquement sous forme d'empreinte "
                    "argon2id, jamais en clair), profil (statut, disponibilité, diplômes, métiers et lieux recherchés, "
                    "permis, expérience, téléphone), dossiers de candidature (CV, lettres, vidéos), candidatures, "
                    "messages, offres sauvegardées et alertes."
                </li>
                <li>
                    "Compte recruteur ou organisme de formation : identité, email, entreprise (dont le SIRET), offres "
                    "publiées, candidatures reçues et notes privées, candidats favoris, messages."
                </li>
                <li>
                    "Sécurité : sessions de connexion (date, navigateur) et journaux techniques, pour protéger les "
                    "comptes et limiter les abus."
                </li>
            </ul>
            <h2>"Pourquoi et sur quelle base"</h2>
            <ul>
                <li>"Fournir le service (recherche d'offres, candidatures, CVthèque, messagerie) : exécution des conditions d'utilisation."</li>
                <li>"Sécuriser le service et prévenir les abus : intérêt légitime."</li>
                <li>"Vérifier que les offres respectent le Code du travail (non-discrimination) : obligation légale."</li>
            </ul>
            <h2>"Qui voit vos données"</h2>
            <ul>
                <li>"Le recruteur d'une offre voit les candidatures reçues pour cette offre, et lui seul."</li>
                <li>
                    "Les recruteurs et organismes de formation inscrits voient, dans la CVthèque, les dossiers que vous "
                    "avez rendus visibles et le profil qui les accompagne. Décocher « rendre visible » les masque immédiatement."
                </li>
                <li>"L'équipe de l'ANFA qui administre le portail, pour le support et la modération."</li>
                <li>"Nos sous-traitants techniques (hébergement, envoi d'emails), dans l'Union européenne."</li>
            </ul>
            <p>"Vos données ne sont ni vendues, ni utilisées à des fins publicitaires. Le portail n'utilise aucun traceur publicitaire ni outil de mesure tiers."</p>
            <h2>"Combien de temps"</h2>
            <ul>
                <li>
                    "Un compte inactif pendant 2 ans est supprimé automatiquement avec toutes ses données ; un email "
                    "vous prévient un mois avant."
                </li>
                <li>
                    "Les fichiers (CV, lettre, vidéo) et les messages d'une candidature non retenue sont supprimés 3 mois "
                    "après la décision ; de même 3 mois après la clôture de l'offre (pourvue, retirée, expirée) si aucune "
                    "décision n'a été prise, et au plus tard 12 mois après l'envoi d'une candidature restée sans réponse. "
                    "Il en reste l'offre, l'entreprise, les dates et la décision. Les fichiers que vous gardez dans vos "
                    "propres dossiers ne sont jamais touchés, et vous pouvez supprimer ceux d'une candidature à tout moment "
                    "depuis « Mes candidatures », où la date de suppression est indiquée."
                </li>
                <li>"Un compte supprimé à votre demande l'est immédiatement, fichiers compris."</li>
                <li>"Un message envoyé par le formulaire de contact est supprimé, avec les réponses de l'équipe, un an après le traitement de la demande."</li>
                <li>
                    "Les signalements et les décisions de modération, ainsi que le journal des actions d'administration, "
                    "sont conservés pour le contrôle interne et la défense de nos droits ; ils ne contiennent ni CV ni contenu de message."
                </li>
                <li>"Les journaux techniques sont conservés un an au plus."</li>
            </ul>
            <h2>"Cookies"</h2>
            <p>
                "Le seul cookie déposé est le cookie de session, strictement nécessaire pour rester connecté. "
                "Il ne nécessite pas de consentement et n'est pas déposé si vous ne vous connectez pas."
            </p>
            <h2>"Vos droits"</h2>
            <p>
                "Vous pouvez accéder à vos données, les rectifier, les effacer, en limiter le traitement, vous opposer "
                "à celui-ci et définir des directives sur leur sort après votre décès. Depuis Mon profil, vous "
                "téléchargez vos données (portabilité) et supprimez votre compte. Pour toute autre demande, écrivez-nous : "
                "nous répondons sous un mois."
            </p>
            <p>
                "Si vous estimez que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la CNIL "
                "(www.cnil.fr)."
            </p>
        </article>
    }
    .into_any()
}
