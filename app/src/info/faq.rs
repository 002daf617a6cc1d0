//! Foire aux questions, organised from the original FAQ.

use super::InfoHead;
use leptos::prelude::*;

/// One question and its answer paragraphs.
struct Entry {
    question: &'static str,
    answer: &'static [&'static str],
    /// The contact form's subject, for answers that send people to it.
    contact: Option<&'static str>,
}

const SECTIONS: &[(&str, &str, &[Entry])] = &[
    (
        "portail",
        "Le portail",
        &[Entry {
            question: "Qu'est-ce que JobToMove ?",
            answer: &[
                "JobToMove est le portail d'offres d'emploi et de recrutement des services de l'automobile, géré par l'ANFA (Association Nationale pour la Formation Automobile), l'organisme de la branche (560 000 actifs, 137 500 entreprises, 70 000 jeunes en formation) dédié à l'évolution des dispositifs de formation professionnelle et à la promotion des métiers.",
                "Il facilite le lien entre les entreprises et les demandeurs d'emploi du secteur grâce à une recherche d'offres rapide et à un catalogue d'offres connecté à France Travail.",
            ],
            contact: None,
        }],
    ),
    (
        "compte",
        "Navigation et compte",
        &[
            Entry {
                question: "Dois-je créer un compte pour consulter les offres ou postuler ?",
                answer: &[
                    "Non. En tant que candidat, vous consultez librement les offres et l'annuaire des entreprises, et vous postulez en un clic avec une adresse email et un CV, sans créer de compte.",
                    "Les recruteurs ont besoin d'un compte pour créer leur fiche entreprise, publier des offres et accéder à la CVthèque.",
                ],
                contact: None,
            },
            Entry {
                question: "Quels sont les avantages d'un compte candidat ?",
                answer: &[
                    "Vous enregistrez plusieurs dossiers de candidature (CV, lettre de motivation…) et choisissez le plus adapté à chaque annonce.",
                    "Vous pouvez rendre ces dossiers visibles dans la CVthèque pour que les recruteurs vous contactent directement.",
                    "Vous suivez vos candidatures et échangez avec les recruteurs depuis votre espace personnel, et vous recevez des alertes d'emploi selon vos critères.",
                ],
                contact: None,
            },
            Entry {
                question: "J'ai oublié mon mot de passe. Que faire ?",
                answer: &[
                    "Utilisez le lien « J'ai oublié mon mot de passe » de la page de connexion. Vous recevrez un email pour choisir un nouveau mot de passe.",
                ],
                contact: None,
            },
            Entry {
                question: "Comment changer mon adresse email ou mon mot de passe ?",
                answer: &["Depuis votre profil, dans la rubrique « Modifier mon profil »."],
                contact: None,
            },
            Entry {
                question: "Je ne parviens pas à me connecter.",
                answer: &[
                    "Réinitialisez votre mot de passe avec le lien « J'ai oublié mon mot de passe » de la page de connexion.",
                    "Pour respecter le RGPD, un compte inactif pendant 2 ans est supprimé automatiquement (un email vous prévient un mois avant). Dans ce cas, créez un nouveau compte.",
                ],
                contact: None,
            },
        ],
    ),
    (
        "postuler",
        "Postuler",
        &[
            Entry {
                question: "Comment postuler à une offre ?",
                answer: &[
                    "Sans compte : déposez votre CV (et si vous le souhaitez une lettre de motivation) avec votre adresse email. Les échanges avec le recruteur se font ensuite par email ou par téléphone.",
                    "Avec un compte : utilisez l'un de vos dossiers enregistrés, créez-en un nouveau, ou déposez simplement un CV et une lettre pour cette candidature. Nous vous conseillons de personnaliser chaque candidature avec un message adapté à l'offre.",
                ],
                contact: None,
            },
            Entry {
                question: "Ma candidature n'apparaît plus dans mon tableau de bord.",
                answer: &[
                    "L'offre a peut-être été pourvue ou supprimée par le recruteur : la candidature reste alors affichée avec cette mention.",
                    "Si vous venez de postuler, vérifiez que vous avez reçu l'email de confirmation. Sans cet email, la candidature n'a peut-être pas été enregistrée : postulez de nouveau ou contactez-nous si le problème persiste.",
                ],
                contact: Some("candidature"),
            },
        ],
    ),
    (
        "visibilite",
        "Mon profil et ma visibilité",
        &[
            Entry {
                question: "Comment être visible des recruteurs ?",
                answer: &[
                    "Renseignez l'encart jaune de Mon profil > Modifier mon profil (statut, disponibilité, diplômes…).",
                    "Créez un ou plusieurs dossiers de candidature (CV, lettre de motivation, informations utiles, et même une vidéo) et cochez « rendre visible » pour apparaître dans la CVthèque.",
                ],
                contact: None,
            },
            Entry {
                question: "Qui peut consulter mon profil et mon CV ?",
                answer: &[
                    "Seuls les recruteurs et les organismes de formation inscrits, via la CVthèque, et uniquement si vous avez rendu visible un dossier. Décochez « rendre visible » dans vos dossiers de candidature pour les masquer à tout moment : l'effet est immédiat.",
                ],
                contact: None,
            },
            Entry {
                question: "Comment contacter les recruteurs d'une entreprise ?",
                answer: &[
                    "La messagerie est réservée aux candidats ayant un compte : depuis la fiche d'une entreprise, vous pouvez écrire à ses recruteurs, par exemple pour une candidature spontanée. Certains recruteurs indiquent aussi leurs coordonnées directement sur leurs offres.",
                ],
                contact: None,
            },
            Entry {
                question: "Comment supprimer mon compte ?",
                answer: &[
                    "Dans Mon profil > Modifier mon profil. Le compte et toutes ses données, fichiers compris, sont supprimés. Vous pouvez auparavant télécharger vos données.",
                ],
                contact: None,
            },
        ],
    ),
    (
        "recruteurs",
        "Espace recruteur",
        &[
            Entry {
                question: "Comment publier une offre ?",
                answer: &[
                    "Depuis votre tableau de bord. Pour gagner du temps, dupliquez une offre existante depuis l'onglet « Suivi des offres ».",
                ],
                contact: None,
            },
            Entry {
                question: "Mon entreprise apparaît-elle dans l'annuaire ?",
                answer: &[
                    "Oui, dès la création de votre compte recruteur. Complétez votre fiche pour que les candidats puissent vous contacter.",
                ],
                contact: None,
            },
            Entry {
                question: "Où trouver la CVthèque ?",
                answer: &[
                    "Elle est réservée aux recruteurs et organismes de formation connectés : sur mobile, dans la barre de navigation en bas de l'écran ; sur ordinateur, dans l'onglet des candidats favoris du tableau de bord.",
                ],
                contact: None,
            },
            Entry {
                question: "Pourquoi mon offre a-t-elle été dépubliée ?",
                answer: &[
                    "Pour éviter les offres fantômes (déjà pourvues ou expirées), les offres sont dépubliées automatiquement au bout de 3 mois. Elles restent dans votre tableau de bord et vous êtes prévenu par email, une semaine avant puis au moment de la dépublication. Si l'offre est toujours valable, republiez-la à l'identique ou mettez-la à jour.",
                ],
                contact: None,
            },
            Entry {
                question: "Qui peut modifier la fiche de mon entreprise ?",
                answer: &[
                    "Seul le premier recruteur qui a créé la fiche, depuis « Éditer ma fiche » dans son tableau de bord. En cas de doublon, voyez avec lui ; s'il a quitté l'entreprise, écrivez-nous.",
                ],
                contact: Some("proprietaire-parti"),
            },
            Entry {
                question: "Pourquoi ne puis-je pas traiter les candidatures d'un collègue ?",
                answer: &[
                    "Pour des raisons de sécurité, seul le recruteur qui a publié une offre peut agir sur elle et traiter ses candidatures, même si plusieurs recruteurs partagent la même entreprise. Pour gérer les comptes des recruteurs de votre entreprise (départ d'un salarié…), écrivez-nous.",
                ],
                contact: Some("comptes-recruteurs"),
            },
            Entry {
                question: "Comment rattacher mon entreprise à son groupe ?",
                answer: &[
                    "Depuis votre tableau de bord > Fiche entreprise > Éditer ma fiche : choisissez votre groupe dans la liste. Si votre groupe n'existe pas ou si sa fiche contient une erreur, écrivez-nous : nous le créons ou le corrigeons au plus vite.",
                ],
                contact: Some("groupe"),
            },
            Entry {
                question: "Quels candidats puis-je contacter ?",
                answer: &[
                    "Ceux qui ont postulé à l'une de vos offres, et ceux dont un dossier de candidature est visible dans la CVthèque.",
                ],
                contact: None,
            },
        ],
    ),
];

#[component]
pub fn FaqPage() -> impl IntoView {
    let contact = super::contact_email();
    view! {
        <InfoHead
            title="Questions fréquentes"
            description="Postuler sans compte, visibilité dans la CVthèque, publication et expiration des offres, fiche entreprise : les réponses aux questions fréquentes sur JobToMove."
            path="/faq"
        />
        <article class="prose">
            <h1>"Questions fréquentes"</h1>
            <nav aria-label="Rubriques" class="toc">
                <ul>
                    {SECTIONS
                        .iter()
                        .map(|(id, title, _)| view! { <li><a href=format!("#{id}")>{*title}</a></li> })
                        .collect_view()}
                </ul>
            </nav>
            {SECTIONS
                .iter()
                .map(|(id, title, entries)| {
                    view! {
                        <section id=*id aria-labelledby=format!("{id}-titre")>
                            <h2 id=format!("{id}-titre")>{*title}</h2>
                            {entries
                                .iter()
                                .map(|entry| {
                                    view! {
                                        <h3>{entry.question}</h3>
                                        {entry.answer.iter().map(|p| view! { <p>{*p}</p> }).collect_view()}
                                        {entry.contact.map(|subject| view! {
                                            <p><a href=format!("/contact?sujet={subject}")>"Écrire à l'équipe par le formulaire de contact"</a></p>
                                        })}
                                    }
                                })
                                .collect_view()}
                        </section>
                    }
                })
                .collect_view()}
            <p>
                "Une autre question ? Écrivez-nous par le "
                <a href="/contact">"formulaire de contact"</a>
                " ou à "
                <a href=format!("mailto:{contact}")>{contact.clone()}</a>
                "."
            </p>
        </article>
    }
    .into_any()
}
