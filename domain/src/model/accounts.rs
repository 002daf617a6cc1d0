//! Accounts as pages see them: who is signed in, "Mon profil" and its
//! sessions, the candidate's "encart jaune" (C2), and the rules of names,
//! addresses and phone numbers.

use super::JobFamily;
use super::Role;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Passwords: at least this many characters (CNIL 2022-100, without
/// composition rules)…
pub const PASSWORD_MIN_CHARS: usize = 12;
/// …and at most this many (argon2 cost stays bounded).
pub const PASSWORD_MAX_CHARS: usize = 128;

/// The signed-in person of a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: i64,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub role: Role,
}

impl CurrentUser {
    /// Recruiters and training organisations publish offers for a company.
    pub fn is_recruiter(&self) -> bool {
        matches!(self.role, Role::Recruiter | Role::TrainingOrganisation)
    }
}

/// One signed-in browser of an account, as "Mes sessions" lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    /// An opaque reference to end this session (not its secret).
    pub reference: String,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub ip: String,
    /// A short description of the browser: "Chrome sur Android".
    pub device: String,
    /// The session of the request that lists them.
    pub current: bool,
}

/// What "Mon profil" shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileView {
    pub user: CurrentUser,
    pub created_at: DateTime<Utc>,
    /// The company the recruiter belongs to, and whether they own it.
    pub company: Option<(String, String, bool)>,
    pub sessions: Vec<SessionView>,
}

/// Describes a browser from its User-Agent, in French: "Firefox sur Windows".
pub fn describe_device(user_agent: &str) -> String {
    let ua = user_agent;
    let browser = if ua.contains("Edg/") {
        "Edge"
    } else if ua.contains("OPR/") || ua.contains("Opera") {
        "Opera"
    } else if ua.contains("SamsungBrowser") {
        "Samsung Internet"
    } else if ua.contains("Firefox/") {
        "Firefox"
    } else if ua.contains("Chrome/") || ua.contains("Chromium/") {
        "Chrome"
    } else if ua.contains("Safari/") {
        "Safari"
    } else {
        "Navigateur inconnu"
    };
    let system = if ua.contains("Android") {
        "Android"
    } else if ua.contains("iPhone") || ua.contains("iPad") {
        "iOS"
    } else if ua.contains("Windows") {
        "Windows"
    } else if ua.contains("Mac OS X") {
        "macOS"
    } else if ua.contains("Linux") {
        "Linux"
    } else {
        return browser.to_owned();
    };
    format!("{browser} sur {system}")
}

/// Normalises an email address as accounts store it (trimmed, lowercase), or
/// says in French why it is not one.
pub fn normalize_email(input: &str) -> Result<String, &'static str> {
    let email = input.trim().to_lowercase();
    if email.is_empty() {
        return Err("Indiquez votre adresse e-mail.");
    }
    let valid = email.len() <= 254
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && local.len() <= 64
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains("..")
                && domain
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '.' || c == '-')
        })
        && !email
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>' || c == ',');
    if valid {
        Ok(email)
    } else {
        Err("Cette adresse e-mail n'est pas valide (exemple : prenom.nom@exemple.fr).")
    }
}

/// Checks a person's name (first or last): present, at most 100 characters.
pub fn check_name(input: &str, what: &'static str) -> Result<String, String> {
    let name = input.trim();
    if name.is_empty() {
        Err(format!("Indiquez votre {what}."))
    } else if name.chars().count() > 100 {
        Err(format!("Votre {what} dépasse 100 caractères."))
    } else if super::line_refusal(name).is_some() {
        Err(format!(
            "Votre {what} contient des caractères non autorisés."
        ))
    } else {
        Ok(name.to_owned())
    }
}

/// A local path to go back to after logging in (`/espace/profil`), never
/// another site (`//evil.example`, `https://…`).
pub fn safe_return_path(input: &str) -> Option<&str> {
    let ok = input.starts_with('/')
        && !input.starts_with("//")
        && !input.starts_with("/\\")
        && !input.chars().any(|c| c.is_control() || c == '\\')
        && input.len() <= 512;
    ok.then_some(input)
}

closed_set! {
    /// Where the candidate stands today (C2).
    pub enum CandidateStatus {
        Employed = "en_poste" => "En poste",
        JobSeeker = "recherche" => "En recherche d'emploi",
        Student = "etudiant" => "Étudiant ou apprenti",
        Retraining = "reconversion" => "En reconversion",
    }
}

closed_set! {
    /// When the candidate can start (C2).
    pub enum Availability {
        Immediate = "immediate" => "Immédiatement",
        FromDate = "date" => "À partir d'une date",
        Notice = "preavis" => "Après mon préavis",
    }
}

closed_set! {
    /// Diplomas and qualifications of the trade (C2).
    pub enum Diploma {
        Cap = "cap" => "CAP",
        Bep = "bep" => "BEP",
        Mc = "mc" => "Mention complémentaire",
        BacPro = "bac_pro" => "Bac pro",
        Bac = "bac" => "Bac général ou technologique",
        Cqp = "cqp" => "CQP",
        TitrePro = "titre_pro" => "Titre professionnel",
        Bts = "bts" => "BTS",
        But = "but" => "BUT ou DUT",
        Licence = "licence" => "Licence ou licence pro",
        Master = "master" => "Master ou diplôme d'ingénieur",
    }
}

closed_set! {
    /// Driving licences (C2).
    pub enum DrivingLicence {
        B = "b" => "Permis B",
        Be = "be" => "Permis BE",
        C = "c" => "Permis C",
        Ce = "ce" => "Permis CE",
        D = "d" => "Permis D",
        A = "a" => "Permis A",
    }
}

/// Wanted places in a profile.
pub const MAX_WANTED_PLACES: usize = 5;

/// The candidate's "encart jaune" (C2). Empty lists and `None` mean "not said".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CandidateProfile {
    pub status: Option<CandidateStatus>,
    pub availability: Option<Availability>,
    pub available_from: Option<NaiveDate>,
    pub diplomas: Vec<Diploma>,
    pub job_families: Vec<JobFamily>,
    /// INSEE codes of the wanted communes, with their display names.
    pub places: Vec<(String, String)>,
    pub mobility_km: Option<i32>,
    pub licences: Vec<DrivingLicence>,
    pub experience_years: Option<i32>,
    pub phone: Option<String>,
}

impl CandidateProfile {
    /// Whether the candidate has said anything yet.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// The mobility radii offered by the profile form, in km.
pub const MOBILITY_CHOICES_KM: &[i32] = &[0, 10, 20, 30, 50, 100, 200];

/// A French phone number, normalised to "06 12 34 56 78" (or "+33 …" kept
/// as typed when international); empty is `None`.
pub fn check_phone(input: &str) -> Result<Option<String>, &'static str> {
    let digits: String = input.chars().filter(|c| c.is_ascii_digit()).collect();
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    let allowed = trimmed
        .chars()
        .all(|c| c.is_ascii_digit() || " .-+()".contains(c));
    if !allowed {
        return Err("Indiquez un numéro de téléphone, par exemple 06 12 34 56 78.");
    }
    if let Some(national) = digits
        .strip_prefix("33")
        .filter(|_| trimmed.starts_with('+'))
    {
        let national = national.trim_start_matches('0');
        if national.len() == 9 {
            return Ok(Some(group_phone(&format!("0{national}"))));
        }
    } else if digits.len() == 10 && digits.starts_with('0') {
        return Ok(Some(group_phone(&digits)));
    }
    if trimmed.starts_with('+') && (8..=15).contains(&digits.len()) {
        return Ok(Some(trimmed.to_owned()));
    }
    Err("Indiquez un numéro de téléphone, par exemple 06 12 34 56 78.")
}

fn group_phone(digits: &str) -> String {
    digits
        .as_bytes()
        .chunks(2)
        .map(|pair| String::from_utf8_lossy(pair).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_stored_lowercase_and_bad_ones_are_refused_in_french() {
        assert_eq!(
            normalize_email("  Marie.Dupont@Exemple.FR "),
            Ok("marie.dupont@exemple.fr".into())
        );
        for bad in [
            "",
            "marie",
            "marie@",
            "@exemple.fr",
            "marie@exemple",
            "a b@exemple.fr",
            "m@exemple..fr",
            "m@<x>.fr",
        ] {
            assert!(normalize_email(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn only_local_paths_are_followed_after_log_in() {
        assert_eq!(safe_return_path("/espace/profil"), Some("/espace/profil"));
        for bad in [
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "espace",
            "/a\nb",
        ] {
            assert_eq!(safe_return_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn devices_are_described_from_the_user_agent() {
        assert_eq!(
            describe_device(
                "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36"
            ),
            "Chrome sur Android"
        );
        assert_eq!(
            describe_device(
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"
            ),
            "Firefox sur Windows"
        );
        assert_eq!(describe_device(""), "Navigateur inconnu");
    }

    #[test]
    fn phone_numbers_are_normalised_or_refused_with_an_example() {
        assert_eq!(
            check_phone("0612345678").unwrap().as_deref(),
            Some("06 12 34 56 78")
        );
        assert_eq!(
            check_phone("+33 6 12 34 56 78").unwrap().as_deref(),
            Some("06 12 34 56 78")
        );
        assert_eq!(check_phone("  ").unwrap(), None);
        assert!(check_phone("06 12").is_err());
        assert!(check_phone("<script>").is_err());
    }
}
