//! The sector's ROME 4.0 codes, in one place, and the portal's job family
//! of each. Source: `FRANCE_TRAVAIL.md` §10.2 (ROME 4.0 v4.60 export, with
//! each code's v3 parent): since 2024 offers carry 4.0 codes, and many jobs
//! of the sector (contrôleurs techniques, dépanneurs, préparateurs, poids
//! lourds…) have codes of their own that a search on the v3 code misses.

use crate::model::JobFamily;

/// Every code the import asks for, with the family its offers join (the
/// family of its v3 parent fiche, as the portal's families are v3 fiches).
pub const SECTOR: &[(&str, JobFamily)] = &[
    // Car mechanics and its 4.0 children (parent I1604).
    ("I1604", JobFamily::CarMechanics),
    ("I1608", JobFamily::CarMechanics),
    ("I1611", JobFamily::CarMechanics),
    ("I1612", JobFamily::CarMechanics),
    ("I1613", JobFamily::CarMechanics),
    ("I1615", JobFamily::CarMechanics),
    ("I1617", JobFamily::CarMechanics),
    ("I1622", JobFamily::CarMechanics),
    ("I1623", JobFamily::CarMechanics),
    ("I1624", JobFamily::CarMechanics),
    ("I1629", JobFamily::CarMechanics),
    ("C1113", JobFamily::CarMechanics),
    // Bodywork and painting (parent I1606).
    ("I1606", JobFamily::BodyRepair),
    ("I1609", JobFamily::BodyRepair),
    ("I1610", JobFamily::BodyRepair),
    ("I1614", JobFamily::BodyRepair),
    ("I1621", JobFamily::BodyRepair),
    ("I1625", JobFamily::BodyRepair),
    ("I1626", JobFamily::BodyRepair),
    // Motorcycles (I1627's parent is I1604, but its offers are motorcycle work).
    ("I1607", JobFamily::MotorcycleRepair),
    ("I1627", JobFamily::MotorcycleRepair),
    // Workshop and after-sales management (parent I1103).
    ("I1103", JobFamily::WorkshopManagement),
    ("I1111", JobFamily::WorkshopManagement),
    ("I1114", JobFamily::WorkshopManagement),
    ("I1118", JobFamily::WorkshopManagement),
    // Vehicle sales (parent D1404).
    ("D1404", JobFamily::VehicleSales),
    ("D1421", JobFamily::VehicleSales),
    ("D1423", JobFamily::VehicleSales),
    ("D1425", JobFamily::VehicleSales),
    ("D1426", JobFamily::VehicleSales),
    ("D1430", JobFamily::VehicleSales),
    ("D1434", JobFamily::VehicleSales),
    ("D1437", JobFamily::VehicleSales),
    // Parts sales: a technical sale of the sector.
    ("D1223", JobFamily::TechnicalSales),
    // Rental (parent D1204).
    ("D1204", JobFamily::VehicleRental),
    ("D1238", JobFamily::VehicleRental),
];

/// The codes as the API's `codeROME` parameter takes them (comma-separated).
pub fn codes() -> String {
    SECTOR
        .iter()
        .map(|(code, _)| *code)
        .collect::<Vec<_>>()
        .join(",")
}

/// The portal's family of an offer coded `rome`; `None` outside the sector
/// (an offer the API returned for another code is skipped, not guessed).
pub fn job_family(rome: &str) -> Option<JobFamily> {
    SECTOR
        .iter()
        .find(|(code, _)| code.eq_ignore_ascii_case(rome.trim()))
        .map(|(_, family)| *family)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_of_the_sector_is_asked_once_and_fits_the_api_limit() {
        let all: Vec<&str> = SECTOR.iter().map(|(c, _)| *c).collect();
        let mut unique = all.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), all.len());
        assert!(all.len() <= 200, "the API takes at most 200 values");
        assert!(codes().starts_with("I1604,I1608,"));
    }

    #[test]
    fn rome_4_codes_join_the_family_of_their_v3_parent() {
        assert_eq!(
            job_family("I1617"),
            Some(JobFamily::CarMechanics),
            "contrôleur technique"
        );
        assert_eq!(
            job_family("I1615"),
            Some(JobFamily::CarMechanics),
            "dépanneur"
        );
        assert_eq!(
            job_family("i1609"),
            Some(JobFamily::BodyRepair),
            "peintre automobile"
        );
        assert_eq!(
            job_family("D1434"),
            Some(JobFamily::VehicleSales),
            "vendeur motocycles"
        );
        assert_eq!(
            job_family("H2904"),
            None,
            "a miscoded offer is not the sector's"
        );
    }
}
