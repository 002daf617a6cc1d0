//! The French emails of accounts (C1, C9, C10), each in plain text and HTML.
//! Every value put into the HTML is escaped.

use super::Email;

/// Escapes text for HTML content and attribute values.
pub use crate::model::escape_html;

/// One email from its parts: a greeting, paragraphs, an optional button
/// (label, link) and a closing line. The text version says the same.
fn compose(
    to: &str,
    subject: &str,
    first_name: &str,
    paragraphs: &[String],
    action: Option<(&str, &str)>,
) -> Email {
    compose_with_footer(
        to,
        subject,
        first_name,
        paragraphs,
        action,
        "Vous recevez ce message parce qu'un compte JobToMove utilise cette adresse.",
    )
}

/// [`compose`] with another reason for receiving the email.
fn compose_with_footer(
    to: &str,
    subject: &str,
    first_name: &str,
    paragraphs: &[String],
    action: Option<(&str, &str)>,
    footer: &str,
) -> Email {
    let greeting = if first_name.is_empty() {
        "Bonjour,".to_owned()
    } else {
        format!("Bonjour {first_name},")
    };
    let closing = "L'équipe JobToMove";

    let mut text = format!("{greeting}\n\n");
    for p in paragraphs {
        text.push_str(p);
        text.push_str("\n\n");
    }
    if let Some((label, link)) = action {
        text.push_str(&format!("{label} : {link}\n\n"));
    }
    text.push_str(&format!("{closing}\n\n--\n{footer}\n"));

    let mut html = format!(
        "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>{}</title></head>\
         <body style=\"font-family:Arial,sans-serif;color:#1f2933;line-height:1.5\">\
         <p>{}</p>",
        escape_html(subject),
        escape_html(&greeting)
    );
    for p in paragraphs {
        html.push_str(&format!("<p>{}</p>", escape_html(p)));
    }
    if let Some((label, link)) = action {
        html.push_str(&format!(
            "<p><a href=\"{0}\" style=\"display:inline-block;padding:12px 20px;background:#0b4a7d;color:#fff;text-decoration:none;border-radius:6px\">{1}</a></p>\
             <p style=\"font-size:14px\">Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur :<br>{0}</p>",
            escape_html(link),
            escape_html(label)
        ));
    }
    html.push_str(&format!(
        "<p>{}</p><hr><p style=\"font-size:12px;color:#52606d\">{}</p></body></html>",
        escape_html(closing),
        escape_html(footer)
    ));
    Email {
        to: to.to_owned(),
        subject: subject.to_owned(),
        text,
        html,
        list_unsubscribe: None,
        message_id: None,
        references: Vec::new(),
    }
}

/// C1: confirm the address of a new account.
pub fn verify_address(to: &str, first_name: &str, link: &str) -> Email {
    compose(
        to,
        "Confirmez votre adresse e-mail",
        first_name,
        &["Bienvenue sur JobToMove ! Pour activer votre compte, confirmez votre adresse e-mail. Le lien est valable 48 heures.".into(),
          "Si vous n'avez pas créé de compte, ignorez ce message : aucun compte ne sera activé.".into()],
        Some(("Confirmer mon adresse", link)),
    )
}

/// C1: someone signed up with an address that already has an account.
pub fn already_registered(to: &str, first_name: &str, log_in: &str, reset: &str) -> Email {
    compose(
        to,
        "Vous avez déjà un compte JobToMove",
        first_name,
        &["Une inscription vient d'être demandée avec cette adresse, mais un compte l'utilise déjà.".into(),
          format!("Connectez-vous avec votre mot de passe, ou choisissez-en un nouveau : {reset}"),
          "Si ce n'était pas vous, ignorez ce message : rien n'a changé sur votre compte.".into()],
        Some(("Me connecter", log_in)),
    )
}

/// C1: choose a new password (single use, one hour).
pub fn reset_password(to: &str, first_name: &str, link: &str) -> Email {
    compose(
        to,
        "Choisissez un nouveau mot de passe",
        first_name,
        &["Vous avez demandé à changer votre mot de passe. Ce lien ne sert qu'une fois et reste valable une heure.".into(),
          "Si vous n'avez rien demandé, ignorez ce message : votre mot de passe actuel reste valable.".into()],
        Some(("Choisir un nouveau mot de passe", link)),
    )
}

/// C1: confirm a new address (sent to it).
pub fn confirm_new_address(to: &str, first_name: &str, link: &str) -> Email {
    compose(
        to,
        "Confirmez votre nouvelle adresse e-mail",
        first_name,
        &["Vous avez demandé à utiliser cette adresse pour votre compte JobToMove. Confirmez-la pour terminer le changement. Le lien est valable 48 heures.".into()],
        Some(("Confirmer ma nouvelle adresse", link)),
    )
}

/// C1: the old address is told that a change was asked.
pub fn address_change_requested(to: &str, first_name: &str, new_address: &str) -> Email {
    compose(
        to,
        "Changement d'adresse e-mail demandé",
        first_name,
        &[format!("Une demande a été faite pour que votre compte JobToMove utilise désormais l'adresse {new_address}. Le changement sera fait quand elle aura été confirmée."),
          "Si vous n'êtes pas à l'origine de cette demande, changez votre mot de passe et terminez vos autres sessions depuis « Mon profil ».".into()],
        None,
    )
}

/// C1: the password was changed.
pub fn password_changed(to: &str, first_name: &str, reset: &str) -> Email {
    compose(
        to,
        "Votre mot de passe a été modifié",
        first_name,
        &["Le mot de passe de votre compte JobToMove vient d'être modifié, et vos autres sessions ont été fermées.".into(),
          format!("Si ce n'était pas vous, choisissez tout de suite un nouveau mot de passe : {reset}")],
        None,
    )
}

/// C10: 23 months without activity.
pub fn inactivity_warning(to: &str, first_name: &str, log_in: &str, deletion_date: &str) -> Email {
    compose(
        to,
        "Votre compte JobToMove sera supprimé dans un mois",
        first_name,
        &[
            "Vous ne vous êtes pas connecté à JobToMove depuis presque deux ans.".into(),
            format!(
                "Sans connexion de votre part d'ici le {deletion_date}, votre compte et toutes ses données seront supprimés, comme l'annonce notre politique de confidentialité."
            ),
            "Pour le garder, il suffit de vous connecter.".into(),
        ],
        Some(("Me connecter", log_in)),
    )
}

/// C9 / C10: the account and its data were deleted.
pub fn account_deleted(to: &str, first_name: &str, after_inactivity: bool) -> Email {
    let why = if after_inactivity {
        "Votre compte JobToMove n'avait pas été utilisé depuis deux ans : il a été supprimé avec toutes ses données."
    } else {
        "Votre compte JobToMove a été supprimé à votre demande, avec toutes ses données."
    };
    compose(
        to,
        "Votre compte JobToMove a été supprimé",
        first_name,
        &[
            why.into(),
            "Vous pouvez créer un nouveau compte à tout moment.".into(),
        ],
        None,
    )
}

/// What an application sent, for the emails that tell about it.
pub struct SentApplication<'a> {
    pub offer_title: &'a str,
    pub company_name: &'a str,
    pub offer_link: &'a str,
    pub candidate_name: &'a str,
    pub candidate_email: &'a str,
    pub phone: Option<&'a str>,
    pub files: Vec<String>,
    pub message: Option<&'a str>,
    pub replaced: bool,
}

impl SentApplication<'_> {
    fn summary(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if !self.files.is_empty() {
            lines.push(format!("Documents : {}.", self.files.join(", ")));
        }
        if let Some(phone) = self.phone {
            lines.push(format!("Téléphone : {phone}."));
        }
        if let Some(message) = self.message {
            lines.push(format!("Message : « {message} »"));
        }
        lines
    }
}

/// P7, C4: the candidate's copy of what they sent.
pub fn application_sent(
    to: &str,
    first_name: &str,
    sent: &SentApplication,
    with_account: bool,
) -> Email {
    let mut paragraphs = vec![if sent.replaced {
        format!(
            "Votre nouvelle candidature à l'offre « {} » chez {} remplace celle que vous aviez envoyée : le recruteur ne voit que la plus récente.",
            sent.offer_title, sent.company_name
        )
    } else {
        format!(
            "Votre candidature à l'offre « {} » chez {} a bien été envoyée au recruteur.",
            sent.offer_title, sent.company_name
        )
    }];
    paragraphs.extend(sent.summary());
    paragraphs.push(if with_account {
        "Suivez-la dans « Mes candidatures » : vous y verrez quand le recruteur l'aura lue et sa réponse.".into()
    } else {
        format!(
            "Le recruteur vous répondra directement par e-mail ({}) ou par téléphone si vous l'avez indiqué. Pour suivre vos candidatures en ligne, créez un compte avec cette adresse.",
            sent.candidate_email
        )
    });
    let footer = if with_account {
        "Vous recevez ce message parce qu'un compte JobToMove utilise cette adresse."
    } else {
        "Vous recevez ce message parce que cette adresse a été utilisée pour postuler sur JobToMove. Si ce n'était pas vous, ignorez-le."
    };
    compose_with_footer(
        to,
        &format!("Candidature envoyée : {}", sent.offer_title),
        first_name,
        &paragraphs,
        Some(("Revoir l'offre", sent.offer_link)),
        footer,
    )
}

/// P7, C4, R5: the recruiter who published the offer is told.
pub fn application_received(
    to: &str,
    first_name: &str,
    sent: &SentApplication,
    link: &str,
) -> Email {
    let who = if sent.candidate_name.is_empty() {
        sent.candidate_email.to_owned()
    } else {
        format!("{} ({})", sent.candidate_name, sent.candidate_email)
    };
    let mut paragraphs = vec![if sent.replaced {
        format!(
            "{who} a renvoyé sa candidature à votre offre « {} » : elle remplace la précédente.",
            sent.offer_title
        )
    } else {
        format!("{who} a postulé à votre offre « {} ».", sent.offer_title)
    }];
    paragraphs.extend(sent.summary());
    paragraphs.push(format!(
        "Vous pouvez lui répondre directement à {}.",
        sent.candidate_email
    ));
    compose(
        to,
        &format!("Nouvelle candidature : {}", sent.offer_title),
        first_name,
        &paragraphs,
        Some(("Voir l'offre", link)),
    )
}

/// B4: an offer ends in 7 days; one click renews it.
pub fn offer_expires_soon(
    to: &str,
    first_name: &str,
    title: &str,
    date: &str,
    link: &str,
) -> Email {
    compose(
        to,
        &format!("Votre offre « {title} » expire le {date}"),
        first_name,
        &[
            format!("Votre offre « {title} » sera dépubliée automatiquement le {date}, trois mois après sa publication."),
            "Si le poste est toujours à pourvoir, renouvelez-la en un clic : elle restera en ligne trois mois de plus. Sinon, indiquez qu'il est pourvu.".into(),
        ],
        Some(("Renouveler mon offre", link)),
    )
}

/// R4: an offer was unpublished after three months.
pub fn offer_expired(to: &str, first_name: &str, title: &str, link: &str) -> Email {
    compose(
        to,
        &format!("Votre offre « {title} » a été dépubliée"),
        first_name,
        &[
            format!("Votre offre « {title} » a été dépubliée automatiquement, trois mois après sa publication : elle n'apparaît plus dans les résultats de recherche."),
            "Elle reste dans votre suivi des offres. Si le poste est toujours à pourvoir, republiez-la telle quelle ou mettez-la à jour.".into(),
        ],
        Some(("Voir mon offre", link)),
    )
}

/// R5, C5: the recruiter moved an application; a declined one may carry
/// the question "may we keep it 2 years?" (B5).
#[expect(
    clippy::too_many_arguments,
    reason = "the parts of one email, each a different text"
)]
pub fn application_status(
    to: &str,
    first_name: &str,
    offer_title: &str,
    company: &str,
    status: crate::model::ApplicationStatus,
    with_account: bool,
    link: &str,
    keep_link: Option<&str>,
) -> Email {
    use crate::model::ApplicationStatus as S;
    let news = match status {
        S::Viewed => format!("{company} a consulté votre candidature à l'offre « {offer_title} »."),
        S::Shortlisted => format!(
            "Bonne nouvelle : {company} a présélectionné votre candidature à l'offre « {offer_title} »."
        ),
        S::Interview => format!(
            "{company} souhaite vous rencontrer pour l'offre « {offer_title} ». Le recruteur vous contactera pour convenir d'un entretien."
        ),
        S::Hired => format!(
            "Félicitations : {company} a retenu votre candidature à l'offre « {offer_title} »."
        ),
        S::Declined => format!(
            "{company} n'a pas retenu votre candidature à l'offre « {offer_title} ». Ne vous découragez pas : d'autres offres vous attendent sur JobToMove."
        ),
        S::Sent => format!("Votre candidature à l'offre « {offer_title} » est envoyée."),
    };
    let footer = if with_account {
        "Vous recevez ce message parce qu'un compte JobToMove utilise cette adresse."
    } else {
        "Vous recevez ce message parce que cette adresse a été utilisée pour postuler sur JobToMove."
    };
    let mut paragraphs = vec![news];
    if let Some(keep) = keep_link {
        paragraphs.push(format!(
            "{company} aimerait garder votre candidature pour d'autres postes pendant 2 ans. Si vous êtes d'accord, dites-le ici : {keep} — sans réponse de votre part, ses fichiers et messages seront supprimés dans 3 mois."
        ));
    }
    compose_with_footer(
        to,
        &format!("Votre candidature : {}", status.label().to_lowercase()),
        first_name,
        &paragraphs,
        Some((
            if with_account {
                "Voir mes candidatures"
            } else {
                "Voir l'offre"
            },
            link,
        )),
        footer,
    )
}

/// C6: someone wrote in a thread (at most one such email per thread and
/// person every 15 minutes). The message itself is only on the site.
pub fn new_message(to: &str, first_name: &str, from: &str, subject: &str, link: &str) -> Email {
    compose(
        to,
        &format!("Nouveau message de {from}"),
        first_name,
        &[
            format!("{from} vous a écrit au sujet de « {subject} »."),
            "Pour le lire et répondre, ouvrez la conversation sur JobToMove. Nous ne vous écrivons pas plus d'une fois par quart d'heure pour une même conversation.".into(),
        ],
        Some(("Lire le message", link)),
    )
}

/// R1: a recruiter asks to join the company page the owner manages.
pub fn join_requested(to: &str, first_name: &str, who: &str, company: &str, link: &str) -> Email {
    compose(
        to,
        &format!("{who} demande à rejoindre {company} sur JobToMove"),
        first_name,
        &[format!("{who} vient de créer un compte recruteur avec le SIRET de {company} et demande à rejoindre la fiche de l'entreprise."),
          "Tant que vous n'avez pas accepté, cette personne ne peut ni publier d'offre au nom de l'entreprise, ni lire ses messages, ni consulter la CVthèque.".into(),
          "Si vous ne la connaissez pas, refusez sa demande.".into()],
        Some(("Accepter ou refuser", link)),
    )
}

/// R1: the owner accepted (`accepted`) or refused the request to join.
pub fn join_decided(
    to: &str,
    first_name: &str,
    company: &str,
    accepted: bool,
    link: &str,
) -> Email {
    let (subject, paragraph) = if accepted {
        (
            format!("Vous avez rejoint {company} sur JobToMove"),
            format!(
                "Le responsable de la fiche de {company} a accepté votre demande : vous pouvez publier des offres, recevoir des candidatures et échanger avec les candidats au nom de l'entreprise."
            ),
        )
    } else {
        (
            format!("Votre demande pour rejoindre {company} n'a pas été acceptée"),
            format!(
                "Le responsable de la fiche de {company} n'a pas accepté votre demande. Si vous pensez qu'il s'agit d'une erreur, rapprochez-vous de lui ou écrivez-nous par le formulaire de contact."
            ),
        )
    };
    compose(
        to,
        &subject,
        first_name,
        &[paragraph],
        Some(("Ouvrir mon espace recruteur", link)),
    )
}

/// B3: an anonymous application would replace an earlier one of this
/// address: it waits for this confirmation.
pub fn confirm_replacement(
    to: &str,
    first_name: &str,
    title: &str,
    company: &str,
    link: &str,
) -> Email {
    compose_with_footer(
        to,
        &format!("Confirmez votre nouvelle candidature : {title}"),
        first_name,
        &[format!("Une nouvelle candidature à l'offre « {title} » de {company} vient d'être envoyée avec cette adresse. Vous aviez déjà postulé à cette offre : la nouvelle candidature remplacera la précédente, CV compris, quand vous l'aurez confirmée. Le lien est valable 48 heures."),
          "Si vous n'êtes pas à l'origine de cet envoi, ignorez ce message : votre candidature précédente reste telle quelle.".into()],
        Some(("Remplacer ma candidature", link)),
        "Vous recevez ce message parce qu'une candidature a été envoyée avec cette adresse sur JobToMove.",
    )
}

/// C1: too many wrong passwords; the owner can unlock the log-in.
pub fn log_in_locked(to: &str, first_name: &str, link: &str, reset: &str) -> Email {
    compose(
        to,
        "Connexion à votre compte suspendue",
        first_name,
        &["Plusieurs mots de passe erronés ont été saisis pour votre compte JobToMove en quelques minutes : pour le protéger, la connexion est suspendue pendant 15 minutes.".into(),
          "Si c'était vous, suivez le lien ci-dessous pour vous connecter tout de suite. Il ne sert qu'une fois et reste valable une heure.".into(),
          format!("Si ce n'était pas vous, votre mot de passe n'a pas été trouvé ; choisissez-en un plus sûr si vous le souhaitez : {reset}")],
        Some(("Débloquer la connexion", link)),
    )
}

/// P6: the acknowledgement of a message to the team, with its number; the
/// team's replies come in the same thread.
pub fn contact_received(to: &str, name: &str, subject: &str, number: &str, message: &str) -> Email {
    compose_with_footer(
        to,
        subject,
        name,
        &[
            format!(
                "Nous avons bien reçu votre message : il porte le numéro {number}. L'équipe JobToMove vous répond à cette adresse, en général sous deux jours ouvrés."
            ),
            "Pour compléter votre demande, répondez simplement à cet e-mail.".into(),
            format!("Votre message :\n{message}"),
        ],
        None,
        "Vous recevez ce message parce que vous avez écrit à l'équipe JobToMove depuis le formulaire de contact.",
    )
}

/// A1: the team's reply to a case, in the thread of its acknowledgement.
pub fn contact_reply(to: &str, name: &str, subject: &str, number: &str, reply: &str) -> Email {
    compose_with_footer(
        to,
        &format!("Re: {subject}"),
        name,
        &[
            reply.to_owned(),
            format!(
                "Pour nous répondre, écrivez-nous depuis le formulaire de contact en rappelant le numéro {number} (cette adresse d'envoi ne lit pas les réponses)."
            ),
        ],
        None,
        "Vous recevez ce message parce que vous avez écrit à l'équipe JobToMove depuis le formulaire de contact.",
    )
}

/// A3: a company's ownership changed hands (sent to both recruiters).
pub fn ownership_transferred(
    to: &str,
    first_name: &str,
    company: &str,
    new_owner: &str,
    is_new_owner: bool,
) -> Email {
    let text = if is_new_owner {
        format!(
            "L'équipe JobToMove vous a confié la propriété de la fiche « {company} » : vous pouvez désormais l'éditer et accepter les recruteurs qui la rejoignent."
        )
    } else {
        format!(
            "L'équipe JobToMove a confié la propriété de la fiche « {company} » à {new_owner}. Vous restez recruteur de l'entreprise."
        )
    };
    compose(
        to,
        &format!("Fiche « {company} » : nouveau propriétaire"),
        first_name,
        &[
            text,
            "Si cela vous surprend, écrivez-nous depuis le formulaire de contact de JobToMove."
                .into(),
        ],
        None,
    )
}

/// A3: offers handed over to another recruiter of the company.
pub fn offers_handed_over(to: &str, first_name: &str, count: u64, from: &str) -> Email {
    compose(
        to,
        "Des offres vous ont été confiées",
        first_name,
        &[format!(
            "L'équipe JobToMove vous a confié {count} offre(s) de {from}, avec leurs candidatures : vous les retrouvez dans « Suivi des offres »."
        )],
        None,
    )
}

/// A3: an account was deactivated by the team.
pub fn account_deactivated(to: &str, first_name: &str, reason: &str) -> Email {
    compose(
        to,
        "Votre compte JobToMove a été désactivé",
        first_name,
        &[
            "L'équipe JobToMove a désactivé votre compte : vous ne pouvez plus vous connecter. Vos offres et leurs candidatures restent à votre entreprise.".into(),
            format!("Motif : {reason}"),
            "Pour contester cette décision, écrivez-nous depuis le formulaire de contact de JobToMove.".into(),
        ],
        None,
    )
}

/// A3: a recruiter was detached from their company by the team.
pub fn recruiter_detached(to: &str, first_name: &str, company: &str, reason: &str) -> Email {
    compose(
        to,
        &format!("Vous ne faites plus partie de « {company} »"),
        first_name,
        &[
            format!("L'équipe JobToMove vous a détaché de la fiche « {company} » : vous ne publiez plus pour elle et ne recevez plus ses candidatures."),
            format!("Motif : {reason}"),
            "Pour contester cette décision, écrivez-nous depuis le formulaire de contact de JobToMove.".into(),
        ],
        None,
    )
}

/// DSA art. 16: a report was received.
pub fn report_received(to: &str, name: &str, target: &str, number: &str, reason: &str) -> Email {
    compose_with_footer(
        to,
        &format!("[{number}] Votre signalement est bien reçu"),
        name,
        &[
            format!("Nous avons bien reçu votre signalement de « {target} » (motif : {reason}). Il porte le numéro {number}."),
            "L'équipe JobToMove l'examine et vous écrira sa décision. Le recruteur ne connaît pas votre identité.".into(),
        ],
        None,
        "Vous recevez ce message parce que vous avez signalé un contenu sur JobToMove.",
    )
}

/// DSA art. 16(5): the decision on what a person reported.
pub fn report_outcome(
    to: &str,
    name: &str,
    target: &str,
    number: &str,
    measure: crate::model::Measure,
    ground: crate::model::ReportReason,
) -> Email {
    let outcome = match measure {
        crate::model::Measure::Dismiss => "après examen, l'équipe n'a pas retenu de manquement : le signalement est classé sans suite.".to_owned(),
        other => format!("l'équipe a pris la mesure suivante : {} (fondement : {}).", other.label().to_lowercase(), ground.label()),
    };
    compose_with_footer(
        to,
        &format!("[{number}] Décision sur votre signalement"),
        name,
        &[
            format!("Votre signalement de « {target} » ({number}) a été examiné : {outcome}"),
            "Merci de nous aider à garder des offres fiables. Si vous contestez cette décision, écrivez-nous depuis le formulaire de contact (sujet « Contester une décision de modération ») en rappelant ce numéro.".into(),
        ],
        None,
        "Vous recevez ce message parce que vous avez signalé un contenu sur JobToMove.",
    )
}

/// The parts of a statement of reasons (DSA art. 17).
pub struct Statement<'a> {
    pub to: &'a str,
    pub first_name: &'a str,
    pub number: &'a str,
    pub target: &'a str,
    pub measure: crate::model::Measure,
    pub facts: &'a str,
    pub followed_report: bool,
    pub ground: crate::model::ReportReason,
}

/// DSA art. 17: the statement of reasons sent to the recruiter a measure
/// concerns: the measure and its duration, the facts, whether it followed a
/// report, the ground, and how to contest.
pub fn statement_of_reasons(s: &Statement<'_>) -> Email {
    compose(
        s.to,
        &format!(
            "[{}] Décision de l'équipe JobToMove : « {} »",
            s.number, s.target
        ),
        s.first_name,
        &[
            format!("Mesure : {}.", s.measure.label()),
            format!("Durée : {}.", s.measure.duration()),
            format!("Faits : {}", s.facts),
            if s.followed_report {
                "Cette décision fait suite à un signalement (son auteur n'est pas communiqué)."
                    .to_owned()
            } else {
                "Cette décision fait suite à un contrôle de l'équipe, sans signalement.".to_owned()
            },
            format!(
                "Fondement : {} ; conditions générales d'utilisation de JobToMove, article « Modération ».",
                s.ground.label()
            ),
            format!(
                "Pour contester : écrivez-nous depuis le formulaire de contact (sujet « Contester une décision de modération ») en rappelant le numéro {} ; un autre membre de l'équipe réexamine la décision. Vous pouvez aussi saisir le juge compétent.",
                s.number
            ),
        ],
        None,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_links_are_escaped_in_the_html_but_readable_in_the_text() {
        let email = verify_address("a@exemple.fr", "<b>Zoé</b>", "https://x.fr/v?jeton=a&b");
        assert!(email.html.contains("&lt;b&gt;Zoé&lt;/b&gt;"));
        assert!(!email.html.contains("<b>Zoé"));
        assert!(email.html.contains("https://x.fr/v?jeton=a&amp;b"));
        assert!(email.text.contains("Bonjour <b>Zoé</b>,"));
        assert!(email.text.contains("https://x.fr/v?jeton=a&b"));
        assert_eq!(email.subject, "Confirmez votre adresse e-mail");
    }
}
