//! B2: an offer may not select on the criteria of article L.1132-1 of the
//! Code du travail (age, sex, origin, family situation, pregnancy, health,
//! disability, religion, physical appearance, union membership…), and its
//! title must address women and men alike (L.1142-1: « H/F » or a neutral
//! form). The check reads the folded text (accents and case ignored) for
//! phrases that state such a criterion; each finding names the words and why
//! they are refused, in French.

use super::fold_name;
use serde::{Deserialize, Serialize};

/// One refused wording.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// The words as found (folded).
    pub words: String,
    pub reason: &'static str,
}

impl Finding {
    /// « jeune » : l'âge ne peut pas être un critère…
    pub fn message(&self) -> String {
        format!("« {} » : {}", self.words, self.reason)
    }
}

const AGE: &str =
    "l'âge ne peut pas être un critère de recrutement (Code du travail, art. L.1132-1).";
const SEX: &str = "le sexe ne peut pas être un critère de recrutement (art. L.1142-1) : l'offre s'adresse aux femmes comme aux hommes.";
const ORIGIN: &str = "l'origine, la nationalité ou l'apparence d'une ethnie ne peuvent pas être des critères de recrutement (art. L.1132-1).";
const FAMILY: &str = "la situation de famille et la grossesse ne peuvent pas être des critères de recrutement (art. L.1132-1).";
const HEALTH: &str = "l'état de santé et le handicap ne peuvent pas être des critères de recrutement (art. L.1132-1) ; l'aptitude au poste relève de la médecine du travail.";
const RELIGION: &str =
    "les convictions religieuses ne peuvent pas être un critère de recrutement (art. L.1132-1).";
const APPEARANCE: &str =
    "l'apparence physique ne peut pas être un critère de recrutement (art. L.1132-1).";
const OPINIONS: &str = "les opinions politiques, l'activité syndicale et l'orientation sexuelle ne peuvent pas être des critères de recrutement (art. L.1132-1).";

/// Folded phrases and their reason. A phrase matches whole words.
const PHRASES: &[(&str, &str)] = &[
    ("jeune", AGE),
    ("jeunes", AGE),
    ("age de", AGE),
    ("agee de", AGE),
    ("age maximum", AGE),
    ("age minimum", AGE),
    ("limite d age", AGE),
    ("homme", SEX),
    ("hommes", SEX),
    ("femme", SEX),
    ("femmes", SEX),
    ("masculin", SEX),
    ("feminin", SEX),
    ("sexe", SEX),
    ("jeune fille", SEX),
    ("de nationalite", ORIGIN),
    ("nationalite francaise", ORIGIN),
    ("de souche", ORIGIN),
    ("origine ethnique", ORIGIN),
    ("origine etrangere", ORIGIN),
    ("d origine francaise", ORIGIN),
    ("origine europeenne", ORIGIN),
    ("race", ORIGIN),
    ("ethnie", ORIGIN),
    ("couleur de peau", ORIGIN),
    ("sans accent", ORIGIN),
    ("celibataire", FAMILY),
    ("sans enfant", FAMILY),
    ("sans enfants", FAMILY),
    ("pas d enfant", FAMILY),
    ("pas d enfants", FAMILY),
    ("situation de famille", FAMILY),
    ("situation familiale", FAMILY),
    ("enceinte", FAMILY),
    ("grossesse", FAMILY),
    ("bonne sante", HEALTH),
    ("etat de sante", HEALTH),
    ("sans handicap", HEALTH),
    ("pas de handicap", HEALTH),
    ("non handicape", HEALTH),
    ("religion", RELIGION),
    ("catholique", RELIGION),
    ("musulman", RELIGION),
    ("musulmane", RELIGION),
    ("chretien", RELIGION),
    ("juif", RELIGION),
    ("physique agreable", APPEARANCE),
    ("beau physique", APPEARANCE),
    ("apparence physique", APPEARANCE),
    ("non syndique", OPINIONS),
    ("orientation sexuelle", OPINIONS),
    ("opinions politiques", OPINIONS),
];

/// Phrases that contain a refused word but are lawful: they are removed
/// before the check (a "jeune diplômé" is a level of experience; employers
/// welcome people with disabilities).
const LAWFUL: &[&str] = &[
    "jeune diplome",
    "jeunes diplomes",
    "jeune diplomee",
    "situation de handicap",
    "hommes et femmes",
    "femmes et hommes",
    "homme ou femme",
    "femme ou homme",
];

/// Whether a title addresses women and men alike: « H/F », « F/H », an
/// inclusive form (« Mécanicien·ne », « Vendeur(se) »).
fn title_is_neutral(title: &str) -> bool {
    let folded = format!(" {} ", fold_name(title));
    let lower = title.to_lowercase();
    [" h f ", " f h ", " h f x ", " f h x "]
        .iter()
        .any(|marker| folded.contains(marker))
        || [
            "·", "(e)", "(ne)", "(se)", "(euse)", "(trice)", "(ère)", "/ne", "-ne ",
        ]
        .iter()
        .any(|marker| lower.contains(marker))
}

/// The refused wordings of an offer's title and text (its description as
/// plain text), in reading order, each once.
pub fn check_offer_text(title: &str, text: &str) -> Vec<Finding> {
    let mut findings = Vec::new();
    if !title_is_neutral(title) {
        findings.push(Finding {
            words: title.trim().to_owned(),
            reason: "l'intitulé doit s'adresser aux femmes comme aux hommes : ajoutez « H/F » ou une forme neutre (« Mécanicien·ne »). Code du travail, art. L.1142-1.",
        });
    }
    let mut folded = format!(" {} {} ", fold_name(title), fold_name(text));
    for lawful in LAWFUL {
        folded = folded.replace(&format!(" {lawful} "), " ");
    }
    // The sex check ignores the markers of a neutral title.
    for marker in [" h f ", " f h "] {
        folded = folded.replace(marker, " ");
    }
    let mut found: Vec<(usize, Finding)> = Vec::new();
    for (phrase, reason) in PHRASES {
        if let Some(at) = folded.find(&format!(" {phrase} ")) {
            // A longer phrase found at the same place wins ("jeune fille").
            found.retain(|(other, f)| !(*other == at && phrase.starts_with(f.words.as_str())));
            if !found
                .iter()
                .any(|(other, f)| *other == at && f.words.starts_with(phrase))
            {
                found.push((
                    at,
                    Finding {
                        words: (*phrase).to_owned(),
                        reason,
                    },
                ));
            }
        }
    }
    // Ages stated as numbers: "moins de 30 ans", "entre 25 et 35 ans", "18-25 ans"
    // (not years of experience).
    let words: Vec<&str> = folded.split_whitespace().collect();
    for (i, word) in words.iter().enumerate() {
        if *word != "ans" || i == 0 || !words[i - 1].chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let experience = words[i + 1..]
            .iter()
            .take(3)
            .any(|w| w.starts_with("experience") || w.starts_with("anciennete"));
        let before: Vec<&str> = words[i.saturating_sub(4)..i - 1].to_vec();
        let about_age = before
            .iter()
            .any(|w| ["moins", "plus", "entre", "age", "agee", "maximum", "max"].contains(w))
            || (i >= 3 && words[i - 2].chars().all(|c| c.is_ascii_digit()));
        if about_age && !experience {
            let start = i.saturating_sub(4);
            let words_found = words[start..=i].join(" ");
            let at = folded.find(&words_found).unwrap_or(usize::MAX);
            found.push((
                at,
                Finding {
                    words: words_found,
                    reason: AGE,
                },
            ));
        }
    }
    found.sort_by_key(|(at, _)| *at);
    findings.extend(found.into_iter().map(|(_, f)| f));
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(title: &str, text: &str) -> Vec<String> {
        check_offer_text(title, text)
            .into_iter()
            .map(|f| f.words)
            .collect()
    }

    #[test]
    fn a_neutral_lawful_offer_passes() {
        assert!(
            words(
                "Mécanicien automobile H/F",
                "Garage familial recherche un mécanicien, 2 ans d'expérience minimum. \
             Jeunes diplômés bienvenus. Poste ouvert aux personnes en situation de handicap. \
             Pièces d'origine constructeur."
            )
            .is_empty()
        );
        assert!(words("Carrossier·ère peintre", "Travail en équipe.").is_empty());
        assert!(words("Vendeur(se) pièces auto", "Entre 3 et 5 ans d'expérience.").is_empty());
    }

    #[test]
    fn discriminatory_criteria_are_named_with_their_reason() {
        let found = check_offer_text(
            "Mécanicien H/F",
            "Nous cherchons un jeune homme dynamique, de nationalité française, âgé de moins de 30 ans, célibataire et en bonne santé.",
        );
        let named: Vec<&str> = found.iter().map(|f| f.words.as_str()).collect();
        assert!(named.contains(&"jeune"), "{named:?}");
        assert!(named.contains(&"homme"), "{named:?}");
        assert!(
            named.contains(&"nationalite francaise") || named.contains(&"de nationalite"),
            "{named:?}"
        );
        assert!(named.iter().any(|w| w.contains("30 ans")), "{named:?}");
        assert!(named.contains(&"celibataire"), "{named:?}");
        assert!(named.contains(&"bonne sante"), "{named:?}");
        assert!(found.iter().all(|f| f.message().contains("art. L.11")));
    }

    #[test]
    fn a_title_for_one_sex_only_is_refused() {
        assert_eq!(words("Mécanicien automobile", "Atelier moderne.").len(), 1);
        assert!(words("Mécanicien automobile F/H", "").is_empty());
        assert!(!words("Hôtesse d'accueil", "").is_empty());
    }

    #[test]
    fn age_ranges_are_refused_but_not_years_of_experience() {
        assert!(!words("Vendeur H/F", "Profil : 25-35 ans.").is_empty());
        assert!(!words("Vendeur H/F", "Profil : entre 25 et 35 ans.").is_empty());
        assert!(!words("Vendeur H/F", "Candidats de moins de 26 ans uniquement.").is_empty());
        assert!(words("Vendeur H/F", "Au moins 5 ans d'expérience en concession.").is_empty());
        assert!(words("Vendeur H/F", "Plus de 10 ans d'expérience souhaitée.").is_empty());
    }
}
