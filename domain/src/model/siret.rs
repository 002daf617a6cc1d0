//! SIRET numbers: 14 digits whose Luhn checksum holds.

use serde::{Deserialize, Serialize};

/// A company establishment's SIRET, valid by construction.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Siret(String);

impl Siret {
    /// Parses "123 456 789 00012" or "12345678900012".
    pub fn parse(input: &str) -> Result<Self, &'static str> {
        let digits: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        if digits.len() != 14 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err("Le SIRET compte 14 chiffres.");
        }
        if !siret_checksum_ok(&digits) {
            return Err("Ce numéro SIRET n'est pas valide : vérifiez les chiffres saisis.");
        }
        Ok(Self(digits))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Siret {
    type Error = &'static str;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Siret> for String {
    fn from(value: Siret) -> Self {
        value.0
    }
}

/// The Luhn checksum of a string of digits (La Poste's establishments, SIREN
/// 356000000, follow another rule: their digits sum to a multiple of 5).
pub fn siret_checksum_ok(digits: &str) -> bool {
    if digits.starts_with("356000000") {
        return digits
            .bytes()
            .map(|b| u32::from(b - b'0'))
            .sum::<u32>()
            .is_multiple_of(5);
    }
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let doubled = d * 2;
                if doubled > 9 { doubled - 9 } else { doubled }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_real_siret_is_accepted_with_or_without_spaces() {
        // INSEE's own establishment in Montrouge.
        assert!(Siret::parse("120 027 016 00019").is_ok());
        assert!(Siret::parse("12002701600019").is_ok());
    }

    #[test]
    fn a_mistyped_siret_is_refused_in_french() {
        assert_eq!(
            Siret::parse("12002701600018"),
            Err("Ce numéro SIRET n'est pas valide : vérifiez les chiffres saisis.")
        );
        assert_eq!(Siret::parse("1234"), Err("Le SIRET compte 14 chiffres."));
        assert!(Siret::parse("1200270160001A").is_err());
    }
}
