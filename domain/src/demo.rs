//! Demo data (`server seed-demo --offers N`): a realistic catalogue of the
//! sector — groups, companies over real communes, offers with plausible
//! titles, salaries and contracts.
//!
//! Deterministic: company `j` and offer `i` are drawn from their own random
//! stream derived from the seed, so the same seed and day give the same data
//! whatever was created before. Idempotent: demo offers carry their index as
//! `source_id`, and companies their SIRET, so a second run adds only what is
//! missing. Fast: rows go in multi-row INSERTs inside large transactions.

pub mod fixtures;

use crate::entity::{company, group, offer, place};
use crate::model::{
    ApplyMethod, CompanyActivity, ContractType, Education, Experience, JobFamily, OfferSource,
    OfferStatus, SalaryPeriod, WorkingTime, fold_name, slugify,
};
use crate::{DomainError, places};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect,
};
use std::collections::HashMap;

/// What to create.
#[derive(Debug, Clone)]
pub struct DemoOptions {
    /// How many demo offers the catalogue should hold in all.
    pub offers: u64,
    pub seed: u64,
    /// The moment the catalogue is seeded at: offers are dated back from it
    /// and their status (open, expired) is decided against it; companies and
    /// groups are created at it. The wall clock is never read, so the same
    /// options give the same catalogue whatever the day the seeding runs.
    pub now: DateTime<Utc>,
}

/// 9:00 UTC on `day`: the moment `seed-demo --today` seeds at.
pub fn morning_of(day: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&day.and_hms_opt(9, 0, 0).expect("9:00 exists"))
}

/// What a run created.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoReport {
    pub communes: usize,
    pub groups: u64,
    pub companies: u64,
    pub offers: u64,
}

/// Offers live three months (R4).
pub const OFFER_LIFETIME_DAYS: i64 = 90;

/// Rows per INSERT (37 columns: below SQLite's 32,766 bound parameters).
const OFFER_BATCH: usize = 500;
/// Rows per transaction.
const OFFERS_PER_TRANSACTION: usize = 20_000;

/// Creates whatever of the demo catalogue is missing, reporting progress as
/// `(offers done, offers to do)`.
pub async fn seed(
    db: &DatabaseConnection,
    options: &DemoOptions,
    progress: impl Fn(u64, u64),
) -> Result<DemoReport, DomainError> {
    let mut report = DemoReport {
        communes: places::load_if_empty(db).await?,
        ..Default::default()
    };
    let towns = Towns::load(db).await?;
    let (group_ids, groups_created) = seed_groups(db, options.now).await?;
    report.groups = groups_created;
    let companies = company_count(options.offers);
    let (company_rows, companies_created) =
        seed_companies(db, options, &towns, &group_ids, companies).await?;
    report.companies = companies_created;

    let existing = offer::Entity::find()
        .filter(offer::Column::Source.eq(OfferSource::Demo))
        .count(db)
        .await?;
    let todo = options.offers.saturating_sub(existing);
    let mut done = 0u64;
    let mut batch = Vec::with_capacity(OFFERS_PER_TRANSACTION);
    for i in existing..options.offers {
        let mut rng = stream(options.seed, 2, i);
        let company = &company_rows[rng.random_range(0..company_rows.len())];
        batch.push(demo_offer(&mut rng, i, company, &towns, options.now));
        if batch.len() == OFFERS_PER_TRANSACTION {
            done += insert_offers(db, std::mem::take(&mut batch)).await?;
            progress(done, todo);
        }
    }
    if !batch.is_empty() {
        done += insert_offers(db, batch).await?;
    }
    progress(done, todo);
    report.offers = done;
    Ok(report)
}

/// How many companies a catalogue of `offers` offers spreads over.
pub fn company_count(offers: u64) -> u64 {
    (offers / 20).clamp(30, 50_000)
}

/// An independent random stream for item `index` of a `kind` of row.
fn stream(seed: u64, kind: u64, index: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(kind << 56 | index);
    rng
}

async fn insert_offers(
    db: &DatabaseConnection,
    rows: Vec<offer::ActiveModel>,
) -> Result<u64, DomainError> {
    let count = rows.len() as u64;
    let txn = crate::db::begin_write(db).await?;
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<_> = rows.by_ref().take(OFFER_BATCH).collect();
        offer::Entity::insert_many(chunk)
            .on_conflict_do_nothing_on([offer::Column::Source, offer::Column::SourceId])
            .exec_without_returning(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(count)
}

/// Communes with enough inhabitants to host garages, drawn with a weight that
/// favours cities without drowning the countryside.
struct Towns {
    places: Vec<place::Model>,
    cumulative: Vec<f64>,
}

impl Towns {
    async fn load(db: &DatabaseConnection) -> Result<Self, DomainError> {
        let places = place::Entity::find()
            .filter(place::Column::Population.gte(2_000))
            .all(db)
            .await?;
        if places.is_empty() {
            return Err(DomainError::internal("no commune to place demo data in"));
        }
        let mut total = 0.0;
        let cumulative = places
            .iter()
            .map(|p| {
                total += f64::from(p.population).powf(0.6);
                total
            })
            .collect();
        Ok(Self { places, cumulative })
    }

    fn draw(&self, rng: &mut ChaCha8Rng) -> &place::Model {
        let target = rng.random::<f64>() * self.cumulative.last().copied().unwrap_or(1.0);
        let index = self.cumulative.partition_point(|&c| c < target);
        &self.places[index.min(self.places.len() - 1)]
    }

    fn get(&self, insee: &str) -> Option<&place::Model> {
        self.places.iter().find(|p| p.insee == insee)
    }
}

const GROUPS: &[(&str, &str)] = &[
    (
        "Groupe Vulcain Automobiles",
        "Distributeur multimarque implanté dans le Grand Est et en Bourgogne-Franche-Comté.",
    ),
    (
        "Arverne Distribution",
        "Groupe familial de concessions en Auvergne et dans le Limousin depuis 1968.",
    ),
    (
        "Groupe Océane Mobilité",
        "Concessions, ateliers et centres de location sur la façade atlantique.",
    ),
    (
        "Méditerranée Auto Groupe",
        "Réseau de concessions et de carrosseries en Provence et en Occitanie.",
    ),
    (
        "Groupe Flandres Motors",
        "Distribution automobile et véhicules utilitaires dans les Hauts-de-France.",
    ),
    (
        "Alpes Véhicules Services",
        "Concessions, poids lourds et deux-roues dans les Alpes du Nord.",
    ),
    (
        "Groupe Val de Loire Autos",
        "Concessions et ateliers après-vente entre Orléans et Angers.",
    ),
    (
        "Breizh Auto Partners",
        "Groupe breton de distribution automobile et de pièces de rechange.",
    ),
    (
        "Groupe Seine Mobilités",
        "Concessions et centres de réparation rapide en Île-de-France et en Normandie.",
    ),
    (
        "Garonne Automobiles",
        "Distributeur multimarque en Nouvelle-Aquitaine.",
    ),
    (
        "Groupe Rhodanien Poids Lourds",
        "Vente, location et entretien de véhicules industriels en vallée du Rhône.",
    ),
    (
        "Pyrénées Motos & Loisirs",
        "Concessions motos, quads et vélos électriques du piémont pyrénéen.",
    ),
];

async fn seed_groups(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
) -> Result<(Vec<i64>, u64), DomainError> {
    let created =
        group::Entity::insert_many(GROUPS.iter().map(|(name, description)| group::ActiveModel {
            id: NotSet,
            slug: Set(slugify(name)),
            name: Set((*name).to_owned()),
            description: Set((*description).to_owned()),
            website: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
        }))
        .on_conflict_do_nothing_on([group::Column::Slug])
        .exec_without_returning(db)
        .await?;
    let slugs: Vec<String> = GROUPS.iter().map(|(name, _)| slugify(name)).collect();
    let by_slug: HashMap<String, i64> = group::Entity::find()
        .filter(group::Column::Slug.is_in(slugs.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|g| (g.slug, g.id))
        .collect();
    let ids = slugs
        .iter()
        .filter_map(|s| by_slug.get(s).copied())
        .collect();
    Ok((ids, created.into_inner_or_zero()))
}

/// What offers need to know of their company.
struct DemoCompany {
    id: i64,
    name: String,
    activity: CompanyActivity,
    place_insee: String,
}

/// A valid SIRET (14 digits, Luhn checksum) unique to company `j`.
pub fn demo_siret(j: u64) -> String {
    let body = format!("8{:012}", j % 1_000_000_000_000);
    for check in 0..10 {
        let candidate = format!("{body}{check}");
        if crate::model::siret_checksum_ok(&candidate) {
            return candidate;
        }
    }
    unreachable!("one of ten check digits satisfies Luhn")
}

async fn seed_companies(
    db: &DatabaseConnection,
    options: &DemoOptions,
    towns: &Towns,
    group_ids: &[i64],
    count: u64,
) -> Result<(Vec<DemoCompany>, u64), DomainError> {
    let now = options.now;
    let mut created = 0;
    let mut sirets = Vec::with_capacity(count as usize);
    let txn = crate::db::begin_write(db).await?;
    let mut pending = Vec::new();
    for j in 0..count {
        let mut rng = stream(options.seed, 1, j);
        let town = towns.draw(&mut rng);
        let activity = *pick(&mut rng, ACTIVITY_MIX);
        let name = company_name(&mut rng, activity, town);
        let group_id = (activity == CompanyActivity::Dealership
            && !group_ids.is_empty()
            && rng.random_bool(0.4))
        .then(|| group_ids[(j as usize) % group_ids.len()]);
        let siret = demo_siret(j);
        sirets.push(siret.clone());
        pending.push(company::ActiveModel {
            id: NotSet,
            slug: Set(slugify(&name)),
            search_name: Set(fold_name(&name)),
            description: Set(company_description(&mut rng, &name, activity, town)),
            name: Set(name),
            siret: Set(Some(siret)),
            activity: Set(activity),
            address: Set(Some(format!(
                "{} {}",
                rng.random_range(1..180),
                pick(&mut rng, STREETS)
            ))),
            place_insee: Set(Some(town.insee.clone())),
            website: Set(None),
            contact_email: Set(None),
            contact_phone: Set(Some(phone(&mut rng))),
            group_id: Set(group_id),
            logo_key: Set(None),
            requested_group_id: Set(None),
            suspended_at: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
        });
        if pending.len() == 1_000 {
            created += insert_companies(&txn, std::mem::take(&mut pending)).await?;
        }
    }
    if !pending.is_empty() {
        created += insert_companies(&txn, pending).await?;
    }
    txn.commit().await?;

    let mut rows = Vec::with_capacity(sirets.len());
    for chunk in sirets.chunks(1_000) {
        let found: Vec<(i64, String, CompanyActivity, Option<String>)> = company::Entity::find()
            .select_only()
            .columns([
                company::Column::Id,
                company::Column::Name,
                company::Column::Activity,
                company::Column::PlaceInsee,
            ])
            .filter(company::Column::Siret.is_in(chunk.to_vec()))
            .into_tuple()
            .all(db)
            .await?;
        rows.extend(
            found
                .into_iter()
                .filter_map(|(id, name, activity, place_insee)| {
                    Some(DemoCompany {
                        id,
                        name,
                        activity,
                        place_insee: place_insee?,
                    })
                }),
        );
    }
    rows.sort_by_key(|c| c.id);
    Ok((rows, created))
}

async fn insert_companies(
    txn: &sea_orm::DatabaseTransaction,
    rows: Vec<company::ActiveModel>,
) -> Result<u64, DomainError> {
    Ok(company::Entity::insert_many(rows)
        .on_conflict_do_nothing_on([company::Column::Siret])
        .exec_without_returning(txn)
        .await?
        .into_inner_or_zero())
}

trait OrZero {
    fn into_inner_or_zero(self) -> u64;
}

impl OrZero for sea_orm::TryInsertResult<u64> {
    fn into_inner_or_zero(self) -> u64 {
        match self {
            sea_orm::TryInsertResult::Inserted(n) => n,
            _ => 0,
        }
    }
}

fn demo_offer(
    rng: &mut ChaCha8Rng,
    index: u64,
    company: &DemoCompany,
    towns: &Towns,
    now: DateTime<Utc>,
) -> offer::ActiveModel {
    let family = *pick(rng, families_for(company.activity));
    let contract = *pick(rng, CONTRACT_MIX);
    // Most offers are at the company's address; a few at another site nearby.
    let place = towns
        .get(&company.place_insee)
        .filter(|_| rng.random_bool(0.9))
        .unwrap_or_else(|| towns.draw(rng));
    let title = offer_title(rng, family, contract);
    let (salary_min, salary_max, period) = salary(rng, family, contract);
    // The first demo offer is always a closed one, so that demos and browser
    // tests have an expired offer page at `/offres/1`.
    let age_days = if index == 0 {
        120
    } else {
        rng.random_range(0..120)
    };
    let published_at = now - Duration::days(age_days) - Duration::minutes(rng.random_range(0..600));
    let expires_at = published_at + Duration::days(OFFER_LIFETIME_DAYS);
    let status = if expires_at <= now {
        OfferStatus::Expired
    } else if rng.random_bool(0.02) {
        OfferStatus::Filled
    } else {
        OfferStatus::Published
    };
    let working_time = if rng.random_bool(0.9) {
        WorkingTime::FullTime
    } else {
        WorkingTime::PartTime
    };
    let show_contact = rng.random_bool(0.5);
    let contact_first = *pick(rng, FIRST_NAMES);
    let contact_last = *pick(rng, LAST_NAMES);
    offer::ActiveModel {
        id: NotSet,
        slug: Set(slugify(&title)),
        description_html: Set(description(
            rng,
            family,
            contract,
            &company.name,
            &place.name,
        )),
        title: Set(title),
        company_id: Set(Some(company.id)),
        recruiter_id: Set(None),
        job_family: Set(family),
        contract_type: Set(contract),
        contract_months: Set(match contract {
            ContractType::Cdd => Some(*pick(rng, &[3, 6, 6, 9, 12, 18])),
            ContractType::Interim => Some(*pick(rng, &[1, 2, 3, 6])),
            ContractType::Alternance => Some(*pick(rng, &[12, 24, 24, 36])),
            ContractType::Stage => Some(*pick(rng, &[2, 3, 4, 6])),
            ContractType::Cdi => None,
        }),
        working_time: Set(working_time),
        salary_min_cents: Set(Some(salary_min)),
        salary_max_cents: Set(Some(salary_max)),
        salary_period: Set(Some(period)),
        place_insee: Set(place.insee.clone()),
        department_code: Set(place.department_code.clone()),
        region_code: Set(place.region_code.clone()),
        start_date: Set(rng
            .random_bool(0.6)
            .then(|| (now + Duration::days(rng.random_range(7..60))).date_naive())),
        experience: Set(match contract {
            ContractType::Alternance | ContractType::Stage => Experience::Beginner,
            _ => *pick(rng, Experience::ALL),
        }),
        education: Set(*pick(
            rng,
            &[
                Education::Cap,
                Education::BacPro,
                Education::BacPro,
                Education::Bts,
                Education::NoDiploma,
            ],
        )),
        positions: Set(if rng.random_bool(0.85) {
            1
        } else {
            rng.random_range(2..5)
        }),
        show_contact: Set(show_contact),
        contact_name: Set(show_contact.then(|| format!("{contact_first} {contact_last}"))),
        contact_email: Set(show_contact.then(|| {
            format!(
                "{}.{}@exemple.fr",
                slugify(contact_first),
                slugify(contact_last)
            )
        })),
        contact_phone: Set(show_contact.then(|| phone(rng))),
        apply_method: Set(ApplyMethod::Portal),
        apply_email: Set(None),
        apply_url: Set(None),
        reference: Set(Some(format!("JTM-{:06}", index + 1))),
        status: Set(status),
        source: Set(OfferSource::Demo),
        source_id: Set(Some(index.to_string())),
        views: Set(rng.random_range(0..400)),
        published_at: Set(Some(published_at)),
        expires_at: Set(Some(expires_at)),
        created_at: Set(published_at),
        updated_at: Set(published_at),
        expiry_warned_at: Set(None),
        ..Default::default()
    }
}

fn pick<'a, T>(rng: &mut ChaCha8Rng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

fn phone(rng: &mut ChaCha8Rng) -> String {
    format!(
        "0{} {:02} {:02} {:02} {:02}",
        rng.random_range(1..6),
        rng.random_range(0..100),
        rng.random_range(0..100),
        rng.random_range(0..100),
        rng.random_range(0..100)
    )
}

const ACTIVITY_MIX: &[CompanyActivity] = &[
    CompanyActivity::Dealership,
    CompanyActivity::Dealership,
    CompanyActivity::Dealership,
    CompanyActivity::IndependentGarage,
    CompanyActivity::IndependentGarage,
    CompanyActivity::IndependentGarage,
    CompanyActivity::BodyShop,
    CompanyActivity::BodyShop,
    CompanyActivity::TechnicalInspection,
    CompanyActivity::HeavyVehicles,
    CompanyActivity::TwoWheelers,
    CompanyActivity::Rental,
    CompanyActivity::Parts,
    CompanyActivity::FastFit,
    CompanyActivity::Training,
];

const CONTRACT_MIX: &[ContractType] = &[
    ContractType::Cdi,
    ContractType::Cdi,
    ContractType::Cdi,
    ContractType::Cdi,
    ContractType::Cdi,
    ContractType::Cdd,
    ContractType::Interim,
    ContractType::Alternance,
    ContractType::Alternance,
    ContractType::Stage,
];

fn families_for(activity: CompanyActivity) -> &'static [JobFamily] {
    use JobFamily::*;
    match activity {
        CompanyActivity::Dealership => &[
            CarMechanics,
            CarMechanics,
            CarMechanics,
            VehicleSales,
            VehicleSales,
            WorkshopManagement,
            BodyRepair,
            SalesAssistant,
            Warehouse,
        ],
        CompanyActivity::IndependentGarage => &[
            CarMechanics,
            CarMechanics,
            CarMechanics,
            WorkshopManagement,
            BodyRepair,
        ],
        CompanyActivity::BodyShop => &[BodyRepair, BodyRepair, BodyRepair, WorkshopManagement],
        CompanyActivity::TechnicalInspection => &[CarMechanics, SalesAssistant],
        CompanyActivity::HeavyVehicles => &[
            CarMechanics,
            HeavyEquipment,
            HeavyEquipment,
            WorkshopManagement,
            Warehouse,
        ],
        CompanyActivity::TwoWheelers => &[MotorcycleRepair, MotorcycleRepair, VehicleSales],
        CompanyActivity::Rental => &[VehicleRental, VehicleRental, CarMechanics],
        CompanyActivity::Parts => &[Warehouse, Warehouse, TechnicalSales, SalesAssistant],
        CompanyActivity::FastFit => &[CarMechanics, CarMechanics, WorkshopManagement],
        CompanyActivity::Training => &[CarMechanics, BodyRepair, MotorcycleRepair],
    }
}

fn offer_title(rng: &mut ChaCha8Rng, family: JobFamily, contract: ContractType) -> String {
    use JobFamily::*;
    let jobs: &[&str] = match family {
        CarMechanics => &[
            "Mécanicien automobile",
            "Technicien après-vente automobile",
            "Technicien expert après-vente",
            "Mécanicien maintenance rapide",
            "Électromécanicien automobile",
            "Technicien véhicules électriques et hybrides",
            "Mécanicien poids lourds",
            "Contrôleur technique automobile",
        ],
        BodyRepair => &[
            "Carrossier-peintre",
            "Carrossier réparateur",
            "Peintre automobile",
            "Préparateur peinture",
            "Tôlier automobile",
        ],
        MotorcycleRepair => &[
            "Mécanicien motocycles",
            "Technicien cycles et vélos électriques",
            "Mécanicien deux-roues",
        ],
        HeavyEquipment => &[
            "Mécanicien engins de chantier",
            "Technicien machinisme agricole",
            "Mécanicien chariots élévateurs",
        ],
        WorkshopManagement => &[
            "Chef d'atelier automobile",
            "Réceptionnaire après-vente",
            "Conseiller service après-vente",
            "Responsable après-vente",
        ],
        VehicleSales => &[
            "Vendeur automobile VN/VO",
            "Conseiller commercial véhicules d'occasion",
            "Vendeur véhicules utilitaires",
            "Vendeur motos",
        ],
        VehicleRental => &[
            "Agent de location de véhicules",
            "Chargé de clientèle location",
        ],
        TechnicalSales => &[
            "Technico-commercial pièces automobiles",
            "Commercial itinérant équipements de garage",
        ],
        SalesAssistant => &[
            "Assistant commercial en concession",
            "Secrétaire après-vente",
            "Gestionnaire administratif VN/VO",
        ],
        Warehouse => &[
            "Magasinier pièces de rechange",
            "Magasinier vendeur pièces détachées",
            "Préparateur de commandes pièces auto",
        ],
    };
    let job = *pick(rng, jobs);
    match contract {
        ContractType::Alternance => format!("{job} en alternance H/F"),
        ContractType::Stage => format!("Stage – {job} H/F"),
        _ => format!("{job} H/F"),
    }
}

/// Gross salary ranges in cents, plausible for the sector in 2026.
fn salary(
    rng: &mut ChaCha8Rng,
    family: JobFamily,
    contract: ContractType,
) -> (i32, i32, SalaryPeriod) {
    use JobFamily::*;
    // SMIC mensuel brut for 35 hours a week (2025).
    const SMIC_MONTH: i32 = 180_180;
    match contract {
        ContractType::Alternance => {
            let min = *pick(rng, &[88_000, 96_000, 110_000, 128_000, 145_000]);
            (
                min,
                min + *pick(rng, &[0, 10_000, 20_000]),
                SalaryPeriod::Month,
            )
        }
        ContractType::Stage => (69_000, 69_000, SalaryPeriod::Month),
        ContractType::Interim => {
            let min = rng.random_range(1_210..1_600);
            (min, min + rng.random_range(0..250), SalaryPeriod::Hour)
        }
        _ => {
            let (low, high) = match family {
                CarMechanics | BodyRepair => (190_000, 280_000),
                MotorcycleRepair | VehicleRental | SalesAssistant | Warehouse => (185_000, 235_000),
                HeavyEquipment => (210_000, 300_000),
                WorkshopManagement => (250_000, 380_000),
                TechnicalSales | VehicleSales => (2_800_000, 4_500_000),
            };
            let period = if matches!(family, TechnicalSales | VehicleSales) {
                SalaryPeriod::Year
            } else {
                SalaryPeriod::Month
            };
            let step = if period == SalaryPeriod::Year {
                100_000
            } else {
                5_000
            };
            let min = (rng.random_range(low..high) / step * step).max(SMIC_MONTH);
            (min, min + step * rng.random_range(0..6), period)
        }
    }
}

fn description(
    rng: &mut ChaCha8Rng,
    family: JobFamily,
    contract: ContractType,
    company: &str,
    town: &str,
) -> String {
    use JobFamily::*;
    let missions: &[&str] = match family {
        CarMechanics | HeavyEquipment | MotorcycleRepair => &[
            "Réaliser l'entretien périodique des véhicules selon les préconisations constructeur",
            "Diagnostiquer les pannes mécaniques, électriques et électroniques avec la valise",
            "Remplacer les pièces d'usure : freinage, distribution, embrayage, amortisseurs",
            "Intervenir sur les systèmes de climatisation et de dépollution",
            "Contrôler la qualité de vos interventions avant restitution au client",
            "Renseigner les ordres de réparation et signaler les travaux complémentaires",
            "Participer à la préparation des véhicules neufs et d'occasion",
        ],
        BodyRepair => &[
            "Déposer, réparer ou remplacer les éléments de carrosserie endommagés",
            "Redresser les structures au marbre et contrôler les cotes",
            "Préparer les surfaces, appliquer apprêts, bases et vernis en cabine",
            "Réaliser les teintes à l'aide du logiciel colorimétrique",
            "Respecter les temps barémés et les procédures des assureurs",
        ],
        WorkshopManagement => &[
            "Accueillir les clients et établir les ordres de réparation",
            "Planifier le travail de l'atelier et suivre l'avancement des interventions",
            "Établir les devis et expliquer les travaux aux clients",
            "Animer une équipe de techniciens et veiller à la sécurité",
            "Suivre les indicateurs de productivité et de satisfaction client",
        ],
        VehicleSales | TechnicalSales => &[
            "Accueillir et conseiller les clients en showroom ou en clientèle",
            "Présenter les véhicules, réaliser les essais et les reprises",
            "Construire les propositions de financement et de services",
            "Suivre votre portefeuille clients et développer votre prospection",
            "Assurer la livraison des véhicules et le suivi après-vente",
        ],
        VehicleRental | SalesAssistant => &[
            "Accueillir la clientèle au comptoir et au téléphone",
            "Établir les contrats, les devis et les factures",
            "Gérer les dossiers administratifs : immatriculation, financement, garanties",
            "Organiser les départs et retours des véhicules",
            "Travailler en lien avec les équipes commerciales et l'atelier",
        ],
        Warehouse => &[
            "Réceptionner, contrôler et ranger les pièces détachées",
            "Préparer les commandes de l'atelier et des clients professionnels",
            "Conseiller les clients au comptoir sur les références adaptées",
            "Participer aux inventaires et à la gestion des stocks",
        ],
    };
    let profile: &[&str] = &[
        "Vous êtes rigoureux(se) et aimez le travail bien fait",
        "Vous avez le sens du service client",
        "Vous savez travailler en équipe",
        "Le permis B est souhaité",
        "Vous êtes à l'aise avec les outils numériques",
        "Vous êtes curieux(se) des nouvelles motorisations",
    ];
    let offer: &[&str] = &[
        "Mutuelle d'entreprise et titres-restaurant",
        "Formations constructeur régulières",
        "Outillage fourni et atelier bien équipé",
        "Primes sur objectifs",
        "Horaires du lundi au vendredi",
        "Comité social et économique",
        "Remise sur l'entretien de votre véhicule",
    ];
    let mut html = format!(
        "<p>{company}, entreprise des services de l'automobile à {town}, renforce son équipe{}.</p>",
        if contract == ContractType::Alternance {
            " et accompagne un(e) alternant(e) vers son diplôme"
        } else {
            ""
        }
    );
    for (heading, pool, count) in [
        ("Vos missions", missions, 4),
        ("Votre profil", profile, 3),
        ("Ce que nous offrons", offer, 3),
    ] {
        html.push_str(&format!("<h3>{heading}</h3><ul>"));
        let start = rng.random_range(0..pool.len());
        for k in 0..count.min(pool.len()) {
            html.push_str(&format!("<li>{}</li>", pool[(start + k) % pool.len()]));
        }
        html.push_str("</ul>");
    }
    html
}

fn company_name(rng: &mut ChaCha8Rng, activity: CompanyActivity, town: &place::Model) -> String {
    let surname = *pick(rng, LAST_NAMES);
    let town = &town.name;
    match activity {
        CompanyActivity::Dealership => match rng.random_range(0..3) {
            0 => format!("{town} Automobiles"),
            1 => format!("Espace Auto {town}"),
            _ => format!("Concession {surname} {town}"),
        },
        CompanyActivity::IndependentGarage => match rng.random_range(0..3) {
            0 => format!("Garage {surname}"),
            1 => format!(
                "Garage {} – {town}",
                pick(
                    rng,
                    &[
                        "du Centre",
                        "de la Gare",
                        "des Sports",
                        "du Pont",
                        "de la Vallée"
                    ]
                )
            ),
            _ => format!("Auto Services {surname}"),
        },
        CompanyActivity::BodyShop => format!("Carrosserie {surname}"),
        CompanyActivity::TechnicalInspection => format!("Contrôle Technique {town}"),
        CompanyActivity::HeavyVehicles => format!("{town} Poids Lourds Services"),
        CompanyActivity::TwoWheelers => format!("Moto Passion {town}"),
        CompanyActivity::Rental => format!("Loca'Auto {town}"),
        CompanyActivity::Parts => format!("Pièces Auto {surname}"),
        CompanyActivity::FastFit => format!("Rapid'Entretien {town}"),
        CompanyActivity::Training => format!("CFA des métiers de l'automobile de {town}"),
    }
}

fn company_description(
    rng: &mut ChaCha8Rng,
    name: &str,
    activity: CompanyActivity,
    town: &place::Model,
) -> String {
    let staff = rng.random_range(4..120);
    let since = rng.random_range(1962..2020);
    format!(
        "{name} ({}) accueille ses clients à {} depuis {since}. L'équipe de {staff} personnes \
         intervient sur tous types de véhicules et forme chaque année des apprentis.",
        activity.label().to_lowercase(),
        town.name
    )
}

const STREETS: &[&str] = &[
    "rue de la République",
    "avenue Jean Jaurès",
    "route nationale",
    "zone artisanale des Prés",
    "boulevard Victor Hugo",
    "rue de l'Industrie",
    "avenue de la Gare",
    "ZAC du Moulin",
];

const FIRST_NAMES: &[&str] = &[
    "Camille", "Nicolas", "Julie", "Thomas", "Sarah", "Karim", "Léa", "Mathieu", "Inès", "Julien",
    "Manon", "Yann", "Sophie", "Mehdi", "Claire", "Antoine",
];

const LAST_NAMES: &[&str] = &[
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefebvre",
    "Michel",
    "Garcia",
    "Roux",
    "Fournier",
    "Girard",
    "Bonnet",
    "Dupont",
    "Lambert",
    "Fontaine",
    "Rousseau",
    "Vincent",
    "Muller",
    "Faure",
    "Mercier",
    "Blanc",
    "Guerin",
    "Boyer",
    "Garnier",
    "Chevalier",
    "Perrin",
    "Morel",
    "Benali",
    "Nguyen",
];
