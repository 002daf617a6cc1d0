//! Passwords: argon2id with OWASP's parameters, hashed off the async
//! runtime; strength judged by zxcvbn (CNIL 2022-100: length, no composition
//! rules, no guessable password).

use crate::DomainError;
use crate::model::{PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS};
use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::OnceLock;

/// argon2id, m = 19 456 KiB, t = 2, p = 1 (OWASP password storage cheat sheet).
fn argon2() -> Argon2<'static> {
    let params = Params::new(19_456, 2, 1, None).expect("OWASP argon2 parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

tokio::task_local! {
    /// The argon2 computations of the task running in [`counting_work`].
    static WORK: std::cell::Cell<u32>;
}

/// Runs `flow` and says how many argon2 hashes and verifications it did:
/// flows whose answers must not tell two cases apart (an address with an
/// account or not) must do the same work in both — the hash is most of
/// the time an answer takes. For tests.
pub async fn counting_work<T>(flow: impl std::future::Future<Output = T>) -> (T, u32) {
    WORK.scope(std::cell::Cell::new(0), async move {
        let out = flow.await;
        (out, WORK.with(std::cell::Cell::get))
    })
    .await
}

fn count_work() {
    let _ = WORK.try_with(|n| n.set(n.get() + 1));
}

/// Hashes a password (PHC string with its salt and parameters).
pub async fn hash(password: &str) -> Result<String, DomainError> {
    count_work();
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        argon2()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(DomainError::internal)
    })
    .await
    .map_err(DomainError::internal)?
}

/// Whether `password` matches `stored`. Without a stored hash (unknown
/// account, or none set) it checks against a fixed hash all the same, so the
/// answer takes the same time either way.
pub async fn verify(password: &str, stored: Option<&str>) -> bool {
    count_work();
    let password = password.to_owned();
    let known = stored.is_some();
    let stored = stored.map_or_else(|| dummy_hash().to_owned(), str::to_owned);
    tokio::task::spawn_blocking(move || {
        let Ok(parsed) = PasswordHash::new(&stored) else {
            return false;
        };
        argon2()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
            && known
    })
    .await
    .unwrap_or(false)
}

/// A hash of a random password, made once, for unknown accounts.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let salt = SaltString::generate(&mut OsRng);
        argon2()
            .hash_password(super::random_secret().as_bytes(), &salt)
            .expect("hashing a random password")
            .to_string()
    })
}

/// Refuses a password that is too short, too long or guessable (zxcvbn score
/// below 3, which includes common passwords and ones made of the person's
/// name or address). The message is French and says what to do.
pub fn check_strength(password: &str, personal: &[&str]) -> Result<(), String> {
    let chars = password.chars().count();
    if chars < PASSWORD_MIN_CHARS {
        return Err(format!(
            "Choisissez un mot de passe d'au moins {PASSWORD_MIN_CHARS} caractères. Une phrase de plusieurs mots est facile à retenir."
        ));
    }
    if chars > PASSWORD_MAX_CHARS {
        return Err(format!(
            "Votre mot de passe dépasse {PASSWORD_MAX_CHARS} caractères."
        ));
    }
    let words = personal_words(personal);
    let mut inputs: Vec<&str> = words.iter().map(String::as_str).collect();
    inputs.extend(["jobtomove", "job", "move", "automobile", "garage"]);
    let entropy = zxcvbn::zxcvbn(password, &inputs);
    if u8::from(entropy.score()) < 3 || made_of_known_words(password, &words) {
        return Err(
            "Ce mot de passe est trop facile à deviner (mot courant, suite de caractères ou vos nom et adresse). Ajoutez des mots sans rapport entre eux."
                .into(),
        );
    }
    Ok(())
}

/// Common French passwords and keyboard rows zxcvbn does not know (it
/// knows English words and QWERTY keyboards).
const COMMON_FRENCH: &[&str] = &[
    "azerty",
    "azertyuiop",
    "qsdfghjklm",
    "wxcvbn",
    "motdepasse",
    "mdp",
    "soleil",
    "bonjour",
    "jetaime",
    "doudou",
    "chouchou",
    "loulou",
    "marseille",
    "paris",
    "lyon",
    "toulouse",
    "nicolas",
    "camille",
    "julien",
    "chocolat",
    "coucou",
    "bisous",
    "princesse",
    "papa",
    "maman",
    "voiture",
    "mecanique",
    "france",
    "amour",
    "secret",
    "admin",
    "password",
    "motdepass",
    "emploi",
    "travail",
    "recrutement",
    "candidat",
];

/// The words of the person's name and email address, lowercase.
fn personal_words(personal: &[&str]) -> Vec<String> {
    let mut words: Vec<String> = personal
        .iter()
        .flat_map(|text| text.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().count() >= 2)
        .map(str::to_lowercase)
        .collect();
    words.sort();
    words.dedup();
    words
}

/// Whether the letters of `password` (digits and signs dropped) are only
/// common words and the person's own words: "Marie.Dupont1", "azerty2024".
fn made_of_known_words(password: &str, personal: &[String]) -> bool {
    let letters: Vec<char> = password
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphabetic())
        .collect();
    if letters.len() < 4 {
        return true;
    }
    let words: Vec<Vec<char>> = personal
        .iter()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphabetic())
                .collect::<Vec<char>>()
        })
        .chain(COMMON_FRENCH.iter().map(|w| w.chars().collect()))
        .filter(|w: &Vec<char>| !w.is_empty())
        .collect();
    // reachable[i]: the first i letters split into known words.
    let mut reachable = vec![false; letters.len() + 1];
    reachable[0] = true;
    for i in 0..letters.len() {
        if !reachable[i] {
            continue;
        }
        for word in &words {
            if letters[i..].starts_with(word) {
                reachable[i + word.len()] = true;
            }
        }
    }
    reachable[letters.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_is_argon2id_with_owasp_parameters_and_verifies_only_its_password() {
        let stored = hash("cheval agrafe batterie correcte").await.unwrap();
        assert!(
            stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{stored}"
        );
        assert!(verify("cheval agrafe batterie correcte", Some(&stored)).await);
        assert!(!verify("cheval agrafe batterie correct", Some(&stored)).await);
        assert!(!verify("cheval agrafe batterie correcte", None).await);
        assert!(!verify("x", Some("not a hash")).await);
    }

    #[test]
    fn short_long_and_guessable_passwords_are_refused_with_a_reason() {
        assert!(
            check_strength("court", &[])
                .unwrap_err()
                .contains("au moins 12")
        );
        assert!(
            check_strength(&"a".repeat(129), &[])
                .unwrap_err()
                .contains("128")
        );
        for guessable in [
            "motdepasse123",
            "azertyuiop123",
            "password1234",
            "123456789012",
        ] {
            assert!(check_strength(guessable, &[]).is_err(), "{guessable}");
        }
        assert!(
            check_strength(
                "marie.dupont1",
                &["marie", "dupont", "marie.dupont@exemple.fr"]
            )
            .is_err()
        );
        assert!(check_strength("Azertyuiop2024!", &[]).is_err());
        assert!(check_strength("cheval agrafe batterie correcte", &[]).is_ok());
        assert!(check_strength("marie aime les courses de côte", &["marie"]).is_ok());
    }
}
