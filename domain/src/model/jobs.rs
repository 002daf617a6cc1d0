//! Job titles suggested while typing in the "quoi" field.

use super::JobFamily;

/// Common job titles of the sector, with their job family.
pub const JOB_TITLES: &[(&str, JobFamily)] = &[
    ("Mécanicien automobile", JobFamily::CarMechanics),
    ("Technicien après-vente automobile", JobFamily::CarMechanics),
    ("Technicien expert après-vente", JobFamily::CarMechanics),
    ("Électromécanicien automobile", JobFamily::CarMechanics),
    (
        "Technicien véhicules électriques et hybrides",
        JobFamily::CarMechanics,
    ),
    ("Mécanicien poids lourds", JobFamily::CarMechanics),
    ("Mécanicien maintenance rapide", JobFamily::CarMechanics),
    ("Contrôleur technique automobile", JobFamily::CarMechanics),
    ("Dépanneur remorqueur", JobFamily::CarMechanics),
    ("Carrossier-peintre", JobFamily::BodyRepair),
    ("Carrossier réparateur", JobFamily::BodyRepair),
    ("Peintre automobile", JobFamily::BodyRepair),
    ("Préparateur peinture", JobFamily::BodyRepair),
    ("Tôlier automobile", JobFamily::BodyRepair),
    ("Mécanicien motocycles", JobFamily::MotorcycleRepair),
    (
        "Technicien cycles et vélos électriques",
        JobFamily::MotorcycleRepair,
    ),
    ("Mécanicien engins de chantier", JobFamily::HeavyEquipment),
    ("Technicien machinisme agricole", JobFamily::HeavyEquipment),
    ("Mécanicien chariots élévateurs", JobFamily::HeavyEquipment),
    ("Chef d'atelier", JobFamily::WorkshopManagement),
    ("Réceptionnaire après-vente", JobFamily::WorkshopManagement),
    (
        "Conseiller service après-vente",
        JobFamily::WorkshopManagement,
    ),
    ("Responsable après-vente", JobFamily::WorkshopManagement),
    ("Vendeur automobile", JobFamily::VehicleSales),
    (
        "Conseiller commercial véhicules d'occasion",
        JobFamily::VehicleSales,
    ),
    ("Vendeur véhicules utilitaires", JobFamily::VehicleSales),
    ("Vendeur motos", JobFamily::VehicleSales),
    ("Agent de location de véhicules", JobFamily::VehicleRental),
    (
        "Technico-commercial pièces automobiles",
        JobFamily::TechnicalSales,
    ),
    ("Assistant commercial", JobFamily::SalesAssistant),
    ("Secrétaire après-vente", JobFamily::SalesAssistant),
    ("Magasinier pièces de rechange", JobFamily::Warehouse),
    ("Magasinier vendeur", JobFamily::Warehouse),
];

/// Up to `limit` titles and job families with a word starting with what was
/// typed (accents and case ignored).
pub fn suggest_jobs(typed: &str, limit: usize) -> Vec<String> {
    let typed = super::slugify(typed);
    if typed.len() < 2 {
        return Vec::new();
    }
    let matches = |label: &str| {
        let folded = super::slugify(label);
        folded.starts_with(&typed) || folded.contains(&format!("-{typed}"))
    };
    let families = JobFamily::ALL.iter().map(|f| f.short_label());
    let titles = JOB_TITLES.iter().map(|(title, _)| *title);
    let mut out: Vec<String> = Vec::new();
    for label in titles.chain(families) {
        if matches(label) && !out.iter().any(|o| o == label) {
            out.push(label.to_owned());
        }
        if out.len() == limit {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::suggest_jobs;

    #[test]
    fn typing_the_start_of_any_word_suggests_titles() {
        let found = suggest_jobs("meca", 5);
        assert_eq!(found[0], "Mécanicien automobile");
        assert!(suggest_jobs("peint", 5).contains(&"Carrossier-peintre".to_owned()));
        assert!(suggest_jobs("CARROSS", 5).contains(&"Carrossier réparateur".to_owned()));
        assert!(suggest_jobs("m", 5).is_empty(), "one letter is too little");
    }
}
