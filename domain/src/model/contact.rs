//! The contact form (P6): its subjects, taken from the FAQ's cases, and
//! what a case's number looks like to the person who wrote.

closed_set! {
    /// What a message to the JobToMove team is about.
    pub enum ContactSubject {
        DuplicateCompany = "doublon-fiche" => "Doublon de fiche entreprise",
        RecruiterLeft = "depart-recruteur" => "Départ d'un recruteur",
        RecruiterAccounts = "comptes-recruteurs" => "Gestion des comptes recruteurs de mon entreprise",
        Group = "groupe" => "Groupe manquant ou erroné",
        OwnerGone = "proprietaire-parti" => "Propriétaire de fiche parti",
        Application = "candidature" => "Problème de candidature",
        Appeal = "contestation" => "Contester une décision de modération",
        Other = "autre" => "Autre",
    }
}

/// The longest message the form takes.
pub const CONTACT_MESSAGE_MAX_CHARS: usize = 5_000;

/// The contact form as posted; `site_web` is the honeypot (hidden from
/// people, filled by robots).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ContactForm {
    pub sujet: String,
    pub message: String,
    pub email: String,
    pub nom: String,
    /// The company concerned, as its page's id.
    pub entreprise: String,
    /// The offer concerned, as its id.
    pub offre: String,
    pub site_web: String,
}

/// The company and offer a message is about, as the form shows them.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ContactTarget {
    pub company: Option<(i64, String)>,
    pub offer: Option<(i64, String)>,
}

/// A case's number as the requester reads it in emails.
pub fn case_number(id: i64) -> String {
    format!("JTM-{id:05}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_case_number_is_padded_and_prefixed() {
        assert_eq!(case_number(42), "JTM-00042");
        assert_eq!(case_number(1_234_567), "JTM-1234567");
    }

    #[test]
    fn every_subject_fits_its_column() {
        assert!(ContactSubject::ALL.iter().all(|s| s.code().len() <= 40));
    }
}
