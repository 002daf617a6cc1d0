//! The rules that turn an offer of the API into the portal's values
//! (`FRANCE_TRAVAIL.md` §6, §7, §12): contract, salary, working time,
//! experience, education, place, employer, contact. Each returns `None`
//! (or a reason) where the API's value says nothing usable, never a guess.

use super::offer::{ApiOffer, Contact, Training, Workplace};
use crate::model::{ContractType, Education, Experience, SalaryPeriod, WorkingTime};
use crate::places::{Directory, fold};

/// The portal's contract of an offer: apprenticeship and
/// professionalisation are alternance whatever `typeContrat` says (an
/// apprenticeship is often a "CDD - 24 Mois"); `None` for the contracts the
/// portal does not list (libéral, franchise, intermittent…).
pub fn contract(offer: &ApiOffer) -> Option<ContractType> {
    let nature = fold(&offer.nature_contrat);
    if offer.alternance
        || nature.contains("apprentissage")
        || nature.contains("professionnalisation")
    {
        return Some(ContractType::Alternance);
    }
    match offer.type_contrat.trim() {
        "CDI" => Some(ContractType::Cdi),
        "CDD" | "SAI" => Some(ContractType::Cdd),
        "MIS" => Some(ContractType::Interim),
        _ => None,
    }
}

/// The length in months of "CDD - 4 Mois", "Intérim - 3 Mois" (a mission
/// counted in days or weeks has none).
pub fn contract_months(label: &str) -> Option<i32> {
    let folded = fold(label);
    let before = folded.strip_suffix("mois")?.trim_end();
    let digits: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    digits.parse().ok().filter(|m| (1..=48).contains(m))
}

/// A salary the API states: its range in cents and its period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatedSalary {
    pub min_cents: i32,
    pub max_cents: i32,
    pub period: SalaryPeriod,
}

/// "Mensuel de 2275.0 Euros à 3033.0 Euros sur 12.0 mois", "Horaire de
/// 11.65 Euros", "Annuel de 26400,00 Euros sur 12 mois" (commas in older
/// data), a mis-encoded "à": `None` when there is no such text, or it does
/// not read (the page then says "Salaire non communiqué").
pub fn salary(libelle: Option<&str>) -> Option<StatedSalary> {
    let text = libelle?.trim();
    let (period, rest) = text.split_once(' ')?;
    let period = match fold(period).as_str() {
        "mensuel" => SalaryPeriod::Month,
        "annuel" => SalaryPeriod::Year,
        "horaire" => SalaryPeriod::Hour,
        _ => return None,
    };
    // The amounts stand before each "Euros"; "sur N mois" follows them.
    let amounts: Vec<i32> = rest
        .split("Euros")
        .filter_map(|part| part.split_whitespace().last())
        .filter_map(cents)
        .collect();
    let (&min, max) = (amounts.first()?, amounts.get(1).copied());
    let max = max.unwrap_or(min).max(min);
    Some(StatedSalary {
        min_cents: min,
        max_cents: max,
        period,
    })
}

/// "2275.0", "1710,00" → cents.
fn cents(amount: &str) -> Option<i32> {
    let value: f64 = amount.replace(',', ".").parse().ok()?;
    (value.is_finite() && value > 0.0 && value < 10_000_000.0)
        .then(|| (value * 100.0).round() as i32)
}

/// Part time when the API says so ("Temps partiel", "temps partiel"), full
/// time otherwise.
pub fn working_time(offer: &ApiOffer) -> WorkingTime {
    let said = fold(&format!(
        "{} {}",
        offer.duree_travail_libelle_converti, offer.duree_travail_libelle
    ));
    if said.contains("partiel") {
        WorkingTime::PartTime
    } else {
        WorkingTime::FullTime
    }
}

/// `D` (beginners welcome) is a beginner; otherwise the years of
/// "2 An(s)", "Expérience exigée de 60 Mois", "3 mois".
pub fn experience(offer: &ApiOffer) -> Experience {
    if offer.experience_exige.trim() == "D" {
        return Experience::Beginner;
    }
    let folded = fold(&offer.experience_libelle);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let months = words.windows(2).find_map(|pair| {
        let n: u32 = pair[0].parse().ok()?;
        match pair[1] {
            "an" | "ans" => Some(n.saturating_mul(12)),
            "mois" => Some(n),
            _ => None,
        }
    });
    match months {
        None if folded.contains("debutant") => Experience::Beginner,
        Some(m) if m < 12 => Experience::Beginner,
        Some(m) if m < 36 => Experience::OneToThree,
        Some(m) if m < 60 => Experience::ThreeToFive,
        Some(_) => Experience::MoreThanFive,
        None => Experience::OneToThree,
    }
}

/// The level of the first training the offer names.
pub fn education(trainings: &[Training]) -> Education {
    let Some(level) = trainings.first().map(|t| fold(&t.niveau_libelle)) else {
        return Education::NoDiploma;
    };
    // Folded: "Bac+5 et plus" reads "bac 5 et plus".
    if level.contains("bac 5") {
        Education::Master
    } else if level.contains("bac 3") || level.contains("bac 4") {
        Education::Licence
    } else if level.contains("bac 2") {
        Education::Bts
    } else if level.contains("bac") {
        Education::BacPro
    } else if level.contains("cap") || level.contains("bep") {
        Education::Cap
    } else {
        Education::NoDiploma
    }
}

/// Where an offer is, for the portal.
#[derive(Debug, Clone, PartialEq)]
pub enum Placed {
    /// A commune of the directory (an arrondissement is its city).
    Commune(String),
    /// The department only ("13 - Bouches-du-Rhône"): shown as the
    /// department, placed at its largest commune for distances.
    Department { code: String, seat: String },
}

/// Why an offer was not placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unplaced {
    /// Abroad ("Luxembourg").
    Abroad,
    /// Nothing the directory knows.
    Unknown,
}

/// Paris, Lyon and Marseille arrondissements → their city's INSEE code.
fn city_of_arrondissement(insee: &str) -> Option<&'static str> {
    let n: u32 = insee.parse().ok()?;
    match n {
        75101..=75120 => Some("75056"),
        69381..=69389 => Some("69123"),
        13201..=13216 => Some("13055"),
        _ => None,
    }
}

/// `lieuTravail` → a place: the INSEE code, else the postal code, else
/// the department of the label.
pub fn place(workplace: &Workplace, places: &Directory) -> Result<Placed, Unplaced> {
    if let Some(insee) = workplace.commune.as_deref().map(str::trim) {
        let insee = city_of_arrondissement(insee).unwrap_or(insee);
        if places.commune(insee).is_some() {
            return Ok(Placed::Commune(insee.to_owned()));
        }
    }
    if let Some(postal) = workplace
        .code_postal
        .as_deref()
        .map(str::trim)
        .filter(|p| p.len() == 5)
        && let Some(crate::places::Location::Commune(c)) = places.resolve(postal)
    {
        let insee = city_of_arrondissement(&c.insee).unwrap_or(&c.insee);
        return Ok(Placed::Commune(insee.to_owned()));
    }
    let Some((code, _)) = workplace.libelle.split_once(" - ") else {
        return Err(if workplace.libelle.trim().is_empty() {
            Unplaced::Unknown
        } else {
            Unplaced::Abroad
        });
    };
    let code = code.trim();
    match (places.department_name(code), places.largest_commune(code)) {
        (Some(_), Some(seat)) => Ok(Placed::Department {
            code: code.to_owned(),
            seat: seat.insee.clone(),
        }),
        _ => Err(Unplaced::Unknown),
    }
}

/// The employer's name, `None` for an anonymous offer.
pub fn employer(offer: &ApiOffer) -> Option<String> {
    offer
        .entreprise
        .nom
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
}

/// "Pour postuler, utiliser le lien suivant : https://…": an instruction
/// France Travail writes in contact fields, never an address to show.
pub fn is_apply_instruction(text: &str) -> bool {
    fold(text).contains("pour postuler")
}

/// A contact email worth showing: a real address, not an instruction.
pub fn contact_email(contact: &Contact) -> Option<String> {
    let email = contact.courriel.as_deref()?.trim();
    (!is_apply_instruction(email) && crate::model::normalize_email(email).is_ok())
        .then(|| email.to_owned())
}

/// Where to apply: the offer's page on France Travail.
pub fn apply_url(offer: &ApiOffer) -> Option<String> {
    offer
        .origine_offre
        .url_origine
        .as_deref()
        .filter(|u| u.starts_with("https://"))
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offer(json: &str) -> ApiOffer {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn salary_texts_read_with_dots_commas_a_missing_max_or_a_broken_a() {
        let read = |t: &str| salary(Some(t)).map(|s| (s.min_cents, s.max_cents, s.period));
        assert_eq!(
            read("Mensuel de 2275.0 Euros à 3033.0 Euros sur 12.0 mois"),
            Some((227_500, 303_300, SalaryPeriod::Month))
        );
        assert_eq!(
            read("Horaire de 11.65 Euros sur 12.0 mois"),
            Some((1165, 1165, SalaryPeriod::Hour))
        );
        assert_eq!(
            read("Mensuel de 2000.0 Euros sur 13.0 mois"),
            Some((200_000, 200_000, SalaryPeriod::Month))
        );
        assert_eq!(
            read("Annuel de 26400,00 Euros sur 12 mois"),
            Some((2_640_000, 2_640_000, SalaryPeriod::Year))
        );
        assert_eq!(
            read("Mensuel de 1600,00 Euros \u{FFFD} 1800,00 Euros"),
            Some((160_000, 180_000, SalaryPeriod::Month))
        );
        assert_eq!(
            read("Annuel de 50000.0 Euros"),
            Some((5_000_000, 5_000_000, SalaryPeriod::Year))
        );
        assert_eq!(salary(None), None, "only a commentaire: not stated");
        assert_eq!(read("Selon expérience"), None);
    }

    #[test]
    fn apprenticeships_are_alternance_whatever_the_contract_code() {
        let apprentice = offer(
            r#"{"typeContrat": "CDD", "natureContrat": "Contrat apprentissage", "alternance": true}"#,
        );
        assert_eq!(contract(&apprentice), Some(ContractType::Alternance));
        let pro =
            offer(r#"{"typeContrat": "CDD", "natureContrat": "Contrat de professionnalisation"}"#);
        assert_eq!(contract(&pro), Some(ContractType::Alternance));
        assert_eq!(
            contract(&offer(r#"{"typeContrat": "MIS"}"#)),
            Some(ContractType::Interim)
        );
        assert_eq!(
            contract(&offer(r#"{"typeContrat": "SAI"}"#)),
            Some(ContractType::Cdd)
        );
        assert_eq!(
            contract(&offer(r#"{"typeContrat": "CDI"}"#)),
            Some(ContractType::Cdi)
        );
        assert_eq!(contract(&offer(r#"{"typeContrat": "LIB"}"#)), None);
        assert_eq!(contract_months("CDD - 24 Mois"), Some(24));
        assert_eq!(
            contract_months("Contrat à durée déterminée - 6 Mois"),
            Some(6)
        );
        assert_eq!(contract_months("Intérim - 5 Jour(s)"), None);
        assert_eq!(contract_months("CDI"), None);
    }

    #[test]
    fn experience_working_time_and_education_read_the_labels() {
        let exp = |exige: &str, label: &str| {
            experience(&offer(&format!(
                r#"{{"experienceExige": "{exige}", "experienceLibelle": "{label}"}}"#
            )))
        };
        assert_eq!(exp("D", "Débutant accepté"), Experience::Beginner);
        assert_eq!(exp("E", "2 An(s)"), Experience::OneToThree);
        assert_eq!(
            exp("E", "Expérience exigée de 60 Mois"),
            Experience::MoreThanFive
        );
        assert_eq!(exp("S", "3 mois"), Experience::Beginner);
        assert_eq!(exp("E", "3 An(s)"), Experience::ThreeToFive);
        assert_eq!(
            working_time(&offer(
                r#"{"dureeTravailLibelle": "24H Travail en temps partiel"}"#
            )),
            WorkingTime::PartTime
        );
        assert_eq!(
            working_time(&offer(r#"{"dureeTravailLibelleConverti": "Temps plein"}"#)),
            WorkingTime::FullTime
        );
        let level = |l: &str| {
            education(&[Training {
                niveau_libelle: l.into(),
            }])
        };
        assert_eq!(level("CAP, BEP et équivalents"), Education::Cap);
        assert_eq!(level("Bac ou équivalent"), Education::BacPro);
        assert_eq!(level("Bac+2 ou équivalents"), Education::Bts);
        assert_eq!(level("Bac+3, Bac+4 ou équivalents"), Education::Licence);
        assert_eq!(level("Bac+5 et plus ou équivalents"), Education::Master);
        assert_eq!(education(&[]), Education::NoDiploma);
    }

    #[test]
    fn apply_instructions_in_contact_fields_are_never_shown_as_an_address() {
        let instruction = Contact {
            courriel: Some(
                "Pour postuler, utiliser le lien suivant : https://candidat.francetravail.fr/offres/recherche/detail/203KQZB".into(),
            ),
            ..Contact::default()
        };
        assert_eq!(contact_email(&instruction), None);
        let real = Contact {
            courriel: Some("recrutement@garage-exemple.fr".into()),
            ..Contact::default()
        };
        assert_eq!(
            contact_email(&real).as_deref(),
            Some("recrutement@garage-exemple.fr")
        );
        let anonymous = offer(r#"{"entreprise": {"entrepriseAdaptee": false}}"#);
        assert_eq!(employer(&anonymous), None);
        let named = offer(r#"{"entreprise": {"nom": " GARAGE DU CHER FICTIF "}}"#);
        assert_eq!(employer(&named).as_deref(), Some("GARAGE DU CHER FICTIF"));
    }
}
