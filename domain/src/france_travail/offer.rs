//! An offer as the API sends it (`FRANCE_TRAVAIL.md` §6): absent fields are
//! omitted, so everything but the id is optional or defaults; the fields
//! whose type varies between payloads (`salaire` an object or an array,
//! `agence` too, `contexteTravail` strings or arrays) are read whatever
//! shape they come in. Unknown fields are ignored.

use serde::{Deserialize, Deserializer};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ApiOffer {
    /// A string: 3 digits and 4 letters, or 7 digits for partner offers.
    pub id: String,
    pub intitule: String,
    pub description: String,
    pub date_creation: Option<String>,
    pub date_actualisation: Option<String>,
    pub lieu_travail: Workplace,
    pub rome_code: String,
    pub entreprise: Employer,
    pub type_contrat: String,
    pub type_contrat_libelle: String,
    pub nature_contrat: String,
    pub experience_exige: String,
    pub experience_libelle: String,
    pub formations: Vec<Training>,
    #[serde(deserialize_with = "object_or_first")]
    pub salaire: Salary,
    pub duree_travail_libelle: String,
    pub duree_travail_libelle_converti: String,
    pub alternance: bool,
    pub contact: Contact,
    pub nombre_postes: Option<i32>,
    pub origine_offre: Origin,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Workplace {
    /// "37 - JOUE LES TOURS", "13 - Bouches-du-Rhône", "Luxembourg".
    pub libelle: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub code_postal: Option<String>,
    /// An INSEE code, possibly an arrondissement.
    pub commune: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Employer {
    /// Absent for an anonymous offer.
    pub nom: Option<String>,
    pub siret: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Training {
    pub niveau_libelle: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Salary {
    /// "Mensuel de 2100.0 Euros à 2500.0 Euros sur 13.0 mois".
    pub libelle: Option<String>,
    pub commentaire: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Contact {
    pub nom: Option<String>,
    pub courriel: Option<String>,
    pub coordonnees1: Option<String>,
    pub coordonnees3: Option<String>,
    pub url_postulation: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Origin {
    /// "1" France Travail, "2" a partner.
    pub origine: String,
    /// The offer's public page on France Travail (partner offers too).
    pub url_origine: Option<String>,
}

/// An object, or the first object of an array (`salaire: [...]` seen in a
/// production schema), or the default.
fn object_or_first<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + serde::de::DeserializeOwned,
{
    let value = serde_json::Value::deserialize(deserializer)?;
    let value = match value {
        serde_json::Value::Array(items) => items.into_iter().next().unwrap_or_default(),
        other => other,
    };
    if value.is_null() {
        return Ok(T::default());
    }
    serde_json::from_value(value).map_err(serde::de::Error::custom)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_partner_offer_with_an_anonymous_employer_and_no_salary_text_reads() {
        let offer: ApiOffer = serde_json::from_str(
            r#"{"id": "8123457", "intitule": "Apprenti contrôleur technique automobile (H/F)",
                "lieuTravail": {"libelle": "13 - Bouches-du-Rhône"}, "romeCode": "I1617",
                "entreprise": {"entrepriseAdaptee": false}, "typeContrat": "CDD",
                "salaire": {"commentaire": "Selon grille apprentissage"}, "alternance": true,
                "contact": {}, "inconnu": [1, 2],
                "origineOffre": {"origine": "2", "urlOrigine": "https://candidat.francetravail.fr/offres/recherche/detail/8123457"}}"#,
        )
        .unwrap();
        assert_eq!(offer.id, "8123457");
        assert_eq!(offer.entreprise.nom, None);
        assert_eq!(offer.salaire.libelle, None);
        assert!(offer.alternance);
        assert_eq!(offer.lieu_travail.commune, None);
    }

    #[test]
    fn a_salary_sent_as_an_array_or_an_empty_object_reads() {
        let offer: ApiOffer = serde_json::from_str(
            r#"{"id": "1", "salaire": [{"libelle": "Annuel de 50000.0 Euros"}]}"#,
        )
        .unwrap();
        assert_eq!(
            offer.salaire.libelle.as_deref(),
            Some("Annuel de 50000.0 Euros")
        );
        let offer: ApiOffer = serde_json::from_str(r#"{"id": "2", "salaire": {}}"#).unwrap();
        assert_eq!(offer.salaire.libelle, None);
        let offer: ApiOffer = serde_json::from_str(r#"{"id": "3", "salaire": []}"#).unwrap();
        assert_eq!(offer.salaire.libelle, None);
    }
}
