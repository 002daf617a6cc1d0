//! One import run: crawl the sector's offers, map each to an offer of the
//! portal, then write them — created, updated when what the portal shows
//! changed, and, only after a complete crawl, the offers France Travail no
//! longer lists retired (out of search and sitemap; their page says so).
//! A crawl that fails writes nothing: the catalogue stays as it was.

use super::client::{ApiError, Client, Settings};
use super::crawl::{Progress, crawl};
use super::mapping::{self, Placed, Unplaced};
use super::offer::ApiOffer;
use super::rome;
use crate::DomainError;
use crate::entity::{company, offer};
use crate::model::{
    ApplyMethod, ContractType, Education, Experience, JobFamily, OfferSource, OfferStatus,
    WorkingTime, slugify, text_to_html,
};
use crate::places::Directory;
use crate::search::SearchIndex;
use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect,
    TransactionTrait,
};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::time::{Duration, Instant};

/// Rows written per transaction (other writers wait at most one batch).
const BATCH: usize = 500;

/// What a run did, printed by the command and logged by the job.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    pub calls: u64,
    pub tokens: u64,
    pub read: u64,
    /// Offers the API counted but no slice reached: placed in no
    /// département (abroad, "France"), past the newest window — offers the
    /// import skips anyway, so their absence retires nothing it holds.
    pub unread: u64,
    pub duplicates: u64,
    pub splits: u64,
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub retired: u64,
    pub skipped: BTreeMap<Skip, u64>,
    pub took: Duration,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} appels ({} jetons), {} offres lues ({} non atteintes, {} doublons, {} découpages), {} créées, {} mises à jour, {} inchangées, {} retirées",
            self.calls,
            self.tokens,
            self.read,
            self.unread,
            self.duplicates,
            self.splits,
            self.created,
            self.updated,
            self.unchanged,
            self.retired
        )?;
        let skipped: u64 = self.skipped.values().sum();
        write!(f, ", {skipped} ignorées")?;
        if skipped > 0 {
            let reasons: Vec<String> = self
                .skipped
                .iter()
                .map(|(why, n)| format!("{why} : {n}"))
                .collect();
            write!(f, " ({})", reasons.join(", "))?;
        }
        write!(f, ", en {:.1} s", self.took.as_secs_f64())
    }
}

/// Why an offer read from the API is not in the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Skip {
    Abroad,
    Unplaced,
    OutsideSector,
    UnknownContract,
    NoApplyLink,
}

impl fmt::Display for Skip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Abroad => "à l'étranger",
            Self::Unplaced => "lieu inconnu",
            Self::OutsideSector => "code ROME hors secteur",
            Self::UnknownContract => "contrat inconnu",
            Self::NoApplyLink => "sans lien pour postuler",
        })
    }
}

/// Why a run stopped.
#[derive(Debug)]
pub enum ImportError {
    Api(ApiError),
    Domain(DomainError),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Api(e) => write!(f, "{e} — rien n'a été retiré du catalogue"),
            Self::Domain(e) => write!(f, "écriture du catalogue : {e:?}"),
        }
    }
}

impl std::error::Error for ImportError {}

impl From<ApiError> for ImportError {
    fn from(e: ApiError) -> Self {
        Self::Api(e)
    }
}

impl From<DomainError> for ImportError {
    fn from(e: DomainError) -> Self {
        Self::Domain(e)
    }
}

impl From<sea_orm::DbErr> for ImportError {
    fn from(e: sea_orm::DbErr) -> Self {
        Self::Domain(e.into())
    }
}

/// Runs one import: crawl, then write. The search index follows the change
/// feed at the end (other instances follow it on their own).
pub async fn run(
    db: &DatabaseConnection,
    search: Option<&SearchIndex>,
    settings: Settings,
    progress: &mut dyn Progress,
) -> Result<Report, ImportError> {
    let started = Instant::now();
    let mut client = Client::new(settings)?;
    let crawled = crawl(&mut client, &rome::codes(), progress).await;
    let mut report = Report {
        calls: client.calls,
        tokens: client.tokens,
        ..Report::default()
    };
    let crawled = crawled?;
    report.read = crawled.offers.len() as u64;
    report.unread = crawled.expected.saturating_sub(report.read);
    report.duplicates = crawled.duplicates;
    report.splits = crawled.splits;
    let places = Directory::load(db).await?;
    let employers = Employers::load(db).await?;
    let now = Utc::now();
    let mut rows = Vec::with_capacity(crawled.offers.len());
    for api in crawled.offers.values() {
        match imported(api, &places, &employers) {
            Ok(row) => rows.push(row),
            Err(why) => *report.skipped.entry(why).or_default() += 1,
        }
    }
    // A read that missed more than one offer in twenty is not trusted to
    // say which offers are gone (a slice the API answered oddly).
    let complete = report.unread * 20 <= crawled.expected && crawled.gaps == 0;
    if !complete {
        tracing::warn!(
            unread = report.unread,
            expected = crawled.expected,
            gaps = crawled.gaps,
            "France Travail read incomplete: nothing retired"
        );
    }
    store(db, rows, now, complete, &mut report).await?;
    if let Some(search) = search {
        search.follow(db).await?;
    }
    report.took = started.elapsed();
    Ok(report)
}

/// An offer of the API as the portal stores it.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub source_id: String,
    pub title: String,
    pub company_id: Option<i64>,
    pub employer_name: Option<String>,
    pub job_family: JobFamily,
    pub description_html: String,
    pub contract_type: ContractType,
    pub contract_months: Option<i32>,
    pub working_time: WorkingTime,
    pub salary: Option<mapping::StatedSalary>,
    pub place_insee: String,
    pub department_code: String,
    pub region_code: String,
    pub place_label: Option<String>,
    pub experience: Experience,
    pub education: Education,
    pub positions: i32,
    pub contact_name: Option<String>,
    pub contact_email: Option<String>,
    pub apply_url: String,
    pub created: Option<DateTime<Utc>>,
    pub updated: Option<DateTime<Utc>>,
}

impl Imported {
    /// What the portal shows of it, as a digest: equal digests, nothing to write.
    fn digest(&self) -> String {
        let text = format!("{self:?}");
        let hash = Sha256::digest(text.as_bytes());
        hash.iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// Portal companies an imported offer may belong to, by SIRET.
pub struct Employers {
    by_siret: HashMap<String, i64>,
}

impl Employers {
    pub async fn load(db: &impl ConnectionTrait) -> Result<Self, DomainError> {
        let rows: Vec<(i64, Option<String>)> = company::Entity::find()
            .select_only()
            .columns([company::Column::Id, company::Column::Siret])
            .filter(company::Column::Siret.is_not_null())
            .into_tuple()
            .all(db)
            .await?;
        Ok(Self {
            by_siret: rows
                .into_iter()
                .filter_map(|(id, siret)| Some((digits(&siret?), id)))
                .filter(|(siret, _)| siret.len() == 14)
                .collect(),
        })
    }

    fn company(&self, siret: Option<&str>) -> Option<i64> {
        self.by_siret.get(&digits(siret?)).copied()
    }
}

fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

/// Maps one offer of the API, or says why it stays out.
pub fn imported(
    api: &ApiOffer,
    places: &Directory,
    employers: &Employers,
) -> Result<Imported, Skip> {
    let job_family = rome::job_family(&api.rome_code).ok_or(Skip::OutsideSector)?;
    let contract_type = mapping::contract(api).ok_or(Skip::UnknownContract)?;
    let apply_url = mapping::apply_url(api).ok_or(Skip::NoApplyLink)?;
    let (insee, place_label) = match mapping::place(&api.lieu_travail, places) {
        Ok(Placed::Commune(insee)) => (insee, None),
        Ok(Placed::Department { code, seat }) => {
            let name = places.department_name(&code).unwrap_or(&code).to_owned();
            (seat, Some(name))
        }
        Err(Unplaced::Abroad) => return Err(Skip::Abroad),
        Err(Unplaced::Unknown) => return Err(Skip::Unplaced),
    };
    let commune = places.commune(&insee).ok_or(Skip::Unplaced)?;
    let company_id = employers.company(api.entreprise.siret.as_deref());
    let contact_email = mapping::contact_email(&api.contact);
    Ok(Imported {
        source_id: api.id.clone(),
        title: clip(api.intitule.trim(), 160),
        company_id,
        employer_name: company_id
            .is_none()
            .then(|| mapping::employer(api))
            .flatten()
            .map(|n| clip(&n, 200)),
        job_family,
        description_html: text_to_html(&api.description),
        contract_type,
        contract_months: mapping::contract_months(&api.type_contrat_libelle),
        working_time: mapping::working_time(api),
        salary: mapping::salary(api.salaire.libelle.as_deref()),
        place_insee: insee.clone(),
        department_code: commune.department_code.clone(),
        region_code: commune.region_code.clone(),
        place_label,
        experience: mapping::experience(api),
        education: mapping::education(&api.formations),
        positions: api.nombre_postes.unwrap_or(1).clamp(1, 999),
        contact_name: contact_email
            .is_some()
            .then(|| api.contact.nom.clone())
            .flatten()
            .map(|n| clip(n.trim(), 200)),
        contact_email: contact_email.map(|e| clip(&e, 254)),
        apply_url: clip(&apply_url, 500),
        created: api.date_creation.as_deref().and_then(parse_time),
        updated: api.date_actualisation.as_deref().and_then(parse_time),
    })
}

fn clip(text: &str, chars: usize) -> String {
    text.chars().take(chars).collect()
}

/// The API's times: UTC with a `Z`, with or without milliseconds.
fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text.trim())
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// What the catalogue already holds from France Travail.
struct Known {
    id: i64,
    digest: Option<String>,
    status: OfferStatus,
    /// Unpublished by moderation: the import leaves it alone.
    moderated: bool,
}

/// Writes a crawl: creates, updates, and — when `complete` — retires what
/// is gone.
pub async fn store(
    db: &DatabaseConnection,
    rows: Vec<Imported>,
    now: DateTime<Utc>,
    complete: bool,
    report: &mut Report,
) -> Result<(), DomainError> {
    let known: HashMap<String, Known> = offer::Entity::find()
        .select_only()
        .columns([
            offer::Column::SourceId,
            offer::Column::Id,
            offer::Column::SourceDigest,
            offer::Column::Status,
            offer::Column::Moderation,
        ])
        .filter(offer::Column::Source.eq(OfferSource::FranceTravail))
        .into_tuple::<(
            Option<String>,
            i64,
            Option<String>,
            OfferStatus,
            Option<crate::model::OfferModeration>,
        )>()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(source_id, id, digest, status, moderation)| {
            Some((
                source_id?,
                Known {
                    id,
                    digest,
                    status,
                    moderated: moderation.is_some(),
                },
            ))
        })
        .collect();
    let mut seen = std::collections::HashSet::with_capacity(rows.len());
    let mut writes = Vec::new();
    for row in rows {
        seen.insert(row.source_id.clone());
        let digest = row.digest();
        match known.get(&row.source_id) {
            Some(k)
                if k.moderated
                    || (k.digest.as_deref() == Some(&digest)
                        && k.status == OfferStatus::Published) =>
            {
                // An offer the team unpublished stays so whatever the source says.
                report.unchanged += 1;
            }
            Some(k) => {
                report.updated += 1;
                writes.push(active(row, digest, Some(k.id), now));
            }
            None => {
                report.created += 1;
                writes.push(active(row, digest, None, now));
            }
        }
    }
    for chunk in writes.chunks(BATCH) {
        let txn = db.begin().await?;
        for model in chunk {
            match model.id {
                Set(_) => {
                    offer::Entity::update(model.clone()).exec(&txn).await?;
                }
                _ => {
                    offer::Entity::insert(model.clone())
                        .exec_without_returning(&txn)
                        .await?;
                }
            }
        }
        txn.commit().await?;
    }
    let gone: Vec<i64> = known
        .iter()
        .filter(|_| complete)
        .filter(|(id, k)| k.status == OfferStatus::Published && !seen.contains(*id))
        .map(|(_, k)| k.id)
        .collect();
    for chunk in gone.chunks(BATCH) {
        let result = offer::Entity::update_many()
            .col_expr(
                offer::Column::Status,
                sea_orm::sea_query::Expr::value(OfferStatus::Expired),
            )
            .col_expr(
                offer::Column::UpdatedAt,
                sea_orm::sea_query::Expr::value(now),
            )
            .filter(offer::Column::Id.is_in(chunk.iter().copied()))
            .exec(db)
            .await?;
        report.retired += result.rows_affected;
    }
    Ok(())
}

fn active(
    row: Imported,
    digest: String,
    id: Option<i64>,
    now: DateTime<Utc>,
) -> offer::ActiveModel {
    // Without the API's creation date, an update keeps the first one.
    let published = match (row.created, id) {
        (Some(created), _) => Set(Some(created)),
        (None, None) => Set(Some(now)),
        (None, Some(_)) => NotSet,
    };
    offer::ActiveModel {
        id: id.map(Set).unwrap_or(NotSet),
        slug: Set(slugify(&row.title)),
        company_id: Set(row.company_id),
        recruiter_id: Set(None),
        employer_name: Set(row.employer_name),
        job_family: Set(row.job_family),
        description_html: Set(row.description_html),
        contract_type: Set(row.contract_type),
        contract_months: Set(row.contract_months),
        working_time: Set(row.working_time),
        salary_min_cents: Set(row.salary.map(|s| s.min_cents)),
        salary_max_cents: Set(row.salary.map(|s| s.max_cents)),
        salary_period: Set(row.salary.map(|s| s.period)),
        place_insee: Set(row.place_insee),
        department_code: Set(row.department_code),
        region_code: Set(row.region_code),
        place_label: Set(row.place_label),
        start_date: Set(None),
        experience: Set(row.experience),
        education: Set(row.education),
        positions: Set(row.positions),
        show_contact: Set(row.contact_email.is_some()),
        contact_name: Set(row.contact_name),
        contact_email: Set(row.contact_email),
        contact_phone: Set(None),
        apply_method: Set(ApplyMethod::External),
        apply_email: Set(None),
        apply_url: Set(Some(row.apply_url)),
        reference: Set(None),
        status: Set(OfferStatus::Published),
        source: Set(OfferSource::FranceTravail),
        source_id: Set(Some(row.source_id)),
        source_updated_at: Set(row.updated.or(row.created)),
        source_digest: Set(Some(digest)),
        moderation: Set(None),
        views: if id.is_some() { NotSet } else { Set(0) },
        published_at: published,
        expires_at: Set(None),
        created_at: if id.is_some() { NotSet } else { Set(now) },
        updated_at: Set(now),
        expiry_warned_at: NotSet,
        title: Set(row.title),
    }
}
