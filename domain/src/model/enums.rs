//! The closed sets of the catalogue, with their French labels.

closed_set! {
    /// Contract types of an offer (B6: apprenticeships are first-class).
    pub enum ContractType {
        Cdi = "cdi" => "CDI",
        Cdd = "cdd" => "CDD",
        Interim = "interim" => "Intérim",
        Alternance = "alternance" => "Alternance / apprentissage",
        Stage = "stage" => "Stage",
    }
}

impl ContractType {
    /// schema.org `employmentType` of a JobPosting with this contract.
    pub fn schema_org(self, working_time: WorkingTime) -> &'static str {
        match (self, working_time) {
            (Self::Cdd | Self::Interim, _) => "TEMPORARY",
            (Self::Alternance | Self::Stage, _) => "INTERN",
            (Self::Cdi, WorkingTime::FullTime) => "FULL_TIME",
            (Self::Cdi, WorkingTime::PartTime) => "PART_TIME",
        }
    }
}

closed_set! {
    /// Full or part time.
    pub enum WorkingTime {
        FullTime = "temps_plein" => "Temps plein",
        PartTime = "temps_partiel" => "Temps partiel",
    }
}

closed_set! {
    /// The period a salary amount is paid for (B1).
    pub enum SalaryPeriod {
        Hour = "heure" => "de l'heure",
        Month = "mois" => "par mois",
        Year = "an" => "par an",
    }
}

impl SalaryPeriod {
    /// schema.org `unitText` of a `baseSalary`.
    pub fn schema_org(self) -> &'static str {
        match self {
            Self::Hour => "HOUR",
            Self::Month => "MONTH",
            Self::Year => "YEAR",
        }
    }
}

closed_set! {
    /// Experience asked for an offer.
    pub enum Experience {
        Beginner = "debutant" => "Débutant accepté",
        OneToThree = "1_3_ans" => "1 à 3 ans",
        ThreeToFive = "3_5_ans" => "3 à 5 ans",
        MoreThanFive = "5_ans_plus" => "Plus de 5 ans",
    }
}

closed_set! {
    /// Education level asked for an offer.
    pub enum Education {
        NoDiploma = "aucun" => "Sans diplôme exigé",
        Cap = "cap" => "CAP / BEP",
        BacPro = "bac_pro" => "Bac pro",
        Bts = "bts" => "BTS / DUT",
        Licence = "licence" => "Licence pro / Bac+3",
        Master = "master" => "Bac+5",
    }
}

closed_set! {
    /// Where an offer lives in its life cycle (R3, R4).
    pub enum OfferStatus {
        Draft = "brouillon" => "Brouillon",
        Published = "publiee" => "Publiée",
        Expired = "expiree" => "Dépubliée automatiquement",
        Filled = "pourvue" => "Pourvue",
        Unpublished = "depubliee" => "Dépubliée",
    }
}

closed_set! {
    /// How candidates apply to an offer (R3).
    pub enum ApplyMethod {
        Portal = "portail" => "Sur JobToMove",
        Email = "email" => "Par email",
        External = "externe" => "Sur le site du recruteur",
    }
}

closed_set! {
    /// Where an offer comes from.
    pub enum OfferSource {
        Portal = "portail" => "Publiée sur JobToMove",
        FranceTravail = "france_travail" => "France Travail",
        Demo = "demo" => "Données de démonstration",
    }
}

closed_set! {
    /// Where an offer of the catalogue comes from, as candidates filter
    /// search ("Source"): demo offers stand for the portal's own.
    pub enum CatalogueSource {
        Portal = "jobtomove" => "JobToMove",
        FranceTravail = "france-travail" => "France Travail",
    }
}

impl OfferSource {
    /// The search facet this source counts in.
    pub fn catalogue(self) -> CatalogueSource {
        match self {
            OfferSource::FranceTravail => CatalogueSource::FranceTravail,
            OfferSource::Portal | OfferSource::Demo => CatalogueSource::Portal,
        }
    }
}

closed_set! {
    /// The role of an account.
    pub enum Role {
        Candidate = "candidat" => "Candidat",
        Recruiter = "recruteur" => "Recruteur",
        TrainingOrganisation = "organisme_formation" => "Organisme de formation",
        Administrator = "administrateur" => "Administrateur",
    }
}

closed_set! {
    /// The trade of a company of the sector (R2).
    pub enum CompanyActivity {
        Dealership = "concession" => "Concession automobile",
        IndependentGarage = "garage" => "Garage indépendant",
        BodyShop = "carrosserie" => "Carrosserie",
        TechnicalInspection = "controle_technique" => "Contrôle technique",
        HeavyVehicles = "poids_lourds" => "Poids lourds",
        TwoWheelers = "deux_roues" => "Deux-roues",
        Rental = "location" => "Location de véhicules",
        Parts = "pieces" => "Pièces et équipements",
        FastFit = "entretien_rapide" => "Entretien rapide",
        Training = "formation" => "Organisme de formation / CFA",
    }
}

closed_set! {
    /// The sector's job families, as ROME codes (France Travail's job
    /// classification, "fiches métiers").
    pub enum JobFamily {
        CarMechanics = "I1604" => "Mécanique automobile et entretien de véhicules",
        BodyRepair = "I1606" => "Réparation de carrosserie",
        MotorcycleRepair = "I1607" => "Réparation de cycles, motocycles et motoculteurs de loisirs",
        HeavyEquipment = "I1603" => "Maintenance d'engins de chantier, levage, manutention et de machines agricoles",
        WorkshopManagement = "I1103" => "Supervision d'entretien et gestion de véhicules",
        VehicleSales = "D1404" => "Relation commerciale en vente de véhicules",
        VehicleRental = "D1204" => "Location de véhicules ou de matériel de loisirs",
        TechnicalSales = "D1407" => "Relation technico-commerciale",
        SalesAssistant = "D1401" => "Assistanat commercial",
        Warehouse = "N1103" => "Magasinage et préparation de commandes",
    }
}

impl JobFamily {
    /// A short name for cards, filters and menus.
    pub fn short_label(self) -> &'static str {
        match self {
            Self::CarMechanics => "Mécanique automobile",
            Self::BodyRepair => "Carrosserie et peinture",
            Self::MotorcycleRepair => "Cycles et motocycles",
            Self::HeavyEquipment => "Engins et machinisme",
            Self::WorkshopManagement => "Chef d'atelier, réception",
            Self::VehicleSales => "Vente de véhicules",
            Self::VehicleRental => "Location de véhicules",
            Self::TechnicalSales => "Technico-commercial",
            Self::SalesAssistant => "Assistanat commercial",
            Self::Warehouse => "Magasin et pièces",
        }
    }
}
